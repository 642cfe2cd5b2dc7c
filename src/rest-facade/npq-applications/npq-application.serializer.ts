import type { NpqApplicationFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';

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
