import type { EntityManager } from '@mikro-orm/postgresql';
import { DEFAULT_COHORT_AFTER } from '../cohorts/cohort-filter.sql.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest } from '../shared/list-query.js';
import { pgArray, rfc3339 } from '../shared/sql.js';
import type { ParticipantType, TrainingStatus } from './training-record.entity.js';
import { type DaySkip } from '../shared/day-counts.js';
import { trainingRecordDaySkip } from './list-days.js';

/** ECF v1/v2 `status` (ecf.md §1.4): the school's induction status folded into two values. */
export type TrainingRecordStatus = 'active' | 'withdrawn';

/**
 * One training record of a participant as the calling provider sees it, with the person's fields: the ECF v1/v2
 * participant row (ecf.md §2.6). A participant who is an ECT and a mentor with the provider has two rows with
 * the same `id`.
 */
export interface EcfTrainingRecordView {
  /** The participant id (the same on both rows of a person). */
  id: string;
  email: string | null;
  fullName: string;
  mentorId: string | null;
  schoolUrn: string;
  participantType: ParticipantType;
  /** Start year of the school's cohort of the visible period. */
  cohort: number;
  status: TrainingRecordStatus;
  teacherReferenceNumber: string | null;
  teacherReferenceNumberValidated: boolean | null;
  eligibleForFunding: boolean | null;
  pupilPremiumUplift: boolean;
  sparsityUplift: boolean;
  trainingStatus: TrainingStatus;
  trainingRecordId: string;
  scheduleIdentifier: string;
  updatedAt: string;
  /** Opaque position of the row in its list order: `after` resumes the list behind it. */
  cursor: string;
}

export interface EcfTrainingRecordFilter {
  /** Cohort of the record's schedule (ecf.md §2.6); `undefined` = every cohort after 2020. */
  cohorts: CohortFilter;
  /** Rows whose `updatedAt` is at or after this instant; also switches the order to `updatedAt` (ecf.md §2.5). */
  updatedSince?: Date;
}

/**
 * Each projection row (one per provider × participant) stands for up to two records, in this order: the ECT one
 * (0), then the mentor one (1). A record the provider does not see has a null cohort and drops out. The list reads
 * the same records from `training_record_keys`, which `refreshViews` derives with this expansion.
 */
const RECORDS = `cross join lateral (values ('ect'::text, 0, v.ect_cohort), ('mentor'::text, 1, v.mentor_cohort)) r(participant_type, ord, cohort)`;

/**
 * A page of keys from the list's key table (`training_record_keys`, one row per visible record: ECT `ord` 0,
 * mentor 1), in the order `at` (`k.participant_created_at` or `k.updated_at`), participant id, `ord`: the order of
 * the table's index for `at`, so the page is an index-only range with no sort at any offset. Parameters: those of
 * `where`, then limit and offset. With `skip` (the default order, list-days.ts) the page starts at the day its offset
 * falls in; the skip's CTEs go first in the statement. The bench's bare list (bench/support/bare-lists.ts) reads the same statement.
 */
export const KEY_PAGE = (at: string, where: string, skip?: DaySkip): string =>
  `select k.participant_id, k.ord, ${at} as sort_at from training_record_keys k where ${where}${skip ? ` and ${at} >= ${skip.floor}` : ''}
    order by ${at}, k.participant_id, k.ord limit ? offset ${skip ? skip.offset : '?'}`;

/** A cursor: the order value (to the microsecond), the participant id and the record's place (0 ECT, 1 mentor). */
interface Cursor {
  at: string;
  participantId: string;
  ord: number;
}

const CURSOR_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f-]{36})\|([01])$/;

function parseCursor(text: string): Cursor {
  const m = CURSOR_RE.exec(text);
  if (!m || !isUuid(m[2])) throw DomainError.badInput(`Not a cursor of this list: ${JSON.stringify(text.slice(0, 80))}`);
  return { at: m[1], participantId: m[2], ord: Number(m[3]) };
}

const cursorSql = (at: string) => `to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '|' || k.participant_id::text || '|' || k.ord::text`;

/**
 * The columns of one row for the key `k` (participant_id, ord) and its projection row `v`; `tp` is the period
 * the provider sees of that record. `updatedAt` is the projection's stamped value: nothing in this shape
 * changes with time by itself (v1/v2 `status` reads the school's induction status, not the dates).
 */
const HYDRATE = `select pa.id, coalesce(tp.email, pa.email) as "email", pa.full_name as "fullName", mr.participant_id as "mentorId", s.urn as "schoolUrn",
       tr.participant_type as "participantType", c.start_year as "cohort",
       case when tp.induction_status in ('withdrawn', 'changed') then 'withdrawn' else 'active' end as "status",
       pa.trn as "teacherReferenceNumber",
       case when pa.trn is null then null else tr.funding_eligibility is not null and tr.funding_eligibility_reason is distinct from 'different_trn' end
         as "teacherReferenceNumberValidated",
       case tr.funding_eligibility when 'eligible' then true when 'ineligible' then false end as "eligibleForFunding",
       tr.pupil_premium_uplift as "pupilPremiumUplift", tr.sparsity_uplift as "sparsityUplift", tp.training_status as "trainingStatus",
       tr.id as "trainingRecordId", sh.schedule_identifier as "scheduleIdentifier", ${rfc3339('v.updated_at')} as "updatedAt"`;

