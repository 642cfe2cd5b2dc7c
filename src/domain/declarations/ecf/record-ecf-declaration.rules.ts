import type { Violation } from '../../shared/domain-error.js';
import type { ParticipantType, TrainingStatus } from '../../participants/training-record.entity.js';
import { castDeclarationDate, dayEndMicros, dayStartMicros, isRfc3339DateTime, type DeclarationInstant } from './declaration-date.js';
import { ECF_DECLARATION_MESSAGES as M, evidenceHeldValues } from './record-ecf-declaration.messages.js';

/** The request attributes create reads (ecf.md §4.1: others are dropped; `has_passed` is ignored for ECF), as sent. */
export interface EcfDeclarationInput {
  participantId: string | null;
  courseIdentifier: string | null;
  declarationDate: string | null;
  declarationType: string | null;
  evidenceHeld: string | null;
}

/** One training period of the record in one of the caller's partnerships (challenged ones included, ecf.md §3.2). */
export interface OwnPeriod {
  id: string;
  scheduleId: string;
  trainingStatus: TrainingStatus;
  startDate: Date;
  endDate: Date | null;
  createdAt: Date;
  deliveryPartnerId: string | null;
  mentorParticipantId: string | null;
}

/** The training record `course_identifier` names, with what the rules read of its schedule and cohort. */
export interface RecordFacts {
  id: string;
  role: ParticipantType;
  scheduleId: string;
  cohortId: string;
  cohortYear: number;
  mentorFunding: boolean;
  detailedEvidenceTypes: boolean;
  /** Funding eligibility `eligible` (ecf.md §1.4 `fundable?`). */
  fundable: boolean;
  pupilPremiumUplift: boolean;
  sparsityUplift: boolean;
}

export interface EcfDeclarationFacts {
  input: EcfDeclarationInput;
  now: Date;
  /** The participant the id (or a retired id) resolves to; null when it resolves to nobody. */
  participantId: string | null;
  record: RecordFacts | null;
  /** The record's periods with the caller, newest first (open periods first, then start, then creation). */
  ownPeriods: OwnPeriod[];
  /** The latest training-status change the caller recorded on the record (ecf.md §4.2 rule 2). */
  latestOwnState: { status: TrainingStatus; at: Date } | null;
  /** The milestone of the record's schedule for the declaration type. */
  milestone: { startDate: string; milestoneDate: string | null } | null;
  /** A next output-fee statement exists for the caller and the record's cohort (§4.6). */
  statementAvailable: boolean;
  /** A declaration of the participant, course and type holds the slot (any provider, ecf.md §4.2 rule 10). */
  slotTaken: boolean;
  /** The next output-fee statement's id (`nextOutputFeeStatement`) for the record's cohort; null when there is none. */
  statementId?: string | null;
  /** The oldest slot-holding declaration of another participant with the same TRN, course and type (§4.5). */
  duplicateOfId?: string | null;
}

export const ROLE_OF_COURSE: Record<string, ParticipantType> = { 'ecf-induction': 'ect', 'ecf-mentor': 'mentor' };

const blank = (v: string | null): boolean => v === null || v.trim() === '';
const rfc3339 = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The caller's period relevant at an instant: the latest one started by then (Induction::FindBy with `..date`). */
export function periodAt(periods: OwnPeriod[], at: DeclarationInstant): OwnPeriod | null {
  return periods.find((p) => p.startDate.getTime() * 1000 <= at.micros) ?? null;
}

/**
 * ecf.md §4.2 in the live validators' order; the later "guard" rules (course, training record, evidence) run only
 * when nothing failed before. An NPQ course identifier is refused alone (validation stops there). All violations
 * are returned together: the 422 lists one entry per attribute, messages joined.
 */
export function ecfDeclarationViolations(f: EcfDeclarationFacts): Violation[] {
  const out: Violation[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  const input = f.input;
  if (input.courseIdentifier?.startsWith('npq-')) return [{ field: 'courseIdentifier', message: M.npqCourseNotSupported }];
  const r = f.record;
  const type = input.declarationType;
  const at = castDeclarationDate(input.declarationDate);

  // 1. The participant id resolves (a retired id finds its successor).
  if (f.participantId === null) add('participantId', M.participantNotRecognised);
  // 2. Not declaring after the caller withdrew them, unless they train with the caller again at that date.
  const w = f.latestOwnState;
  if (r && at && w?.status === 'withdrawn' && w.at.getTime() * 1000 <= at.micros && periodAt(f.ownPeriods, at)?.trainingStatus !== 'active') {
    add('participantId', M.withdrawnBefore(rfc3339(w.at)));
  }
  // 3–6. Presence, the future (the request clock), then the RFC 3339 pattern of the raw text.
  if (!at) add('declarationDate', M.dateBlank);
  if (blank(type)) add('declarationType', M.typeBlank);
  if (at && at.micros > f.now.getTime() * 1000) add('declarationDate', M.dateInFuture);
  if (at && !isRfc3339DateTime(input.declarationDate!)) add('declarationDate', M.dateFormat);
  // 7. The milestone window, at UTC day bounds; schedules without a cut-off only have the start bound.
  if (at && f.milestone) {
    if (at.micros < dayStartMicros(f.milestone.startDate)) add('declarationDate', M.beforeMilestoneStart);
    if (f.milestone.milestoneDate !== null && at.micros >= dayEndMicros(f.milestone.milestoneDate)) add('declarationDate', M.afterMilestoneEnd);
  }
  if (r) {
    // 8. The funding contract: a fundable participant's declaration needs a next output-fee statement.
    if (r.fundable && !f.statementAvailable) add('cohort', M.contractEnded(r.cohortYear));
    // 9. The record's schedule has a milestone for the type.
    if (!f.milestone) add('declarationType', M.typeNotInSchedule);
    // 10. One declaration per participant, course and type that will be, or has been, paid (any provider).
    if (f.slotTaken) add('base', M.slotTaken);
    // 11. Mentors of mentor-funding cohorts (2025+): started and completed only.
    const typeFailed = out.some((v) => v.field === 'declarationType');
    if (r.role === 'mentor' && r.mentorFunding && !typeFailed && type !== 'started' && type !== 'completed') add('declarationType', M.mentorFundingTypes);
  }
  // 12. The participant has a training record for the course.
  if (out.length === 0 && !r) add('courseIdentifier', M.courseNotRecognised);
  // 13. The caller trains the record on its schedule.
  if (out.length === 0 && !f.ownPeriods.some((p) => p.scheduleId === r!.scheduleId)) add('participantId', M.participantNotRecognised);
  // 14. evidence_held (ecf.md §4.4).
  if (out.length === 0) evidenceViolation(r!, type!, input.evidenceHeld, add);
  return out;
}

function evidenceViolation(r: RecordFacts, type: string, evidence: string | null, add: (field: string, message: string) => void): void {
  // Before detailed evidence types, `started` evidence is ignored (and stored as null), whatever was sent.
  if (type === 'started' && (!r.detailedEvidenceTypes || blank(evidence))) return;
  if (blank(evidence)) return add('evidenceHeld', M.evidenceBlank);
  if (!(evidenceHeldValues(r.detailedEvidenceTypes, r.role, type) ?? []).includes(evidence!)) add('evidenceHeld', M.evidenceInvalid);
}

/** What the declaration stores as `evidence_held`: null for `started` in cohorts without detailed evidence types. */
export function storedEvidence(r: RecordFacts, type: string, evidence: string | null): string | null {
  if (type === 'started' && !r.detailedEvidenceTypes) return null;
  return blank(evidence) ? null : evidence;
}
