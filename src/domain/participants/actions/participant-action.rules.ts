import type { Violation } from '../../shared/domain-error.js';
import { participantStatus } from '../participant-status.js';
import type { InductionStatus, ParticipantType, TrainingStatus } from '../training-record.entity.js';
import type { ParticipantAction } from './participant-action-audit.entity.js';
import {
  DEFER_REASONS,
  ECF_ACTION_MESSAGES as E,
  ECF_SCHEDULE_IDENTIFIERS,
  ECF_WITHDRAW_REASONS,
  RECT_ACTION_MESSAGES as R,
  RECT_WITHDRAW_REASONS,
} from './participant-action.messages.js';

/** The request attributes an action reads (ecf.md §3.1), as sent. */
export interface ActionInput {
  courseIdentifier: string | null;
  reason: string | null;
  scheduleIdentifier: string | null;
  cohort: number | null;
}

/** The training period the caller sees for the record (the one the action changes). */
export interface PeriodFacts {
  id: string;
  trainingRecordId: string;
  schoolId: string;
  cohortId: string;
  cohortYear: number;
  partnershipId: string | null;
  deliveryPartnerId: string | null;
  scheduleId: string;
  scheduleIdentifier: string;
  scheduleType: string;
  inductionStatus: InductionStatus;
  trainingStatus: TrainingStatus;
  reason: string | null;
  startDate: Date;
  endDate: Date | null;
}

/** change-schedule: where the participant would move. */
export interface TargetFacts {
  cohortId: string;
  cohortYear: number;
  cohortFrozen: boolean;
  /** The schedule with that identifier (or alias) in the target cohort; null when there is none. */
  schedule: { id: string; identifier: string; type: string; courseIdentifiers: string[] } | null;
  /** The caller's active confirmed partnership with the school in the target cohort. */
  confirmedPartnershipId: string | null;
  /** Any active partnership of the caller with the school there, relationship rows included. */
  anyActivePartnershipId: string | null;
  /** ECF: the target schedule's milestones (declaration type → window), for the declarations rule. */
  milestones?: MilestoneFacts[];
}

export interface MilestoneFacts {
  declarationType: string;
  /** `YYYY-MM-DD`. */
  startDate: string;
  /** `YYYY-MM-DD`; null = no cut-off. */
  milestoneDate: string | null;
}

/** ECF change-schedule: the record's declarations that hold their slot (submitted, eligible, payable, paid), any provider's. */
export interface DeclarationFacts {
  declarationType: string;
  declarationDate: Date;
  state: string;
  cohortId: string;
  cohortFrozen: boolean;
}

/** ECF change-schedule facts beyond the period and target (ecf.md §3.7 rules 3 and 6 and the payments-frozen exception). */
export interface ScheduleDeclarationFacts {
  declarations: DeclarationFacts[];
  /** The record's cohort (its period's) has payments frozen. */
  currentCohortFrozen: boolean;
  /** `cohort_changed_after_payments_frozen` on the record: it already moved out of a frozen cohort. */
  movedAfterPaymentsFrozen: boolean;
}

/** Everything the rules look at, loaded before any rule runs. */
export interface ActionFacts {
  action: ParticipantAction;
  input: ActionInput;
  now: Date;
  today: string;
  /** The role `course_identifier` names; null for any other value. */
  role: ParticipantType | null;
  /** The participant has a training record in that role. */
  hasRecord: boolean;
  recordScheduleId: string | null;
  /** ECT induction or mentor training completed (rect.md §7.5). */
  completed: boolean;
  /** The record's period the caller sees; null when the caller does not train the participant in that role. */
  period: PeriodFacts | null;
  target: TargetFacts | null;
  /** RECT: another provider's period of the record at the same school is active now. */
  activeElsewhere: boolean;
  /** RECT: another provider's period of the record starts after this one. */
  futureElsewhere: boolean;
  /** ECF change-schedule only. */
  scheduleDeclarations?: ScheduleDeclarationFacts;
}

/** The ECF destination cohort of the payments-frozen migration (ecf.md §3.7). */
export const FROZEN_COHORT_DESTINATION = 2024;

/**
 * ecf.md §3.7 payments-frozen migration (ECTs only): an unfinished ECT with billable declarations, none of them
 * `completed`, moving from a payments-frozen cohort to 2024 (`out`); or one that moved that way going back to a
 * frozen cohort with no billable or changeable declarations in its current cohort (`back`). Such a move skips the
 * declaration rules and toggles `cohort_changed_after_payments_frozen`. Null for any other change.
 */
export function paymentsFrozenMigration(f: ActionFacts): 'out' | 'back' | null {
  const p = f.period;
  const t = f.target;
  const d = f.scheduleDeclarations;
  if (f.action !== 'change_schedule' || f.role !== 'ect' || f.completed || !p || !t || !d || t.cohortId === p.cohortId) return null;
  const billable = d.declarations.filter((x) => x.state !== 'submitted');
  if (d.currentCohortFrozen && t.cohortYear === FROZEN_COHORT_DESTINATION && billable.length > 0 && billable.every((x) => x.declarationType !== 'completed')) {
    return 'out';
  }
  if (d.movedAfterPaymentsFrozen && t.cohortFrozen && d.declarations.every((x) => x.cohortId !== p.cohortId)) return 'back';
  return null;
}

