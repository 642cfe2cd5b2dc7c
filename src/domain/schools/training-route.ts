import type { InductionProgrammeChoice } from './school-cohort.entity.js';

/** Who leads a school's training in a cohort, the name the v3 APIs use (ecf.md §7 `programme_type_changes_2025`). */
export type TrainingRoute = 'provider_led' | 'school_led' | 'no_early_career_teachers' | 'not_yet_known';

export const TRAINING_ROUTE: Record<InductionProgrammeChoice, TrainingRoute> = {
  full_induction_programme: 'provider_led',
  school_funded_fip: 'provider_led',
  core_induction_programme: 'school_led',
  design_our_own: 'school_led',
  no_early_career_teachers: 'no_early_career_teachers',
  not_yet_known: 'not_yet_known',
};

/** The same mapping as a SQL expression over an induction programme choice column. */
export function trainingRouteSql(column: string): string {
  return `case ${column} ${Object.entries(TRAINING_ROUTE)
    .map(([choice, route]) => `when '${choice}' then '${route}'`)
    .join(' ')} end`;
}
