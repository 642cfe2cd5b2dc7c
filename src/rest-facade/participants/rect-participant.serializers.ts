import type { RectParticipantFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';

type Schemas = components['schemas'];
type Enrolment = RectParticipantFieldsFragment['ecfEnrolments'][number];
type Change = NonNullable<Enrolment['withdrawal']>;
type RectEnrolment = Schemas['RectEnrolment'];

// GraphQL keeps schedule identifiers and withdrawal/deferral reasons as text (the domain owns their sets); the
// served document lists their values. The contract tests check every value against both documents at run time.
const statusChange = <T extends RectEnrolment['withdrawal'] | RectEnrolment['deferral']>(c: Change | null): T =>
  (c === null ? null : { reason: c.reason, date: c.date }) as T;

/** One `ecf_enrolments` element in the RECT attribute order (rect.md §2.3). */
function serializeEnrolment(e: Enrolment): RectEnrolment {
  return {
    training_record_id: e.trainingRecordId,
    email: e.email,
    mentor_id: e.mentorId,
    school_urn: e.schoolUrn,
    participant_type: e.participantType,
    cohort: String(e.cohort),
    training_status: e.trainingStatus,
    participant_status: e.participantStatus,
    eligible_for_funding: e.eligibleForFunding,
    pupil_premium_uplift: e.pupilPremiumUplift,
    sparsity_uplift: e.sparsityUplift,
    schedule_identifier: e.scheduleIdentifier as RectEnrolment['schedule_identifier'],
    delivery_partner_id: e.deliveryPartnerId,
    withdrawal: statusChange<RectEnrolment['withdrawal']>(e.withdrawal),
    deferral: statusChange<RectEnrolment['deferral']>(e.deferral),
    created_at: e.createdAt,
    induction_end_date: e.inductionEndDate,
    most_recent_induction_period_end_date: e.mostRecentInductionPeriodEndDate,
    overall_induction_start_date: e.overallInductionStartDate,
    mentor_funding_end_date: e.mentorFundingEndDate,
    cohort_changed_after_payments_frozen: e.cohortChangedAfterPaymentsFrozen,
    mentor_ineligible_for_funding_reason: e.mentorIneligibleForFundingReason,
    working_pattern: e.workingPattern,
  };
}

/**
 * RECT v3 participant (rect.md §2.3): one resource per person with its enrolments and id changes. Exported for
 * the RECT participant actions, which answer with the participant (`GET_RECT_PARTICIPANT`).
 */
export function serializeRectParticipant(p: RectParticipantFieldsFragment): Schemas['RectParticipant'] {
  return resource<Schemas['RectParticipant']>('participant', p.id, {
    full_name: p.fullName,
    teacher_reference_number: p.teacherReferenceNumber,
    updated_at: p.updatedAt,
    ecf_enrolments: p.ecfEnrolments.map(serializeEnrolment),
    participant_id_changes: p.participantIdChanges.map((c) => ({
      from_participant_id: c.fromParticipantId,
      to_participant_id: c.toParticipantId,
      changed_at: c.changedAt,
    })),
  });
}
