/** The live service's messages for participant actions, verbatim (npq.md §4.2–4.6; config/locales/en.yml). */
export const NPQ_PARTICIPANT_MESSAGES = {
  courseNotRecognised: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.",
  noAcceptedApplication: "Your update cannot be made as an accepted application cannot be found for the given '#/participant_id' and '#/course_identifier'.",
  invalidReason: "The property '#/reason' must be a valid reason",
  alreadyDeferred: 'The participant is already deferred',
  alreadyWithdrawn: 'The participant is already withdrawn',
  alreadyActive: 'The participant is already active',
  scheduleMustBePresent: "The property '#/schedule_identifier' must be present",
  alreadyHasSchedule: 'The participant already has the specified schedule',
  scheduleNotValidForCourse: 'The selected schedule is not valid for the course',
  cappedToUncapped: "You cannot change the '#/cohort' field from one with a funding cap to one without a funding cap",
  /** Not a live rule (docs/compatibility.md): the application's wording for "one accepted per course per cohort". */
  acceptedForThisCourse: 'The participant has already had an application accepted for this course.',
  noDeclarations: 'You cannot defer an NPQ participant that has no declarations',
  noStartedDeclaration: 'An NPQ participant who has not got a started declaration cannot be withdrawn. Please contact support for assistance',
  noContract: 'You cannot change a participant to this cohort as you do not have a contract for the cohort and course. Contact the DfE for assistance.',
  invalidatesDeclarations: 'Changing schedule would invalidate existing declarations. Please void them first.',
  cohortChangeWithDeclarations: "You cannot change the '#/cohort' field when there are submitted, eligible, payable, or paid declarations in the new cohort",
  unfundedToFunded: "You cannot change the '#/cohort' field from one that is not funded to with that is funded",
} as const;

/** Defer reasons (npq.md §4.3). */
export const NPQ_DEFER_REASONS = ['bereavement', 'long-term-sickness', 'parental-leave', 'career-break', 'other'] as const;

/** Withdraw reasons (npq.md §4.5); one has a trailing full stop. */
export const NPQ_WITHDRAW_REASONS = [
  'insufficient-capacity-to-undertake-programme',
  'personal-reason-health-or-pregnancy-related',
  'personal-reason-moving-school',
  'personal-reason-other',
  'insufficient-capacity',
  'change-in-developmental-or-personal-priorities',
  'change-in-school-circumstances',
  'change-in-school-leadership',
  'quality-of-programme-structure-not-suitable.',
  'quality-of-programme-content-not-suitable',
  'quality-of-programme-facilitation-not-effective',
  'quality-of-programme-accessibility',
  'quality-of-programme-other',
  'programme-not-appropriate-for-role-and-cpd-needs',
  'started-in-error',
  'expected-commitment-unclear',
  'assessment-requirements-not-met',
  'change-in-career',
  'disengaged-and-unresponsive',
  'non-payment-of-invoice',
  'other',
] as const;

/** The twelve NPQ course identifiers (npq.md §1.3). */
export const NPQ_COURSE_IDENTIFIERS = [
  'npq-senior-leadership',
  'npq-headship',
  'npq-executive-leadership',
  'npq-early-years-leadership',
  'npq-leading-teaching',
  'npq-leading-behaviour-culture',
  'npq-leading-teaching-development',
  'npq-leading-literacy',
  'npq-leading-primary-mathematics',
  'npq-additional-support-offer',
  'npq-early-headship-coaching-offer',
  'npq-senco',
] as const;
