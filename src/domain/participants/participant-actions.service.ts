import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError, type Violation } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { refreshParticipantProjection } from './participant-projection.js';
import type { ParticipantType, TrainingStatus } from './training-record.entity.js';
import type { ParticipantAction, ParticipantActionRules } from './actions/participant-action-audit.entity.js';

export type { ParticipantAction, ParticipantActionRules };
import {
  ecfViolations,
  paymentsFrozenMigration,
  rectViolations,
  type ActionFacts,
  type ActionInput,
  type PeriodFacts,
  type ScheduleDeclarationFacts,
  type TargetFacts,
} from './actions/participant-action.rules.js';

/** Who acts: the provider, and the token it called with (audit). */
export interface ActionActor {
  leadProviderId: string;
  /** The lead provider's API token; null when an admin acts for the provider. */
  apiTokenId: string | null;
  adminTokenId?: string | null;
}

export interface ParticipantActionCommand extends ActionActor {
  /** The participant id from the path; a retired id (participant_id_changes) finds its successor. */
  participantId: string;
  /** `ecf` for the ECF paths (default), `rect` for the RECT paths: their messages and rules differ (rect.md §7). */
  rules?: ParticipantActionRules;
  courseIdentifier?: string | null;
  reason?: string | null;
  scheduleIdentifier?: string | null;
  /** change-schedule: the target cohort start year; an unknown year means "keep the current cohort". */
  cohort?: number | null;
}

const ROLE_OF_COURSE: Record<string, ParticipantType> = { 'ecf-induction': 'ect', 'ecf-mentor': 'mentor' };

interface ViewRow {
  id: string;
  ect_period_id: string | null;
  mentor_period_id: string | null;
}

const PERIOD_SELECT = `select tp.id, tp.training_record_id as "trainingRecordId", tp.school_id as "schoolId", tp.cohort_id as "cohortId",
         c.start_year as "cohortYear", tp.partnership_id as "partnershipId", pt.delivery_partner_id as "deliveryPartnerId",
         tp.schedule_id as "scheduleId", sh.schedule_identifier as "scheduleIdentifier", sh.type as "scheduleType",
         tp.induction_status as "inductionStatus", tp.training_status as "trainingStatus", tp.training_status_reason as "reason",
         tp.start_date as "startDate", tp.end_date as "endDate"
    from training_periods tp
    join cohorts c on c.id = tp.cohort_id
    join schedules sh on sh.id = tp.schedule_id
    left join partnerships pt on pt.id = tp.partnership_id`;

/**
 * Runs one participant action (ecf.md §3, rect.md §7.2–7.5) in one transaction: the participant is resolved (a
 * retired id finds its successor), the caller must see them (else not found, nothing changes), the training
 * record named by `course_identifier` is locked, the rules of the caller's API run in their documented order
 * (all violations → one validation error, nothing written), then the change, the audit row, the projection
 * refresh and the commit-ordered stamp of the caller's projection row. Returns the participant id.
 */
