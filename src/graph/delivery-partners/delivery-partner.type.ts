import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DeliveryPartnerView } from '../../domain/delivery-partners/delivery-partners.query.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';

export enum DeliveryPartnerSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
  name = 'name',
}
registerEnumType(DeliveryPartnerSortField, {
  name: 'DeliveryPartnerSortField',
  description: 'Fields delivery partners can be sorted by.',
  valuesConfig: {
    createdAt: { description: 'DeliveryPartner.createdAt' },
    updatedAt: { description: 'DeliveryPartner.updatedAt' },
    name: { description: 'DeliveryPartner.name' },
  },
});

export const DeliveryPartnerSortInput = sortInput('DeliveryPartnerSortInput', DeliveryPartnerSortField, 'delivery partners');
export type DeliveryPartnerSortInput = InstanceType<typeof DeliveryPartnerSortInput>;

@ObjectType({ description: 'A delivery partner the calling lead provider works with.', simpleResolvers: true })
export class DeliveryPartner implements DeliveryPartnerView {
  @Field(() => ID, { description: 'The delivery partner id (a UUID that never changes).' })
  id!: string;

  @Field({ description: "The delivery partner's name." })
  name!: string;

  @Field(() => [Int], { description: 'Start years in which the caller works with this partner (for the token programme).' })
  cohorts!: number[];

  @Field(() => DateTimeScalar, { description: 'When the delivery partner was created.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { description: 'When its name or its cohorts with the caller last changed.' })
  updatedAt!: string;
}

@ObjectType({ description: 'One page of delivery partners.', simpleResolvers: true })
export class DeliveryPartnerPage extends PageOf(DeliveryPartner, 'delivery partners') {}

@InputType('DeliveryPartnerFilterInput', { description: 'Filters of the delivery partners list.' })
export class DeliveryPartnerFilter {
  @Field(() => [Int], { nullable: true, description: 'Start years; omitted = every cohort after 2020; empty = none.' })
  cohorts?: number[];
}
