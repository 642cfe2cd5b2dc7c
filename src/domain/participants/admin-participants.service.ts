import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError, type Violation } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { isoDate, pgArray, rfc3339 } from '../shared/sql.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { emptyParticipantRows, insertParticipantRows, periodRow, recordRow } from '../demo/participant-rows.js';
import { lockViewRows, refreshParticipantProjection, viewIdsShowing } from './participant-projection.js';
import { refreshDeclarationListings } from '../declarations/declaration-listings.js';
import { markSubmittedDeclarationsEligible } from '../declarations/declaration-eligibility.js';
import type { FundingEligibility, FundingEligibilityReason, InductionStatus, MentorFundingEndReason, ParticipantType } from './training-record.entity.js';

/*
 * Internal (admin) participant operations: what the school-facing service does to ECF participants (issue 6
 * item 5). Each runs in one transaction, validates first (violations named by the GraphQL input field), writes,
 * re-projects the participants it changed, adds the projection rows whose shown values changed without a
 * projected column changing, and stamps them last (README "Commit-safe updated_at"): `updated_at` moves for
 * exactly the providers who see the change.
 */

export const ADMIN_PARTICIPANT_MESSAGES = {
  schoolNotFound: 'The school could not be found',
  cohortNotFound: 'The cohort could not be found',
  cohortWithoutSchedule: 'The cohort has no ECF schedules',
  trnFormat: 'The teacher reference number (TRN) must be 7 digits',
  trnTaken: (type: ParticipantType, id: string) => `A participant with this TRN is already registered as ${type === 'ect' ? 'an ECT' : 'a mentor'} (${id})`,
  fullNameBlank: "Enter the participant's full name",
  emailFormat: 'Enter a valid email address',
  dateOfBirthFuture: 'The date of birth must be in the past',
  inductionStartForMentor: 'Only ECTs have an induction start date',
  participantNotFound: 'The participant could not be found',
  noRecord: (type: ParticipantType) => `The participant has no ${type === 'ect' ? 'ECT' : 'mentor'} training record`,
  mentorIsEct: 'An ECT cannot be their own mentor',
  ectHasLeft: (date: string) => `The ECT left their school on ${date}; record their new school first`,
  sameSchool: 'The participant already trains at this school',
  leavingBeforeStart: (date: string) => `The leaving date must not be before the participant started at their current school (${date})`,
  joiningBeforeLeaving: 'The joining date must not be before the leaving date',
  eligibleNeedsNone: "An eligible participant's reason must be none",
  ineligibleNeedsReason: 'Give the reason the participant is ineligible',
  inductionAlreadyCompleted: (date: string) => `The participant completed induction on ${date}`,
  mentorFundingAlreadyEnded: (date: string) => `The mentor's funding ended on ${date}`,
  completionInFuture: 'The completion date must not be in the future',
  completionBeforeStart: (date: string) => `The completion date must not be before the induction start date (${date})`,
  reasonForMentorsOnly: 'Only mentors have a mentor funding end reason',
  mentorReasonRequired: "Give the reason the mentor's funding ended",
  mergeSame: 'These are already the same participant',
  mergeBothHold: (type: ParticipantType) => `Both participants have ${type === 'ect' ? 'an ECT' : 'a mentor'} training record; it cannot be merged`,
} as const;
const M = ADMIN_PARTICIPANT_MESSAGES;

/** A participant as the admin operations return it (not provider-scoped). */
export interface AdminParticipantView {
  id: string;
  fullName: string;
  teacherReferenceNumber: string | null;
  email: string | null;
  ectTrainingRecordId: string | null;
  mentorTrainingRecordId: string | null;
  retiredParticipantIds: string[];
  updatedAt: string;
}

