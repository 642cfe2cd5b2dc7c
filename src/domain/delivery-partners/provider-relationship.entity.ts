import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * "This lead provider may work with this delivery partner in this cohort, for this programme"
 * (ECF ProviderRelationship, NPQ delivery partnership). Gates partnership create/update and the
 * delivery-partners endpoint.
 */
export const ProviderRelationshipSchema = defineEntity({
  name: 'ProviderRelationship',
  tableName: 'provider_relationships',
  properties: {
    id: p.uuid().primary(),
    leadProviderId: p.uuid(),
    deliveryPartnerId: p.uuid(),
    cohortId: p.uuid(),
    programme: p.enum(['ecf', 'npq'] as const),
    discardedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type ProviderRelationship = InferEntity<typeof ProviderRelationshipSchema>;
