import { refreshDeclarationListings } from '../declarations/declaration-listings.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isoDate, pgArray, rfc3339 } from '../shared/sql.js';
import type { Touched } from '../shared/write-stamp.js';
import { refreshPartnershipTrainingSteps } from '../partnerships/partnership-training.js';
import { refreshSchoolCohortProjection } from '../schools/school-projection.js';
import { refreshListingProjections } from './listing-projection.js';
import { LIST_DAYS_COHORT_AFTER } from './list-days.js';

/** Which participants to re-project: any of the listed participants, or everyone training in the partnerships or schools. */
export interface ParticipantScope {
  participantIds?: string[];
  partnershipIds?: string[];
  schoolIds?: string[];
  /** The ECTs whose training periods name a training record of these participants as mentor (they show its `mentor_id`). */
  menteesOfParticipantIds?: string[];
}

const VIEW_COLUMNS = [
  'api_visible',
  'participant_created_at',
  'ect_record_id',
  'ect_period_id',
  'ect_cohort',
  'ect_training_status',
  'ect_induction_status',
  'ect_starts_at',
  'ect_ends_at',
  'mentor_record_id',
  'mentor_period_id',
  'mentor_cohort',
  'mentor_training_status',
  'mentor_induction_status',
  'mentor_starts_at',
  'mentor_ends_at',
  'ect_status_changed_at',
  'mentor_status_changed_at',
  'ect_enrolment',
  'mentor_enrolment',
];

// RECT's `changed-lead-provider` withdrawal reason is not in ECF's set (rect.md §1.3): the ECF paths show `other`.
const ECF_WITHDRAWAL_REASON = `case tp.training_status_reason when 'changed-lead-provider' then 'other' else tp.training_status_reason end`;

/**
 * What a provider's enrolment shows of the period `tp` (record `tr`, school `s`, cohort `c`, schedule `sh`,
 * partnership `pt`, mentor record `mr`, the ECT's induction summary `ind`) that does not depend on the clock, as
 * one jsonb object in the ECF v3 shape (ecf.md §2.7) minus what the participant row holds (`email` is the
 * period's own; the read falls back to the participant's, and derives `teacher_reference_number_validated` from
 * `trnChecked` and the participant's TRN). `rect` holds what the RECT shape shows differently (rect.md §3.2) and
 * `completed` for its status. `leadProvider` is the viewing provider (its own withdrawal/deferral only).
 */
const enrolmentJsonSql = (leadProvider: string): string => `jsonb_build_object(
  'trainingRecordId', tr.id, 'email', tp.email, 'mentorId', mr.participant_id, 'schoolUrn', s.urn,
  'participantType', tr.participant_type, 'cohort', c.start_year, 'trainingStatus', tp.training_status,
  'trnChecked', tr.funding_eligibility is not null and tr.funding_eligibility_reason is distinct from 'different_trn',
  'eligibleForFunding', case tr.funding_eligibility when 'eligible' then true when 'ineligible' then false end,
  'pupilPremiumUplift', tr.pupil_premium_uplift, 'sparsityUplift', tr.sparsity_uplift, 'scheduleIdentifier', sh.schedule_identifier,
  'deliveryPartnerId', pt.delivery_partner_id,
  'withdrawal', case when tp.training_status = 'withdrawn' and tp.training_status_lead_provider_id = ${leadProvider}
                then jsonb_build_object('reason', ${ECF_WITHDRAWAL_REASON}, 'date', ${rfc3339('tp.training_status_changed_at')}) end,
  'deferral', case when tp.training_status = 'deferred' and tp.training_status_lead_provider_id = ${leadProvider}
              then jsonb_build_object('reason', tp.training_status_reason, 'date', ${rfc3339('tp.training_status_changed_at')}) end,
  'createdAt', ${rfc3339('tr.created_at')}, 'inductionEndDate', ${isoDate('tr.induction_end_date')},
  'mentorFundingEndDate', ${isoDate('tr.mentor_funding_end_date')},
  'cohortChangedAfterPaymentsFrozen', tr.cohort_changed_after_payments_frozen,
  'mentorIneligibleForFundingReason', case when tr.participant_type = 'mentor' then tr.mentor_funding_end_reason end,
  'rect', jsonb_build_object(
    'withdrawal', case when tp.training_status = 'withdrawn' and tp.training_status_lead_provider_id = ${leadProvider}
                  then jsonb_build_object('reason', tp.training_status_reason, 'date', ${rfc3339('tp.training_status_changed_at')}) end,
    'inductionEndDate', ${isoDate('ind.end_date')},
    'mostRecentInductionPeriodEndDate', ${isoDate('ind.latest_finish')}, 'overallInductionStartDate', ${isoDate('ind.first_start')},
    'workingPattern', case when tr.participant_type = 'ect' then
      (select wp.working_pattern from training_periods wp where wp.training_record_id = tr.id
        order by wp.start_date desc, wp.created_at desc, wp.id desc limit 1) end,
    'completed', coalesce(case tr.participant_type
      when 'ect' then ind.end_date is not null and (tp.end_date is null or ind.end_date <= tp.end_date)
      else tr.mentor_funding_end_date is not null and (tp.end_date is null or tr.mentor_funding_end_date <= tp.end_date) end, false)))`;

