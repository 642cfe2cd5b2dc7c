import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';
import { orderBy, probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { isoDate, pgArray, rfc3339 } from '../shared/sql.js';
import { rectStopSql } from '../partnerships/partnership-training.js';
import { effectiveUpdatedAtSql } from './participant-status.js';
import type { ParticipantIdChangeView, TrainingStatusChangeView } from './participants.query.js';
import { TRAINING_STATUSES, type MentorFundingEndReason, type ParticipantType, type TrainingStatus, type WorkingPattern } from './training-record.entity.js';

/** RECT `participant_status` (rect.md §3.2): no `withdrawn`; a withdrawn or deferred period is leaving or left. */
export type RectParticipantStatus = 'joining' | 'active' | 'leaving' | 'left';

/** One `ecf_enrolments` element in the RECT v3 shape (rect.md §2.3, §3.2). */
export interface RectEnrolmentView {
  trainingRecordId: string;
  email: string | null;
  mentorId: string | null;
  schoolUrn: string;
  participantType: ParticipantType;
  cohort: number;
  trainingStatus: TrainingStatus;
  participantStatus: RectParticipantStatus;
  eligibleForFunding: boolean | null;
  pupilPremiumUplift: boolean;
  sparsityUplift: boolean;
  scheduleIdentifier: string;
  deliveryPartnerId: string | null;
  withdrawal: TrainingStatusChangeView | null;
  deferral: TrainingStatusChangeView | null;
  createdAt: string;
  inductionEndDate: string | null;
  mostRecentInductionPeriodEndDate: string | null;
  overallInductionStartDate: string | null;
  mentorFundingEndDate: string | null;
  cohortChangedAfterPaymentsFrozen: boolean;
  mentorIneligibleForFundingReason: MentorFundingEndReason | null;
  workingPattern: WorkingPattern | null;
}

/** The RECT v3 participant (rect.md §2.3): one per person, with the enrolments the provider sees. */
export interface RectParticipantView {
  id: string;
  fullName: string;
  teacherReferenceNumber: string | null;
  updatedAt: string;
  ecfEnrolments: RectEnrolmentView[];
  participantIdChanges: ParticipantIdChangeView[];
}

export interface RectParticipantFilter {
  /** Cohort of a visible training record; undefined = every cohort, [] = none (rect.md §2.6). */
  cohorts: CohortFilter;
  updatedSince?: Date;
  /** `active`, `deferred` or `withdrawn`; any other text matches nothing (rect.md §3.2 "Filters"). */
  trainingStatus?: string;
  /** Participants that took over this retired id. */
  fromParticipantId?: string;
}

const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

/**
 * RECT `participant_status` of the period `tp` of record `tr`, with the ECT's induction end `inductionEnd` (rect.md
 * §3.2): withdrawn or deferred → leaving until the period stops (its end, or the withdrawal/deferral if earlier),
 * then left; an ECT whose induction completed (or a mentor whose funding ended) within the period → active;
 * otherwise leaving/left around an end date, joining before the start, else active. Three `now` parameters.
 */
const rectStatusSql = (tp: string, tr: string, inductionEnd: string): string => `case
  when ${tp}.training_status in ('withdrawn', 'deferred') then case when ${rectStopSql(tp)} > ?::timestamptz then 'leaving' else 'left' end
  when ${tr}.participant_type = 'ect' and ${inductionEnd} is not null and (${tp}.end_date is null or ${inductionEnd} <= ${tp}.end_date) then 'active'
  when ${tr}.participant_type = 'mentor' and ${tr}.mentor_funding_end_date is not null
       and (${tp}.end_date is null or ${tr}.mentor_funding_end_date <= ${tp}.end_date) then 'active'
  when ${tp}.end_date is not null then case when ${tp}.end_date > ?::timestamptz then 'leaving' else 'left' end
  when ${tp}.start_date > ?::timestamptz then 'joining'
  else 'active' end`;

const enrolment = (now: Date, leadProviderId: string) => ({
  sql: `select tr.id as "trainingRecordId", coalesce(tp.email, pa.email) as "email", mr.participant_id as "mentorId", s.urn as "schoolUrn",
               tr.participant_type as "participantType", c.start_year as "cohort", tp.training_status as "trainingStatus",
               ${rectStatusSql('tp', 'tr', 'ind.end_date')} as "participantStatus",
               case tr.funding_eligibility when 'eligible' then true when 'ineligible' then false end as "eligibleForFunding",
               tr.pupil_premium_uplift as "pupilPremiumUplift", tr.sparsity_uplift as "sparsityUplift", sh.schedule_identifier as "scheduleIdentifier",
               pt.delivery_partner_id as "deliveryPartnerId",
               case when tp.training_status = 'withdrawn' and tp.training_status_lead_provider_id = ?::uuid
                    then json_build_object('reason', tp.training_status_reason, 'date', ${rfc3339('tp.training_status_changed_at')}) end as "withdrawal",
               case when tp.training_status = 'deferred' and tp.training_status_lead_provider_id = ?::uuid
                    then json_build_object('reason', tp.training_status_reason, 'date', ${rfc3339('tp.training_status_changed_at')}) end as "deferral",
               ${rfc3339('tr.created_at')} as "createdAt", ${isoDate('ind.end_date')} as "inductionEndDate",
               ${isoDate('ind.latest_finish')} as "mostRecentInductionPeriodEndDate", ${isoDate('ind.first_start')} as "overallInductionStartDate",
               ${isoDate('tr.mentor_funding_end_date')} as "mentorFundingEndDate",
               tr.cohort_changed_after_payments_frozen as "cohortChangedAfterPaymentsFrozen",
               case when tr.participant_type = 'mentor' then tr.mentor_funding_end_reason end as "mentorIneligibleForFundingReason",
               case when tr.participant_type = 'ect' then
                 (select wp.working_pattern from training_periods wp where wp.training_record_id = tr.id
                   order by wp.start_date desc, wp.created_at desc, wp.id desc limit 1) end as "workingPattern"
          from training_periods tp
          join training_records tr on tr.id = tp.training_record_id
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
             where tr.participant_type = 'ect') ind on true
         where tp.id in (v.ect_period_id, v.mentor_period_id)`,
  params: [now, now, now, leadProviderId, leadProviderId],
});

function hydrate(now: Date, leadProviderId: string): { sql: string; params: unknown[] } {
  const e = enrolment(now, leadProviderId);
  return {
    sql: `select pa.id, pa.full_name as "fullName", pa.trn as "teacherReferenceNumber", ${rfc3339('k.updated_at')} as "updatedAt",
                 coalesce((select json_agg(e order by e."participantType") from (${e.sql}) e), '[]'::json) as "ecfEnrolments",
                 coalesce((select json_agg(json_build_object('fromParticipantId', ch.from_participant_id, 'toParticipantId', ch.to_participant_id,
                                                             'changedAt', ${rfc3339('ch.changed_at')}) order by ch.changed_at, ch.from_participant_id)
                             from participant_id_changes ch where ch.participant_id = pa.id), '[]'::json) as "participantIdChanges"`,
    params: e.params,
  };
}

/**
 * The caller's participants for RECT v3 (rect.md §3.2): the same provider-scoped projection and indexes as ECF
 * (`participant_provider_views`), RECT's filters (no default cohort; an unknown training status matches nothing)
 * and RECT's enrolment shape. A key page, then the page hydrated, in one statement.
 */
export async function listRectParticipants(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  filter: RectParticipantFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<RectParticipantView>> {
  if (filter.trainingStatus !== undefined && !(TRAINING_STATUSES as readonly string[]).includes(filter.trainingStatus)) {
    return { items: [], hasNextPage: false };
  }
  const eff = effectiveUpdatedAtSql('v');
  const conditions = ['v.lead_provider_id = ?', 'v.api_visible'];
  const params: unknown[] = [now, now, leadProviderId];
  if (filter.cohorts !== undefined) {
    conditions.push('(v.ect_cohort = any(?::int[]) or v.mentor_cohort = any(?::int[]))');
    params.push(pgArray(filter.cohorts), pgArray(filter.cohorts));
  }
  if (filter.trainingStatus !== undefined) {
    conditions.push('(v.ect_training_status = ? or v.mentor_training_status = ?)');
    params.push(filter.trainingStatus, filter.trainingStatus);
  }
  if (filter.fromParticipantId !== undefined) {
    conditions.push('exists (select 1 from participant_id_changes ch where ch.participant_id = v.participant_id and ch.from_participant_id::text = ?)');
    params.push(filter.fromParticipantId.toLowerCase());
  }
  if (filter.updatedSince) {
    conditions.push('(v.updated_at >= ? or v.ect_flip_at between ? and ? or v.mentor_flip_at between ? and ?)');
    params.push(filter.updatedSince, filter.updatedSince, now, filter.updatedSince, now);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const inner = orderBy(sort, { created_at: 'v.participant_created_at', updated_at: 'updated_at' }, DEFAULT_SORT, 'v.participant_id');
  const outer = orderBy(sort, { created_at: 'k.participant_created_at', updated_at: 'k.updated_at' }, DEFAULT_SORT, 'k.participant_id');
  const h = hydrate(now, leadProviderId);
  const rows = await em.execute<RectParticipantView[]>(
    `with keys as (
       select v.participant_id, v.participant_created_at, ${eff} as updated_at
         from participant_provider_views v where ${conditions.join(' and ')}
        order by ${inner} limit ? offset ?)
     ${h.sql}
       from keys k
       join participant_provider_views v on v.lead_provider_id = ? and v.participant_id = k.participant_id
       join participants pa on pa.id = k.participant_id
      order by ${outer}`,
    [...params, limit, offset, ...h.params, leadProviderId],
  );
  return toPage(rows, perPage);
}

/**
 * One participant the caller sees, by participant id, in the RECT shape; a retired id finds the participant that
 * holds it now (as on the ECF path, docs/compatibility.md). The show that the RECT participant actions answer with.
 */
export async function findRectParticipant(em: EntityManager, now: Date, leadProviderId: string, id: string): Promise<RectParticipantView | null> {
  if (!isUuid(id)) return null;
  const h = hydrate(now, leadProviderId);
  const rows = await em.execute<RectParticipantView[]>(
    `with target as (
       select coalesce((select p.id from participants p where p.id = ?::uuid),
                       (select ch.participant_id from participant_id_changes ch where ch.from_participant_id = ?::uuid)) as participant_id),
     keys as (
       select v.participant_id, ${effectiveUpdatedAtSql('v')} as updated_at
         from participant_provider_views v join target t on t.participant_id = v.participant_id
        where v.lead_provider_id = ? and v.api_visible)
     ${h.sql}
       from keys k
       join participant_provider_views v on v.lead_provider_id = ? and v.participant_id = k.participant_id
       join participants pa on pa.id = k.participant_id`,
    [id, id, now, now, leadProviderId, ...h.params, leadProviderId],
  );
  return rows[0] ?? null;
}
