import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const CHALLENGE_REASONS = ['another_provider', 'not_confirmed', 'do_not_recognise', 'no_ects', 'mistake'] as const;
export type ChallengeReason = (typeof CHALLENGE_REASONS)[number];

/**
 * School + lead provider + delivery partner + cohort (ecf.md §1.3). `relationship = true` rows
 * ("may train here, not confirmed") are hidden from the API. `updatedAt` is the API value: it also
 * moves when the school or the delivery partner changes in a way the partnership shows.
 */
export const PartnershipSchema = defineEntity({
  name: 'Partnership',
  tableName: 'partnerships',
  properties: {
    id: p.uuid().primary(),
    schoolId: p.uuid(),
    leadProviderId: p.uuid(),
    deliveryPartnerId: p.uuid(),
    cohortId: p.uuid(),
    challengedAt: p.datetime().nullable(),
    challengeReason: p.enum(CHALLENGE_REASONS).nullable(),
    challengeDeadline: p.datetime().nullable(),
    pending: p.boolean().default(false),
    relationship: p.boolean().default(false),
    reportId: p.uuid().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Partnership = InferEntity<typeof PartnershipSchema>;