const HYDRATE_JOINS = `join participant_provider_views v on v.lead_provider_id = ? and v.participant_id = k.participant_id
  join participants pa on pa.id = k.participant_id
  join training_periods tp on tp.id = case k.ord when 0 then v.ect_period_id else v.mentor_period_id end
  join training_records tr on tr.id = tp.training_record_id
  join schools s on s.id = tp.school_id
  join cohorts c on c.id = tp.cohort_id
  join schedules sh on sh.id = tp.schedule_id
  left join training_records mr on mr.id = tp.mentor_training_record_id`;

/**
 * The caller's ECF training records, one row per record (ecf.md §2.6, v1/v2): a key page from the list's key
 * table (`KEY_PAGE`) in the order of participant creation, or of `updated_at` when `updatedSince` is given (as the
 * live v1/v2 lists order), ECT before mentor, then the page hydrated from the projection, in one statement. `after` (a row's `cursor`) resumes the list behind that row, so a reader that walks
 * the whole list by cursor never skips a row that moved while it read.
 */
export async function listEcfTrainingRecords(
  em: EntityManager,
  leadProviderId: string,
  filter: EcfTrainingRecordFilter,
  page: PageRequest,
  after?: string,
): Promise<Page<EcfTrainingRecordView>> {
  const byUpdated = filter.updatedSince !== undefined;
  const at = byUpdated ? 'k.updated_at' : 'k.participant_created_at';
  const conditions = ['k.lead_provider_id = ?'];
  const params: unknown[] = [leadProviderId];
  const cohort =
    filter.cohorts === undefined ? { sql: 'cohort > ?', params: [DEFAULT_COHORT_AFTER] } : { sql: 'cohort = any(?::int[])', params: [pgArray(filter.cohorts)] };
  conditions.push(`k.${cohort.sql}`);
  params.push(...cohort.params);
  if (filter.updatedSince) {
    conditions.push('k.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  if (after !== undefined) {
    const c = parseCursor(after);
    // The first condition is the index range; the second drops the rows at or before the cursor at its exact
    // position (its own row, and the ECT row before a mentor cursor). A participant changed since moves to a later
    // position and comes again. Written as inequalities, not a row comparison, so the planner estimates that it
    // passes nearly every row and reads the index in order.
    conditions.push(`(${at}, k.participant_id) >= (?::timestamptz, ?::uuid)`, `(k.participant_id <> ?::uuid or ${at} <> ?::timestamptz or k.ord > ?)`);
    params.push(c.at, c.participantId, c.participantId, c.at, c.ord);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  // The default order with no cursor: the page starts at the day its offset falls in (list-days.ts).
  const skip = !byUpdated && after === undefined ? trainingRecordDaySkip(leadProviderId, cohort.sql, cohort.params) : undefined;
  const rows = await em.execute<EcfTrainingRecordView[]>(
    `with ${skip ? `${skip.ctes},` : ''} keys as (${KEY_PAGE(at, conditions.join(' and '), skip)})
     ${HYDRATE}, ${cursorSql('k.sort_at')} as "cursor"
       from keys k
       ${HYDRATE_JOINS}
      order by k.sort_at, k.participant_id, k.ord`,
    [...(skip ? [...skip.params, offset] : []), ...params, limit, offset, leadProviderId],
  );
  return toPage(rows, perPage);
}

/**
 * One participant's training record as the caller sees it (ecf.md §2.6 show): the ECT record when the person has
 * both and `participantType` is not given. A retired participant id finds the participant that holds it now, as
 * the v3 show does (docs/compatibility.md).
 */
export async function findEcfTrainingRecord(
  em: EntityManager,
  leadProviderId: string,
  participantId: string,
  participantType?: ParticipantType,
): Promise<EcfTrainingRecordView | null> {
  if (!isUuid(participantId)) return null;
  const rows = await em.execute<EcfTrainingRecordView[]>(
    `with target as (
       select coalesce((select p.id from participants p where p.id = ?::uuid),
                       (select ch.participant_id from participant_id_changes ch where ch.from_participant_id = ?::uuid)) as participant_id),
     keys as (
       select v.participant_id, r.ord, v.participant_created_at as sort_at
         from participant_provider_views v join target t on t.participant_id = v.participant_id ${RECORDS}
        where v.lead_provider_id = ? and v.api_visible and r.cohort is not null and (?::text is null or r.participant_type = ?::text)
        order by r.ord limit 1)
     ${HYDRATE}, ${cursorSql('k.sort_at')} as "cursor"
       from keys k
       ${HYDRATE_JOINS}`,
    [participantId, participantId, leadProviderId, participantType ?? null, participantType ?? null, leadProviderId],
  );
  return rows[0] ?? null;
}
