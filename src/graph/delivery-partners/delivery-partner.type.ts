import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { DeliveryPartnerView } from '../../domain/delivery-partners/delivery-partners.query.js';

@ObjectType({ description: 'A delivery partner the calling lead provider works with.', simpleResolvers: true })
export class DeliveryPartner implements DeliveryPartnerView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [Int], { description: 'Start years in which the caller works with this partner (for the token programme).' })
  cohorts!: number[];

  @Field({ description: 'RFC 3339 UTC' })
  createdAt!: string;

  @Field({ description: 'RFC 3339 UTC' })
  updatedAt!: string;
}

@InputType()
export class DeliveryPartnerFilter {
  @Field(() => [Int], { nullable: true, description: 'Start years; omitted = every cohort after 2020; empty = none.' })
  cohorts?: number[];
}