/** The participant by id or by a retired id (which finds the participant that took it over); null otherwise. */
export async function findAdminParticipant(em: EntityManager, id: string): Promise<AdminParticipantView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<AdminParticipantView[]>(
    `select pa.id, pa.full_name as "fullName", pa.trn as "teacherReferenceNumber", pa.email,
            (select tr.id from training_records tr where tr.participant_id = pa.id and tr.participant_type = 'ect') as "ectTrainingRecordId",
            (select tr.id from training_records tr where tr.participant_id = pa.id and tr.participant_type = 'mentor') as "mentorTrainingRecordId",
            coalesce((select json_agg(ch.from_participant_id order by ch.changed_at, ch.from_participant_id) from participant_id_changes ch
                       where ch.participant_id = pa.id), '[]'::json) as "retiredParticipantIds",
            ${rfc3339('pa.updated_at')} as "updatedAt"
       from participants pa
      where pa.id = coalesce((select p.id from participants p where p.id = ?::uuid),
                             (select ch.participant_id from participant_id_changes ch where ch.from_participant_id = ?::uuid))`,
    [id, id],
  );
  return rows[0] ?? null;
}

/**
 * Funding eligibility from the sandbox's magic dates of birth (provider-needs.md §6.2, ecf.md §11): outside
 * production an ECT born on 1900-01-YY (YY = the cohort's year − 2000: 22/1/1900 for 2022 … 25/1/1900 for 2025,
 * continued for later cohorts) or a mentor born on 1900-01-01 is matched and eligible. Anyone else is not matched
 * (TRN not validated, eligibility undecided), as when the teacher record check finds no match.
 */
export function eligibilityFromDateOfBirth(
  type: ParticipantType,
  cohort: number,
  dateOfBirth: string | null,
  magicDatesApply: boolean,
): { status: FundingEligibility; reason: FundingEligibilityReason } | null {
  if (!magicDatesApply || dateOfBirth === null) return null;
  const magic = type === 'mentor' ? '1900-01-01' : cohort >= 2022 && cohort <= 2031 ? `1900-01-${String(cohort - 2000).padStart(2, '0')}` : null;
  return dateOfBirth === magic ? { status: 'eligible', reason: 'none' } : null;
}

const startOfDay = (date: string): string => `${date}T00:00:00.000Z`;
const fail = (violations: Violation[]): void => {
  if (violations.length > 0) throw DomainError.validation(violations);
};

/** The current participant id for `id` (itself, or the holder of a retired id); null when unknown. */
async function resolveParticipant(tx: EntityManager, id: string | null | undefined): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await tx.execute<{ id: string | null }[]>(
    `select coalesce((select p.id from participants p where p.id = ?::uuid),
                     (select ch.participant_id from participant_id_changes ch where ch.from_participant_id = ?::uuid)) as id`,
    [id, id],
  );
  return row?.id ?? null;
}

/**
 * Resolves the given ids (retired ones to their holder) and locks those participants, in id order, so concurrent
 * operations on one person run one after the other (and touch that person's projection rows one after the other)
 * without deadlocks. A participant merged away while this waited for its lock is resolved again, so an operation
 * queued behind a merge acts on the survivor. Unknown ids resolve to null.
 */
async function resolveAndLock(tx: EntityManager, ids: (string | null | undefined)[]): Promise<(string | null)[]> {
  for (;;) {
    const resolved: (string | null)[] = [];
    for (const id of ids) resolved.push(await resolveParticipant(tx, id));
    const wanted = [...new Set(resolved.filter((id): id is string => id !== null))];
    const locked = await tx.execute<{ id: string }[]>('select id from participants where id = any(?::uuid[]) order by id for update', [pgArray(wanted)]);
    if (locked.length === wanted.length) return resolved;
  }
}

interface RecordRow {
  id: string;
  participant_id: string;
  participant_type: ParticipantType;
  induction_start_date: string | null;
  induction_end_date: string | null;
  mentor_funding_end_date: string | null;
  funding_eligibility: FundingEligibility | null;
  funding_eligibility_reason: FundingEligibilityReason | null;
}

async function recordOf(tx: EntityManager, participantId: string, type: ParticipantType): Promise<RecordRow | null> {
  const [row] = await tx.execute<RecordRow[]>(
    `select id, participant_id, participant_type, ${isoDate('induction_start_date')} as induction_start_date,
            ${isoDate('induction_end_date')} as induction_end_date, ${isoDate('mentor_funding_end_date')} as mentor_funding_end_date,
            funding_eligibility, funding_eligibility_reason
       from training_records where participant_id = ? and participant_type = ? for update`,
    [participantId, type],
  );
  return row ?? null;
}

