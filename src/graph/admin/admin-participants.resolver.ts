import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { requireAdmin } from '../../domain/auth/caller.js';
import {
  assignMentor,
  changeFundingEligibility,
  completeTraining,
  findAdminParticipant,
  mergeParticipants,
  recordSchoolMove,
  registerParticipant,
  type AdminParticipantView,
} from '../../domain/participants/admin-participants.service.js';
import type { GraphContext } from '../shared/context.js';
import {
  AdminParticipant,
  AssignEcfMentorInput,
  ChangeEcfFundingEligibilityInput,
  CompleteEcfTrainingInput,
  MergeEcfParticipantsInput,
  RecordEcfSchoolMoveInput,
  RegisterEcfParticipantInput,
} from './admin-participants.types.js';

const participant = async (ctx: GraphContext, id: string): Promise<AdminParticipantView> => (await findAdminParticipant(ctx.em, id))!;

/** Internal DfE operations on ECF participants (what the school-facing service does); every one needs an admin token. */
@Resolver()
export class AdminParticipantsResolver {
  @Mutation(() => AdminParticipant, {
    description: 'Register an ECT or mentor at a school in a cohort; the same TRN in the other role adds a training record (admin).',
  })
  async registerEcfParticipant(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => RegisterEcfParticipantInput, { description: 'The registration.' }) input: RegisterEcfParticipantInput,
  ) {
    requireAdmin(ctx.caller);
    return participant(ctx, await registerParticipant(ctx.em, ctx.clock, input, ctx.sandboxRules));
  }

  @Mutation(() => AdminParticipant, { description: 'Give an ECT a mentor from now, change it, or remove it; returns the ECT (admin).' })
  async assignEcfMentor(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => AssignEcfMentorInput, { description: 'The ECT and mentor.' }) input: AssignEcfMentorInput,
  ) {
    requireAdmin(ctx.caller);
    return participant(ctx, await assignMentor(ctx.em, ctx.clock, input));
  }

  @Mutation(() => AdminParticipant, { description: 'Record a participant leaving one school and joining another (a transfer) (admin).' })
  async recordEcfSchoolMove(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => RecordEcfSchoolMoveInput, { description: 'The move.' }) input: RecordEcfSchoolMoveInput,
  ) {
    requireAdmin(ctx.caller);
    return participant(ctx, await recordSchoolMove(ctx.em, ctx.clock, input));
  }

  @Mutation(() => AdminParticipant, { description: "Change a training record's funding eligibility (admin)." })
  async changeEcfFundingEligibility(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => ChangeEcfFundingEligibilityInput, { description: 'The new eligibility.' }) input: ChangeEcfFundingEligibilityInput,
  ) {
    requireAdmin(ctx.caller);
    return participant(ctx, await changeFundingEligibility(ctx.em, ctx.clock, input));
  }

  @Mutation(() => AdminParticipant, { description: "Complete an ECT's induction or end a mentor's funded training (admin)." })
  async completeEcfTraining(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => CompleteEcfTrainingInput, { description: 'The completion.' }) input: CompleteEcfTrainingInput,
  ) {
    requireAdmin(ctx.caller);
    return participant(ctx, await completeTraining(ctx.em, ctx.clock, input));
  }

  @Mutation(() => AdminParticipant, { description: 'Merge a duplicate participant into another; its id is retired and finds the survivor (admin).' })
  async mergeEcfParticipants(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => MergeEcfParticipantsInput, { description: 'The duplicate and the survivor.' }) input: MergeEcfParticipantsInput,
  ) {
    requireAdmin(ctx.caller);
    return participant(ctx, await mergeParticipants(ctx.em, ctx.clock, input));
  }
}
