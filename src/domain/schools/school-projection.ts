import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../shared/sql.js';
import { eligibleSql } from './school-eligibility.js';

/**
 * The schools list reads only `school_cohorts` columns for its filter and order (README "Reads at scale"):
 * `api_visible` (every provider sees an eligible school, or one already in partnership: ecf.md §7),
 * `in_partnership`, and copies of the school's created_at, name and URN for the list orders; and RECT's
 * participant-dependent facts (rect.md §3.3): `rect_training_route` (`induction_programme_choice`: provider_led
 * if a mentor trains there in the cohort or an ECT trains with a provider, school_led if only school-led ECTs do,
 * else not_yet_known) and `eoi_lead_provider_ids` (the providers for which `expression_of_interest` is true: a
 * partnership, or a training period in one, at the school in the cohort; once set it stays).
 *
 * Every write that changes a partnership's challenge state, a school's GIAS fields, a training period (through
 * `refreshParticipantProjection`), or adds school-in-cohort rows calls this in its own transaction for the rows it
 * affects (and `npm run seed` for all rows), so the projection is never stale. Returns the ids of the rows whose
 * projected values changed.
 */
export async function refreshSchoolCohortProjection(em: EntityManager, where: { schoolIds?: string[]; cohortIds?: string[] } = {}): Promise<string[]> {
  const conditions = ['s.id = sc.school_id'];
  const params: unknown[] = [];
  if (where.schoolIds) {
    conditions.push('sc.school_id = any(?::uuid[])');
    params.push(pgArray(where.schoolIds));
  }
  if (where.cohortIds) {
    conditions.push('sc.cohort_id = any(?::uuid[])');
    params.push(pgArray(where.cohortIds));
  }
  const rows = await em.execute<{ id: string }[]>(
    `with fresh as (
       select sc.id, s.created_at, s.name, s.urn,
              exists (select 1 from partnerships p where p.school_id = sc.school_id and p.cohort_id = sc.cohort_id
                        and p.challenged_at is null and p.challenge_reason is null) as in_partnership,
              ${eligibleSql('s')}
                or exists (select 1 from partnerships p where p.school_id = sc.school_id and p.cohort_id = sc.cohort_id
                             and p.relationship = false and p.challenged_at is null and p.challenge_reason is null) as api_visible,
              coalesce(t.route, 'not_yet_known') as rect_training_route,
              array(select distinct x from unnest(sc.eoi_lead_provider_ids || t.providers ||
                      array(select p.lead_provider_id from partnerships p
                             where p.school_id = sc.school_id and p.cohort_id = sc.cohort_id and p.relationship = false)) x
                     where x is not null order by x) as eoi_lead_provider_ids
         from school_cohorts sc
         join schools s on ${conditions.join(' and ')}
         left join lateral (
           select case when count(*) = 0 then null when bool_or(tr.participant_type = 'mentor') or bool_or(tp.partnership_id is not null) then 'provider_led' else 'school_led' end as route,
                  array_agg(pt.lead_provider_id) as providers
             from training_periods tp
             join training_records tr on tr.id = tp.training_record_id
             left join partnerships pt on pt.id = tp.partnership_id
            where tp.school_id = sc.school_id and tp.cohort_id = sc.cohort_id) t on true
     )
     update school_cohorts sc
        set school_created_at = f.created_at, school_name = f.name, school_urn = f.urn,
            in_partnership = f.in_partnership, api_visible = f.api_visible,
            rect_training_route = f.rect_training_route, eoi_lead_provider_ids = f.eoi_lead_provider_ids
       from fresh f
      where sc.id = f.id
        and (sc.school_created_at is distinct from f.created_at or sc.school_name is distinct from f.name
             or sc.school_urn is distinct from f.urn or sc.in_partnership is distinct from f.in_partnership
             or sc.api_visible is distinct from f.api_visible or sc.rect_training_route is distinct from f.rect_training_route
             or sc.eoi_lead_provider_ids is distinct from f.eoi_lead_provider_ids)
     returning sc.id`,
    params,
  );
  return rows.map((r) => r.id);
}

/** The school-in-cohort row ids of a school in some cohorts (for stamping). */
export async function schoolCohortIds(em: EntityManager, schoolId: string, cohortIds?: string[]): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select id from school_cohorts where school_id = ? ${cohortIds ? 'and cohort_id = any(?::uuid[])' : ''}`,
    cohortIds ? [schoolId, pgArray(cohortIds)] : [schoolId],
  );
  return rows.map((r) => r.id);
}