/** The joins `enrolmentJsonSql` reads, from the training period `tp`. */
const ENROLMENT_JOINS = `join training_records tr on tr.id = tp.training_record_id
    join schools s on s.id = tp.school_id
    join cohorts c on c.id = tp.cohort_id
    join schedules sh on sh.id = tp.schedule_id
    left join partnerships pt on pt.id = tp.partnership_id
    left join training_records mr on mr.id = tp.mentor_training_record_id
    left join lateral (
      select coalesce((select ip.finished_on from induction_periods ip where ip.training_record_id = tr.id and ip.finished_on is not null
                         and ip.outcome is not null order by ip.finished_on desc limit 1), tr.induction_end_date) as end_date,
             coalesce((select min(ip.started_on) from induction_periods ip where ip.training_record_id = tr.id), tr.induction_start_date) as first_start,
             (select ip.finished_on from induction_periods ip where ip.training_record_id = tr.id order by ip.started_on desc, ip.id desc limit 1)
               as latest_finish
       where tr.participant_type = 'ect') ind on true`;

function scopeSql(scope: ParticipantScope | undefined): { sql: string; params: unknown[] } {
  if (!scope) return { sql: 'select id as participant_id from participants', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  if (scope.participantIds?.length) {
    parts.push('select unnest(?::uuid[])');
    params.push(pgArray(scope.participantIds));
  }
  for (const [ids, column] of [
    [scope.partnershipIds, 'partnership_id'],
    [scope.schoolIds, 'school_id'],
  ] as const) {
    if (!ids?.length) continue;
    parts.push(
      `select tr.participant_id from training_periods tp join training_records tr on tr.id = tp.training_record_id where tp.${column} = any(?::uuid[])`,
    );
    params.push(pgArray(ids));
  }
  if (scope.menteesOfParticipantIds?.length) {
    parts.push(
      `select tr.participant_id from training_periods tp join training_records tr on tr.id = tp.training_record_id
        where tp.mentor_training_record_id in (select id from training_records where participant_id = any(?::uuid[]))`,
    );
    params.push(pgArray(scope.menteesOfParticipantIds));
  }
  if (parts.length === 0) return { sql: 'select null::uuid as participant_id where false', params: [] };
  return { sql: parts.map((p, i) => (i === 0 ? `select participant_id from (${p}) s0(participant_id)` : `union ${p}`)).join(' '), params };
}

/**
 * Re-computes the participant lists' projection (`participant_provider_views`, README "Reads at scale") for the
 * participants in `scope` (everyone when omitted: the seed). One row per (lead provider, participant) with a
 * training period in one of the provider's partnerships; per role, the period the provider sees is the latest one
 * among its **unchallenged** partnerships — open periods first, then the latest start, then the latest created
 * (ecf.md §1.4 "Latest induction record for LP"); `relationship` and `pending` are not checked there. A provider
 * with only challenged partnerships keeps a row with `api_visible = false` (actions still find the participant).
 * Per role the row also holds what the enrolment shows that the clock does not change (`*_enrolment`, built by
 * `enrolmentJsonSql`: school URN, cohort, schedule, delivery partner, mentor's participant id, training status and
 * the provider's own withdrawal/deferral, eligibility, uplifts, dates, RECT's induction dates and working pattern)
 * and `*_status_changed_at`, so a list page reads only this row, the participant and its id changes. Anything that
 * changes one of those sources must re-project the participants showing it (a partnership's delivery partner:
 * scope `partnershipIds`; a mentor's participant id, on a merge: `menteesOfParticipantIds`).
 *
 * Every write that changes periods, records, partnerships' challenge state or a participant calls this in its own
 * transaction, then stamps the ids it returns (rows whose projected values changed or that are new) together
 * with the rows whose shown values changed without a projected column changing (`viewIdsShowing`). New rows get
 * the latest `updated_at` of their sources, which is what the seed keeps.
 *
 * It also keeps what RECT derives from training periods elsewhere (`refreshRectDependents`): the partnerships'
 * `participants_currently_training` steps and the school-in-cohort rows' RECT `induction_programme_choice` and
 * `expression_of_interest`; pass the write's `touched` so the partnerships and school-in-cohort rows whose values
 * changed are stamped too.
 */
export async function refreshParticipantProjection(em: EntityManager, scope?: ParticipantScope, touched?: Touched): Promise<string[]> {
  if (scope) await lockDependents(em, scope);
  const ids = await refreshViews(em, scope);
  await refreshRectDependents(em, scope, touched);
  // Other providers' declarations a participant's new or ended training shows or hides (ecf.md §2.8). The seed
  // (no scope) builds the declaration listings itself once its declarations exist.
  if (scope) {
    const s = scopeSql(scope);
    await refreshDeclarationListings(em, { ecfParticipantSql: { sql: `with scope as (${s.sql}) select participant_id from scope`, params: s.params } });
  }
  return ids;
}

/**
 * Row locks in the order every writer takes them: partnerships, then school-in-cohort rows, then (in the refresh)
 * the projection rows and the partnership steps. A partnership update holds its partnership row (and then its
 * school-in-cohort row) before it re-projects the participants training there; a participant write takes the same rows first here, so the
 * two wait for each other instead of deadlocking (and `stampWrite` then never waits for these rows). `for no key
 * update`, the lock an `updated_at` update takes: it does not conflict with the key-share locks that inserting a
 * training period referencing the partnership takes (`for update` would, and deadlocked two registrations).
 */
async function lockDependents(em: EntityManager, scope: ParticipantScope): Promise<void> {
  const s = scopeSql(scope);
  const periods = `select tp.school_id, tp.cohort_id, tp.partnership_id from training_periods tp join training_records tr on tr.id = tp.training_record_id
                    where tr.participant_id in (select participant_id from scope)`;
  await em.execute(
    `with scope as (${s.sql}), periods as (${periods})
     select 1 from partnerships p where p.id in (select partnership_id from periods) order by p.id for no key update`,
    s.params,
  );
  await em.execute(
    `with scope as (${s.sql}), periods as (${periods})
     select 1 from school_cohorts sc where (sc.school_id, sc.cohort_id) in (select school_id, cohort_id from periods) order by sc.id for no key update`,
    s.params,
  );
}

/**
 * The partnerships and school-in-cohort rows of the training periods of the participants in `scope` (all when
 * omitted), re-projected; the rows whose values changed are added to `touched`.
 */
export async function refreshRectDependents(em: EntityManager, scope?: ParticipantScope, touched?: Touched): Promise<void> {
  if (!scope) {
    await refreshPartnershipTrainingSteps(em);
    await refreshSchoolCohortProjection(em);
    return;
  }
  // A mentor's merge changes nothing of the mentees' periods: their partnerships and school cohorts stay.
  const s = scopeSql({ ...scope, menteesOfParticipantIds: undefined });
  const rows = await em.execute<{ partnership_id: string | null; school_id: string; cohort_id: string }[]>(
    `with scope as (${s.sql})
     select distinct tp.partnership_id, tp.school_id, tp.cohort_id
       from training_periods tp join training_records tr on tr.id = tp.training_record_id
      where tr.participant_id in (select participant_id from scope)`,
    s.params,
  );
  if (rows.length === 0) return;
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null))];
  const partnerships = await refreshPartnershipTrainingSteps(em, distinct(rows.map((r) => r.partnership_id)));
  const schoolCohorts = await refreshSchoolCohortProjection(em, {
    schoolIds: distinct(rows.map((r) => r.school_id)),
    cohortIds: distinct(rows.map((r) => r.cohort_id)),
  });
  touched?.add('partnerships', ...partnerships).add('school_cohorts', ...schoolCohorts);
}

