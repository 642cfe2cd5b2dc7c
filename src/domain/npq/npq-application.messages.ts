/** The live service's messages for application actions, verbatim (npq.md §3.3–3.5; config/locales/en.yml). */
export const NPQ_APPLICATION_MESSAGES = {
  fundedPlaceRequired: "Set '#/funded_place' to true or false.",
  fundedPlaceUnfundedCohort: "The '#/funded_place' field should be false for unfunded cohorts.",
  alreadyAccepted: 'This NPQ application has already been accepted',
  rejectedCannotChange: 'Once rejected an application cannot change state',
  acceptedForThisCourse: 'The participant has already had an application accepted for this course.',
  notEligibleForFundedPlace: "The participant is not eligible for funding, so '#/funded_place' cannot be set to true.",
  scheduleNotFoundInCohort: 'The selected schedule cannot be found in the application cohort',
  scheduleCannotBeDetermined: 'Schedule cannot be determined',
  scheduleNotValidForCourse: 'The selected schedule is not valid for the course',
  alreadyRejected: 'This NPQ application has already been rejected',
  rejectWithDeclarations: 'This application has declarations that prevent it from being rejected. Void the declarations first, or contact us for assistance.',
} as const;

/** Change funded place (npq.md §3.5), verbatim. */
export const NPQ_FUNDED_PLACE_MESSAGES = {
  fundedPlaceRequired: "Set '#/funded_place' to true or false.",
  notAccepted: "You must accept the application before attempting to change the '#/funded_place' setting.",
  notEligible: 'This participant is not eligible for funding. Contact us if you think this is wrong.',
  notCapped: "Leave the '#/funded_place' field blank. It's only needed for participants starting NPQs from autumn 2024 onwards.",
  declarationsSubmitted:
    'You cannot change the funded place because declarations have been submitted. You will need to void the existing declarations and resubmit them after changing the funded place.',
} as const;
