import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;

/** Participants in the ECF v3 shape (domain/ecf.md §2.7): one resource per person, one enrolment per role. */

const described = (name: string, description: string): OpenAPIV3.SchemaObject => ({
  allOf: [schemaRef(name)],
  description,
});
// Redocly wants `type` beside `nullable`, so nullable ids and dates are written out rather than referenced.
const nullableId = (description: string): OpenAPIV3.SchemaObject => ({ type: 'string', format: 'uuid', nullable: true, description });
const nullableDate = (description: string): OpenAPIV3.SchemaObject => ({ type: 'string', format: 'date', nullable: true, description });

const attributes = (description: string, properties: Props): OpenAPIV3.SchemaObject => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

const SCHEDULES = ['standard', 'reduced', 'extended', 'replacement'].flatMap((kind) =>
  ['september', 'january', 'april'].map((month) => `ecf-${kind}-${month}`),
);

/** Withdrawal or deferral: written out (not a `$ref`) because it is nullable and Redocly wants `type` beside `nullable`. */
const statusChange = (description: string, reasons: string[]): OpenAPIV3.SchemaObject => ({
  type: 'object',
  nullable: true,
  description,
  required: ['reason', 'date'],
  additionalProperties: false,
  properties: {
    reason: { type: 'string', enum: reasons, description: 'The reason the lead provider gave.' },
    date: described('Timestamp', 'When the lead provider recorded it.'),
  },
});

/** Attributes of one enrolment, in wire order (ecf.md §2.7). */
const enrolment: Props = {
  training_record_id: described('Id', 'The training record: one per participant and role. It never changes, even when participants are merged.'),
  email: { type: 'string', nullable: true, description: 'The email the school gave for this training, else the participant’s email.' },
  mentor_id: nullableId('ECTs: the participant id of their mentor; null for mentors and ECTs without a mentor.'),
  school_urn: { type: 'string', description: 'Unique reference number of the school.', example: '106286' },
  participant_type: { type: 'string', enum: ['ect', 'mentor'], description: '`ect` (course ecf-induction) or `mentor` (course ecf-mentor).' },
  cohort: schemaRef('CohortYear'),
  training_status: {
    type: 'string',
    enum: ['active', 'deferred', 'withdrawn'],
    description: 'The training status the lead provider set (defer, resume, withdraw).',
  },
  participant_status: {
    type: 'string',
    nullable: true,
    enum: ['active', 'joining', 'leaving', 'left', 'withdrawn', null],
    description:
      'The school’s view of the training, as of the request time: `joining` before the start date, `active`, ' +
      '`leaving` before an end date, `left` after it, `withdrawn` by the school. It changes by itself when a start ' +
      'or end date passes, and `updated_at` moves to that instant. Null for a leaving record with no end date.',
  },
  teacher_reference_number_validated: {
    type: 'boolean',
    nullable: true,
    description: 'Whether the teacher reference number was validated; null when the participant has no TRN.',
  },
  eligible_for_funding: { type: 'boolean', nullable: true, description: 'True if eligible for funded training, false if not, null while undecided.' },
  pupil_premium_uplift: { type: 'boolean', description: 'The pupil premium uplift applies.' },
  sparsity_uplift: { type: 'boolean', description: 'The sparsity uplift applies.' },
  schedule_identifier: { type: 'string', enum: SCHEDULES, description: 'The schedule of the training.' },
  delivery_partner_id: nullableId('The delivery partner of the training’s partnership.'),
  withdrawal: statusChange('When the training status is `withdrawn` and this lead provider withdrew the participant; otherwise null.', [
    'left-teaching-profession',
    'moved-school',
    'mentor-no-longer-being-mentor',
    'switched-to-school-led',
    'other',
  ]),
  deferral: statusChange('When the training status is `deferred` and this lead provider deferred the participant; otherwise null.', [
    'bereavement',
    'long-term-sickness',
    'parental-leave',
    'career-break',
    'other',
  ]),
  created_at: described('Timestamp', 'When the training record was created.'),
  induction_end_date: nullableDate('ECTs: the day induction was completed; otherwise null.'),
  mentor_funding_end_date: nullableDate('Mentors: the day the mentor’s funded training ended; otherwise null.'),
  cohort_changed_after_payments_frozen: {
    type: 'boolean',
    description: 'The participant was moved to this cohort because payments for their original cohort were frozen.',
  },
  mentor_ineligible_for_funding_reason: {
    type: 'string',
    nullable: true,
    enum: ['completed_declaration_received', 'completed_during_early_roll_out', 'started_not_completed', null],
    description: 'Mentors: why their training is no longer funded; null for ECTs and funded mentors.',
  },
};

