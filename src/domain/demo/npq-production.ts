import type { EntityManager } from '@mikro-orm/postgresql';
import { LEAD_PROVIDERS, NPQ_COURSES } from './reference-data.js';
import { NPQ_COHORTS, npqCohortId } from './npq-reference-data.js';
import { stableId } from '../shared/stable-id.js';
import { pgArray } from '../shared/sql.js';
import { refreshNpqProjections } from '../npq/npq-projection.js';

/** Live NPQ volume (ARCHITECTURE.md "Reads at production volume"): ~50,000 applications. */
export const NPQ_PRODUCTION_SIZE = { applications: 50_000, people: 36_000 };

// Shares of applications per provider (the largest about a quarter) and per cohort (later cohorts are bigger).
const PROVIDER_WEIGHTS: Record<string, number> = {
  'Ambition Institute': 25,
  'Best Practice Network': 18,
  'UCL Institute of Education': 15,
  'Teach First': 12,
  'National Institute of Teaching': 10,
  'Church of England': 8,
  LLSE: 7,
  'School-Led Network': 5,
};
const COHORT_WEIGHTS = [6, 10, 14, 18, 22, 8, 22];

/** How many NPQ applications the production seed makes at `scale` (ids `md5('npq-production-application:' || g)`, g = 1..n). */
export const npqProductionApplications = (scale: number): number => Math.max(50, Math.round(NPQ_PRODUCTION_SIZE.applications * scale));

/** `values` repeated by weight, as a PostgreSQL array literal to index with a hash. */
function weightedArray(values: string[], weights: number[]): string {
  return pgArray(values.flatMap((v, i) => Array<string>(weights[i]).fill(v)));
}

/**
 * About 50,000 NPQ applications × `scale` over the NPQ providers and cohorts, from about 36,000 people (the first
 * application of each person, then second applications of a third of them, for another course and often with
 * another provider), about 60% accepted (with a schedule of the cohort that fits the course, a training status and
 * its history row), 25% pending, 15% rejected; funded places by the cohort's funding mode. One INSERT … SELECT from
 * generate_series per table; choices are hashes of the row number, so every run makes the same rows and ids. One
 * person in 400 is a second registration of the previous one (same TRN, first application for the same course), so
 * their declarations are duplicates.
 * The projections are then refreshed for every person. Returns the rows inserted per table.
 */