interface PeriodRow {
  id: string;
  training_record_id: string;
  school_id: string;
  cohort_id: string;
  partnership_id: string | null;
  lead_provider_id: string | null;
  schedule_id: string;
  induction_status: InductionStatus;
  training_status: string;
  training_status_reason: string | null;
  training_status_changed_at: Date | null;
  training_status_lead_provider_id: string | null;
  mentor_training_record_id: string | null;
  email: string | null;
  school_transfer: boolean;
  start_date: Date;
  end_date: Date | null;
}

/** The record's current training period: the latest one at any school (open first, then latest start, ecf.md §1.4). */
async function currentPeriod(tx: EntityManager, recordId: string): Promise<PeriodRow> {
  const [row] = await tx.execute<PeriodRow[]>(
    `select tp.*, pt.lead_provider_id from training_periods tp left join partnerships pt on pt.id = tp.partnership_id
      where tp.training_record_id = ?
      order by (tp.end_date is null) desc, tp.start_date desc, tp.created_at desc, tp.id desc limit 1 for update of tp`,
    [recordId],
  );
  if (!row) throw new Error(`training record ${recordId} has no training period`);
  return { ...row, start_date: new Date(row.start_date), end_date: row.end_date ? new Date(row.end_date) : null };
}

/** The school's partnership for the cohort (its unchallenged, confirmed one: ecf.md §1.3 "the school's LP"), if any. */
async function schoolPartnership(tx: EntityManager, schoolId: string, cohortId: string): Promise<{ id: string; lead_provider_id: string } | null> {
  const [row] = await tx.execute<{ id: string; lead_provider_id: string }[]>(
    `select id, lead_provider_id from partnerships
      where school_id = ? and cohort_id = ? and relationship = false and challenged_at is null and challenge_reason is null`,
    [schoolId, cohortId],
  );
  return row ?? null;
}

/**
 * The last steps of every operation: re-project the participants, add the rows whose shown values changed
 * without a projected column changing, lock them all (in id order, so the clock holder never waits for a row)
 * and stamp them in commit order.
 */
async function finish(tx: EntityManager, clock: Clock, participantIds: string[], alsoShowing: string[] = [], touched = new Touched()): Promise<void> {
  const changed = await refreshParticipantProjection(tx, { participantIds }, touched);
  const ids = [...new Set([...changed, ...alsoShowing])];
  await lockViewRows(tx, ids);
  await stampWrite(tx, clock, touched.add('participant_provider_views', ...ids));
}

function checkParticipant(v: Violation[], field: string, id: string | null, record: RecordRow | null, type: ParticipantType): void {
  if (!id) v.push({ field, message: M.participantNotFound });
  else if (!record) v.push({ field, message: M.noRecord(type) });
}

// ---------------------------------------------------------------------------------------------------------------

export interface RegisterParticipantCommand {
  schoolId: string;
  cohort: number;
  participantType: ParticipantType;
  trn?: string | null;
  fullName: string;
  email: string;
  dateOfBirth?: string | null;
  inductionStartDate?: string | null;
  /** The day training starts at the school; now when omitted. */
  startDate?: string | null;
}

/**
 * Registers an ECT or a mentor at a school in a cohort (ecf.md §1.3–1.4): a training record on the cohort's
 * `ecf-standard-september` schedule and a training period in the school's partnership for the cohort, which
 * decides the lead provider (none: no provider sees the participant). A participant with the same TRN who holds
 * the other role gets a second training record ("ECT who became a mentor"); the same role twice is refused.
 * Funding eligibility comes from the magic dates of birth outside production. Returns the participant id.
 */
