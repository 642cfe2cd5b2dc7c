import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { requireAdmin } from '../../domain/auth/caller.js';
import { findNpqApplication, type NpqApplicationView } from '../../domain/npq/npq-applications.query.js';
import { changeNpqApplicationEligibility, moveNpqApplication, submitNpqApplication } from '../../domain/npq/npq-registration.service.js';
import type { GraphContext } from '../shared/context.js';
import { NpqApplication } from './npq-application.type.js';
import { ChangeNpqEligibilityInput, SubmitNpqApplicationInput } from './npq-registration.types.js';

const ID_ARG = { description: 'The NPQ application id.' } as const;

/** The registration service's writes (issue 7 item 6): admin tokens only. Each answers the application as its provider sees it. */
@Resolver()
export class NpqRegistrationResolver {
  @Mutation(() => NpqApplication, {
    description: 'Submit an NPQ application for a person (found by id or email, else created); it starts pending with no schedule (admin).',
  })
  async submitNpqApplication(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => SubmitNpqApplicationInput, { description: 'The person, course, provider, cohort and registration answers.' })
    input: SubmitNpqApplicationInput,
  ): Promise<NpqApplicationView> {
    requireAdmin(ctx.caller);
    const { id, leadProviderId } = await submitNpqApplication(ctx.em, ctx.clock, { ...input });
    return (await findNpqApplication(ctx.em, leadProviderId, id))!;
  }

  @Mutation(() => NpqApplication, {
    description: "Change an NPQ application's eligibility and funding answers, and optionally its funded place (admin).",
  })
  async changeNpqApplicationEligibility(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => ChangeNpqEligibilityInput, { description: 'The answers to change; omitted ones keep their value.' }) input: ChangeNpqEligibilityInput,
  ): Promise<NpqApplicationView> {
    requireAdmin(ctx.caller);
    const moved = await changeNpqApplicationEligibility(ctx.em, ctx.clock, { ...input, applicationId: id });
    return (await findNpqApplication(ctx.em, moved.leadProviderId, moved.id))!;
  }

  @Mutation(() => NpqApplication, { description: 'Move an NPQ application, in any status, to another NPQ lead provider (admin).' })
  async moveNpqApplication(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('leadProviderId', () => ID, { description: 'The NPQ lead provider to move it to.' }) leadProviderId: string,
  ): Promise<NpqApplicationView> {
    requireAdmin(ctx.caller);
    const moved = await moveNpqApplication(ctx.em, ctx.clock, { applicationId: id, leadProviderId });
    return (await findNpqApplication(ctx.em, moved.leadProviderId, moved.id))!;
  }
}
