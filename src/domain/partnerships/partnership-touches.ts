import type { EntityManager } from '@mikro-orm/postgresql';
import type { Touched } from '../shared/write-stamp.js';
import { refreshSchoolCohortProjection, schoolCohortIds } from '../schools/school-projection.js';

/**
 * `in_partnership`, the schools list's visibility and RECT's `expression_of_interest` of a school in a cohort
 * follow its partnerships, so any partnership confirmation, challenge or move re-projects that
 * school-in-cohort row and marks it for the commit stamp (ARCHITECTURE.md §2.6).
 */
export async function touchSchoolInCohort(em: EntityManager, touched: Touched, schoolId: string, cohortId: string): Promise<void> {
  await refreshSchoolCohortProjection(em, { schoolIds: [schoolId], cohortIds: [cohortId] });
  touched.add('school_cohorts', ...(await schoolCohortIds(em, schoolId, [cohortId])));
}