export async function registerParticipant(em: EntityManager, clock: Clock, cmd: RegisterParticipantCommand, magicDatesApply: boolean): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const v: Violation[] = [];
    const [school] = isUuid(cmd.schoolId) ? await tx.execute<{ id: string }[]>('select id from schools where id = ?', [cmd.schoolId]) : [];
    if (!school) v.push({ field: 'schoolId', message: M.schoolNotFound });
    const [cohort] = await tx.execute<{ id: string; schedule_id: string | null }[]>(
      `select c.id, s.id as schedule_id from cohorts c
         left join schedules s on s.cohort_id = c.id and s.programme = 'ecf' and s.schedule_identifier = 'ecf-standard-september'
        where c.start_year = ?`,
      [cmd.cohort],
    );
    if (!cohort) v.push({ field: 'cohort', message: M.cohortNotFound });
    else if (!cohort.schedule_id) v.push({ field: 'cohort', message: M.cohortWithoutSchedule });
    const trn = cmd.trn?.trim() || null;
    let existing: { id: string; email: string | null } | undefined;
    if (trn !== null && !/^\d{7}$/.test(trn)) v.push({ field: 'trn', message: M.trnFormat });
    else if (trn !== null) {
      // One registration per TRN at a time, so two concurrent registrations cannot both create the person.
      await tx.execute('select pg_advisory_xact_lock(hashtext(?))', [`participant-trn:${trn}`]);
      [existing] = await tx.execute<{ id: string; email: string | null }[]>(
        'select id, email from participants where trn = ? order by created_at, id limit 1 for update',
        [trn],
      );
      if (existing && (await recordOf(tx, existing.id, cmd.participantType))) v.push({ field: 'trn', message: M.trnTaken(cmd.participantType, existing.id) });
    }
    const fullName = cmd.fullName.trim().replace(/\s+/g, ' ');
    if (fullName === '') v.push({ field: 'fullName', message: M.fullNameBlank });
    const email = cmd.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) v.push({ field: 'email', message: M.emailFormat });
    if (cmd.dateOfBirth && cmd.dateOfBirth >= clock.today()) v.push({ field: 'dateOfBirth', message: M.dateOfBirthFuture });
    if (cmd.participantType === 'mentor' && cmd.inductionStartDate) v.push({ field: 'inductionStartDate', message: M.inductionStartForMentor });
    fail(v);

    const now = clock.now().toISOString();
    const rows = emptyParticipantRows();
    const participantId = existing?.id ?? randomUUID();
    if (!existing) rows.participants.push({ id: participantId, trn, full_name: fullName, email, created_at: now, updated_at: now });
    const eligibility = eligibilityFromDateOfBirth(cmd.participantType, cmd.cohort, cmd.dateOfBirth ?? null, magicDatesApply);
    const recordId = randomUUID();
    rows.records.push(
      recordRow({
        id: recordId,
        participantId,
        type: cmd.participantType,
        scheduleId: cohort.schedule_id!,
        at: now,
        funding_eligibility: eligibility?.status ?? null,
        funding_eligibility_reason: eligibility?.reason ?? null,
        induction_start_date: cmd.inductionStartDate ?? null,
      }),
    );
    const partnership = await schoolPartnership(tx, school.id, cohort.id);
    rows.periods.push(
      periodRow({
        id: randomUUID(),
        recordId,
        schoolId: school.id,
        cohortId: cohort.id,
        partnershipId: partnership?.id ?? null,
        scheduleId: cohort.schedule_id!,
        start: cmd.startDate ? startOfDay(cmd.startDate) : now,
        at: now,
        email: existing && existing.email !== email ? email : null,
      }),
    );
    await insertParticipantRows(tx, rows);
    if (existing) await tx.execute('update participants set updated_at = ? where id = ?', [now, existing.id]);
    await finish(tx, clock, [participantId]);
    return participantId;
  });
}

// ---------------------------------------------------------------------------------------------------------------

export interface AssignMentorCommand {
  ectParticipantId: string;
  /** The mentor; null removes the ECT's mentor. */
  mentorParticipantId?: string | null;
}

/**
 * Gives an ECT a mentor, changes it, or removes it (null) as of now. Per ecf.md §3.8 a current period that starts
 * in the future is changed in place; otherwise it is closed (`changed`, ending now) and a copy with the new
 * mentor starts now. The ECT's providers see the new `mentor_id`; the mentor's own enrolment shows nothing of its
 * ECTs, so the mentor's rows do not move. Returns the ECT's participant id.
 */
