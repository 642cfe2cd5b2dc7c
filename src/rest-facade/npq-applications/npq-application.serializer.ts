import type { NpqApplicationFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource, type Resource } from '../shared/envelope.js';

type Schemas = components['schemas'];

/** GraphQL enum values use underscores; the NPQ API writes `previously-funded` / `establishment-ineligible` (npq.md §3.6). */
const ineligibleReason = (a: NpqApplicationFieldsFragment) =>
  a.ineligibleForFundingReason === null ? null : (a.ineligibleForFundingReason.replace(/_/g, '-') as 'previously-funded' | 'establishment-ineligible');

/** NPQ v3 application, in the live serializer's attribute order (npq.md §2.2). */
export function serializeNpqApplication(a: NpqApplicationFieldsFragment): Schemas['NpqApplication'] {
  return resource<Schemas['NpqApplication']>('npq_application', a.id, {
    course_identifier: a.courseIdentifier as Schemas['NpqApplicationAttributes']['course_identifier'],
    email: a.email,
    email_validated: true,
    employer_name: a.employerName,
    employment_role: a.employmentRole,
    full_name: a.fullName,
    funding_choice: a.fundingChoice as Schemas['NpqApplicationAttributes']['funding_choice'],
    headteacher_status: a.headteacherStatus as Schemas['NpqApplicationAttributes']['headteacher_status'],
    ineligible_for_funding_reason: ineligibleReason(a),
    participant_id: a.participantId,
    private_childcare_provider_urn: a.privateChildcareProviderUrn,
    teacher_reference_number: a.teacherReferenceNumber,
    teacher_reference_number_validated: a.teacherReferenceNumberValidated,
    school_urn: a.schoolUrn,
    school_ukprn: a.schoolUkprn,
    status: a.status,
    reason_for_rejection: a.reasonForRejection,
    works_in_school: a.worksInSchool,
    cohort: a.cohort === null ? null : String(a.cohort),
    cohort_suffix: a.cohortSuffix,
    eligible_for_funding: a.eligibleForFunding,
    targeted_delivery_funding_eligibility: a.targetedDeliveryFundingEligibility,
    teacher_catchment: a.teacherCatchment,
    teacher_catchment_country: a.teacherCatchmentCountry,
    teacher_catchment_iso_country_code: a.teacherCatchmentIsoCountryCode,
    itt_provider: a.ittProvider,
    lead_mentor: a.leadMentor,
    funded_place: a.fundedPlace,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
    schedule_identifier: a.scheduleIdentifier,
    works_as_senco: a.worksAsSenco as Schemas['NpqApplicationAttributes']['works_as_senco'],
    senco_start_date: a.sencoStartDate,
  });
}

/** What v3 added (spec/components/npq-application.schema.ts NPQ_APPLICATION_V3_ONLY). */
type V3Only = 'reason_for_rejection' | 'cohort_suffix' | 'schedule_identifier' | 'works_as_senco' | 'senco_start_date';
/** The v1 (and v2) application attributes: the served v1/v2 documents' NpqApplicationAttributes. */
export type NpqApplicationV1Attributes = Omit<Schemas['NpqApplicationAttributes'], V3Only>;
export type NpqApplicationV1 = Resource<'npq_application', NpqApplicationV1Attributes>;

/**
 * NPQ v1 application (npq.md §2.3): the v3 attributes, in the same order, without the v3 additions, and the TRN
 * as recorded (verified or not) where v3 shows only a verified one.
 */
export function serializeNpqApplicationV1(a: NpqApplicationFieldsFragment): NpqApplicationV1 {
  const {
    reason_for_rejection: _reason,
    cohort_suffix: _suffix,
    schedule_identifier: _schedule,
    works_as_senco: _senco,
    senco_start_date: _sencoStart,
    ...v1
  } = serializeNpqApplication(a).attributes;
  // The key exists, so it keeps its place in the order.
  return resource<NpqApplicationV1>('npq_application', a.id, { ...v1, teacher_reference_number: a.recordedTeacherReferenceNumber });
}

/** NPQ v2 application: v2 made no change to the v1 application (npq.md §2.3; npq_v1.yaml and npq_v2.yaml agree). */
export const serializeNpqApplicationV2 = serializeNpqApplicationV1;
