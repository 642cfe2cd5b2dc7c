import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findParticipantTransfers, listParticipantTransfers, type ParticipantTransfersView } from '../../domain/participants/transfers.query.js';
import { findUnfundedMentor, listUnfundedMentors, type UnfundedMentorView } from '../../domain/participants/unfunded-mentors.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import {
  ParticipantTransfers,
  ParticipantTransfersFilterInput,
  ParticipantTransfersPage,
  ParticipantTransfersSortInput,
  UnfundedMentor,
  UnfundedMentorFilterInput,
  UnfundedMentorPage,
  UnfundedMentorSortInput,
} from './listings.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (ECF programme).' } as const;
const PAGE = { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' } as const;
const SORT = { nullable: true, description: 'Sort terms, applied in order.' } as const;

@Resolver(() => ParticipantTransfers)
export class ParticipantTransfersResolver {
  @Query(() => ParticipantTransfersPage, {
    description: "The caller's participants with transfers (one per person, with the transfers it sees); by the participant's createdAt unless sorted.",
    complexity: pagedListComplexity,
  })
  async participantTransfers(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => ParticipantTransfersFilterInput, { nullable: true, description: 'Which participants to list.' })
    filter?: ParticipantTransfersFilterInput,
    @Arg('page', () => PageInput, PAGE) page?: PageInput,
    @Arg('sort', () => [ParticipantTransfersSortInput], SORT) sort?: ParticipantTransfersSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<ParticipantTransfersPage> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const request = page ?? DEFAULT_PAGE;
    const f = { updatedSince: filter?.updatedSince ?? undefined };
    return pageResult(await listParticipantTransfers(ctx.em, ctx.clock.now(), leadProviderId, f, request, sort), request);
  }

  @Query(() => ParticipantTransfers, { nullable: true, description: "One participant's transfers the caller sees, by participant id; null when it sees none." })
  participantTransfer(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The participant id.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<ParticipantTransfersView | null> {
    return findParticipantTransfers(ctx.em, ctx.clock.now(), actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id);
  }
}

@Resolver(() => UnfundedMentor)
export class UnfundedMentorsResolver {
  @Query(() => UnfundedMentorPage, {
    description: "Mentors of the caller's ECTs who do not train with the caller; by the participant's createdAt unless sorted.",
    complexity: pagedListComplexity,
  })
  async unfundedMentors(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => UnfundedMentorFilterInput, { nullable: true, description: 'Which mentors to list.' }) filter?: UnfundedMentorFilterInput,
    @Arg('page', () => PageInput, PAGE) page?: PageInput,
    @Arg('sort', () => [UnfundedMentorSortInput], SORT) sort?: UnfundedMentorSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<UnfundedMentorPage> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listUnfundedMentors(ctx.em, leadProviderId, { updatedSince: filter?.updatedSince ?? undefined }, request, sort), request);
  }

  @Query(() => UnfundedMentor, { nullable: true, description: 'One unfunded mentor of the caller, by participant id; null otherwise.' })
  unfundedMentor(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: "The mentor's participant id." }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<UnfundedMentorView | null> {
    return findUnfundedMentor(ctx.em, actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id);
  }
}
