/** The live service's messages for NPQ declarations, verbatim (npq.md §5.4, §5.7, §5.8; config/locales/en.yml). */
export const NPQ_DECLARATION_MESSAGES = {
  participantIdMissing: "The property '#/participant_id' must be present",
  participantIdReplaced: (from: string, to: string) => `The participant_id '${from}' has been replaced with '${to}'.`,
  participantNotRecognised: "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again.",
  withdrawnBefore: (withdrawnAt: string) =>
    `This participant withdrew from this course on ${withdrawnAt}. Enter a '#/declaration_date' that's on or before the withdrawal date.`,
  courseNotRecognised: "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.",
  declarationDateInvalid: "Enter a valid RFC3339 '#/declaration_date'.",
  declarationDateBeforeScheduleStart: "Enter a '#/declaration_date' that's on or after the schedule start.",
  declarationDateMissing: "Enter a '#/declaration_date'.",
  declarationTypeMissing: "Enter a '#/declaration_type'.",
  declarationTypeNotRecognised: "The entered '#/declaration_type' is not recognised.",
  scheduleMissing: 'The application is missing a schedule.',
  declarationTypeNotInSchedule: "The property '#/declaration_type' does not exist for this schedule.",
  noContract: 'You cannot submit a declaration for this participant as you do not have a contract for the cohort and course. Contact the DfE for assistance.',
  noOutputFeeStatement: (startYear: number) =>
    `You cannot submit or void declarations for the ${startYear} cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.`,
  hasPassedInvalid: "Enter 'true' or 'false' in the '#/has_passed' field to indicate whether this participant has passed or failed their course.",
  slotTaken: 'A declaration has already been submitted that will be, or has been, paid for this event',
  deliveryPartnerDoesNotExist: "The property '#/delivery_partner_id' does not exist",
  secondaryDeliveryPartnerDoesNotExist: "The property '#/secondary_delivery_partner_id' does not exist",
  declarationDateFuture: "The '#/declaration_date' value cannot be a future date. Check the date and try again.",
  duplicateInApplication: (state: string) => `There is already a declaration with state ${state} for this application`,
  // Delivery partner rules (npq.md §5.7).
  deliveryPartnerRequired: "The property '#/delivery_partner_id' must be present",
  deliveryPartnerOutsideEngland: "The property '#/delivery_partner_id' cannot be specified for Applications from outside of England",
  deliveryPartnerNotConfirmed: "The entered '#/delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort",
  secondaryWithoutPrimary: "The property '#/secondary_delivery_partner_id' cannot be specified without the property '#/delivery_partner_id'",
  secondaryOutsideEngland: "The property '#/secondary_delivery_partner_id' cannot be specified for Applications from outside of England",
  secondaryNotConfirmed: "The entered '#/secondary_delivery_partner_id' is not from your list of confirmed Delivery Partners for the Cohort",
  secondarySameAsPrimary: "The property '#/secondary_delivery_partner_id' cannot have the same value as the property '#/delivery_partner_id'",
  // Change delivery partner (npq.md §5.1, §5.8).
  cannotModify: 'The declaration cannot be modified because it was created by another lead provider',
} as const;

/** The four NPQ declaration types (npq.md §1.8). */
export const NPQ_DECLARATION_TYPES = ['started', 'retained-1', 'retained-2', 'completed'] as const;
export type NpqDeclarationType = (typeof NPQ_DECLARATION_TYPES)[number];