/**
 * ecf.md §3.7 rule 3: every declaration holding its slot must fall inside the new schedule's milestone for its type:
 * strictly after the start day's midnight (unlike create) and, with a cut-off, by the end of the cut-off day. A type
 * the new schedule has no milestone for invalidates too (the live service answers 404 there: docs/compatibility.md).
 * After a payments-frozen move, declarations in frozen cohorts are left out.
 */
function invalidatesDeclarations(f: ActionFacts): boolean {
  const d = f.scheduleDeclarations;
  const milestones = f.target?.milestones;
  if (!d || !milestones) return false;
  return d.declarations
    .filter((x) => !(d.movedAfterPaymentsFrozen && x.cohortFrozen))
    .some((x) => {
      const m = milestones.find((ms) => ms.declarationType === x.declarationType);
      if (!m) return true;
      if (!(x.declarationDate > new Date(`${m.startDate}T00:00:00Z`))) return true;
      return m.milestoneDate !== null && x.declarationDate > new Date(`${m.milestoneDate}T23:59:59.999Z`);
    });
}

const blank = (v: string | null): boolean => v === null || v.trim() === '';
const day = (d: Date): string => d.toISOString().slice(0, 10);

/**
 * ECF rules (ecf.md §3.3–3.7), in the live validators' declaration order. The course checks come first (an
 * invalid or missing course names `course_identifier`, both course messages for a blank one); a participant with
 * a record in that role that the caller does not train is `participant_id`; the action's own checks (the
 * "guards") run only when nothing failed before, apart from the reason checks, which are plain attribute checks.
 * change-schedule checks the record's declarations (rules 3 and 6, with the payments-frozen exception).
 */
