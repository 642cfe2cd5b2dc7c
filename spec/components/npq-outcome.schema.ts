import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;

/** Outcomes are recorded for the leadership and specialist courses only (npq.md §1.3). */
const OUTCOME_COURSES = [
  'npq-senior-leadership',
  'npq-headship',
  'npq-executive-leadership',
  'npq-early-years-leadership',
  'npq-leading-teaching',
  'npq-leading-behaviour-culture',
  'npq-leading-teaching-development',
  'npq-leading-literacy',
  'npq-leading-primary-mathematics',
  'npq-senco',
];

/** NPQ outcome attributes in the live serializer's order (npq.md §2.2); v1 and v2 have no `updated_at` (§2.3). */
function outcomeAttributes(version: 'v1' | 'v2' | 'v3'): Props {
  return {
    state: { type: 'string', enum: ['passed', 'failed', 'voided'], description: 'Passed or failed; `voided` when the completed declaration was voided.' },
    completion_date: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}T00:00:00\\+00:00$',
      description: 'When the participant received the outcome, as `YYYY-MM-DDT00:00:00+00:00`.',
      example: '2025-07-15T00:00:00+00:00',
    },
    course_identifier: { type: 'string', enum: OUTCOME_COURSES, description: 'The course the outcome is for.' },
    participant_id: { allOf: [schemaRef('Id')], description: 'The participant.' },
    created_at: { allOf: [schemaRef('Timestamp')], description: 'When the outcome was recorded (`filter[created_since]` reads it).' },
    ...(version === 'v3' ? { updated_at: { allOf: [schemaRef('Timestamp')], description: 'When the outcome last changed.' } } : {}),
  };
}

const CREATE_REQUEST: OpenAPIV3.SchemaObject = {
  type: 'object',
  description: 'Record an NPQ outcome.',
  required: ['data'],
  properties: {
    data: {
      type: 'object',
      required: ['attributes'],
      properties: {
        type: { type: 'string', description: 'Send `npq-outcome-confirmation`; the value is not checked.', example: 'npq-outcome-confirmation' },
        attributes: {
          type: 'object',
          required: ['course_identifier', 'state', 'completion_date'],
          properties: {
            course_identifier: { type: 'string', enum: OUTCOME_COURSES, description: 'A leadership or specialist course of the participant.' },
            state: { type: 'string', enum: ['passed', 'failed'], description: 'The outcome.' },
            completion_date: {
              type: 'string',
              description: 'The completion date, `yyyy-mm-dd` (a full timestamp is read as its date); not in the future.',
              example: '2025-01-09',
            },
          },
        },
      },
    },
  },
};

const CHANGE_FUNDED_PLACE_REQUEST: OpenAPIV3.SchemaObject = {
  type: 'object',
  description: 'Change the funded place of an accepted application.',
  properties: {
    data: {
      type: 'object',
      required: ['attributes'],
      properties: {
        type: {
          type: 'string',
          description: 'Send `npq-application-change-funded-place`; the value is not checked.',
          example: 'npq-application-change-funded-place',
        },
        attributes: {
          type: 'object',
          required: ['funded_place'],
          properties: { funded_place: { type: 'boolean', description: 'The funded place: true or false (a string such as `"true"` is not a boolean).' } },
        },
      },
    },
  },
};

const csv = (description: string, header: string): OpenAPIV3.SchemaObject => ({ type: 'string', description, example: `${header}\n` });

/** Columns of `GET /npq-applications.csv` (npq.md §2.3), in order. */
export const NPQ_APPLICATIONS_CSV_COLUMNS = [
  'id',
  'participant_id',
  'full_name',
  'email',
  'email_validated',
  'teacher_reference_number',
  'teacher_reference_number_validated',
  'school_urn',
  'school_ukprn',
  'private_childcare_provider_urn',
  'headteacher_status',
  'eligible_for_funding',
  'funded_place',
  'funding_choice',
  'course_identifier',
  'status',
  'works_in_school',
  'employer_name',
  'employment_role',
  'created_at',
  'updated_at',
  'cohort',
  'ineligible_for_funding_reason',
  'targeted_delivery_funding_eligibility',
  'teacher_catchment',
  'teacher_catchment_country',
  'teacher_catchment_iso_country_code',
  'itt_provider',
  'lead_mentor',
] as const;

/** Columns of `GET /api/v2/npq-enrolments.csv` (npq.md §2.3), in order. */
export const NPQ_ENROLMENTS_CSV_COLUMNS = [
  'participant_id',
  'course_identifier',
  'schedule_identifier',
  'cohort',
  'npq_application_id',
  'eligible_for_funding',
  'training_status',
  'school_urn',
  'funded_place',
] as const;

/** Outcome, change-funded-place and CSV schemas of one version's document (same names in each). */
export function npqOutcomeSchemas(version: 'v1' | 'v2' | 'v3'): Record<string, OpenAPIV3.SchemaObject> {
  const props = outcomeAttributes(version);
  return {
    NpqOutcomeAttributes: {
      type: 'object',
      description: `An NPQ participant outcome (${version}).`,
      required: Object.keys(props),
      additionalProperties: false,
      properties: props,
    },
    NpqOutcome: resourceObject('participant-outcome', schemaRef('NpqOutcomeAttributes'), 'A participant’s outcome for one NPQ course.'),
    NpqOutcomeResponse: singleEnvelope('NpqOutcome', 'One NPQ outcome.'),
    NpqOutcomesResponse: collectionEnvelope('NpqOutcome', 'A page of NPQ outcomes.'),
    NpqOutcomeCreateRequest: CREATE_REQUEST,
    NpqApplicationChangeFundedPlaceRequest: CHANGE_FUNDED_PLACE_REQUEST,
    NpqApplicationsCsv: csv(
      'Every NPQ application of the lead provider as CSV (RFC 4180): a header row, then one row per application. ' +
        'Booleans are `true`/`false`, null is an empty field; `eligible_for_funding` is the registration answer as recorded ' +
        'and `teacher_reference_number` the TRN as recorded.',
      NPQ_APPLICATIONS_CSV_COLUMNS.join(','),
    ),
    NpqEnrolmentsCsv: csv(
      'Every accepted NPQ application (enrolment) of the lead provider as CSV (RFC 4180): a header row, then one row per ' +
        'enrolment. Booleans are `true`/`false`, null is an empty field; `eligible_for_funding` is the registration answer as recorded.',
      NPQ_ENROLMENTS_CSV_COLUMNS.join(','),
    ),
  };
}

export const npqOutcomeRequestBodies: Record<string, OpenAPIV3.RequestBodyObject> = {
  NpqOutcomeCreate: {
    required: true,
    description: 'The course, outcome and completion date.',
    content: { 'application/json': { schema: schemaRef('NpqOutcomeCreateRequest') } },
  },
  NpqApplicationChangeFundedPlace: {
    required: false,
    description: 'The new funded place.',
    content: { 'application/json': { schema: schemaRef('NpqApplicationChangeFundedPlaceRequest') } },
  },
};
