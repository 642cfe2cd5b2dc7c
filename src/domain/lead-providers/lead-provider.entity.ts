import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Programme } from '../shared/programme.js';

/** A lead provider and the programmes (ECF, NPQ or both) it delivers (ARCHITECTURE.md §2.2). */
export const LeadProviderSchema = defineEntity({
  name: 'LeadProvider',
  tableName: 'lead_providers',
  properties: {
    id: p.uuid().primary(),
    name: p.string().unique(),
    programmes: p.array<Programme>(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type LeadProvider = InferEntity<typeof LeadProviderSchema>;
