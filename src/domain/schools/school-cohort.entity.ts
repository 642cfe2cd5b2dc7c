import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const INDUCTION_PROGRAMME_CHOICES = [
  'full_induction_programme',
  'core_induction_programme',
  'design_our_own',
  'school_funded_fip',
  'no_early_career_teachers',
  'not_yet_known',
] as const;
export type InductionProgrammeChoice = (typeof INDUCTION_PROGRAMME_CHOICES)[number];

/**
 * The school as seen in one cohort: one row per (school, cohort), created for every pair so the
 * schools endpoint reads a single indexed table. `updatedAt` is the API `updated_at` of the school
 * in that cohort: it moves on any visible change (school fields, programme choice, `in_partnership`).
 */
export const SchoolCohortSchema = defineEntity({
  name: 'SchoolCohort',
  tableName: 'school_cohorts',
  properties: {
    id: p.uuid().primary(),
    schoolId: p.uuid(),
    cohortId: p.uuid(),
    inductionProgrammeChoice: p.enum(INDUCTION_PROGRAMME_CHOICES).default('not_yet_known'),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type SchoolCohort = InferEntity<typeof SchoolCohortSchema>;