async function refreshViews(em: EntityManager, scope?: ParticipantScope): Promise<string[]> {
  const s = scopeSql(scope);
  const cols = VIEW_COLUMNS.map((c) => `"${c}"`).join(', ');
  // A rebuild of everyone (the seed) writes the rows in the lists' order, so a provider's page of 3000 reads a few
  // hundred adjacent heap pages instead of one page per row (README "Reads at scale": table layout).
  const rows = await em.execute<{ id: string }[]>(
    `with scope as (${s.sql}),
     cand as (
       select tr.participant_id, pt.lead_provider_id, tr.participant_type, tr.updated_at as record_updated_at, tp.*,
              (pt.challenged_at is null and pt.challenge_reason is null) as unchallenged
         from training_periods tp
         join training_records tr on tr.id = tp.training_record_id
         join partnerships pt on pt.id = tp.partnership_id
        where tr.participant_id in (select participant_id from scope)
     ),
     latest as (
       select distinct on (c.lead_provider_id, c.participant_id, c.participant_type)
              c.lead_provider_id, c.participant_id, c.participant_type, c.training_record_id, c.id as period_id, sc.start_year as cohort,
              c.training_status, c.induction_status, c.start_date, c.end_date, c.training_status_changed_at,
              greatest(c.updated_at, c.record_updated_at) as updated_at
         from cand c join schedules sh on sh.id = c.schedule_id join cohorts sc on sc.id = sh.cohort_id
        where c.unchallenged
        order by c.lead_provider_id, c.participant_id, c.participant_type, (c.end_date is null) desc, c.start_date desc, c.created_at desc, c.id desc
     ),
     shown as (
       select l.*, ${enrolmentJsonSql('l.lead_provider_id')} as enrolment
         from latest l join training_periods tp on tp.id = l.period_id
         ${ENROLMENT_JOINS}
     ),
     fresh as (
       select k.lead_provider_id, k.participant_id, (e.period_id is not null or m.period_id is not null) as api_visible,
              pa.created_at as participant_created_at,
              e.training_record_id as ect_record_id, e.period_id as ect_period_id, e.cohort as ect_cohort, e.training_status as ect_training_status,
              e.induction_status as ect_induction_status, e.start_date as ect_starts_at, e.end_date as ect_ends_at,
              m.training_record_id as mentor_record_id, m.period_id as mentor_period_id, m.cohort as mentor_cohort, m.training_status as mentor_training_status,
              m.induction_status as mentor_induction_status, m.start_date as mentor_starts_at, m.end_date as mentor_ends_at,
              e.training_status_changed_at as ect_status_changed_at, m.training_status_changed_at as mentor_status_changed_at,
              e.enrolment as ect_enrolment, m.enrolment as mentor_enrolment,
              greatest(pa.updated_at, e.updated_at, m.updated_at) as updated_at
         from (select distinct lead_provider_id, participant_id from cand) k
         join participants pa on pa.id = k.participant_id
         left join shown e on e.lead_provider_id = k.lead_provider_id and e.participant_id = k.participant_id and e.participant_type = 'ect'
         left join shown m on m.lead_provider_id = k.lead_provider_id and m.participant_id = k.participant_id and m.participant_type = 'mentor'
     ),
     gone as (
       delete from participant_provider_views v
        where v.participant_id in (select participant_id from scope)
          and not exists (select 1 from fresh f where f.lead_provider_id = v.lead_provider_id and f.participant_id = v.participant_id)
     )
     insert into participant_provider_views as v (id, lead_provider_id, participant_id, ${cols}, updated_at)
     select gen_random_uuid(), lead_provider_id, participant_id, ${cols}, updated_at from fresh
     ${scope ? '' : 'order by lead_provider_id, participant_created_at, participant_id'}
     on conflict (lead_provider_id, participant_id) do update set (${cols}) = (${VIEW_COLUMNS.map((c) => `excluded."${c}"`).join(', ')})
      where (${VIEW_COLUMNS.map((c) => `v."${c}"`).join(', ')}) is distinct from (${VIEW_COLUMNS.map((c) => `excluded."${c}"`).join(', ')})
     returning v.id`,
    s.params,
  );
  await refreshTrainingRecordKeys(em, s);
  if (!scope) await rebuildListDays(em);
  // The transfers and unfunded-mentor lists follow the same writes (listing-projection.ts); they stamp themselves.
  await refreshListingProjections(em, s, scope === undefined);
  return rows.map((r) => r.id);
}