export async function assignMentor(em: EntityManager, clock: Clock, cmd: AssignMentorCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const v: Violation[] = [];
    const [ectId, mentorId] = await resolveAndLock(tx, [cmd.ectParticipantId, cmd.mentorParticipantId]);
    const ect = ectId ? await recordOf(tx, ectId, 'ect') : null;
    checkParticipant(v, 'ectParticipantId', ectId, ect, 'ect');
    const period = ect ? await currentPeriod(tx, ect.id) : null;
    const now = clock.now();
    if (period?.end_date && period.end_date <= now) v.push({ field: 'ectParticipantId', message: M.ectHasLeft(period.end_date.toISOString().slice(0, 10)) });
    let mentorRecordId: string | null = null;
    if (cmd.mentorParticipantId != null) {
      const mentor = mentorId ? await recordOf(tx, mentorId, 'mentor') : null;
      checkParticipant(v, 'mentorParticipantId', mentorId, mentor, 'mentor');
      if (mentorId && mentorId === ectId) v.push({ field: 'mentorParticipantId', message: M.mentorIsEct });
      mentorRecordId = mentor?.id ?? null;
    }
    fail(v);
    const p = period!;
    if (p.mentor_training_record_id === mentorRecordId) {
      await stampWrite(tx, clock, new Touched());
      return ectId!;
    }
    const showing: string[] = [];
    if (p.start_date > now) {
      await tx.execute('update training_periods set mentor_training_record_id = ?, updated_at = ? where id = ?', [mentorRecordId, now, p.id]);
      showing.push(...(await viewIdsShowing(tx, { periodIds: [p.id] })));
    } else {
      await changeSlice(tx, p, now, { mentor_training_record_id: mentorRecordId });
    }
    await tx.execute('update training_records set updated_at = ? where id = ?', [now, ect!.id]);
    await finish(tx, clock, [ectId!], showing);
    return ectId!;
  });
}

/** ecf.md §3.8: closes the current period now (`changed`) and opens a copy with `changes` from now. */
async function changeSlice(tx: EntityManager, p: PeriodRow, now: Date, changes: Record<string, unknown>): Promise<void> {
  const futureLeaver = p.end_date !== null && p.end_date > now;
  await tx.execute(`update training_periods set end_date = ?, induction_status = 'changed', updated_at = ? where id = ?`, [now, now, p.id]);
  const at = now.toISOString();
  const rows = emptyParticipantRows();
  rows.periods.push(
    periodRow({
      id: randomUUID(),
      recordId: p.training_record_id,
      schoolId: p.school_id,
      cohortId: p.cohort_id,
      partnershipId: p.partnership_id,
      scheduleId: p.schedule_id,
      start: at,
      at,
      induction_status: p.induction_status === 'changed' ? 'active' : p.induction_status,
      training_status: p.training_status,
      training_status_reason: p.training_status_reason,
      training_status_changed_at: p.training_status_changed_at ? new Date(p.training_status_changed_at).toISOString() : null,
      training_status_lead_provider_id: p.training_status_lead_provider_id,
      mentor_training_record_id: p.mentor_training_record_id,
      email: p.email,
      school_transfer: futureLeaver ? p.school_transfer : false,
      end_date: futureLeaver ? p.end_date!.toISOString() : null,
      ...changes,
    }),
  );
  await insertParticipantRows(tx, rows);
}

// ---------------------------------------------------------------------------------------------------------------

export interface RecordSchoolMoveCommand {
  participantId: string;
  participantType: ParticipantType;
  /** The last day at the current school (its period ends then, `leaving`). */
  leavingDate: string;
  /** The school joined. */
  schoolId: string;
  /** The first day at the new school. */
  joiningDate: string;
}