export async function runParticipantAction(em: EntityManager, clock: Clock, action: ParticipantAction, cmd: ParticipantActionCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const rules = cmd.rules ?? 'ecf';
    const now = clock.now();
    const participantId = await resolveParticipant(tx, cmd.participantId);
    if (!participantId) throw DomainError.notFound('Participant');
    // One action per participant at a time: the records are locked before the period the provider sees is read, so
    // a concurrent action on the same participant waits and then sees the period this one leaves behind.
    const records = await tx.execute<{ id: string; participant_type: ParticipantType; schedule_id: string; completed: boolean }[]>(
      `select id, participant_type, schedule_id,
              (case participant_type when 'ect' then induction_end_date else mentor_funding_end_date end) is not null as completed
         from training_records where participant_id = ? order by id for update`,
      [participantId],
    );
    const [view] = await tx.execute<ViewRow[]>(
      `select id, ect_period_id, mentor_period_id from participant_provider_views where lead_provider_id = ? and participant_id = ? and api_visible`,
      [cmd.leadProviderId, participantId],
    );
    if (!view) throw DomainError.notFound('Participant');
    const role = typeof cmd.courseIdentifier === 'string' ? ROLE_OF_COURSE[cmd.courseIdentifier] : undefined;
    const record = role ? records.find((r) => r.participant_type === role) : undefined;
    const periodId = role === 'ect' ? view.ect_period_id : role === 'mentor' ? view.mentor_period_id : null;
    const period = record && periodId ? await loadPeriod(tx, periodId) : null;

    const input: ActionInput = {
      courseIdentifier: cmd.courseIdentifier ?? null,
      reason: cmd.reason ?? null,
      scheduleIdentifier: cmd.scheduleIdentifier ?? null,
      cohort: cmd.cohort ?? null,
    };
    const facts: ActionFacts = {
      action,
      input,
      now,
      today: clock.today(),
      role: role ?? null,
      hasRecord: record !== undefined,
      recordScheduleId: record?.schedule_id ?? null,
      completed: record?.completed ?? false,
      period,
      target: null,
      activeElsewhere: false,
      futureElsewhere: false,
    };
    if (record && period) {
      if (action === 'change_schedule') {
        facts.target = await loadTarget(tx, now, cmd.leadProviderId, period, input);
        // ECF: the record's declarations (ecf.md §3.7); RECT: the training period's (rect.md §7.5 same-day rule).
        facts.scheduleDeclarations = await loadScheduleDeclarations(tx, now, record.id, period, facts.target, rules === 'rect' ? period.id : null);
      }
      if (rules === 'rect') {
        const others = await otherProviderPeriods(tx, record.id, period, now);
        facts.activeElsewhere = others.active;
        facts.futureElsewhere = others.future;
      }
    }
    const violations: Violation[] = rules === 'rect' ? rectViolations(facts) : ecfViolations(facts);
    if (violations.length > 0) throw DomainError.validation(violations);
    // ecf.md §3.7: the payments-frozen migration toggles the record's flag (which every provider that sees it shows).
    const frozenMove = rules === 'ecf' ? paymentsFrozenMigration(facts) : null;
    if (frozenMove) {
      await tx.execute(`update training_records set cohort_changed_after_payments_frozen = ?, updated_at = ? where id = ?`, [
        frozenMove === 'out',
        now,
        record!.id,
      ]);
    }

    const after = await apply(tx, clock, rules, action, cmd, record!.id, facts);
    await tx.execute(
      `insert into participant_action_audits (id, participant_id, training_record_id, lead_provider_id, api_token_id, admin_token_id, action, rules, reason,
                                              request, before_period_id, after_period_id, before_training_status, after_training_status,
                                              before_schedule_identifier, after_schedule_identifier, before_cohort, after_cohort, occurred_at)
       select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, tp.id, ?, tp.training_status, ?, sh.schedule_identifier, ?, c.start_year, ?
         from training_periods tp join schedules sh on sh.id = tp.schedule_id join cohorts c on c.id = tp.cohort_id where tp.id = ?`,
      [
        randomUUID(),
        participantId,
        record!.id,
        cmd.leadProviderId,
        cmd.apiTokenId,
        cmd.adminTokenId ?? null,
        action,
        rules,
        action === 'defer' || action === 'withdraw' ? input.reason : null,
        JSON.stringify(requestAttributes(action, input)),
        period!.id,
        period!.trainingStatus,
        period!.scheduleIdentifier,
        period!.cohortYear,
        now,
        after,
      ],
    );
    const touched = new Touched().add('participant_provider_views', view.id);
    // Other providers' rows are re-projected too (a row may appear or change), but only rows whose projected
    // values changed are stamped: what other providers see of the participant comes from their own periods. A
    // withdrawal can change a partnership's participants_currently_training: those rows join `touched` too.
    touched.add('participant_provider_views', ...(await refreshParticipantProjection(tx, { participantIds: [participantId] }, touched)));
    await stampWrite(tx, clock, touched);
    return participantId;
  });
}

/** The attributes the action reads, as sent (ecf.md §3.1: others are dropped). */
function requestAttributes(action: ParticipantAction, input: ActionInput): Record<string, unknown> {
  const out: Record<string, unknown> = { course_identifier: input.courseIdentifier };
  if (action === 'defer' || action === 'withdraw') out.reason = input.reason;
  if (action === 'change_schedule') {
    out.schedule_identifier = input.scheduleIdentifier;
    if (input.cohort !== null) out.cohort = input.cohort;
  }
  return out;
}

/** `resolveParticipant`'s statement (one row, `id`; the id twice as parameters), for callers that fold it into theirs. */
export const RESOLVE_PARTICIPANT_SQL = `select coalesce((select p.id from participants p where p.id = ?::uuid),
                     (select ch.participant_id from participant_id_changes ch where ch.from_participant_id = ?::uuid)) as id`;

/** The participant an id names: its own id, or a retired id (participant_id_changes) that a merge gave it; null for neither. */
export async function resolveParticipant(em: EntityManager, id: string): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.execute<{ id: string | null }[]>(RESOLVE_PARTICIPANT_SQL, [id, id]);
  return row?.id ?? null;
}

