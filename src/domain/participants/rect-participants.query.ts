import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';
import { orderBy, probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { pgArray, rfc3339 } from '../shared/sql.js';
import { effectiveUpdatedAtSql } from './participant-status.js';
import { enrolmentsSql, participantIdChangesSql, type ParticipantIdChangeView, type TrainingStatusChangeView } from './participants.query.js';
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
 * RECT `participant_status` (rect.md §3.2) of the `role` period a projection row `v` shows, as of `now`, from the
 * row's copy of the period: withdrawn or deferred → leaving until the period stops (its end, or the
 * withdrawal/deferral if earlier, as `rectStopSql`), then left; an ECT whose induction completed (or a mentor
 * whose funding ended) within the period (`completed`, projected) → active; otherwise leaving/left around an end
 * date, joining before the start, else active. Three `now` parameters.
 */
const rectStatusSql = (v: string, role: 'ect' | 'mentor'): string => `case
  when ${v}.${role}_training_status in ('withdrawn', 'deferred')
    then case when least(${v}.${role}_ends_at, ${v}.${role}_status_changed_at) > ?::timestamptz then 'leaving' else 'left' end
  when ${v}.${role}_enrolment -> 'rect' -> 'completed' = 'true'::jsonb then 'active'
  when ${v}.${role}_ends_at is not null then case when ${v}.${role}_ends_at > ?::timestamptz then 'leaving' else 'left' end
  when ${v}.${role}_starts_at > ?::timestamptz then 'joining'
  else 'active' end`;

/**
 * The `role` enrolment of the projection row `v` in the RECT shape (rect.md §2.3, §3.2): the projected copy
 * with RECT's own withdrawal reason and induction dates, the participant's email when the period has none, and
 * the status as of `now`. Three `now` parameters.
 */
const rectEnrolmentSql = (v: string, role: 'ect' | 'mentor'): string => {
  const e = `${v}.${role}_enrolment`;
  return `(${e} - '{trnChecked,rect,withdrawal,inductionEndDate}'::text[]) || ((${e} -> 'rect') - 'completed')
            || jsonb_build_object('email', coalesce(${e} ->> 'email', pa.email), 'participantStatus', ${rectStatusSql(v, role)})`;
};

function hydrate(now: Date, updatedAt: { sql: string; params: unknown[] }): { sql: string; params: unknown[] } {
  return {
    sql: `select pa.id, pa.full_name as "fullName", pa.trn as "teacherReferenceNumber", ${rfc3339(updatedAt.sql)} as "updatedAt",
                 ${enrolmentsSql('v', rectEnrolmentSql)} as "ecfEnrolments",
                 ${participantIdChangesSql} as "participantIdChanges"`,
    params: [...updatedAt.params, now, now, now, now, now, now],
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
  // The effective updated_at is computed in the key page only when the page is ordered by it; otherwise for the
  // page's rows alone, so a deep page's key walk reads only the order's index columns.
  const byUpdated = (sort ?? []).some((t) => t.field === 'updated_at');
  const eff = effectiveUpdatedAtSql('v');
  const conditions = ['v.lead_provider_id = ?', 'v.api_visible'];
  const params: unknown[] = [...(byUpdated ? [now, now] : []), leadProviderId];
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
  const h = hydrate(now, byUpdated ? { sql: 'k.updated_at', params: [] } : { sql: eff, params: [now, now] });
  const rows = await em.execute<RectParticipantView[]>(
    `with keys as (
       select v.participant_id, v.participant_created_at${byUpdated ? `, ${eff} as updated_at` : ''}
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
  const h = hydrate(now, { sql: 'k.updated_at', params: [] });
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
