import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * An API token, stored only as a keyed digest (ARCHITECTURE.md §2.10). A lead-provider token
 * belongs to one provider and one programme; an admin token unlocks internal operations.
 */
export const ApiTokenSchema = defineEntity({
  name: 'ApiToken',
  tableName: 'api_tokens',
  properties: {
    id: p.uuid().primary(),
    kind: p.enum(['lead_provider', 'admin'] as const),
    leadProviderId: p.uuid().nullable(),
    programme: p.enum(['ecf', 'npq'] as const).nullable(),
    /** HMAC-SHA256 hex digest of the token. */
    digest: p.string().unique(),
    description: p.string(),
    createdAt: p.datetime(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export type ApiToken = InferEntity<typeof ApiTokenSchema>;
