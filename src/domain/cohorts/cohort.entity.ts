import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A cohort (ECF) / cohort start year (NPQ): the year training starts. The API renders it as a
 * string of `startYear` (ecf.md §1.2). Flags drive later rules: `paymentsFrozenAt`,
 * `mentorFunding` and `detailedEvidenceTypes` (2025 onwards).
 */
export const CohortSchema = defineEntity({
  name: 'Cohort',
  tableName: 'cohorts',
  properties: {
    id: p.uuid().primary(),
    startYear: p.integer().unique(),
    registrationStartDate: p.date(),
    academicYearStartDate: p.date(),
    automaticAssignmentPeriodEndDate: p.date().nullable(),
    paymentsFrozenAt: p.datetime().nullable(),
    mentorFunding: p.boolean().default(false),
    detailedEvidenceTypes: p.boolean().default(false),
    /** NPQ funding model for the year (npq.md §1.2). */
    npqFunding: p.enum(['zero', 'capped', 'full'] as const).default('full'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Cohort = InferEntity<typeof CohortSchema>;