/**
 * Records a move to another school (ecf.md §1.7 transfers): the current period ends on the leaving date with
 * induction status `leaving` (changed in place, as the school's leaving flow does), and a period at the new
 * school starts on the joining date with `school_transfer`, in the new school's partnership for the same cohort
 * (possibly another provider's). The old provider sees `leaving`, then `left` by the clock; the new one `joining`,
 * then `active`. The training status carries over within one provider; another provider starts `active`. An ECT
 * starts at the new school without a mentor (the new school assigns one, `assignMentor`).
 */
export async function recordSchoolMove(em: EntityManager, clock: Clock, cmd: RecordSchoolMoveCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const v: Violation[] = [];
    const [id] = await resolveAndLock(tx, [cmd.participantId]);
    const record = id ? await recordOf(tx, id, cmd.participantType) : null;
    checkParticipant(v, 'participantId', id, record, cmd.participantType);
    const period = record ? await currentPeriod(tx, record.id) : null;
    if (period && cmd.leavingDate < period.start_date.toISOString().slice(0, 10)) {
      v.push({ field: 'leavingDate', message: M.leavingBeforeStart(period.start_date.toISOString().slice(0, 10)) });
    }
    const [school] = isUuid(cmd.schoolId) ? await tx.execute<{ id: string }[]>('select id from schools where id = ?', [cmd.schoolId]) : [];
    if (!school) v.push({ field: 'schoolId', message: M.schoolNotFound });
    else if (period?.school_id === school.id) v.push({ field: 'schoolId', message: M.sameSchool });
    if (cmd.joiningDate < cmd.leavingDate) v.push({ field: 'joiningDate', message: M.joiningBeforeLeaving });
    fail(v);

    const p = period!;
    const now = clock.now();
    const at = now.toISOString();
    // A leaving day that is the starting day ends the period at its start (a period never ends before it starts).
    await tx.execute(`update training_periods set end_date = greatest(?::timestamptz, start_date), induction_status = 'leaving', updated_at = ? where id = ?`, [
      startOfDay(cmd.leavingDate),
      now,
      p.id,
    ]);
    const partnership = await schoolPartnership(tx, school.id, p.cohort_id);
    const sameProvider = partnership !== null && partnership.lead_provider_id === p.lead_provider_id;
    const rows = emptyParticipantRows();
    rows.periods.push(
      periodRow({
        id: randomUUID(),
        recordId: record!.id,
        schoolId: school.id,
        cohortId: p.cohort_id,
        partnershipId: partnership?.id ?? null,
        scheduleId: p.schedule_id,
        start: startOfDay(cmd.joiningDate),
        at,
        email: p.email,
        school_transfer: true,
        ...(sameProvider
          ? {
              training_status: p.training_status,
              training_status_reason: p.training_status_reason,
              training_status_changed_at: p.training_status_changed_at ? new Date(p.training_status_changed_at).toISOString() : null,
              training_status_lead_provider_id: p.training_status_lead_provider_id,
            }
          : {}),
      }),
    );
    await insertParticipantRows(tx, rows);
    await tx.execute('update training_records set updated_at = ? where id = ?', [now, record!.id]);
    await finish(tx, clock, [id!]);
    return id!;
  });
}

// ---------------------------------------------------------------------------------------------------------------

export interface ChangeFundingEligibilityCommand {
  participantId: string;
  participantType: ParticipantType;
  status: FundingEligibility;
  reason: FundingEligibilityReason;
}

/** What providers see of a record's eligibility: `eligible_for_funding` and `teacher_reference_number_validated`. */
const shownEligibility = (trn: string | null, status: FundingEligibility | null, reason: FundingEligibilityReason | null): string =>
  JSON.stringify([status === 'eligible' ? true : status === 'ineligible' ? false : null, trn === null ? null : status !== null && reason !== 'different_trn']);

/**
 * Sets a training record's funding eligibility (ecf.md §1.4 `ECFParticipantEligibility`): `eligible` goes with
 * reason `none`, `ineligible` needs another reason. Every provider that sees the record moves, but only when what
 * they see (`eligible_for_funding`, `teacher_reference_number_validated`) changes.
 */
