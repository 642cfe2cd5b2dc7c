import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actingLeadProvider, requireAdmin } from '../../domain/auth/caller.js';
import type { ParticipantAction } from '../../domain/participants/participant-actions.service.js';
import { listParticipantActionAudits, type ParticipantActionAuditView } from '../../domain/participants/participant-action-audits.query.js';
import { runParticipantAction, type ParticipantActionCommand } from '../../domain/participants/participant-actions.service.js';
import { findEcfParticipant, type EcfParticipantView } from '../../domain/participants/participants.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput } from '../shared/inputs.js';
import { EcfParticipant } from './participant.type.js';
import {
  ChangeEcfParticipantScheduleInput,
  DeferEcfParticipantInput,
  ParticipantActionAudit,
  ResumeEcfParticipantInput,
  WithdrawEcfParticipantInput,
} from './participant-action.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (ECF programme).' } as const;
const ID_ARG = { description: 'The participant id; a retired id finds the participant that took it over.' } as const;
const RETURNS = ' Returns the participant as ecfParticipant shows it to the caller.';

type Attributes = Omit<ParticipantActionCommand, 'leadProviderId' | 'apiTokenId' | 'adminTokenId' | 'participantId' | 'rules'> & {
  rules?: ParticipantActionCommand['rules'] | null;
};

/** Lead-provider actions on an ECF participant's training records (ecf.md §3, rect.md §7.2–7.5). */
@Resolver(() => EcfParticipant)
export class ParticipantActionsResolver {
  @Mutation(() => EcfParticipant, { description: `Defer a training record the caller trains (a break in training).${RETURNS}` })
  deferEcfParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => DeferEcfParticipantInput, { description: 'The course and reason.' }) input: DeferEcfParticipantInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfParticipantView> {
    return act(ctx, 'defer', id, input, as);
  }

  @Mutation(() => EcfParticipant, { description: `Resume a deferred or withdrawn training record the caller trains.${RETURNS}` })
  resumeEcfParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => ResumeEcfParticipantInput, { description: 'The course.' }) input: ResumeEcfParticipantInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfParticipantView> {
    return act(ctx, 'resume', id, input, as);
  }

  @Mutation(() => EcfParticipant, { description: `Withdraw a training record the caller trains.${RETURNS}` })
  withdrawEcfParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => WithdrawEcfParticipantInput, { description: 'The course and reason.' }) input: WithdrawEcfParticipantInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfParticipantView> {
    return act(ctx, 'withdraw', id, input, as);
  }

  @Mutation(() => EcfParticipant, { description: `Move a training record the caller trains to another schedule, optionally in another cohort.${RETURNS}` })
  changeEcfParticipantSchedule(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => ChangeEcfParticipantScheduleInput, { description: 'The course, schedule and cohort.' }) input: ChangeEcfParticipantScheduleInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<EcfParticipantView> {
    return act(ctx, 'change_schedule', id, input, as);
  }

  @Query(() => [ParticipantActionAudit], { description: "Every audited lead-provider action on a participant's training records, oldest first (admin)." })
  ecfParticipantActionAudits(
    @Ctx() ctx: GraphContext,
    @Arg('participantId', () => ID, { description: 'The participant id (a retired id finds its successor).' }) participantId: string,
  ): Promise<ParticipantActionAuditView[]> {
    requireAdmin(ctx.caller);
    return listParticipantActionAudits(ctx.em, participantId);
  }
}

async function act(ctx: GraphContext, action: ParticipantAction, id: string, input: Attributes, as?: AsLeadProviderInput): Promise<EcfParticipantView> {
  const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
  const participantId = await runParticipantAction(ctx.em, ctx.clock, action, {
    leadProviderId,
    apiTokenId: ctx.caller.kind === 'lead_provider' ? ctx.caller.tokenId : null,
    adminTokenId: ctx.caller.kind === 'admin' ? ctx.caller.tokenId : null,
    participantId: id,
    rules: input.rules ?? 'ecf',
    courseIdentifier: input.courseIdentifier ?? null,
    reason: input.reason ?? null,
    scheduleIdentifier: input.scheduleIdentifier ?? null,
    cohort: input.cohort ?? null,
  });
  return (await findEcfParticipant(ctx.em, ctx.clock.now(), leadProviderId, participantId))!;
}
