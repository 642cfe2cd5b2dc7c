import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_COHORT_AFTER } from '../cohorts/cohort-filter.sql.js';
import { isUuid } from '../shared/ids.js';
import { orderBy, probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { pgArray, rfc3339 } from '../shared/sql.js';
import { effectiveUpdatedAtSql, type ParticipantStatus } from './participant-status.js';
import { LIST_DAYS_COHORT_AFTER, participantListDaySkip } from './list-days.js';
import type { MentorFundingEndReason, ParticipantType, TrainingStatus } from './training-record.entity.js';

/** A provider action that set the training status (v3 `withdrawal` / `deferral`). */
export interface TrainingStatusChangeView {
  reason: string;
  date: string;
}

/** One training record of the participant as the calling provider sees it (ecf.md §2.7 `ecf_enrolments`). */
export interface EcfEnrolmentView {
  trainingRecordId: string;
  email: string | null;
  mentorId: string | null;
  schoolUrn: string;
  participantType: ParticipantType;
  cohort: number;
  trainingStatus: TrainingStatus;
  participantStatus: ParticipantStatus | null;
  teacherReferenceNumberValidated: boolean | null;
  eligibleForFunding: boolean | null;
  pupilPremiumUplift: boolean;
  sparsityUplift: boolean;
  scheduleIdentifier: string;
  deliveryPartnerId: string | null;
  withdrawal: TrainingStatusChangeView | null;
  deferral: TrainingStatusChangeView | null;
  createdAt: string;
  inductionEndDate: string | null;
  mentorFundingEndDate: string | null;
  cohortChangedAfterPaymentsFrozen: boolean;
  mentorIneligibleForFundingReason: MentorFundingEndReason | null;
}

export interface ParticipantIdChangeView {
  fromParticipantId: string;
  toParticipantId: string;
  changedAt: string;
}

/** The ECF v3 participant (ecf.md §2.7): one per person, with the training records the provider sees. */
export interface EcfParticipantView {
  id: string;
  fullName: string;
  teacherReferenceNumber: string | null;
  updatedAt: string;
  ecfEnrolments: EcfEnrolmentView[];
  participantIdChanges: ParticipantIdChangeView[];
}

export interface EcfParticipantFilter {
  /** Schedule cohort of a visible training record (ecf.md §2.7). */
  cohorts: CohortFilter;
  updatedSince?: Date;
  trainingStatus?: TrainingStatus;
  /** Participants that took over this retired id. */
  fromParticipantId?: string;
}

const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

/** No sort, or the default one spelled out (`sort=created_at`). */
const isDefaultOrder = (sort: SortTerm[] | undefined): boolean =>
  !sort || sort.length === 0 || (sort.length === 1 && sort[0].field === 'created_at' && sort[0].direction === 'asc');

/**
 * v3 `participant_status` of the `role` period a projection row `v` shows, as of `now` (the rule of
 * `participantStatusSql` over the row's copy of the period's dates and induction status). Two `now` parameters.
 */
const viewStatusSql = (v: string, role: 'ect' | 'mentor'): string => `case
  when ${v}.${role}_ends_at is not null then case when ${v}.${role}_ends_at > ?::timestamptz then 'leaving' else 'left' end
  when ${v}.${role}_starts_at > ?::timestamptz then 'joining'
  when ${v}.${role}_induction_status in ('active', 'completed') then 'active'
  when ${v}.${role}_induction_status in ('withdrawn', 'changed') then 'withdrawn' end`;

/**
 * The `role` enrolment of the projection row `v` in the ECF v3 shape (ecf.md §2.7): the projected copy
 * (participant-projection.ts) with the participant's email when the period has none, the TRN check against the
 * participant's TRN, and the status as of `now`. Two `now` parameters.
 */
export const ecfEnrolmentSql = (v: string, role: 'ect' | 'mentor'): string => {
  const e = `${v}.${role}_enrolment`;
  return `(${e} - '{trnChecked,rect}'::text[]) || jsonb_build_object('email', coalesce(${e} ->> 'email', pa.email),
            'participantStatus', ${viewStatusSql(v, role)},
            'teacherReferenceNumberValidated', case when pa.trn is not null then ${e} -> 'trnChecked' end)`;
};

/** The enrolments of the projection row `v` (ECT first, then mentor) built by `one`, as a jsonb array. */
export const enrolmentsSql = (v: string, one: (v: string, role: 'ect' | 'mentor') => string): string =>
  `(case when ${v}.ect_enrolment is null then '[]'::jsonb else jsonb_build_array(${one(v, 'ect')}) end)
   || (case when ${v}.mentor_enrolment is null then '[]'::jsonb else jsonb_build_array(${one(v, 'mentor')}) end)`;

/** The participant's id changes (`pa`), oldest first. */
export const participantIdChangesSql = `coalesce((select json_agg(json_build_object('fromParticipantId', ch.from_participant_id, 'toParticipantId', ch.to_participant_id,
                                                             'changedAt', ${rfc3339('ch.changed_at')}) order by ch.changed_at, ch.from_participant_id)
                             from participant_id_changes ch where ch.participant_id = pa.id), '[]'::json)`;

/** What differs between the ECF v3 and the RECT participant: one enrolment's SQL over a projection row and its `now`s. */
export interface ParticipantShape {
  enrolment: (v: string, role: 'ect' | 'mentor') => string;
  /** How many `now` parameters one enrolment's SQL takes (both roles are read). */
  nowsPerEnrolment: number;
}

const ECF_SHAPE: ParticipantShape = { enrolment: ecfEnrolmentSql, nowsPerEnrolment: 2 };

/**
 * The participant columns and nested lists for the rows `v` (a `participant_provider_views` alias) joined to
 * `pa` (participants); `updatedAt` is the key page's effective value `k.updated_at`. The enrolments are the
 * row's projected copies (no join per enrolment), with only `participant_status` computed as of `now`.
 */
function hydrate(now: Date, shape: ParticipantShape, updatedAt: { sql: string; params: unknown[] }): { sql: string; params: unknown[] } {
  return {
    sql: `select pa.id, pa.full_name as "fullName", pa.trn as "teacherReferenceNumber", ${rfc3339(updatedAt.sql)} as "updatedAt",
                 ${enrolmentsSql('v', shape.enrolment)} as "ecfEnrolments",
                 ${participantIdChangesSql} as "participantIdChanges"`,
    params: [...updatedAt.params, ...Array<Date>(2 * shape.nowsPerEnrolment).fill(now)],
  };
}

/** The filters both participant lists read; `defaultCohortAfter` applies when `cohorts` is undefined (ECF only). */
export interface ParticipantListFilter {
  cohorts: CohortFilter;
  defaultCohortAfter?: number;
  updatedSince?: Date;
  trainingStatus?: string;
  fromParticipantId?: string;
}

/**
 * A page of the caller's participants in a shape: a key page from the projection's partial index of the
 * requested order (filters covered by it), then the page hydrated, in one statement. `updated_since` also matches
 * rows whose status changed by itself since then (README "Participant status and the clock").
 */
export async function listParticipantsAs<T>(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  shape: ParticipantShape,
  filter: ParticipantListFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<T>> {
  // The effective updated_at is computed in the key page only when the page is ordered by it; otherwise for the
  // page's rows alone, so a deep page's key walk reads only the order's index columns.
  const byUpdated = (sort ?? []).some((t) => t.field === 'updated_at');
  const eff = effectiveUpdatedAtSql('v');
  const conditions = ['v.lead_provider_id = ?', 'v.api_visible'];
  const params: unknown[] = [...(byUpdated ? [now, now] : []), leadProviderId];
  if (filter.cohorts !== undefined) {
    conditions.push('(v.ect_cohort = any(?::int[]) or v.mentor_cohort = any(?::int[]))');
    params.push(pgArray(filter.cohorts), pgArray(filter.cohorts));
  } else if (filter.defaultCohortAfter !== undefined) {
    conditions.push('(v.ect_cohort > ? or v.mentor_cohort > ?)');
    params.push(filter.defaultCohortAfter, filter.defaultCohortAfter);
  }
  if (filter.trainingStatus) {
    conditions.push('(v.ect_training_status = ? or v.mentor_training_status = ?)');
    params.push(filter.trainingStatus, filter.trainingStatus);
  }
  if (filter.fromParticipantId !== undefined) {
    conditions.push('exists (select 1 from participant_id_changes ch where ch.participant_id = v.participant_id and ch.from_participant_id::text = ?)');
    params.push(filter.fromParticipantId.toLowerCase());
  }
  if (filter.updatedSince) {
    // Each branch is an index range; together they are exactly "effective updated_at >= since".
    conditions.push('(v.updated_at >= ? or v.ect_flip_at between ? and ? or v.mentor_flip_at between ? and ?)');
    params.push(filter.updatedSince, filter.updatedSince, now, filter.updatedSince, now);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const inner = orderBy(sort, { created_at: 'v.participant_created_at', updated_at: 'updated_at' }, DEFAULT_SORT, 'v.participant_id');
  const outer = orderBy(sort, { created_at: 'k.participant_created_at', updated_at: 'k.updated_at' }, DEFAULT_SORT, 'k.participant_id');
  const h = hydrate(now, shape, byUpdated ? { sql: 'k.updated_at', params: [] } : { sql: eff, params: [now, now] });
  // The default order with no filter but the default cohorts: the page starts at the day its offset falls in (list-days.ts).
  const plain = !filter.trainingStatus && filter.fromParticipantId === undefined && !filter.updatedSince && filter.cohorts === undefined;
  const count = filter.defaultCohortAfter === undefined ? 'n_visible' : filter.defaultCohortAfter === LIST_DAYS_COHORT_AFTER ? 'n_default' : null;
  const skip = plain && count && isDefaultOrder(sort) ? participantListDaySkip(leadProviderId, count) : null;
  if (skip) conditions.push(`v.participant_created_at >= ${skip.floor}`);
  const rows = await em.execute<T[]>(
    `with ${skip ? `${skip.ctes},` : ''} keys as (
       select v.participant_id, v.participant_created_at${byUpdated ? `, ${eff} as updated_at` : ''}
         from participant_provider_views v where ${conditions.join(' and ')}
        order by ${inner} limit ? offset ${skip ? skip.offset : '?'})
     ${h.sql}
       from keys k
       join participant_provider_views v on v.lead_provider_id = ? and v.participant_id = k.participant_id
       join participants pa on pa.id = k.participant_id
      order by ${outer}`,
    [...(skip ? [...skip.params, offset] : []), ...params, limit, offset, ...h.params, leadProviderId],
  );
  return toPage(rows, perPage);
}

/**
 * One participant the caller sees, by participant id, in a shape. A retired id (merged into another participant)
 * finds the participant that holds it now, whose `participantIdChanges` say so (docs/compatibility.md).
 */
export async function findParticipantAs<T>(em: EntityManager, now: Date, leadProviderId: string, shape: ParticipantShape, id: string): Promise<T | null> {
  if (!isUuid(id)) return null;
  const h = hydrate(now, shape, { sql: 'k.updated_at', params: [] });
  const rows = await em.execute<T[]>(
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

/** The caller's participants for ECF v3 (ecf.md §2.7); no `filter[cohort]`: every cohort after 2020. */
export function listEcfParticipants(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  filter: EcfParticipantFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<EcfParticipantView>> {
  return listParticipantsAs<EcfParticipantView>(em, now, leadProviderId, ECF_SHAPE, { ...filter, defaultCohortAfter: DEFAULT_COHORT_AFTER }, page, sort);
}

/** One participant the caller sees in the ECF v3 shape; a retired id finds its successor. */
export function findEcfParticipant(em: EntityManager, now: Date, leadProviderId: string, id: string): Promise<EcfParticipantView | null> {
  return findParticipantAs<EcfParticipantView>(em, now, leadProviderId, ECF_SHAPE, id);
}
