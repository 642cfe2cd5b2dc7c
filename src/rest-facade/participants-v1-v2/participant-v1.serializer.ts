import type { EcfTrainingRecordFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource, type Resource } from '../shared/envelope.js';

type Schemas = components['schemas'];
type Enrolment = Schemas['EcfEnrolment'];
type Person = Schemas['EcfParticipantAttributes'];

/**
 * The v1/v2 participant attributes (served v1/v2 documents' `EcfParticipantV1Attributes`), typed from the v3
 * schemas they share their fields with; only `status` is v1/v2's own.
 */
export interface EcfParticipantV1Attributes {
  email: Enrolment['email'];
  full_name: Person['full_name'];
  mentor_id: Enrolment['mentor_id'];
  school_urn: Enrolment['school_urn'];
  participant_type: Enrolment['participant_type'];
  cohort: Enrolment['cohort'];
  status: 'active' | 'withdrawn';
  teacher_reference_number: Person['teacher_reference_number'];
  teacher_reference_number_validated: Enrolment['teacher_reference_number_validated'];
  eligible_for_funding: Enrolment['eligible_for_funding'];
  pupil_premium_uplift: Enrolment['pupil_premium_uplift'];
  sparsity_uplift: Enrolment['sparsity_uplift'];
  training_status: Enrolment['training_status'];
  training_record_id: Enrolment['training_record_id'];
  schedule_identifier: Enrolment['schedule_identifier'];
  updated_at: Person['updated_at'];
}
export type EcfParticipantV1 = Resource<'participant', EcfParticipantV1Attributes>;

/**
 * One ECF v1/v2 participant row (ecf.md §2.6): one training record with its person's fields, attributes in the
 * live serializer's order (the CSV columns follow it). v2 made no change to it (ecf_v1.json and ecf_v2.json
 * describe the same attributes).
 */
export function serializeEcfParticipantV1(r: EcfTrainingRecordFieldsFragment): EcfParticipantV1 {
  return resource<EcfParticipantV1>('participant', r.id, {
    email: r.email,
    full_name: r.fullName,
    mentor_id: r.mentorId,
    school_urn: r.schoolUrn,
    participant_type: r.participantType,
    cohort: String(r.cohort),
    status: r.status,
    teacher_reference_number: r.teacherReferenceNumber,
    teacher_reference_number_validated: r.teacherReferenceNumberValidated,
    eligible_for_funding: r.eligibleForFunding,
    pupil_premium_uplift: r.pupilPremiumUplift,
    sparsity_uplift: r.sparsityUplift,
    training_status: r.trainingStatus,
    training_record_id: r.trainingRecordId,
    // GraphQL keeps schedule identifiers as text (the domain owns the set); the contract tests check the value.
    schedule_identifier: r.scheduleIdentifier as Enrolment['schedule_identifier'],
    updated_at: r.updatedAt,
  });
}

/** The v2 row is the v1 row. */
export const serializeEcfParticipantV2 = serializeEcfParticipantV1;

/** The CSV columns, in order (ecf.md §2.6): the id, then every attribute in the JSON order. */
export const CSV_COLUMNS = [
  'id',
  'email',
  'full_name',
  'mentor_id',
  'school_urn',
  'participant_type',
  'cohort',
  'status',
  'teacher_reference_number',
  'teacher_reference_number_validated',
  'eligible_for_funding',
  'pupil_premium_uplift',
  'sparsity_uplift',
  'training_status',
  'training_record_id',
  'schedule_identifier',
  'updated_at',
] as const satisfies readonly ('id' | keyof EcfParticipantV1Attributes)[];

/** One CSV record: the row's values in CSV_COLUMNS order (null stays null: an empty field). */
export function csvRecord(r: EcfTrainingRecordFieldsFragment): (string | boolean | null)[] {
  const { id, attributes } = serializeEcfParticipantV1(r);
  return CSV_COLUMNS.map((c) => (c === 'id' ? id : attributes[c]));
}