export async function changeFundingEligibility(em: EntityManager, clock: Clock, cmd: ChangeFundingEligibilityCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const v: Violation[] = [];
    const [id] = await resolveAndLock(tx, [cmd.participantId]);
    const record = id ? await recordOf(tx, id, cmd.participantType) : null;
    checkParticipant(v, 'participantId', id, record, cmd.participantType);
    if (cmd.status === 'eligible' && cmd.reason !== 'none') v.push({ field: 'reason', message: M.eligibleNeedsNone });
    if (cmd.status === 'ineligible' && cmd.reason === 'none') v.push({ field: 'reason', message: M.ineligibleNeedsReason });
    fail(v);
    const r = record!;
    const [{ trn }] = await tx.execute<{ trn: string | null }[]>('select trn from participants where id = ?', [id]);
    const now = clock.now();
    await tx.execute('update training_records set funding_eligibility = ?, funding_eligibility_reason = ?, updated_at = ? where id = ?', [
      cmd.status,
      cmd.reason,
      now,
      r.id,
    ]);
    const shownChanged = shownEligibility(trn, r.funding_eligibility, r.funding_eligibility_reason) !== shownEligibility(trn, cmd.status, cmd.reason);
    const touched = new Touched();
    if (cmd.status === 'eligible') {
      const moved = await markSubmittedDeclarationsEligible(tx, clock, r.id);
      if (moved.length) {
        touched.add('participant_declarations', ...moved);
        await refreshDeclarationListings(tx, { declarationIds: moved }, moved);
      }
    }
    await finish(tx, clock, [id!], shownChanged ? await viewIdsShowing(tx, { recordIds: [r.id] }) : [], touched);
    return id!;
  });
}

// ---------------------------------------------------------------------------------------------------------------

export interface CompleteTrainingCommand {
  participantId: string;
  participantType: ParticipantType;
  completionDate: string;
  /** Mentors only: why funding ended. */
  mentorFundingEndReason?: MentorFundingEndReason | null;
}

/**
 * Completes an ECT's induction (`induction_end_date`; the current period's induction status becomes `completed`
 * in place) or ends a mentor's funding (`mentor_funding_end_date` and `mentor_ineligible_for_funding_reason`).
 * Every provider that sees the record moves.
 */
export async function completeTraining(em: EntityManager, clock: Clock, cmd: CompleteTrainingCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const v: Violation[] = [];
    const [id] = await resolveAndLock(tx, [cmd.participantId]);
    const record = id ? await recordOf(tx, id, cmd.participantType) : null;
    checkParticipant(v, 'participantId', id, record, cmd.participantType);
    if (record?.induction_end_date) v.push({ field: 'participantId', message: M.inductionAlreadyCompleted(record.induction_end_date) });
    if (record?.mentor_funding_end_date) v.push({ field: 'participantId', message: M.mentorFundingAlreadyEnded(record.mentor_funding_end_date) });
    if (cmd.completionDate > clock.today()) v.push({ field: 'completionDate', message: M.completionInFuture });
    else if (record?.induction_start_date && cmd.completionDate < record.induction_start_date) {
      v.push({ field: 'completionDate', message: M.completionBeforeStart(record.induction_start_date) });
    }
    if (cmd.participantType === 'ect' && cmd.mentorFundingEndReason) v.push({ field: 'mentorFundingEndReason', message: M.reasonForMentorsOnly });
    if (cmd.participantType === 'mentor' && !cmd.mentorFundingEndReason) v.push({ field: 'mentorFundingEndReason', message: M.mentorReasonRequired });
    fail(v);
    const r = record!;
    const now = clock.now();
    if (cmd.participantType === 'ect') {
      await tx.execute('update training_records set induction_end_date = ?, updated_at = ? where id = ?', [cmd.completionDate, now, r.id]);
      const p = await currentPeriod(tx, r.id);
      if (p.end_date === null && p.induction_status === 'active') {
        await tx.execute(`update training_periods set induction_status = 'completed', updated_at = ? where id = ?`, [now, p.id]);
      }
    } else {
      await tx.execute('update training_records set mentor_funding_end_date = ?, mentor_funding_end_reason = ?, updated_at = ? where id = ?', [
        cmd.completionDate,
        cmd.mentorFundingEndReason,
        now,
        r.id,
      ]);
    }
    await finish(tx, clock, [id!], await viewIdsShowing(tx, { recordIds: [r.id] }));
    return id!;
  });
}

