import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A delivery partner. Soft-deleted rows (`discardedAt`) are invisible everywhere (ecf.md §1.1). */
export const DeliveryPartnerSchema = defineEntity({
  name: 'DeliveryPartner',
  tableName: 'delivery_partners',
  properties: {
    id: p.uuid().primary(),
    name: p.string(),
    discardedAt: p.datetime().nullable(),
    createdAt: p.datetime(),
    /** Moves on rename and when a provider relationship is added or removed (its `cohort` list changes). */
    updatedAt: p.datetime(),
  },
});
export type DeliveryPartner = InferEntity<typeof DeliveryPartnerSchema>;