async function loadPeriod(em: EntityManager, id: string): Promise<PeriodFacts> {
  const [row] = await em.execute<(Omit<PeriodFacts, 'startDate' | 'endDate'> & { startDate: Date | string; endDate: Date | string | null })[]>(
    `${PERIOD_SELECT} where tp.id = ? for update of tp`,
    [id],
  );
  return { ...row, startDate: new Date(row.startDate), endDate: row.endDate === null ? null : new Date(row.endDate) };
}

/** change-schedule: the target cohort, the schedule asked for in it, and the caller's partnership with the school there. */
async function loadTarget(em: EntityManager, now: Date, leadProviderId: string, period: PeriodFacts, input: ActionInput): Promise<TargetFacts> {
  const [cohort] =
    input.cohort === null
      ? []
      : await em.execute<{ id: string; start_year: number }[]>(`select id, start_year from cohorts where start_year = ?`, [input.cohort]);
  // ecf.md §3.7 / rect.md §7.5: an unknown cohort silently means the current one.
  const cohortId = cohort?.id ?? period.cohortId;
  const cohortYear = cohort?.start_year ?? period.cohortYear;
  const identifier = input.scheduleIdentifier?.trim() ?? '';
  const [schedule] =
    identifier === ''
      ? []
      : await em.execute<{ id: string; schedule_identifier: string; type: string; course_identifiers: string[] }[]>(
          `select id, schedule_identifier, type, course_identifiers from schedules
            where programme = 'ecf' and cohort_id = ? and (schedule_identifier = ? or identifier_alias = ?)
            order by (schedule_identifier = ?) desc limit 1`,
          [cohortId, identifier, identifier, identifier],
        );
  // Active (unchallenged, not pending) partnerships of the caller with the participant's school in the target
  // cohort: a confirmed one first (same delivery partner preferred, then the newest), then relationship rows.
  const partnerships = await em.execute<{ id: string; relationship: boolean }[]>(
    `select id, relationship from partnerships
      where lead_provider_id = ? and school_id = ? and cohort_id = ? and challenged_at is null and challenge_reason is null and pending = false
      order by relationship, (delivery_partner_id = ?) desc, created_at desc, id`,
    [leadProviderId, period.schoolId, cohortId, period.deliveryPartnerId ?? '00000000-0000-0000-0000-000000000000'],
  );
  const [frozen] = await em.execute<{ frozen: boolean }[]>(`select coalesce(payments_frozen_at <= ?, false) as frozen from cohorts where id = ?`, [
    now,
    cohortId,
  ]);
  return {
    cohortId,
    cohortYear,
    cohortFrozen: frozen?.frozen ?? false,
    schedule: schedule
      ? { id: schedule.id, identifier: schedule.schedule_identifier, type: schedule.type, courseIdentifiers: schedule.course_identifiers }
      : null,
    confirmedPartnershipId: partnerships.find((p) => !p.relationship)?.id ?? null,
    anyActivePartnershipId: partnerships[0]?.id ?? null,
  };
}

/**
 * change-schedule (ecf.md §3.7; RECT: only the period's, rect.md §7.5): the record's declarations that hold their slot (any provider's, locked so a
 * concurrent void or create waits), whether the current and target cohorts have payments frozen, the record's
 * `cohort_changed_after_payments_frozen`, and the target schedule's milestones.
 */
async function loadScheduleDeclarations(
  em: EntityManager,
  now: Date,
  recordId: string,
  period: PeriodFacts,
  target: TargetFacts,
  periodId: string | null,
): Promise<ScheduleDeclarationFacts> {
  const declarations = await em.execute<{ declarationType: string; declarationDate: Date | string; state: string; cohortId: string; cohortFrozen: boolean }[]>(
    `select d.declaration_type as "declarationType", d.declaration_date as "declarationDate", d.state, d.cohort_id as "cohortId",
            coalesce(c.payments_frozen_at <= ?, false) as "cohortFrozen"
       from participant_declarations d join cohorts c on c.id = d.cohort_id
      where d.training_record_id = ? and d.state in ('submitted', 'eligible', 'payable', 'paid') and (?::uuid is null or d.training_period_id = ?::uuid)
      order by d.id for update of d`,
    [now, recordId, periodId, periodId],
  );
  const [facts] = await em.execute<{ current_frozen: boolean; moved: boolean }[]>(
    `select coalesce((select payments_frozen_at <= ? from cohorts where id = ?), false) as current_frozen,
            (select cohort_changed_after_payments_frozen from training_records where id = ?) as moved`,
    [now, period.cohortId, recordId],
  );
  if (target.schedule) {
    target.milestones = await em.execute<{ declarationType: string; startDate: string; milestoneDate: string | null }[]>(
      `select declaration_type as "declarationType", to_char(start_date, 'YYYY-MM-DD') as "startDate", to_char(milestone_date, 'YYYY-MM-DD') as "milestoneDate"
         from milestones where schedule_id = ?`,
      [target.schedule.id],
    );
  }
  return {
    declarations: declarations.map((d) => ({ ...d, declarationDate: new Date(d.declarationDate) })),
    currentCohortFrozen: facts.current_frozen,
    movedAfterPaymentsFrozen: facts.moved,
  };
}

