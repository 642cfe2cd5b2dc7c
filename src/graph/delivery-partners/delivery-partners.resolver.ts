import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findDeliveryPartner, listDeliveryPartners } from '../../domain/delivery-partners/delivery-partners.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput, SortInput } from '../shared/inputs.js';
import { DeliveryPartner, DeliveryPartnerFilter } from './delivery-partner.type.js';

@Resolver(() => DeliveryPartner)
export class DeliveryPartnersResolver {
  @Query(() => [DeliveryPartner], { description: "The caller's delivery partners for its token's programme." })
  deliveryPartners(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => DeliveryPartnerFilter, { nullable: true }) filter?: DeliveryPartnerFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
    @Arg('sort', () => [SortInput], { nullable: true }) sort?: SortInput[],
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<DeliveryPartner[]> {
    return listDeliveryPartners(ctx.em, actingLeadProvider(ctx.caller, undefined, as), { cohorts: filter?.cohorts ?? undefined }, page ?? DEFAULT_PAGE, sort);
  }

  @Query(() => DeliveryPartner, { nullable: true })
  deliveryPartner(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID) id: string,
    @Arg('as', () => AsLeadProviderInput, { nullable: true }) as?: AsLeadProviderInput,
  ): Promise<DeliveryPartner | null> {
    return findDeliveryPartner(ctx.em, actingLeadProvider(ctx.caller, undefined, as), id);
  }
}
