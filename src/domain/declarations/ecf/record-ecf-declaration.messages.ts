/**
 * The live ECF service's declaration-create messages, verbatim (ecf.md §4.2–4.4, config/locales/en.yml; the
 * "RCF3339" typo is the live wording). The participant and course messages are the participant actions' own.
 */
import { ECF_ACTION_MESSAGES } from '../../participants/actions/participant-action.messages.js';

export const ECF_DECLARATION_MESSAGES = {
  participantNotRecognised: ECF_ACTION_MESSAGES.participantNotRecognised,
  courseNotRecognised: ECF_ACTION_MESSAGES.courseNotRecognised,
  npqCourseNotSupported: 'NPQ Courses are no longer supported',
  withdrawnBefore: (withdrawnAt: string) =>
    `This participant withdrew from this course on ${withdrawnAt}. Enter a '#/declaration_date' that's on or before the withdrawal date.`,
  dateBlank: "Enter a '#/declaration_date'.",
  typeBlank: "Enter a '#/declaration_type'.",
  dateInFuture: "The '#/declaration_date' value cannot be a future date. Check the date and try again.",
  dateFormat: "Enter a valid RCF3339 '#/declaration_date'.",
  beforeMilestoneStart: "Enter a '#/declaration_date' that's on or after the milestone start.",
  afterMilestoneEnd: "Enter a '#/declaration_date' that's before the milestone end date.",
  contractEnded: (cohort: number) =>
    `You cannot submit or void declarations for the ${cohort} cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us`,
  typeNotInSchedule: "The property '#/declaration_type' does not exist for this schedule.",
  slotTaken: 'A declaration has already been submitted that will be, or has been, paid for this event',
  mentorFundingTypes:
    'You cannot send retained or extended declarations for participants who began their mentor training after June 2025. Resubmit this declaration with either a started or completed declaration.',
  evidenceBlank: "Enter a '#/evidence_held' value for this participant.",
  evidenceInvalid: "Enter an available '#/evidence_held' type for this participant's event and course.",
} as const;

const BASIC = ['training-event-attended', 'self-study-material-completed', 'other'] as const;
const BASIC_2025 = ['training-event-attended', 'self-study-material-completed', 'materials-engaged-with-offline', 'other'] as const;
const ENGAGEMENT = ['75-percent-engagement-met', '75-percent-engagement-met-reduced-induction'] as const;

/**
 * The `evidence_held` values a declaration may carry (ecf.md §4.4): cohorts without `detailed_evidence_types`
 * take the three basic values for every type but `started`; cohorts with it (2025+) have a list per participant
 * type and declaration type. Null: no value is allowed.
 */
export function evidenceHeldValues(detailed: boolean, role: 'ect' | 'mentor', declarationType: string): readonly string[] | null {
  if (!detailed) return BASIC;
  if (role === 'mentor') {
    if (declarationType === 'started') return BASIC_2025;
    if (declarationType === 'completed') return ENGAGEMENT;
    return null;
  }
  if (declarationType === 'retained-2') return ENGAGEMENT;
  if (declarationType === 'completed') return [...ENGAGEMENT, 'one-term-induction'];
  if (['started', 'retained-1', 'retained-3', 'retained-4', 'extended-1', 'extended-2', 'extended-3'].includes(declarationType)) return BASIC_2025;
  return null;
}
