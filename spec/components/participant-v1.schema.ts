import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;

/**
 * ECF participants in the v1/v2 shape (domain/ecf.md §2.6): one resource per training record, so an ECT who is
 * also a mentor with the lead provider is two resources with the same id. v1 and v2 are the same.
 */

const described = (name: string, description: string): OpenAPIV3.SchemaObject => ({ allOf: [schemaRef(name)], description });

const SCHEDULES = ['standard', 'reduced', 'extended', 'replacement'].flatMap((kind) =>
  ['september', 'january', 'april'].map((month) => `ecf-${kind}-${month}`),
);

/** Attributes in wire order (ecf.md §2.6); the CSV columns are `id` and then these. */
const attributes: Props = {
  email: { type: 'string', nullable: true, description: 'The email the school gave for this training, else the participant’s email.' },
  full_name: { type: 'string', description: 'The participant’s full name.' },
  mentor_id: {
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'ECTs: the participant id of their mentor; null for mentors and ECTs without one.',
  },
  school_urn: { type: 'string', description: 'Unique reference number of the school.', example: '106286' },
  participant_type: { type: 'string', enum: ['ect', 'mentor'], description: '`ect` (course ecf-induction) or `mentor` (course ecf-mentor).' },
  cohort: described('CohortYear', 'The cohort of the school the participant trains at.'),
  status: {
    type: 'string',
    enum: ['active', 'withdrawn'],
    description:
      'The school’s status of this training: `withdrawn` when the school withdrew the participant or changed their training, ' +
      'otherwise `active` (also while leaving and after completing). It does not change by itself with time.',
  },
  teacher_reference_number: { type: 'string', nullable: true, description: 'The teacher reference number (TRN), if known.', example: '1234567' },
  teacher_reference_number_validated: {
    type: 'boolean',
    nullable: true,
    description: 'Whether the teacher reference number was validated; null when the participant has no TRN.',
  },
  eligible_for_funding: { type: 'boolean', nullable: true, description: 'True if eligible for funded training, false if not, null while undecided.' },
  pupil_premium_uplift: { type: 'boolean', description: 'The pupil premium uplift applies.' },
  sparsity_uplift: { type: 'boolean', description: 'The sparsity uplift applies.' },
  training_status: {
    type: 'string',
    enum: ['active', 'deferred', 'withdrawn'],
    description: 'The training status the lead provider set (defer, resume, withdraw).',
  },
  training_record_id: described('Id', 'The training record: one per participant and role. It never changes, even when participants are merged.'),
  schedule_identifier: { type: 'string', enum: SCHEDULES, description: 'The schedule of the training.' },
  updated_at: described(
    'Timestamp',
    'When anything this lead provider sees of the participant (this record, their other record, or the person) last changed. Both records of a person carry the same value.',
  ),
};

export const EcfParticipantV1CsvColumns = ['id', ...Object.keys(attributes)];

export const participantV1Schemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfParticipantV1Attributes: {
    type: 'object',
    description: 'One training record of a participant, with the person’s fields.',
    required: Object.keys(attributes),
    additionalProperties: false,
    properties: attributes,
  },
  EcfParticipantV1: resourceObject(
    'participant',
    schemaRef('EcfParticipantV1Attributes'),
    'One training record (ECT or mentor) of a participant the lead provider trains; `id` is the participant id.',
  ),
  EcfParticipantV1Response: singleEnvelope('EcfParticipantV1', 'One participant row.'),
  EcfParticipantsV1Response: collectionEnvelope('EcfParticipantV1', 'A page of participant rows, one per training record.'),
  EcfParticipantsV1Csv: {
    type: 'string',
    description:
      `Comma-separated values with a header row: ${EcfParticipantV1CsvColumns.map((c) => `\`${c}\``).join(', ')}. One row per training ` +
      'record, every row of the list (no paging). Booleans are `true`/`false`, nulls are empty fields, fields with a comma, quote or line ' +
      'break are quoted (quotes doubled), lines end with LF. No rows: an empty body, without the header row.',
    example:
      `${EcfParticipantV1CsvColumns.join(',')}\n` +
      'db3a7848-7308-4879-942a-c4a70ced400a,jane.smith@some-school.example.com,"Smith, Jane",bb36d74a-68a7-47b6-86b6-1fd0d141c590,106286,ect,2024,' +
      'active,1234567,true,true,false,false,active,b339d7a3-97a4-49c2-9ba2-8e0514276f5b,ecf-standard-september,2025-01-10T10:42:00Z\n',
  },
};
