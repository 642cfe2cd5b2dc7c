/** The live service's messages for outcome submission, verbatim (npq.md §6.3). */
export const NPQ_OUTCOME_MESSAGES = {
  courseIdentifierMissing: "Enter a '#/course_identifier' value for this participant.",
  courseIdentifierNotRecognised: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.",
  stateMissing: "The '#/state' is missing from your request. Please include a 'passed' or 'failed' value and try again.",
  stateInvalid:
    "The attribute '#/state' can only include 'passed' or 'failed' values. If you need to void an outcome, you will need to void the associated 'completed' declaration.",
  completionDateMissing: "The '#/completion_date' is missing from your request. Please include a completion_date value and try again.",
  completionDateFormat: "The '#/completion_date' value must be in the following format: 'yyyy-mm-dd'",
  noCompletedDeclaration: "The participant has not had a 'completed' declaration submitted for them. Therefore you cannot update their outcome.",
  completionDateFuture: "The '#/completion_date' value cannot be a future date. Check the date and try again.",
} as const;

/** Outcomes are recorded only for the leadership and specialist courses (npq.md §1.3): never EHCO or ASO. */
export const OUTCOME_COURSES = [
  'npq-early-years-leadership',
  'npq-executive-leadership',
  'npq-headship',
  'npq-senior-leadership',
  'npq-senco',
  'npq-leading-behaviour-culture',
  'npq-leading-literacy',
  'npq-leading-primary-mathematics',
  'npq-leading-teaching',
  'npq-leading-teaching-development',
] as const;
