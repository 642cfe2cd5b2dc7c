import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findEcfParticipant, listEcfParticipants, type EcfParticipantView } from '../../domain/participants/participants.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import { findRectParticipant, listRectParticipants, type RectParticipantView } from '../../domain/participants/rect-participants.query.js';
import { EcfParticipant, EcfParticipantFilterInput, EcfParticipantPage, EcfParticipantSortInput } from './participant.type.js';
import { RectParticipant, RectParticipantFilterInput, RectParticipantPage, RectParticipantSortInput } from './rect-participant.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (ECF programme).' } as const;

@Resolver(() => EcfParticipant)
export class ParticipantsResolver {
  @Query(() => EcfParticipantPage, {
    description: "The caller's ECF participants (one per person, with the training records it sees); by createdAt unless sorted.",
    complexity: pagedListComplexity,
  })
  async ecfParticipants(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => EcfParticipantFilterInput, { nullable: true, description: 'Which participants to list.' }) filter?: EcfParticipantFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('sort', () => [EcfParticipantSortInput], { nullable: true, description: 'Sort terms, applied in order.' }) sort?: EcfParticipantSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfParticipantPage> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const f = {
      cohorts: filter?.cohorts ?? undefined,
      updatedSince: filter?.updatedSince ?? undefined,
      trainingStatus: filter?.trainingStatus ?? undefined,
      fromParticipantId: filter?.fromParticipantId ?? undefined,
    };
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listEcfParticipants(ctx.em, ctx.clock.now(), leadProviderId, f, request, sort), request);
  }

  @Query(() => EcfParticipant, {
    nullable: true,
    description: 'One ECF participant the caller sees, by participant id (a retired id finds its successor); null otherwise.',
  })
  ecfParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The participant id.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfParticipantView | null> {
    return findEcfParticipant(ctx.em, ctx.clock.now(), actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id);
  }

  @Query(() => RectParticipantPage, {
    description: "The caller's participants in the RECT shape (one per person, with the training records it sees); by createdAt unless sorted.",
    complexity: pagedListComplexity,
  })
  async rectParticipants(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => RectParticipantFilterInput, { nullable: true, description: 'Which participants to list.' }) filter?: RectParticipantFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('sort', () => [RectParticipantSortInput], { nullable: true, description: 'Sort terms, applied in order.' }) sort?: RectParticipantSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<RectParticipantPage> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const f = {
      cohorts: filter?.cohorts ?? undefined,
      updatedSince: filter?.updatedSince ?? undefined,
      trainingStatus: filter?.trainingStatus ?? undefined,
      fromParticipantId: filter?.fromParticipantId ?? undefined,
    };
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listRectParticipants(ctx.em, ctx.clock.now(), leadProviderId, f, request, sort), request);
  }

  @Query(() => RectParticipant, {
    nullable: true,
    description: 'One participant the caller sees in the RECT shape, by participant id (a retired id finds its successor); null otherwise.',
  })
  rectParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The participant id.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<RectParticipantView | null> {
    return findRectParticipant(ctx.em, ctx.clock.now(), actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id);
  }
}
