import type { Violation } from '../shared/domain-error.js';
import type { TrainingStatus } from './npq-application.entity.js';
import { Violations } from './npq-application.rules.js';
import type { NpqFunding } from './npq-cohort.entity.js';
import type { ApplicationDeclarationFacts } from '../declarations/npq/npq-declaration-facts.js';
import { NPQ_COURSE_IDENTIFIERS, NPQ_DEFER_REASONS, NPQ_PARTICIPANT_MESSAGES as M, NPQ_WITHDRAW_REASONS } from './npq-participant.messages.js';

/** What every participant action checks first (npq.md §4.2). */
export interface ActionFacts {
  /** The request's `course_identifier` as sent (null when missing). */
  courseIdentifier: string | null;
  /** The caller's accepted application for exactly that course (ASO and EHCO not merged), if any. */
  application: { trainingStatus: TrainingStatus } | null;
  /** Its declarations (defer and withdraw read them), when there is an application. */
  declarations?: ApplicationDeclarationFacts | null;
}

/** Rules 2 and 3 of npq.md §4.2: a known course, then (only if that passed) an accepted application for it. */
function sharedChecks(v: Violations, f: ActionFacts): void {
  if (!(NPQ_COURSE_IDENTIFIERS as readonly (string | null)[]).includes(f.courseIdentifier)) v.add('courseIdentifier', M.courseNotRecognised);
  if (!v.any && !f.application) v.add('participantId', M.noAcceptedApplication);
}

/**
 * Defer (npq.md §4.3): the shared checks, a valid reason, not already deferred, not withdrawn, and the application
 * has a declaration (any type and state, voided included).
 */
export function deferViolations(f: ActionFacts & { reason: string | null }): Violation[] {
  const v = new Violations();
  sharedChecks(v, f);
  if (!(NPQ_DEFER_REASONS as readonly (string | null)[]).includes(f.reason)) v.add('reason', M.invalidReason);
  if (f.application?.trainingStatus === 'deferred') v.add('participantId', M.alreadyDeferred);
  if (f.application?.trainingStatus === 'withdrawn') v.add('participantId', M.alreadyWithdrawn);
  if (f.application && f.declarations && !f.declarations.any) v.add('participantId', M.noDeclarations);
  return v.list();
}

/**
 * Resume (npq.md §4.4): the shared checks, then not already active (resuming a withdrawn participant is allowed).
 * Beyond the live rules (docs/compatibility.md): a withdrawn enrolment cannot come back while the person has
 * another accepted, not withdrawn application for the course (ASO = EHCO) in the cohort.
 */
export function resumeViolations(f: ActionFacts & { acceptedElsewhere: boolean }): Violation[] {
  const v = new Violations();
  sharedChecks(v, f);
  if (f.application?.trainingStatus === 'active') v.add('participantId', M.alreadyActive);
  if (!v.any && f.acceptedElsewhere) v.add('participantId', M.acceptedForThisCourse);
  return v.list();
}

/**
 * Withdraw (npq.md §4.5): the shared checks, a valid reason (one has a trailing full stop), not already
 * withdrawn, then (only if nothing failed) a `started` declaration in any state, voided included.
 */
export function withdrawViolations(f: ActionFacts & { reason: string | null }): Violation[] {
  const v = new Violations();
  sharedChecks(v, f);
  if (!(NPQ_WITHDRAW_REASONS as readonly (string | null)[]).includes(f.reason)) v.add('reason', M.invalidReason);
  if (f.application?.trainingStatus === 'withdrawn') v.add('participantId', M.alreadyWithdrawn);
  if (!v.any && f.declarations && !f.declarations.started) v.add('participantId', M.noStartedDeclaration);
  return v.list();
}

export interface ChangeScheduleFacts extends ActionFacts {
  /** The request's `schedule_identifier`; blank counts as missing. */
  scheduleIdentifier: string | null;
  /** The application's current schedule and cohort funding. */
  current: { scheduleId: string | null; funding: NpqFunding | null } | null;
  /** The schedule found for the identifier in the target cohort year (latest suffix), if any. */
  target: {
    scheduleId: string;
    fitsCourse: boolean;
    funding: NpqFunding;
    /** Stand-in for a contract (course, target cohort, provider): npq.md §1.12, docs/compatibility.md. */
    contracted: boolean;
    /** A submitted/eligible/payable/paid declaration whose type the schedule does not allow, or dated on or before its start. */
    invalidatesDeclarations: boolean;
    /** The application has such declarations and the schedule's cohort is not the current schedule's. */
    movesCohortWithDeclarations: boolean;
  } | null;
  /** The person has another accepted, not withdrawn application for the course (ASO = EHCO) in the target cohort. */
  acceptedElsewhere: boolean;
}

/** Change schedule (npq.md §4.6), in the digest's order; rule 3's contract is a stand-in (docs/compatibility.md). */
export function changeScheduleViolations(f: ChangeScheduleFacts): Violation[] {
  const v = new Violations();
  sharedChecks(v, f);
  const blank = f.scheduleIdentifier === null || f.scheduleIdentifier.trim() === '';
  if (blank || !f.target) v.add('scheduleIdentifier', M.scheduleMustBePresent);
  if (!v.any && f.target && !f.target.contracted) v.add('cohort', M.noContract);
  if (f.application?.trainingStatus === 'withdrawn') v.add('participantId', M.alreadyWithdrawn);
  if (f.target?.invalidatesDeclarations) v.add('scheduleIdentifier', M.invalidatesDeclarations);
  if (f.target && f.current && f.target.scheduleId === f.current.scheduleId) v.add('scheduleIdentifier', M.alreadyHasSchedule);
  if (!v.any && f.target && !f.target.fitsCourse) v.add('scheduleIdentifier', M.scheduleNotValidForCourse);
  if (!v.any && f.target?.movesCohortWithDeclarations) v.add('cohort', M.cohortChangeWithDeclarations);
  if (f.target && f.current?.funding === 'capped' && f.target.funding === 'full') v.add('cohort', M.cappedToUncapped);
  if (f.target && f.current?.funding === 'zero' && f.target.funding !== 'zero') v.add('cohort', M.unfundedToFunded);
  // Beyond the live rules (docs/compatibility.md): "one accepted per course per cohort" holds after the move.
  if (!v.any && f.acceptedElsewhere) v.add('cohort', M.acceptedForThisCourse);
  return v.list();
}
