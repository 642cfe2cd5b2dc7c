import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { actingLeadProvider } from '../../domain/auth/caller.js';
import { findDeliveryPartner, listDeliveryPartners, type DeliveryPartnerView } from '../../domain/delivery-partners/delivery-partners.query.js';
import type { GraphContext } from '../shared/context.js';
import { AsLeadProviderInput, DEFAULT_PAGE, PageInput } from '../shared/inputs.js';
import { pagedListComplexity, pageResult } from '../shared/page.js';
import { DeliveryPartner, DeliveryPartnerFilter, DeliveryPartnerPage, DeliveryPartnerSortInput } from './delivery-partner.type.js';

const AS = { nullable: true, description: 'Admin tokens only: the lead provider and programme to act as.' } as const;

@Resolver(() => DeliveryPartner)
export class DeliveryPartnersResolver {
  @Query(() => DeliveryPartnerPage, {
    description: "The caller's delivery partners for its token's programme; by createdAt (ECF) or name (NPQ) unless sorted.",
    complexity: pagedListComplexity,
  })
  async deliveryPartners(
    @Ctx() ctx: GraphContext,
    @Arg('filter', () => DeliveryPartnerFilter, { nullable: true, description: 'Which delivery partners to list.' }) filter?: DeliveryPartnerFilter,
    @Arg('page', () => PageInput, { nullable: true, description: 'Which page; 100 rows of page 1 when omitted.' }) page?: PageInput,
    @Arg('sort', () => [DeliveryPartnerSortInput], { nullable: true, description: 'Sort terms, applied in order.' }) sort?: DeliveryPartnerSortInput[],
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<DeliveryPartnerPage> {
    const request = page ?? DEFAULT_PAGE;
    return pageResult(
      await listDeliveryPartners(ctx.em, actingLeadProvider(ctx.caller, undefined, as), { cohorts: filter?.cohorts ?? undefined }, request, sort),
      request,
    );
  }

  @Query(() => DeliveryPartner, { nullable: true, description: "One of the caller's delivery partners by id; null if the caller does not work with it." })
  deliveryPartner(
    @Ctx() ctx: GraphContext,
    @Arg('id', () => ID, { description: 'The delivery partner id.' }) id: string,
    @Arg('as', () => AsLeadProviderInput, AS) as?: AsLeadProviderInput,
  ): Promise<DeliveryPartnerView | null> {
    return findDeliveryPartner(ctx.em, actingLeadProvider(ctx.caller, undefined, as), id);
  }
}