export async function seedNpqProductionData(tx: EntityManager, scale: number): Promise<Record<string, number>> {
  const apps = npqProductionApplications(scale);
  const people = Math.max(36, Math.round(NPQ_PRODUCTION_SIZE.people * scale));
  const providers = LEAD_PROVIDERS.filter((lp) => lp.programmes.includes('npq')).map((lp) => lp.name);
  const providerIds = weightedArray(
    providers.map((p) => stableId(`lead-provider:${p}`)),
    providers.map((p) => PROVIDER_WEIGHTS[p] ?? 5),
  );
  const cohortIds = weightedArray(
    NPQ_COHORTS.map((c) => npqCohortId(`${c.startYear}${c.suffix}`)),
    COHORT_WEIGHTS,
  );
  // The legacy ASO course is left out: production's ASO applications are all 2021 and few.
  const courses = pgArray(NPQ_COURSES.map(([id]) => id).filter((c) => c !== 'npq-additional-support-offer'));
  const n: Record<string, number> = {};
  const h = (expr: string) => `abs(hashtext(${expr}))`;

  const [p] = await tx.execute<{ n: string }[]>(
    `with ins as (
       insert into npq_participants (id, full_name, email, trn, trn_verified, previous_names, created_at, updated_at)
       select md5('npq-production-person:' || g)::uuid, 'Participant ' || g, 'participant' || g || '@school.example',
              (3000000 + g - case when g % 400 = 0 then 1 else 0 end)::text, ${h(`'v' || g`)} % 10 <> 0, '{}', t, t
         from generate_series(1, ?) g,
              lateral (select timestamptz '2021-03-01T08:00:00Z' + (${h(`'c' || g`)} % 2000) * interval '1 day' + (g % 36000) * interval '1 second' as t) tt
       on conflict do nothing returning 1)
     select count(*) as n from ins`,
    [people],
  );
  n.npq_participants = Number(p.n);

  // Application g: person g for the first `people`, then person (g - people) again with the next course.
  const [a] = await tx.execute<{ n: string }[]>(
    `with src as (
       select g, md5('npq-production-application:' || g)::uuid as id,
              md5('npq-production-person:' || (case when g <= ? then g else g - ? end))::uuid as person,
              (?::uuid[])[1 + ${h(`'lp' || g`)} % ?] as lead_provider_id,
              (?::text[])[1 + (${h(`'course' || (case when g <= ? then g - case when g % 400 = 0 then 1 else 0 end else g - ? end)`)} + (case when g <= ? then 0 else 1 end)) % ?] as course,
              (?::uuid[])[1 + ${h(`'cohort' || g`)} % ?] as npq_cohort_id,
              ${h(`'status' || g`)} % 100 as roll, ${h(`'elig' || g`)} % 100 < 80 as eligible
         from generate_series(1, ?) g),
     -- Materialized: each later reference to schedule_id would otherwise re-run its subquery (15 times a row).
     placed as materialized (
       select s.*, c.funding, c.start_year, per.created_at,
              (select sc.id from schedules sc where sc.npq_cohort_id = s.npq_cohort_id and s.course = any(sc.course_identifiers)
                order by sc.applies_from, sc.schedule_identifier limit 1) as schedule_id
         from src s join npq_cohorts c on c.id = s.npq_cohort_id join npq_participants per on per.id = s.person),
     decided as (
       select *, case when roll < 60 and schedule_id is not null then 'accepted' when roll < 85 or schedule_id is null then 'pending' else 'rejected' end as status,
              greatest(created_at, make_date(start_year, 3, 1)::timestamptz) + (g % 5000) * interval '1 minute' as applied_at
         from placed),
     ins as (
       insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, schedule_id, status, reason_for_rejection,
                                     training_status, accepted_at, funded_place, eligible_for_funding, funding_eligibility_status_code, funding_choice,
                                     headteacher_status, targeted_delivery_funding_eligibility, teacher_catchment, teacher_catchment_country,
                                     teacher_catchment_iso_country_code, works_in_school, school_urn, ukprn, created_at, updated_at)
       select id, person, lead_provider_id, course, npq_cohort_id, case when status = 'accepted' then schedule_id end, status,
              case when status = 'rejected' then (array['rejected_by_provider', 'registration_expired', 'other_application_in_this_cohort_accepted'])[1 + g % 3] end,
              case when status = 'accepted' then (array['active', 'active', 'active', 'active', 'active', 'active', 'active', 'deferred', 'withdrawn', 'active'])[1 + g % 10] end,
              case when status = 'accepted' then applied_at + interval '20 days' end,
              case when funding = 'zero' then false when funding = 'capped' and status = 'accepted' then eligible end,
              funding <> 'zero' and eligible, case when funding = 'zero' then 'unfunded_cohort' when eligible then 'funded' else 'ineligible_establishment_type' end,
              case when not eligible or funding = 'zero' then (array['school', 'trust', 'self', 'employer'])[1 + g % 4] end,
              case when course = 'npq-early-headship-coaching-offer' then 'yes_in_first_two_years' else 'no' end, g % 6 = 0,
              case when g % 40 = 0 then 'another' else 'england' end, case when g % 40 = 0 then 'France' else 'United Kingdom of Great Britain and Northern Ireland' end,
              case when g % 40 = 0 then 'FRA' else 'GBR' end, true, (100000 + g % 24000)::text, (10000000 + g % 24000)::text,
              applied_at, case when status = 'pending' then applied_at else applied_at + interval '20 days' end
         from decided
       on conflict do nothing returning id, status, training_status, lead_provider_id, accepted_at)
     , states as (
       insert into npq_application_states (id, application_id, lead_provider_id, state, reason, created_at)
       select md5('npq-production-state:' || id || ':active')::uuid, id, lead_provider_id, 'active', null, accepted_at from ins where status = 'accepted'
       union all
       select md5('npq-production-state:' || id || ':' || training_status)::uuid, id, lead_provider_id, training_status,
              case when training_status = 'deferred' then 'parental-leave' else 'personal-reason-moving-school' end, accepted_at + interval '90 days'
         from ins where status = 'accepted' and training_status <> 'active'
       on conflict do nothing returning 1)
     select (select count(*) from ins) as n, (select count(*) from states) as states`,
    [
      people,
      people,
      providerIds,
      providers.reduce((s, p) => s + (PROVIDER_WEIGHTS[p] ?? 5), 0),
      courses,
      people,
      people,
      people,
      NPQ_COURSES.length - 1,
      cohortIds,
      COHORT_WEIGHTS.reduce((s, w) => s + w, 0),
      apps,
    ],
  );
  n.npq_applications = Number(a.n);
  // Deferred and withdrawn applications moved when their training status changed.
  await tx.execute(
    `update npq_applications a set updated_at = s.created_at from npq_application_states s
      where s.application_id = a.id and s.state <> 'active' and a.updated_at < s.created_at`,
  );
  await refreshNpqProjections(tx);
  return n;
}
