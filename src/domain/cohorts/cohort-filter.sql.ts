import type { CohortFilter } from '../shared/list-query.js';
import { pgArray } from '../shared/sql.js';

/**
 * When no cohort filter is given, lists cover every cohort after 2020 (ecf.md §2.4).
 * Returns a SQL condition on `<alias>.start_year` and its parameters.
 */
export const DEFAULT_COHORT_AFTER = 2020;

export function cohortCondition(alias: string, cohorts: CohortFilter): { sql: string; params: unknown[] } {
  if (cohorts === undefined) return { sql: `${alias}.start_year > ?`, params: [DEFAULT_COHORT_AFTER] };
  return { sql: `${alias}.start_year = any(?::int[])`, params: [pgArray(cohorts)] };
}
