import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findPartnership, listPartnerships } from '../../domain/partnerships/partnerships.query.js';
import { createPartnership } from '../../domain/partnerships/create-partnership.service.js';
import { updatePartnership } from '../../domain/partnerships/update-partnership.service.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput, SortInput } from '../shared/inputs.js';
import { CreatePartnershipInput, Partnership, PartnershipFilterInput, UpdatePartnershipInput } from './partnership.type.js';

@Resolver(() => Partnership)
export class PartnershipsResolver {
  @Query(() => [Partnership])
  partnerships(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => PartnershipFilterInput, { nullable: true }) filter?: PartnershipFilterInput,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
    @Arg('sort', () => [SortInput], { nullable: true }) sort?: SortInput[],
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<Partnership[]> {
    const f = { cohorts: filter?.cohorts ?? undefined, deliveryPartnerIds: filter?.deliveryPartnerIds ?? undefined, updatedSince: filter?.updatedSince ?? undefined };
    return listPartnerships(ctx.em, actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, f, page ?? DEFAULT_PAGE, sort);
  }

  @Query(() => Partnership, { nullable: true })
  partnership(@Ctx() ctx: GraphContext, @Arg('id', () => ID) id: string, @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput): Promise<Partnership | null> {
    return findPartnership(ctx.em, actingLeadProvider(ctx.caller, 'ecf', as).leadProviderId, id);
  }

  @Mutation(() => Partnership, { description: 'Confirm a partnership with a school for a cohort (ECF lead providers).' })
  async createPartnership(
    @Ctx() ctx: GraphContext,
    @Arg('input', () => CreatePartnershipInput) input: CreatePartnershipInput,
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<Partnership> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    const id = await createPartnership(ctx.em, ctx.clock, { leadProviderId, ...input });
    return (await findPartnership(ctx.em, leadProviderId, id))!;
  }

  @Mutation(() => Partnership, { description: 'Move a partnership to another delivery partner.' })
  async updatePartnership(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdatePartnershipInput) input: UpdatePartnershipInput,
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<Partnership> {
    const { leadProviderId } = actingLeadProvider(ctx.caller, 'ecf', as);
    await updatePartnership(ctx.em, ctx.clock, { leadProviderId, partnershipId: id, deliveryPartnerId: input.deliveryPartnerId });
    return (await findPartnership(ctx.em, leadProviderId, id))!;
  }
}
