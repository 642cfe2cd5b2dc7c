/**
 * The live services' participant-action messages, verbatim: ECF (ecf.md §3.3–3.7, config/locales/en.yml) and
 * RECT (rect.md §7.2–7.5, after RECT's error-term mapping). The two differ in wording and in rules, so each
 * action runs one rule set: `ecf` for the ECF paths, `rect` for the RECT paths.
 */
export const ECF_ACTION_MESSAGES = {
  participantNotRecognised: "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.",
  courseNotRecognised: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.",
  courseBlank: "Enter a '#/course_identifier' value for this participant.",
  reasonBlank: "The property '#/reason' must be present",
  reasonInvalid: "The property '#/reason' must be a valid reason",
  alreadyDeferred: 'The participant is already deferred',
  alreadyWithdrawn: 'The participant is already withdrawn',
  alreadyActive: 'The participant is already active',
  scheduleInvalid: "The property '#/schedule_identifier' must be present and correspond to a valid schedule",
  withdrawnParticipant: 'Cannot perform actions on a withdrawn participant',
  scheduleAlreadyOnProfile: 'Selected schedule is already on the profile',
  scheduleNotValidForCourse: 'Selected schedule is not valid for the course',
  noPartnershipForCohort:
    'You cannot change a participant to this cohort as you do not have a partnership with the school for the cohort. Contact the DfE for assistance.',
  wouldInvalidateDeclarations: 'Changing schedule would invalidate existing declarations. Please void them first.',
  cohortChangeWithDeclarations: "You cannot change the '#/cohort' field",
} as const;

export const RECT_ACTION_MESSAGES = {
  courseBlank: "Enter a '#/course_identifier'.",
  courseNotRecognised: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.",
  reasonBlank: "Enter a '#/reason'.",
  reasonInvalid: "The entered '#/reason' is not recognised for the given participant. Check details and try again.",
  alreadyWithdrawn: "The '#/participant_id' is already withdrawn.",
  alreadyDeferred: "The '#/participant_id' is already deferred.",
  alreadyActive: "The '#/participant_id' is already active.",
  withdrawFutureStart: 'You cannot withdraw #/participant_id. This is because they have not been training with you for at least one day.',
  deferFutureStart: 'You cannot defer #/participant_id. This is because they have not been training with you for at least one day.',
  startedToday:
    'You cannot defer or withdraw this participant today. You need to try again tomorrow as the training was recently changed for this participant.',
  ectNotMentor: 'You cannot withdraw an ECT for this reason. The ECT is not a mentor.',
  activeWithAnotherProvider: 'This participant cannot be resumed because they are already active with another provider.',
  resumeSameDay: 'You cannot resume a participant on the same day they were withdrawn or deferred. Resume them tomorrow or later.',
  noLongerAtSchool: 'The participant is no longer at the school. Please contact the induction tutor to resolve.',
  scheduleInvalid: "The property '#/schedule_identifier' must be present and correspond to a valid schedule.",
  scheduleUnknownIdentifier: 'Enter a valid schedule identifier.',
  scheduleAlreadyOnProfile: 'Selected schedule is already on the profile',
  scheduleNotValidForCourse: 'Selected schedule is not valid for the course_identifier',
  mentorReduced: 'Mentors cannot be placed on a reduced schedule. Assign them to a different schedule.',
  sameDayDeclarations:
    'The change of schedule cannot be applied because a previous change of schedule and a declaration were made on the same day. Applying another change of schedule would invalidate existing declarations. Please contact DfE for assistance.',
  noPartnershipForCohort:
    'You cannot change a participant to this contract_period as you do not have a partnership with the school for the contract_period. Contact the DfE for assistance.',
  frozenCohort: 'You cannot move a participant to a payments frozen cohort unless they previously belonged to that cohort.',
  completed: "You cannot change this participant's schedule as they have completed their training or induction.",
  left: "You cannot change this participant's schedule. This is because the participant has a 'left' participant_status, so they are not training with you currently.",
  withdrawnParticipant: 'Cannot perform actions on a withdrawn participant',
  futureWithAnotherProvider: "You cannot change this participant's schedule as they are due to start with another lead provider in the future.",
} as const;

/** ecf.md §3.4 / rect.md §7.3. */
export const DEFER_REASONS = ['bereavement', 'long-term-sickness', 'parental-leave', 'career-break', 'other'] as const;
/** ecf.md §3.6 with `programme_type_changes_2025` on (production since 2025). */
export const ECF_WITHDRAW_REASONS = ['left-teaching-profession', 'moved-school', 'mentor-no-longer-being-mentor', 'switched-to-school-led', 'other'] as const;
/** rect.md §7.3: ECF's list plus `changed-lead-provider`. */
export const RECT_WITHDRAW_REASONS = [...ECF_WITHDRAW_REASONS.slice(0, 4), 'changed-lead-provider', 'other'] as const;

/** The 12 ECF schedule identifiers of every cohort (ecf.md §1.5). */
export const ECF_SCHEDULE_IDENTIFIERS = ['standard', 'reduced', 'extended', 'replacement'].flatMap((t) =>
  ['september', 'january', 'april'].map((m) => `ecf-${t}-${m}`),
);