/** RECT enrolment attributes, in RECT's wire order (domain/rect.md §2.3, §3.2). */
const { teacher_reference_number_validated: _validated, ...ecfEnrolmentRest } = enrolment;
const rectEnrolment: Props = {
  training_record_id: ecfEnrolmentRest.training_record_id,
  email: ecfEnrolmentRest.email,
  mentor_id: ecfEnrolmentRest.mentor_id,
  school_urn: ecfEnrolmentRest.school_urn,
  participant_type: ecfEnrolmentRest.participant_type,
  cohort: ecfEnrolmentRest.cohort,
  training_status: ecfEnrolmentRest.training_status,
  participant_status: {
    type: 'string',
    enum: ['active', 'joining', 'leaving', 'left'],
    description:
      'As of the request time: a withdrawn or deferred training is `leaving` until it stops, then `left`; an ECT whose ' +
      'induction (or a mentor whose funded training) completed within the training is `active`; otherwise `joining` ' +
      'before the start date, `leaving` before an end date, `left` after it, else `active`. It changes by itself ' +
      'when a date passes, and `updated_at` moves to that instant.',
  },
  eligible_for_funding: ecfEnrolmentRest.eligible_for_funding,
  pupil_premium_uplift: ecfEnrolmentRest.pupil_premium_uplift,
  sparsity_uplift: ecfEnrolmentRest.sparsity_uplift,
  schedule_identifier: ecfEnrolmentRest.schedule_identifier,
  delivery_partner_id: ecfEnrolmentRest.delivery_partner_id,
  withdrawal: statusChange('When the training status is `withdrawn` and this lead provider withdrew the participant; otherwise null.', [
    'left-teaching-profession',
    'moved-school',
    'mentor-no-longer-being-mentor',
    'switched-to-school-led',
    'changed-lead-provider',
    'other',
  ]),
  deferral: ecfEnrolmentRest.deferral,
  created_at: ecfEnrolmentRest.created_at,
  induction_end_date: nullableDate(
    'ECTs: the end of the latest finished induction period with an outcome, else the recorded induction completion date; otherwise null.',
  ),
  most_recent_induction_period_end_date: nullableDate('ECTs: the end of the latest-started induction period; null while it is open, and for mentors.'),
  overall_induction_start_date: nullableDate('ECTs: the start of the earliest induction period, else the recorded induction start; null for mentors.'),
  mentor_funding_end_date: ecfEnrolmentRest.mentor_funding_end_date,
  cohort_changed_after_payments_frozen: ecfEnrolmentRest.cohort_changed_after_payments_frozen,
  mentor_ineligible_for_funding_reason: ecfEnrolmentRest.mentor_ineligible_for_funding_reason,
  working_pattern: {
    type: 'string',
    nullable: true,
    enum: ['full_time', 'part_time', null],
    description: 'ECTs: the working pattern of their latest training (at any school); null for mentors and when not given.',
  },
};

export const participantSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfEnrolment: attributes('One training record of the participant (ECT or mentor) as this lead provider sees it.', enrolment),
  ParticipantIdChange: attributes('A retired participant id (a merged duplicate) that now belongs to this participant.', {
    from_participant_id: described('Id', 'The retired participant id; reads and actions with it still find this participant.'),
    to_participant_id: described('Id', 'The participant id it was merged into.'),
    changed_at: described('Timestamp', 'When the ids were merged.'),
  }),
  EcfParticipantAttributes: attributes('A participant as seen on the ECF paths.', {
    full_name: { type: 'string', description: 'The participant’s full name.' },
    teacher_reference_number: { type: 'string', nullable: true, description: 'The teacher reference number (TRN), if known.', example: '1234567' },
    updated_at: described(
      'Timestamp',
      'When anything this lead provider sees of the participant last changed, including a `participant_status` that changed because a start or end date passed.',
    ),
    ecf_enrolments: {
      type: 'array',
      items: schemaRef('EcfEnrolment'),
      description: 'The training records this lead provider sees: the ECT one first, then the mentor one.',
    },
    participant_id_changes: {
      type: 'array',
      items: schemaRef('ParticipantIdChange'),
      description: 'Retired ids merged into this participant, oldest first.',
    },
  }),
  EcfParticipant: resourceObject(
    'participant',
    schemaRef('EcfParticipantAttributes'),
    'An early career teacher or mentor (or both) the lead provider trains, with the training records it sees.',
  ),
  EcfParticipantResponse: singleEnvelope('EcfParticipant', 'One participant.'),
  EcfParticipantsResponse: collectionEnvelope('EcfParticipant', 'A page of participants.'),
  RectEnrolment: attributes('One training record of the participant (ECT or mentor) as this lead provider sees it (RECT shape).', rectEnrolment),
  RectParticipantAttributes: attributes('A participant as seen on the RECT paths.', {
    full_name: { type: 'string', description: 'The participant’s full name.' },
    teacher_reference_number: { type: 'string', nullable: true, description: 'The teacher reference number (TRN), if known.', example: '1234567' },
    updated_at: described(
      'Timestamp',
      'When anything this lead provider sees of the participant last changed, including a `participant_status` that changed because a date passed.',
    ),
    ecf_enrolments: {
      type: 'array',
      items: schemaRef('RectEnrolment'),
      description: 'The training records this lead provider sees: the ECT one first, then the mentor one.',
    },
    participant_id_changes: {
      type: 'array',
      items: schemaRef('ParticipantIdChange'),
      description: 'Retired ids merged into this participant, oldest first.',
    },
  }),
  RectParticipant: resourceObject(
    'participant',
    schemaRef('RectParticipantAttributes'),
    'An early career teacher or mentor (or both) the lead provider trains, with the training records it sees (RECT shape).',
  ),
  RectParticipantResponse: singleEnvelope('RectParticipant', 'One participant.'),
  RectParticipantsResponse: collectionEnvelope('RectParticipant', 'A page of participants.'),
};