/** RECT resume and change-schedule look at the record's periods with other providers (rect.md §7.4–7.5). */
async function otherProviderPeriods(em: EntityManager, recordId: string, period: PeriodFacts, now: Date): Promise<{ active: boolean; future: boolean }> {
  const [row] = await em.execute<{ active: boolean; future: boolean }[]>(
    `select coalesce(bool_or(tp.start_date <= ? and (tp.end_date is null or tp.end_date > ?) and tp.training_status = 'active' and tp.school_id = ?), false) as active,
            coalesce(bool_or(tp.start_date > ?), false) as future
       from training_periods tp join partnerships pt on pt.id = tp.partnership_id
      where tp.training_record_id = ? and tp.id <> ?
        and pt.lead_provider_id is distinct from (select lead_provider_id from partnerships where id = ?)`,
    [now, now, period.schoolId, period.startDate, recordId, period.id, period.partnershipId],
  );
  return row ?? { active: false, future: false };
}

interface PeriodChanges {
  trainingStatus?: TrainingStatus;
  reason?: string | null;
  statusBy?: string;
  scheduleId?: string;
  cohortId?: string;
  partnershipId?: string;
}

/** Applies the action; returns the id of the period that now carries the record with this provider. */
async function apply(
  em: EntityManager,
  clock: Clock,
  rules: ParticipantActionRules,
  action: ParticipantAction,
  cmd: ParticipantActionCommand,
  recordId: string,
  f: ActionFacts,
): Promise<string> {
  const period = f.period!;
  const now = f.now;
  const status: Partial<Record<ParticipantAction, TrainingStatus>> = { defer: 'deferred', withdraw: 'withdrawn', resume: 'active' };
  if (action !== 'change_schedule') {
    const changes: PeriodChanges = {
      trainingStatus: status[action],
      reason: action === 'resume' ? null : (f.input.reason ?? null),
      statusBy: cmd.leadProviderId,
    };
    await em.execute(`update training_records set updated_at = ? where id = ?`, [now, recordId]);
    if (rules === 'ecf') return changePeriod(em, period, changes, now);
    if (action === 'resume') {
      // A period that has not started yet is resumed in place: a new period starting now would start before it, and
      // the provider would go on seeing this one (the latest start, rect.md §3.2) — the action must change what they see.
      if (period.startDate > now) return updateInPlace(em, period.id, changes, now);
      // The resumed period stays withdrawn or deferred but stops now at the latest (RECT's own deferral or withdrawal
      // already ended it; one deferred through ECF is still open): otherwise, once the new period ends, the older open
      // period would be the one the provider sees again (open periods first, ecf.md §1.4) and the next action would
      // act on it. Its RECT status is unchanged: a deferred or withdrawn period stopped at its status change.
      await em.execute(`update training_periods set end_date = least(coalesce(end_date, ?::timestamptz), ?::timestamptz), updated_at = ? where id = ?`, [
        now,
        now,
        now,
        period.id,
      ]);
      return insertCopy(em, period, changes, now, { endDate: null, inductionStatus: 'active', schoolTransfer: false });
    }
    // RECT withdraw / defer: the period itself ends today (participant_status `left` at once), rect.md §7.3.
    await em.execute(
      `update training_periods set training_status = ?, training_status_reason = ?, training_status_changed_at = ?, training_status_lead_provider_id = ?,
              end_date = least(coalesce(end_date, ?::timestamptz), ?::timestamptz), updated_at = ?
        where id = ?`,
      [changes.trainingStatus, changes.reason, now, cmd.leadProviderId, now, now, now, period.id],
    );
    return period.id;
  }
  const t = f.target!;
  const schedule = t.schedule!;
  const cohortChanges = t.cohortId !== period.cohortId;
  const changes: PeriodChanges = {
    scheduleId: schedule.id,
    ...(cohortChanges ? { cohortId: t.cohortId, partnershipId: (t.confirmedPartnershipId ?? t.anyActivePartnershipId)! } : {}),
  };
  await em.execute(`update training_records set schedule_id = ?, updated_at = ? where id = ?`, [schedule.id, now, recordId]);
  if (rules === 'ecf') return changePeriod(em, period, changes, now);
  // RECT: a period that starts today or later is changed in place; an older one ends and a new one starts today.
  if (period.startDate >= startOfDay(clock.today())) return updateInPlace(em, period.id, changes, now);
  await em.execute(`update training_periods set end_date = least(coalesce(end_date, ?::timestamptz), ?::timestamptz), updated_at = ? where id = ?`, [
    now,
    now,
    now,
    period.id,
  ]);
  return insertCopy(em, period, changes, now, { endDate: period.endDate && period.endDate > now ? period.endDate : null, schoolTransfer: false });
}