export function ecfViolations(f: ActionFacts): Violation[] {
  const out: Violation[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (f.role === null || !f.hasRecord) add('courseIdentifier', E.courseNotRecognised);
  if (blank(f.input.courseIdentifier)) add('courseIdentifier', E.courseBlank);
  if (out.length === 0 && f.period === null) add('participantId', E.participantNotRecognised);
  const p = f.period;
  switch (f.action) {
    case 'defer':
      ecfReason(f, DEFER_REASONS, add);
      if (out.length === 0 && p!.trainingStatus === 'deferred') add('participantProfile', E.alreadyDeferred);
      if (out.length === 0 && p!.trainingStatus === 'withdrawn') add('participantProfile', E.alreadyWithdrawn);
      break;
    case 'resume':
      // Resuming a withdrawn participant is allowed (ecf.md §3.5).
      if (out.length === 0 && p!.trainingStatus === 'active') add('participantProfile', E.alreadyActive);
      break;
    case 'withdraw':
      if (f.hasRecord && f.role !== null) ecfReason(f, ECF_WITHDRAW_REASONS, add);
      if (out.length === 0 && p!.trainingStatus === 'withdrawn') add('participantProfile', E.alreadyWithdrawn);
      break;
    case 'change_schedule': {
      const t = f.target;
      if (blank(f.input.scheduleIdentifier) || (t !== null && t.schedule === null)) add('scheduleIdentifier', E.scheduleInvalid);
      if (out.length > 0) break;
      const s = t!.schedule!;
      const frozenMove = paymentsFrozenMigration(f) !== null;
      const cohortChanges = t!.cohortId !== p!.cohortId;
      if (p!.trainingStatus === 'withdrawn') add('participantId', E.withdrawnParticipant);
      else if (!frozenMove && invalidatesDeclarations(f)) add('scheduleIdentifier', E.wouldInvalidateDeclarations);
      else if (s.id === f.recordScheduleId && s.id === p!.scheduleId) add('scheduleIdentifier', E.scheduleAlreadyOnProfile);
      else if (!s.courseIdentifiers.includes(f.input.courseIdentifier!)) add('scheduleIdentifier', E.scheduleNotValidForCourse);
      else if (!frozenMove && cohortChanges && (f.scheduleDeclarations?.declarations.length ?? 0) > 0) add('cohort', E.cohortChangeWithDeclarations);
      else if (!cohortChanges ? t!.anyActivePartnershipId === null : t!.confirmedPartnershipId === null) add('cohort', E.noPartnershipForCohort);
      break;
    }
  }
  return out;
}

function ecfReason(f: ActionFacts, reasons: readonly string[], add: (field: string, message: string) => void): void {
  if (blank(f.input.reason)) add('reason', E.reasonBlank);
  if (!reasons.includes(f.input.reason ?? '')) add('reason', E.reasonInvalid);
}

/**
 * rect.md §7.5: the training period's declarations that hold their slot re-validated against the new schedule as a
 * declaration is on create (rect.md §7.6: on or after the start day's midnight, before the end of the cut-off day; a
 * type without a milestone fails). Asked only for a period that starts today or later.
 */
function rectInvalidatesDeclarations(f: ActionFacts): boolean {
  const d = f.scheduleDeclarations;
  const milestones = f.target?.milestones;
  if (!d || !milestones) return false;
  return d.declarations.some((x) => {
    const m = milestones.find((ms) => ms.declarationType === x.declarationType);
    if (!m) return true;
    if (x.declarationDate < new Date(`${m.startDate}T00:00:00Z`)) return true;
    return m.milestoneDate !== null && x.declarationDate >= new Date(`${m.milestoneDate}T23:59:59.999Z`);
  });
}

/** RECT's participant_status (rect.md §3.2): a withdrawn or deferred period is leaving until it ends, then left. */
function rectStatus(p: PeriodFacts, now: Date): string | null {
  if (p.trainingStatus !== 'active') return p.endDate !== null && p.endDate > now ? 'leaving' : 'left';
  return participantStatus(p, now);
}

/**
 * RECT rules (rect.md §7.2–7.5): the shared course checks, then each attribute's checks in order, first failure
 * per attribute (RECT validators skip an attribute that already has an error).
 */
export function rectViolations(f: ActionFacts): Violation[] {
  const out: Violation[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (blank(f.input.courseIdentifier)) add('courseIdentifier', R.courseBlank);
  else if (f.role === null || !f.hasRecord || f.period === null) add('courseIdentifier', R.courseNotRecognised);
  const p = f.period;
  const first = (field: string, checks: [boolean, string][]) => {
    const hit = checks.find(([failed]) => failed);
    if (hit) add(field, hit[1]);
  };
  switch (f.action) {
    case 'withdraw':
    case 'defer': {
      const reasons: readonly string[] = f.action === 'withdraw' ? RECT_WITHDRAW_REASONS : DEFER_REASONS;
      first('reason', [
        [blank(f.input.reason), R.reasonBlank],
        [!reasons.includes(f.input.reason ?? ''), R.reasonInvalid],
      ]);
      if (!p) break;
      const startDay = day(p.startDate);
      const future = startDay > f.today;
      const today = startDay === f.today;
      first(
        'participantId',
        f.action === 'withdraw'
          ? [
              [p.trainingStatus === 'withdrawn', R.alreadyWithdrawn],
              [future, R.withdrawFutureStart],
              [today, R.startedToday],
            ]
          : [
              [p.trainingStatus === 'deferred', R.alreadyDeferred],
              [p.trainingStatus === 'withdrawn', R.alreadyWithdrawn],
              [future, R.deferFutureStart],
              [today, R.startedToday],
            ],
      );
      if (out.length === 0 && f.action === 'withdraw' && f.role === 'ect' && f.input.reason === 'mentor-no-longer-being-mentor') add('reason', R.ectNotMentor);
      break;
    }
    case 'resume': {
      if (!p) break;
      const leftSchool = p.inductionStatus === 'withdrawn' || (p.inductionStatus === 'leaving' && p.endDate !== null && p.endDate <= f.now);
      first('participantId', [
        [p.trainingStatus === 'active', R.alreadyActive],
        [f.activeElsewhere, R.activeWithAnotherProvider],
        [p.endDate !== null && day(p.endDate) === f.today, R.resumeSameDay],
        [leftSchool, R.noLongerAtSchool],
      ]);
      break;
    }
    case 'change_schedule': {
      const id = f.input.scheduleIdentifier?.trim() ?? '';
      const t = f.target;
      first('scheduleIdentifier', [
        [id === '', R.scheduleInvalid],
        [!ECF_SCHEDULE_IDENTIFIERS.includes(id), R.scheduleUnknownIdentifier],
        [t !== null && t.schedule === null, R.scheduleInvalid],
        [p !== null && t?.schedule != null && t.schedule.id === p.scheduleId, R.scheduleAlreadyOnProfile],
        [f.role === 'ect' && t?.schedule?.type === 'ecf_replacement', R.scheduleNotValidForCourse],
        [f.role === 'mentor' && t?.schedule?.type === 'ecf_reduced', R.mentorReduced],
        [p !== null && day(p.startDate) >= f.today && rectInvalidatesDeclarations(f), R.sameDayDeclarations],
      ]);
      if (!p || !t) break;
      const moves = t.cohortId !== p.cohortId;
      first('cohort', [
        [moves && t.confirmedPartnershipId === null && t.anyActivePartnershipId === null, R.noPartnershipForCohort],
        [moves && t.cohortFrozen, R.frozenCohort],
      ]);
      const status = rectStatus(p, f.now);
      first('participantId', [
        [f.completed && !(f.role === 'ect' && t.schedule?.type === 'ecf_reduced'), R.completed],
        [status === 'left', R.left],
        [p.trainingStatus === 'withdrawn', R.withdrawnParticipant],
        [f.futureElsewhere, R.futureWithAnotherProvider],
      ]);
      break;
    }
  }
  return out;
}
