import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findNpqApplication, listNpqApplications, type NpqApplicationView } from '../../domain/npq/npq-applications.query.js';
import { acceptNpqApplication } from '../../domain/npq/accept-application.service.js';
import { rejectNpqApplication } from '../../domain/npq/reject-application.service.js';
import { changeNpqFundedPlace } from '../../domain/npq/change-funded-place.service.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import {
  AcceptNpqApplicationInput,
  ChangeNpqFundedPlaceInput,
  NpqApplication,
  NpqApplicationFilterInput,
  NpqApplicationPage,
  NpqApplicationSortInput,
} from './npq-application.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (NPQ programme).' } as const;
const ID_ARG = { description: 'The NPQ application id.' } as const;

@Resolver(() => NpqApplication)
export class NpqApplicationsResolver {
  @Query(() => NpqApplicationPage, {
    description: "The caller's NPQ applications in every status and cohort; by createdAt unless sorted.",
    complexity: pagedListComplexity,
  })
  async npqApplications(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => NpqApplicationFilterInput, { nullable: true, description: 'Which applications to list.' }) filter?: NpqApplicationFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('sort', () => [NpqApplicationSortInput], { nullable: true, description: 'Sort terms, applied in order.' }) sort?: NpqApplicationSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqApplicationPage> {
    const f = {
      cohorts: filter?.cohorts ?? undefined,
      participantIds: filter?.participantIds ?? undefined,
      updatedSince: filter?.updatedSince ?? undefined,
      statuses: filter?.statuses ?? undefined,
      afterId: filter?.afterId ?? undefined,
    };
    const request = page ?? DEFAULT_PAGE;
    return pageResult(await listNpqApplications(ctx.em, actingLeadProvider(ctx.caller, 'npq', as).leadProviderId, f, request, sort), request);
  }

  @Query(() => NpqApplication, { nullable: true, description: "One of the caller's NPQ applications by id; null if it is not the caller's." })
  npqApplication(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqApplicationView | null> {
    return findNpqApplication(ctx.em, actingLeadProvider(ctx.caller, 'npq', as).leadProviderId, id);
  }

  @Mutation(() => NpqApplication, {
    description: "Accept one of the caller's NPQ applications; the person's other applications for the course in the cohort are rejected.",
  })
  async acceptNpqApplication(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => AcceptNpqApplicationInput, { nullable: true, description: 'Funded place and schedule; both optional.' })
    input?: AcceptNpqApplicationInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqApplicationView> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'npq', as);
    await acceptNpqApplication(ctx.em, ctx.clock, {
      leadProviderId,
      applicationId: id,
      fundedPlace: input?.fundedPlace,
      scheduleIdentifier: input?.scheduleIdentifier,
    });
    return (await findNpqApplication(ctx.em, leadProviderId, id))!;
  }

  @Mutation(() => NpqApplication, { description: "Reject one of the caller's NPQ applications (pending or accepted)." })
  async rejectNpqApplication(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqApplicationView> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'npq', as);
    await rejectNpqApplication(ctx.em, ctx.clock, { leadProviderId, applicationId: id });
    return (await findNpqApplication(ctx.em, leadProviderId, id))!;
  }

  @Mutation(() => NpqApplication, {
    description: "Change the funded place of one of the caller's accepted NPQ applications (cohorts with capped funding only).",
  })
  async changeNpqFundedPlace(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, ID_ARG) id: string,
    @Arg('input', () => ChangeNpqFundedPlaceInput, { nullable: true, description: 'The new funded place.' }) input?: ChangeNpqFundedPlaceInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<NpqApplicationView> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'npq', as);
    await changeNpqFundedPlace(ctx.em, ctx.clock, { leadProviderId, applicationId: id, fundedPlace: input?.fundedPlace });
    return (await findNpqApplication(ctx.em, leadProviderId, id))!;
  }
}