/**
 * The participant lists' per-day counts (list-days.ts) from scratch, after the projection of everyone (the seed): the
 * bulk load may run with triggers off (demo/without-fk-triggers.ts), and one grouped insert is cheaper than the
 * triggers' deltas anyway. The same counts the triggers keep (Migration20261218100000ParticipantListDays).
 */
async function rebuildListDays(em: EntityManager): Promise<void> {
  await em.execute('delete from participant_list_days');
  await em.execute(
    `insert into participant_list_days (lead_provider_id, day, n_visible, n_default)
     select lead_provider_id, date_trunc('day', participant_created_at, 'UTC'), count(*),
            count(*) filter (where ect_cohort > ${LIST_DAYS_COHORT_AFTER} or mentor_cohort > ${LIST_DAYS_COHORT_AFTER})
       from participant_provider_views where api_visible group by 1, 2`,
  );
  await em.execute('delete from training_record_key_days');
  await em.execute(
    `insert into training_record_key_days (lead_provider_id, cohort, day, n)
     select lead_provider_id, cohort, date_trunc('day', participant_created_at, 'UTC'), count(*) from training_record_keys group by 1, 2, 3`,
  );
}

/**
 * Re-derives the ECF v1/v2 list's key rows (`training_record_keys`, Migration20261217100000TrainingRecordKeys) of
 * the participants in `scope` from their projection rows, just refreshed: one row per visible record (ECT `ord` 0,
 * mentor 1) with its cohort, the participant's creation and the projection row's `updated_at`. A projection row
 * this write stamps later gets its keys stamped with it (`stampWrite`), so the keys' `updated_at` is always the
 * projection's. Only rows whose values differ are written.
 */
