import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * `in_partnership` of a school in a cohort is derived from partnerships, so any partnership
 * confirmation, challenge or move touches that school-in-cohort row (ARCHITECTURE.md §2.6).
 */
export async function touchSchoolInCohort(em: EntityManager, schoolId: string, cohortId: string, at: Date): Promise<void> {
  await em.execute('update school_cohorts set updated_at = ? where school_id = ? and cohort_id = ?', [at, schoolId, cohortId]);
}
