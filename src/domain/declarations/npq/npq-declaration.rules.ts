import type { Violation } from '../../shared/domain-error.js';
import { Violations } from '../../npq/npq-application.rules.js';
import { OUTCOME_COURSES } from '../../npq/npq-outcome.messages.js';
import { deliveryPartnerViolations, type DeliveryPartnerFacts } from './npq-delivery-partner.rules.js';
import { castDeclarationDate, rfc3339Seconds, strictDeclarationDate } from './npq-declaration-date.js';
import { NPQ_DECLARATION_MESSAGES as M, NPQ_DECLARATION_TYPES } from './npq-declaration.messages.js';

/** What a declaration request is checked against; looked up by the service (record-npq-declaration.service.ts). */
export interface NpqDeclarationFacts {
  participantId: unknown;
  declarationType: unknown;
  declarationDate: unknown;
  courseIdentifier: unknown;
  hasPassed: unknown;
  /** The retired id's replacement, when `participant_id` is a retired id (any provider). */
  replacedBy: string | null;
  /** A person with this id and an accepted application with the caller (npq.md §5.3). */
  participantFound: boolean;
  /** The latest training-status row of the application for the caller, when it is `withdrawn`. */
  withdrawnAt: Date | null;
  /** The person has an accepted application for the course (ASO = EHCO), with any provider (step 4). */
  acceptedForCourse: boolean;
  /** The caller's application (npq.md §5.3) and its schedule; null when there is none. */
  schedule: { appliesFrom: string; allowedTypes: string[] } | null;
  cohortStartYear: number | null;
  /** Step 10's stand-in for "a contract exists" (docs/compatibility.md). */
  contractExists: boolean;
  /** Step 11: fundable application (npq.md §1.5), matching existing declaration, next output-fee statement. */
  fundable: boolean;
  existingMatching: 'submitted' | 'billable' | null;
  hasOutputFeeStatement: boolean;
  /** Step 13: the application's declaration of this type in submitted, eligible, payable or paid. */
  slotTaken: boolean;
  /** Step 14: the ids given resolve to delivery partners. */
  deliveryPartnerGiven: boolean;
  deliveryPartnerExists: boolean;
  secondaryGiven: boolean;
  secondaryExists: boolean;
  /** Step 15's delivery-partner facts (npq.md §5.7). */
  deliveryPartners: Omit<DeliveryPartnerFacts, 'cohortStartYear'>;
  now: Date;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Completed declarations on a leadership or specialist course carry `has_passed` and an outcome (npq.md §5.4 step 12). */
export const needsHasPassed = (courseIdentifier: unknown, declarationType: unknown): boolean =>
  declarationType === 'completed' && (OUTCOME_COURSES as readonly unknown[]).includes(courseIdentifier);

/** `has_passed` as the live service reads it: the value as a string, exactly "true" or "false". */
export function hasPassedOf(v: unknown): boolean | null {
  const text = typeof v === 'string' ? v : typeof v === 'boolean' || typeof v === 'number' ? String(v) : '';
  return text === 'true' ? true : text === 'false' ? false : null;
}

/**
 * The validation sequence of npq.md §5.4 in the original's order. Steps 6 and 7 (date and type presence), 12
 * (`has_passed`) and 14 (delivery partners exist) always run; every other step only while there is no error yet.
 */
export function npqDeclarationViolations(f: NpqDeclarationFacts): Violation[] {
  const v = new Violations();
  // 1. participant_id present; a retired id names its replacement.
  if (blank(f.participantId)) v.add('participantId', M.participantIdMissing);
  else if (f.replacedBy !== null) v.add('participantId', M.participantIdReplaced(String(f.participantId), f.replacedBy));
  // 2. the caller's participant.
  if (!v.any && !f.participantFound) v.add('participantId', M.participantNotRecognised);
  // 3. strictly before the latest withdrawal (for this provider); deferred participants are not blocked.
  const cast = castDeclarationDate(f.declarationDate);
  if (!v.any && f.withdrawnAt && cast && f.withdrawnAt <= cast) v.add('participantId', M.withdrawnBefore(rfc3339Seconds(f.withdrawnAt)));
  // 4. an accepted application for the course, with any provider.
  if (!v.any && !f.acceptedForCourse) v.add('courseIdentifier', M.courseNotRecognised);
  // 5. the raw string's format, then not before the schedule's start.
  if (!v.any) {
    if (!blank(f.declarationDate) && strictDeclarationDate(f.declarationDate) === null) v.add('declarationDate', M.declarationDateInvalid);
    if (f.schedule && cast && cast < new Date(`${f.schedule.appliesFrom}T00:00:00Z`)) v.add('declarationDate', M.declarationDateBeforeScheduleStart);
  }
  // 6, 7. always.
  if (cast === null) v.add('declarationDate', M.declarationDateMissing);
  if (blank(f.declarationType)) v.add('declarationType', M.declarationTypeMissing);
  if (!(NPQ_DECLARATION_TYPES as readonly unknown[]).includes(f.declarationType)) v.add('declarationType', M.declarationTypeNotRecognised);
  // 8, 9. the application's schedule allows the type.
  if (!v.any && !f.schedule) v.add('application', M.scheduleMissing);
  if (!v.any && !f.schedule!.allowedTypes.includes(f.declarationType as string)) v.add('declarationType', M.declarationTypeNotInSchedule);
  // 10. a contract for the course and cohort.
  if (!v.any && !f.contractExists) v.add('cohort', M.noContract);
  // 11. somewhere to pay it: only for a fundable application's new declaration, or an existing billable one.
  if (!v.any && f.existingMatching !== 'submitted' && (f.existingMatching !== null || f.fundable) && !f.hasOutputFeeStatement) {
    v.add('cohort', M.noOutputFeeStatement(f.cohortStartYear!));
  }
  // 12. has_passed, for completed leadership and specialist declarations.
  if (needsHasPassed(f.courseIdentifier, f.declarationType) && hasPassedOf(f.hasPassed) === null) v.add('hasPassed', M.hasPassedInvalid);
  // 13. the slot (application and type) is free.
  if (!v.any && f.slotTaken) v.add('base', M.slotTaken);
  // 14. given delivery partners exist.
  if (f.deliveryPartnerGiven && !f.deliveryPartnerExists) v.add('deliveryPartnerId', M.deliveryPartnerDoesNotExist);
  if (f.secondaryGiven && !f.secondaryExists) v.add('secondaryDeliveryPartnerId', M.secondaryDeliveryPartnerDoesNotExist);
  // 15. the draft declaration's own validations: not in the future, then the delivery-partner rules.
  if (!v.any) {
    if (cast! > f.now) v.add('declarationDate', M.declarationDateFuture);
    deliveryPartnerViolations(v, { ...f.deliveryPartners, cohortStartYear: f.cohortStartYear! });
  }
  return v.list();
}