async function refreshTrainingRecordKeys(em: EntityManager, s: { sql: string; params: unknown[] }): Promise<void> {
  await em.execute(
    `with scope as (${s.sql}),
     want as (
       select v.lead_provider_id, v.participant_id, r.ord, r.cohort, v.participant_created_at, v.updated_at
         from participant_provider_views v
         cross join lateral (values (0::smallint, v.ect_cohort), (1::smallint, v.mentor_cohort)) r(ord, cohort)
        where v.participant_id in (select participant_id from scope) and v.api_visible and r.cohort is not null
     ),
     gone as (
       delete from training_record_keys k
        where k.participant_id in (select participant_id from scope)
          and not exists (select 1 from want w where w.lead_provider_id = k.lead_provider_id and w.participant_id = k.participant_id and w.ord = k.ord)
     )
     insert into training_record_keys as k (lead_provider_id, participant_id, ord, cohort, participant_created_at, updated_at)
     select lead_provider_id, participant_id, ord, cohort, participant_created_at, updated_at from want
     on conflict (lead_provider_id, participant_id, ord) do update
        set (cohort, participant_created_at, updated_at) = (excluded.cohort, excluded.participant_created_at, excluded.updated_at)
      where (k.cohort, k.participant_created_at, k.updated_at) is distinct from (excluded.cohort, excluded.participant_created_at, excluded.updated_at)`,
    s.params,
  );
}

