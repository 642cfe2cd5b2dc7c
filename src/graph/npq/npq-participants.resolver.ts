import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import {
  findNpqParticipant,
  findRetiredNpqParticipantId,
  listNpqParticipants,
  type NpqParticipantView,
  type NpqRetiredParticipantIdView,
} from '../../domain/npq/npq-participants.query.js';
import {
  changeNpqParticipantSchedule,
  deferNpqParticipant,
  resumeNpqParticipant,
  withdrawNpqParticipant,
  type NpqParticipantActionTarget,
} from '../../domain/npq/npq-participant-actions.service.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import {
  ChangeNpqParticipantScheduleInput,
  NpqParticipant,
  NpqParticipantActionInput,
  NpqParticipantFilterInput,
  NpqParticipantPage,
  NpqParticipantSortInput,
  NpqRetiredParticipantId,
} from './npq-participant.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (NPQ programme).' } as const;
const ID_ARG = { description: 'The participant id.' } as const;
const ACTION = { nullable: true, description: 'The course (and, for defer and withdraw, the reason).' } as const;

@Resolver(() => NpqParticipant)
export class NpqParticipantsResolver {
  @Query(() => NpqParticipantPage, {
    description: "The caller's NPQ participants (people with an application it accepted); by the person's createdAt unless sorted.",
    complexity: pagedListComplexity,
  })
  async npqParticipants(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => NpqParticipantFilterInput, { nullable: true, description: 'Which participants to list.' }) filter?: NpqParticipantFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('sort', () => [NpqParticipantSortInput], { nullable: true, description: 'Sort terms, applied in order.' }) sort?: NpqParticipantSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqParticipantPage> {
    const f = {
      updatedSince: filter?.updatedSince ?? undefined,
      trainingStatus: filter?.trainingStatus ?? undefined,
      fromParticipantId: filter?.fromParticipantId ?? undefined,
    };
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listNpqParticipants(ctx.em, actingLeadProvider(ctx.caller, 'npq', as).leadProviderId, f, request, sort), request);
  }

  @Query(() => NpqParticipant, {
    nullable: true,
    description: "One of the caller's NPQ participants by participant id; null otherwise (a retired id included).",
  })
  npqParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqParticipantView | null> {
    return findNpqParticipant(ctx.em, actingLeadProvider(ctx.caller, 'npq', as).leadProviderId, id);
  }

  @Query(() => NpqRetiredParticipantId, {
    nullable: true,
    description: 'The NPQ participant id that replaced a retired one, whichever provider asks (v3 answers 410 for it); null if the id is not retired.',
  })
  npqRetiredParticipantId(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'A participant id that may have been retired.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqRetiredParticipantIdView | null> {
    actingLeadProvider(ctx.caller, 'npq', as);
    return findRetiredNpqParticipantId(ctx.em, id);
  }

  @Mutation(() => NpqParticipant, { description: "Defer one of the participant's enrolments with the caller (npq.md §4.3)." })
  async deferNpqParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => NpqParticipantActionInput, ACTION) input?: NpqParticipantActionInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqParticipantView> {
    const target = this.target(ctx, id, input, as);
    await deferNpqParticipant(ctx.em, ctx.clock, { ...target, reason: input?.reason ?? null });
    return (await findNpqParticipant(ctx.em, target.leadProviderId, id))!;
  }

  @Mutation(() => NpqParticipant, { description: "Resume one of the participant's deferred or withdrawn enrolments with the caller (npq.md §4.4)." })
  async resumeNpqParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => NpqParticipantActionInput, ACTION) input?: NpqParticipantActionInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqParticipantView> {
    const target = this.target(ctx, id, input, as);
    await resumeNpqParticipant(ctx.em, ctx.clock, target);
    return (await findNpqParticipant(ctx.em, target.leadProviderId, id))!;
  }

  @Mutation(() => NpqParticipant, { description: "Withdraw one of the participant's enrolments with the caller (npq.md §4.5)." })
  async withdrawNpqParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => NpqParticipantActionInput, ACTION) input?: NpqParticipantActionInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqParticipantView> {
    const target = this.target(ctx, id, input, as);
    await withdrawNpqParticipant(ctx.em, ctx.clock, { ...target, reason: input?.reason ?? null });
    return (await findNpqParticipant(ctx.em, target.leadProviderId, id))!;
  }

  @Mutation(() => NpqParticipant, { description: "Move one of the participant's enrolments with the caller to another schedule or cohort (npq.md §4.6)." })
  async changeNpqParticipantSchedule(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => ChangeNpqParticipantScheduleInput, { nullable: true, description: 'The course, the new schedule and optionally the cohort.' })
    input?: ChangeNpqParticipantScheduleInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqParticipantView> {
    const target = this.target(ctx, id, input, as);
    await changeNpqParticipantSchedule(ctx.em, ctx.clock, { ...target, scheduleIdentifier: input?.scheduleIdentifier ?? null, cohort: input?.cohort ?? null });
    return (await findNpqParticipant(ctx.em, target.leadProviderId, id))!;
  }

  private target(ctx: GraphContext, id: string, input: { courseIdentifier?: string | null } | undefined, as?: AsLeadProviderInput): NpqParticipantActionTarget {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'npq', as);
    const apiTokenId = ctx.caller.kind === 'anonymous' ? null : ctx.caller.tokenId;
    return { leadProviderId, apiTokenId, participantId: id, courseIdentifier: input?.courseIdentifier ?? null };
  }
}
