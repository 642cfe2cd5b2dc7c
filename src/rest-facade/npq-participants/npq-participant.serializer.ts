import type { NpqParticipantFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource, type Resource } from '../shared/envelope.js';

type Schemas = components['schemas'];
type Enrolment = NpqParticipantFieldsFragment['enrolments'][number];
type V3Enrolment = Schemas['NpqEnrolment'];

const year = (cohort: number | null) => (cohort === null ? null : String(cohort));

/** NPQ v3 participant (npq.md §2.2), attributes and enrolment fields in the live serializer's order. */
export function serializeNpqParticipant(p: NpqParticipantFieldsFragment): Schemas['NpqParticipant'] {
  return resource<Schemas['NpqParticipant']>('npq-participant', p.id, {
    full_name: p.fullName,
    previous_names: p.previousNames,
    teacher_reference_number: p.teacherReferenceNumber,
    updated_at: p.updatedAt,
    npq_enrolments: p.enrolments.map((e): V3Enrolment => ({
      email: p.email,
      course_identifier: e.courseIdentifier as V3Enrolment['course_identifier'],
      schedule_identifier: e.scheduleIdentifier as V3Enrolment['schedule_identifier'],
      cohort: year(e.cohort),
      cohort_suffix: e.cohortSuffix,
      npq_application_id: e.applicationId,
      eligible_for_funding: e.eligibleForFunding,
      training_status: e.trainingStatus,
      school_urn: e.schoolUrn,
      targeted_delivery_funding_eligibility: e.targetedDeliveryFundingEligibility,
      withdrawal: e.withdrawal && { reason: e.withdrawal.reason as NonNullable<V3Enrolment['withdrawal']>['reason'], date: e.withdrawal.date },
      deferral: e.deferral && { reason: e.deferral.reason as NonNullable<V3Enrolment['deferral']>['reason'], date: e.deferral.date },
      created_at: e.createdAt,
      funded_place: e.fundedPlace,
    })),
    participant_id_changes: p.participantIdChanges.map((c) => ({
      from_participant_id: c.fromParticipantId,
      to_participant_id: c.toParticipantId,
      changed_at: c.changedAt,
    })),
  });
}

type Course = V3Enrolment['course_identifier'];

/** The v2 enrolment (served v2 document's NpqEnrolment): no email, cohort suffix, withdrawal, deferral or created_at. */
export interface NpqEnrolmentV2 {
  course_identifier: Course;
  schedule_identifier: V3Enrolment['schedule_identifier'];
  cohort: string | null;
  npq_application_id: string;
  eligible_for_funding: boolean;
  training_status: V3Enrolment['training_status'];
  school_urn: string | null;
  targeted_delivery_funding_eligibility: boolean;
  funded_place: boolean | null;
}
export type NpqParticipantV2 = Resource<
  'npq-participant',
  { email: string | null; full_name: string; teacher_reference_number: string | null; updated_at: string; npq_enrolments: NpqEnrolmentV2[] }
>;

/** NPQ v2 participant (npq.md §2.3): email at the top, enrolments without the v3 additions, no id changes. */
export function serializeNpqParticipantV2(p: NpqParticipantFieldsFragment): NpqParticipantV2 {
  return resource<NpqParticipantV2>('npq-participant', p.id, {
    email: p.email,
    full_name: p.fullName,
    teacher_reference_number: p.teacherReferenceNumber,
    updated_at: p.updatedAt,
    npq_enrolments: p.enrolments.map((e: Enrolment) => ({
      course_identifier: e.courseIdentifier as Course,
      schedule_identifier: e.scheduleIdentifier as V3Enrolment['schedule_identifier'],
      cohort: year(e.cohort),
      npq_application_id: e.applicationId,
      eligible_for_funding: e.eligibleForFunding,
      training_status: e.trainingStatus,
      school_urn: e.schoolUrn,
      targeted_delivery_funding_eligibility: e.targetedDeliveryFundingEligibility,
      funded_place: e.fundedPlace,
    })),
  });
}

export type NpqParticipantV1 = Resource<
  'npq-participant',
  {
    participant_id: string;
    full_name: string;
    email: string | null;
    npq_courses: Course[];
    funded_places: { npq_course: Course; funded_place: boolean | null; npq_application_id: string }[];
    teacher_reference_number: string | null;
    updated_at: string;
  }
>;

/** NPQ v1 participant (npq.md §2.3): the participant id again, the courses and the funded places of the accepted applications. */
export function serializeNpqParticipantV1(p: NpqParticipantFieldsFragment): NpqParticipantV1 {
  return resource<NpqParticipantV1>('npq-participant', p.id, {
    participant_id: p.id,
    full_name: p.fullName,
    email: p.email,
    npq_courses: p.enrolments.map((e) => e.courseIdentifier as Course),
    funded_places: p.enrolments.map((e) => ({ npq_course: e.courseIdentifier as Course, funded_place: e.fundedPlace, npq_application_id: e.applicationId })),
    teacher_reference_number: p.teacherReferenceNumber,
    updated_at: p.updatedAt,
  });
}