/**
 * The visible projection rows that show something of these partnerships (delivery partner, school), of these
 * participants as someone's mentor (`mentor_id`), of these training records (record-level fields such as
 * `eligible_for_funding` or `induction_end_date`), of these training periods (changed in place, so no projected
 * column moves) or of these participants at all (`participant_id_changes`): a change there moves their
 * `updated_at` without changing a projected column.
 */
export async function viewIdsShowing(
  em: EntityManager,
  what: { partnershipIds?: string[]; mentorParticipantIds?: string[]; recordIds?: string[]; periodIds?: string[]; participantIds?: string[] },
): Promise<string[]> {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (what.partnershipIds?.length) {
    parts.push(`select v.id from participant_provider_views v join training_periods tp on tp.id in (v.ect_period_id, v.mentor_period_id)
                 where v.api_visible and tp.partnership_id = any(?::uuid[])`);
    params.push(pgArray(what.partnershipIds));
  }
  if (what.mentorParticipantIds?.length) {
    parts.push(`select v.id from participant_provider_views v join training_periods tp on tp.id = v.ect_period_id
                  join training_records mr on mr.id = tp.mentor_training_record_id
                 where v.api_visible and mr.participant_id = any(?::uuid[])`);
    params.push(pgArray(what.mentorParticipantIds));
  }
  for (const [ids, ect, mentor] of [
    [what.recordIds, 'ect_record_id', 'mentor_record_id'],
    [what.periodIds, 'ect_period_id', 'mentor_period_id'],
  ] as const) {
    if (!ids?.length) continue;
    parts.push(`select v.id from participant_provider_views v where v.api_visible and (v.${ect} = any(?::uuid[]) or v.${mentor} = any(?::uuid[]))`);
    params.push(pgArray(ids), pgArray(ids));
  }
  if (what.participantIds?.length) {
    parts.push(`select v.id from participant_provider_views v where v.api_visible and v.participant_id = any(?::uuid[])`);
    params.push(pgArray(what.participantIds));
  }
  if (parts.length === 0) return [];
  const rows = await em.execute<{ id: string }[]>(parts.join(' union '), params);
  return rows.map((r) => r.id);
}

/**
 * Locks projection rows a write is about to stamp, in id order. `stampWrite` must never wait for a row lock while
 * it holds the write clock (README "Commit-safe updated_at"); rows the projection refresh did not write are not
 * locked yet, so a writer locks them here, before the stamp.
 */
export async function lockViewRows(em: EntityManager, ids: string[]): Promise<void> {
  if (ids.length > 0) await em.execute('select id from participant_provider_views where id = any(?::uuid[]) order by id for update', [pgArray(ids)]);
}