const startOfDay = (today: string) => new Date(`${today}T00:00:00Z`);

/**
 * ecf.md §3.8: a period that starts in the future is updated in place; otherwise it is closed (`changed`, ending
 * now, never later than it already ended) and a copy with the changes starts now — so the rows keep the history.
 * The copy keeps `school_transfer` only when the old period was a leaver with an end still ahead.
 *
 * A period that has already ended (the participant left the school, `participant_status` left) is history: no ECF
 * rule refuses an action on it (ecf.md §3.3–3.7), so the change is recorded on that period in place and it stays
 * ended: the provider sees them left, with the new training status or schedule. A copy starting now would instead
 * put the participant back at the school they left (joining, active).
 */
async function changePeriod(em: EntityManager, period: PeriodFacts, changes: PeriodChanges, now: Date): Promise<string> {
  if (period.startDate > now || (period.endDate !== null && period.endDate <= now)) return updateInPlace(em, period.id, changes, now);
  await em.execute(
    `update training_periods set induction_status = 'changed', end_date = least(coalesce(end_date, ?::timestamptz), ?::timestamptz), updated_at = ? where id = ?`,
    [now, now, now, period.id],
  );
  const futureLeaver = period.inductionStatus === 'leaving' && period.endDate !== null && period.endDate > now;
  return insertCopy(em, period, changes, now, {
    inductionStatus: period.inductionStatus,
    endDate: period.endDate,
    schoolTransfer: futureLeaver ? undefined : false,
  });
}

async function updateInPlace(em: EntityManager, periodId: string, c: PeriodChanges, now: Date): Promise<string> {
  const sets: string[] = ['updated_at = ?'];
  const params: unknown[] = [now];
  if (c.trainingStatus !== undefined) {
    sets.push('training_status = ?', 'training_status_reason = ?', 'training_status_changed_at = ?', 'training_status_lead_provider_id = ?');
    params.push(c.trainingStatus, c.reason ?? null, now, c.statusBy ?? null);
  }
  for (const [column, value] of [
    ['schedule_id', c.scheduleId],
    ['cohort_id', c.cohortId],
    ['partnership_id', c.partnershipId],
  ] as const) {
    if (value === undefined) continue;
    sets.push(`${column} = ?`);
    params.push(value);
  }
  await em.execute(`update training_periods set ${sets.join(', ')} where id = ?`, [...params, periodId]);
  return periodId;
}

/** A copy of the period with the changes, starting now. */
async function insertCopy(
  em: EntityManager,
  period: PeriodFacts,
  c: PeriodChanges,
  now: Date,
  o: { endDate: Date | null; inductionStatus?: string; schoolTransfer?: boolean },
): Promise<string> {
  const id = randomUUID();
  const statusChange = c.trainingStatus !== undefined;
  await em.execute(
    `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, training_status,
                                   training_status_reason, training_status_changed_at, training_status_lead_provider_id, mentor_training_record_id,
                                   email, school_transfer, start_date, end_date, created_at, updated_at)
     select ?, training_record_id, school_id, coalesce(?::uuid, cohort_id), coalesce(?::uuid, partnership_id), coalesce(?::uuid, schedule_id),
            coalesce(?, induction_status), coalesce(?, training_status),
            case when ? then ? else training_status_reason end,
            case when ? then ?::timestamptz else training_status_changed_at end,
            case when ? then ?::uuid else training_status_lead_provider_id end,
            mentor_training_record_id, email, coalesce(?::boolean, school_transfer), ?, ?, ?, ?
       from training_periods where id = ?`,
    [
      id,
      c.cohortId ?? null,
      c.partnershipId ?? null,
      c.scheduleId ?? null,
      o.inductionStatus ?? null,
      c.trainingStatus ?? null,
      statusChange,
      c.reason ?? null,
      statusChange,
      now,
      statusChange,
      c.statusBy ?? null,
      o.schoolTransfer ?? null,
      now,
      o.endDate,
      now,
      now,
      period.id,
    ],
  );
  return id;
}
