import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findPartnership, listPartnerships, type PartnershipShape, type PartnershipView } from '../../domain/partnerships/partnerships.query.js';
import { createPartnership } from '../../domain/partnerships/create-partnership.service.js';
import { updatePartnership } from '../../domain/partnerships/update-partnership.service.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import {
  CreatePartnershipInput,
  Partnership,
  PartnershipFilterInput,
  PartnershipPage,
  PARTNERSHIP_SHAPE_ARG,
  PartnershipShapeEnum,
  PartnershipSortInput,
  UpdatePartnershipInput,
} from './partnership.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider to act as (ECF programme).' } as const;

@Resolver(() => Partnership)
export class PartnershipsResolver {
  @Query(() => PartnershipPage, {
    description: "The caller's confirmed partnerships, challenged ones included; by createdAt unless sorted.",
    complexity: pagedListComplexity,
  })
  async partnerships(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => PartnershipFilterInput, { nullable: true, description: 'Which partnerships to list.' }) filter?: PartnershipFilterInput,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('sort', () => [PartnershipSortInput], { nullable: true, description: 'Sort terms, applied in order.' }) sort?: PartnershipSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
    @Arg('shape', () => PartnershipShapeEnum, PARTNERSHIP_SHAPE_ARG) shape?: PartnershipShape | null,
  ): Promise<PartnershipPage> {
    const f = {
      cohorts: filter?.cohorts ?? undefined,
      deliveryPartnerIds: filter?.deliveryPartnerIds ?? undefined,
      updatedSince: filter?.updatedSince ?? undefined,
    };
    const request = page ?? DEFAULT_PAGE;
    const leadProviderId = actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId;
    return pageResult(await listPartnerships(ctx.em, ctx.clock.now(), leadProviderId, f, request, sort, shape ?? 'ecf'), request);
  }

  @Query(() => Partnership, { nullable: true, description: "One of the caller's partnerships by id; null if it is not the caller's." })
  partnership(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The partnership id.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
    @Arg('shape', () => PartnershipShapeEnum, PARTNERSHIP_SHAPE_ARG) shape?: PartnershipShape | null,
  ): Promise<PartnershipView | null> {
    return findPartnership(ctx.em, ctx.clock.now(), actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id, shape ?? 'ecf');
  }

  @Mutation(() => Partnership, { description: 'Confirm a partnership with a school for a cohort (ECF lead providers).' })
  async createPartnership(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => CreatePartnershipInput, { description: 'The partnership to confirm.' }) input: CreatePartnershipInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
    @Arg('shape', () => PartnershipShapeEnum, PARTNERSHIP_SHAPE_ARG) shape?: PartnershipShape | null,
  ): Promise<PartnershipView> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    // The domain checks the cohort as the provider typed it (a 4-digit year); GraphQL has already made it an Int.
    const cohort = input.cohort === null || input.cohort === undefined ? input.cohort : String(input.cohort);
    const id = await createPartnership(ctx.em, ctx.clock, {
      leadProviderId,
      cohort,
      schoolId: input.schoolId,
      deliveryPartnerId: input.deliveryPartnerId,
      refuseSchoolLed: input.refuseSchoolLed ?? false,
    });
    return (await findPartnership(ctx.em, ctx.clock.now(), leadProviderId, id, shape ?? 'ecf'))!;
  }

  @Mutation(() => Partnership, { description: 'Move a partnership to another delivery partner.' })
  async updatePartnership(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The partnership id.' }) id: string,
    @Arg('input', () => UpdatePartnershipInput, { description: 'The changes.' }) input: UpdatePartnershipInput,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
    @Arg('shape', () => PartnershipShapeEnum, PARTNERSHIP_SHAPE_ARG) shape?: PartnershipShape | null,
  ): Promise<PartnershipView> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    await updatePartnership(ctx.em, ctx.clock, { leadProviderId, partnershipId: id, deliveryPartnerId: input.deliveryPartnerId });
    return (await findPartnership(ctx.em, ctx.clock.now(), leadProviderId, id, shape ?? 'ecf'))!;
  }
}