// ---------------------------------------------------------------------------------------------------------------

export interface MergeParticipantsCommand {
  /** The duplicate whose id is retired. */
  fromParticipantId: string;
  /** The participant that survives and takes over the training records and the retired id. */
  toParticipantId: string;
}

/**
 * Merges a duplicate into the surviving participant (ecf.md §1.4 `ParticipantIdChange`): the duplicate's training
 * records (ids unchanged) and retired ids move to the survivor, a `participant_id_changes` row records the new
 * retired id, and the duplicate is removed, so reads and actions by the retired id find the survivor. Refused when
 * both hold a record of the same role. Moves every provider that sees the survivor (its `participant_id_changes`),
 * and every ECT whose shown `mentor_id` was the retired id. Returns the survivor's id.
 */
export async function mergeParticipants(em: EntityManager, clock: Clock, cmd: MergeParticipantsCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const v: Violation[] = [];
    const [from, to] = await resolveAndLock(tx, [cmd.fromParticipantId, cmd.toParticipantId]);
    if (!from) v.push({ field: 'fromParticipantId', message: M.participantNotFound });
    if (!to) v.push({ field: 'toParticipantId', message: M.participantNotFound });
    if (from && to && from === to) v.push({ field: 'toParticipantId', message: M.mergeSame });
    if (from && to && from !== to) {
      const both = await tx.execute<{ participant_type: ParticipantType }[]>(
        `select participant_type from training_records where participant_id in (?, ?) group by participant_type having count(*) > 1 order by participant_type`,
        [from, to],
      );
      for (const b of both) v.push({ field: 'fromParticipantId', message: M.mergeBothHold(b.participant_type) });
    }
    fail(v);
    const now = clock.now();
    // ECTs mentored by the duplicate show its id as mentor_id until now; read before the records move.
    const mentees = await viewIdsShowing(tx, { mentorParticipantIds: [from!] });
    await lockViewRows(tx, mentees);
    await tx.execute('update training_records set participant_id = ?, updated_at = ? where participant_id = ?', [to, now, from]);
    // The duplicate's declarations go with its training records (same record ids): their participant_id (and so their
    // slot) is the survivor's from now, as is the mentor_id ECT declarations show for a merged mentor.
    const movedDeclarations = await tx.execute<{ id: string }[]>(
      `update participant_declarations set participant_id = case when participant_id = ? then ?::uuid else participant_id end,
              mentor_participant_id = case when mentor_participant_id = ? then ?::uuid else mentor_participant_id end, updated_at = ?
        where programme = 'ecf' and (participant_id = ? or mentor_participant_id = ?) returning id`,
      [from, to, from, to, now, from, from],
    );
    const declarationIds = movedDeclarations.map((d) => d.id);
    if (declarationIds.length) await refreshDeclarationListings(tx, { declarationIds }, declarationIds);
    await tx.execute('update participant_id_changes set participant_id = ? where participant_id = ?', [to, from]);
    await tx.execute('insert into participant_id_changes (id, participant_id, from_participant_id, to_participant_id, changed_at) values (?, ?, ?, ?, ?)', [
      randomUUID(),
      to,
      from,
      to,
      now,
    ]);
    await tx.execute('update participants set updated_at = ? where id = ?', [now, to]);
    // The ECTs the duplicate mentored show the survivor's id as `mentor_id` from now: re-project them too.
    const changed = await refreshParticipantProjection(tx, { participantIds: [from!, to!], menteesOfParticipantIds: [to!] });
    await tx.execute('delete from participants where id = ?', [from]);
    await finish(
      tx,
      clock,
      [to!],
      [...changed, ...mentees, ...(await viewIdsShowing(tx, { participantIds: [to!] }))],
      declarationIds.length ? new Touched().add('participant_declarations', ...declarationIds) : new Touched(),
    );
    return to!;
  });
}
