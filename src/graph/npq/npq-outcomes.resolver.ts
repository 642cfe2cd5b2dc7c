import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findNpqOutcome, listNpqOutcomes, listNpqParticipantOutcomes, type NpqOutcomeView } from '../../domain/npq/npq-outcomes.query.js';
import { createNpqOutcome } from '../../domain/npq/create-outcome.service.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import { CreateNpqOutcomeInput, NpqOutcome, NpqOutcomeFilterInput, NpqOutcomePage } from './npq-outcome.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (NPQ programme).' } as const;
const PAGE = { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' } as const;
const PARTICIPANT = { description: 'The participant id.' } as const;

@Resolver(() => NpqOutcome)
export class NpqOutcomesResolver {
  @Query(() => NpqOutcomePage, {
    description: 'The NPQ outcomes the caller submitted, for every participant; by createdAt, then id.',
    complexity: pagedListComplexity,
  })
  async npqOutcomes(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => NpqOutcomeFilterInput, { nullable: true, description: 'Which outcomes to list.' }) filter?: NpqOutcomeFilterInput,
    @Arg('page', () => PageInput, PAGE) page?: PageInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqOutcomePage> {
    const request = page ?? DEFAULT_PAGE;
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'npq', as);
    return pageResult(await listNpqOutcomes(ctx.em, leadProviderId, { createdSince: filter?.createdSince ?? undefined }, request), request);
  }

  @Query(() => NpqOutcomePage, {
    description: "One participant's NPQ outcomes submitted by the caller; NOT_FOUND unless the person is the caller's participant.",
    complexity: pagedListComplexity,
  })
  async npqParticipantOutcomes(
    @Ctx() ctx: GraphContext,
    @Arg('participantId', () => ID, PARTICIPANT) participantId: string,
    @Arg('page', () => PageInput, PAGE) page?: PageInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqOutcomePage> {
    const request = page ?? DEFAULT_PAGE;
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'npq', as);
    return pageResult(await listNpqParticipantOutcomes(ctx.em, leadProviderId, participantId, request), request);
  }

  @Mutation(() => NpqOutcome, {
    description: "Record a participant's outcome (passed or failed) for one of their courses; the same outcome sent again returns the existing one.",
  })
  async createNpqOutcome(
    @Ctx() ctx: GraphContext,
    @Arg('participantId', () => ID, PARTICIPANT) participantId: string,
    @Arg('input', () => CreateNpqOutcomeInput, { description: 'The course, state and completion date.' }) input: CreateNpqOutcomeInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqOutcomeView> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'npq', as);
    const id = await createNpqOutcome(ctx.em, ctx.clock, {
      leadProviderId,
      participantId,
      courseIdentifier: input.courseIdentifier,
      state: input.state,
      completionDate: input.completionDate,
    });
    return (await findNpqOutcome(ctx.em, id))!;
  }
}
