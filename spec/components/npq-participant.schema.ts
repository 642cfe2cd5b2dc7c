import type { OpenAPIV3 } from 'openapi-types';
import { NPQ_COURSES } from './common.schemas.js';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;
type Version = 'v1' | 'v2' | 'v3';

/** NPQ participants (npq.md §2.2 "Participant", §2.3 v1/v2 shapes) and the bodies of their four actions (§4). */

const SCHEDULES = [
  'npq-aso-march',
  'npq-aso-june',
  'npq-aso-november',
  'npq-aso-december',
  'npq-ehco-march',
  'npq-ehco-june',
  'npq-ehco-november',
  'npq-ehco-december',
  'npq-leadership-autumn',
  'npq-leadership-spring',
  'npq-specialist-autumn',
  'npq-specialist-spring',
];
export const NPQ_DEFER_REASONS = ['bereavement', 'long-term-sickness', 'parental-leave', 'career-break', 'other'];
export const NPQ_WITHDRAW_REASONS = [
  'insufficient-capacity-to-undertake-programme',
  'personal-reason-health-or-pregnancy-related',
  'personal-reason-moving-school',
  'personal-reason-other',
  'insufficient-capacity',
  'change-in-developmental-or-personal-priorities',
  'change-in-school-circumstances',
  'change-in-school-leadership',
  'quality-of-programme-structure-not-suitable.',
  'quality-of-programme-content-not-suitable',
  'quality-of-programme-facilitation-not-effective',
  'quality-of-programme-accessibility',
  'quality-of-programme-other',
  'programme-not-appropriate-for-role-and-cpd-needs',
  'started-in-error',
  'expected-commitment-unclear',
  'assessment-requirements-not-met',
  'change-in-career',
  'disengaged-and-unresponsive',
  'non-payment-of-invoice',
  'other',
];

const described = (name: string, description: string): OpenAPIV3.SchemaObject => ({ allOf: [schemaRef(name)], description });
const attributes = (description: string, properties: Props): OpenAPIV3.SchemaObject => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});
const nullableText = (description: string, example?: string): OpenAPIV3.SchemaObject => ({
  type: 'string',
  nullable: true,
  description,
  ...(example ? { example } : {}),
});

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

const course = (description: string): OpenAPIV3.SchemaObject => ({ type: 'string', enum: NPQ_COURSES, description, example: 'npq-headship' });
const cohort: OpenAPIV3.SchemaObject = {
  type: 'string',
  pattern: '^\\d{4}$',
  nullable: true,
  description: 'Start year of the cohort (the call-off contract that funds the training).',
  example: '2025',
};

/** v2 enrolment attributes, in wire order (npq.md §2.3). */
const v2Enrolment: Props = {
  course_identifier: course('The NPQ course.'),
  schedule_identifier: { type: 'string', nullable: true, enum: [...SCHEDULES, null], description: 'The schedule.', example: 'npq-leadership-autumn' },
  cohort,
  npq_application_id: described('Id', 'The application that was accepted to create this enrolment.'),
  eligible_for_funding: { type: 'boolean', description: 'The eligible-for-funding answer recorded at registration.' },
  training_status: { type: 'string', enum: ['active', 'deferred', 'withdrawn'], description: 'The training status the lead provider set.' },
  school_urn: nullableText('URN of the person’s school.', '106286'),
  targeted_delivery_funding_eligibility: { type: 'boolean', description: 'Eligible for the targeted delivery funding uplift.' },
  funded_place: { type: 'boolean', nullable: true, description: 'Whether DfE funds the place; null in fully funded cohorts.' },
};

/** v3 enrolment attributes, in wire order (npq.md §2.2). */
const v3Enrolment: Props = {
  email: nullableText('The person’s email; null for archived people.', 'isabelle.macdonald2@some-school.example.com'),
  course_identifier: v2Enrolment.course_identifier,
  schedule_identifier: v2Enrolment.schedule_identifier,
  cohort,
  cohort_suffix: nullableText('Which call-off contract of the year, e.g. `a` or `b`.', 'a'),
  npq_application_id: v2Enrolment.npq_application_id,
  eligible_for_funding: v2Enrolment.eligible_for_funding,
  training_status: v2Enrolment.training_status,
  school_urn: v2Enrolment.school_urn,
  targeted_delivery_funding_eligibility: v2Enrolment.targeted_delivery_funding_eligibility,
  withdrawal: statusChange('When the training status is `withdrawn` and this lead provider withdrew the participant; otherwise null.', NPQ_WITHDRAW_REASONS),
  deferral: statusChange('When the training status is `deferred` and this lead provider deferred the participant; otherwise null.', NPQ_DEFER_REASONS),
  created_at: described('Timestamp', 'When the application was accepted.'),
  funded_place: v2Enrolment.funded_place,
};

const fullName: OpenAPIV3.SchemaObject = { type: 'string', description: 'The person’s full name.', example: 'Isabelle MacDonald' };
const email = nullableText('The person’s email; null for archived people.', 'isabelle.macdonald2@some-school.example.com');
const trn = nullableText('The teacher reference number, only once verified; otherwise null.', '1234567');
const updatedAt = described(
  'Timestamp',
  'When the person, any of their applications with any lead provider, or their participant ids last changed (npq.md §9.6).',
);

function participantAttributes(version: Version): Props {
  if (version === 'v1') {
    return {
      participant_id: described('Id', 'The participant id (the same as `id`).'),
      full_name: fullName,
      email,
      npq_courses: { type: 'array', items: course('A course.'), description: 'The courses of the applications this lead provider accepted.' },
      funded_places: {
        type: 'array',
        description: 'The funded place of each accepted application.',
        items: attributes('The funded place of one accepted application.', {
          npq_course: course('The course.'),
          funded_place: { type: 'boolean', nullable: true, description: 'Whether DfE funds the place; null in fully funded cohorts.' },
          npq_application_id: described('Id', 'The accepted application.'),
        }),
      },
      teacher_reference_number: trn,
      updated_at: updatedAt,
    };
  }
  if (version === 'v2') {
    return {
      email,
      full_name: fullName,
      teacher_reference_number: trn,
      updated_at: updatedAt,
      npq_enrolments: { type: 'array', items: schemaRef('NpqEnrolment'), description: 'The applications this lead provider accepted, oldest first.' },
    };
  }
  return {
    full_name: fullName,
    previous_names: { type: 'array', items: { type: 'string' }, description: 'Names the person used before.' },
    teacher_reference_number: trn,
    updated_at: updatedAt,
    npq_enrolments: { type: 'array', items: schemaRef('NpqEnrolment'), description: 'The applications this lead provider accepted, oldest first.' },
    participant_id_changes: {
      type: 'array',
      items: schemaRef('NpqParticipantIdChange'),
      description: 'Retired participant ids merged into this participant, newest first.',
    },
  };
}

const idChange = attributes('A retired participant id that now belongs to this participant.', {
  from_participant_id: described('Id', 'The retired participant id.'),
  to_participant_id: described('Id', 'The participant id it was merged into.'),
  changed_at: described('Timestamp', 'When the ids were merged.'),
});

const actionRequest = (description: string, type: string, properties: Props, required: string[]): OpenAPIV3.SchemaObject => ({
  type: 'object',
  description,
  required: ['data'],
  properties: {
    data: {
      type: 'object',
      required: ['attributes'],
      properties: {
        type: { type: 'string', description: `Send \`${type}\`; the value is not checked.`, example: type },
        attributes: { type: 'object', required, properties },
      },
    },
  },
});

const actionCourse = course(
  'The course of the accepted application to change (exactly: the additional support offer and early headship coaching offer are different courses here).',
);

/** The participant schemas of one version's document (the same names in each, each version's own shape). */
export function npqParticipantSchemas(version: Version): Record<string, OpenAPIV3.SchemaObject> {
  return {
    ...(version === 'v1'
      ? {}
      : { NpqEnrolment: attributes(`An accepted NPQ application of the participant (${version}).`, version === 'v2' ? v2Enrolment : v3Enrolment) }),
    ...(version === 'v3'
      ? {
          NpqParticipantIdChange: idChange,
          NpqParticipantGoneResponse: {
            type: 'object',
            description: 'Body of the 410 for a retired participant id.',
            required: ['errors'],
            additionalProperties: false,
            properties: {
              errors: {
                type: 'array',
                minItems: 1,
                items: {
                  type: 'object',
                  required: ['title', 'detail', 'participant_id_changes'],
                  additionalProperties: false,
                  properties: {
                    title: { type: 'string', enum: ['Participant ID has been changed'], description: 'Always this title.' },
                    detail: { type: 'string', description: 'Which id replaced the one asked for.' },
                    participant_id_changes: {
                      type: 'array',
                      items: schemaRef('NpqParticipantIdChange'),
                      description: 'The surviving participant’s id changes, newest first.',
                    },
                  },
                },
              },
            },
          },
        }
      : {}),
    NpqParticipantAttributes: attributes(`An NPQ participant (${version}).`, participantAttributes(version)),
    NpqParticipant: resourceObject(
      'npq-participant',
      schemaRef('NpqParticipantAttributes'),
      'A person with at least one application the lead provider accepted.',
    ),
    NpqParticipantResponse: singleEnvelope('NpqParticipant', 'One NPQ participant.'),
    NpqParticipantsResponse: collectionEnvelope('NpqParticipant', 'A page of NPQ participants.'),
    NpqParticipantDeferRequest: actionRequest(
      'Defer an NPQ participant’s enrolment.',
      'participant-defer',
      { course_identifier: actionCourse, reason: { type: 'string', enum: NPQ_DEFER_REASONS, description: 'Why.', example: 'career-break' } },
      ['course_identifier', 'reason'],
    ),
    NpqParticipantResumeRequest: actionRequest('Resume an NPQ participant’s enrolment.', 'participant-resume', { course_identifier: actionCourse }, [
      'course_identifier',
    ]),
    NpqParticipantWithdrawRequest: actionRequest(
      'Withdraw an NPQ participant’s enrolment.',
      'participant-withdraw',
      {
        course_identifier: actionCourse,
        reason: { type: 'string', enum: NPQ_WITHDRAW_REASONS, description: 'Why (note the trailing full stop of one value).', example: 'other' },
      },
      ['course_identifier', 'reason'],
    ),
    NpqParticipantChangeScheduleRequest: actionRequest(
      'Move an NPQ participant’s enrolment to another schedule (and cohort).',
      'participant-change-schedule',
      {
        course_identifier: actionCourse,
        schedule_identifier: { type: 'string', enum: SCHEDULES, description: 'The new schedule.', example: 'npq-leadership-spring' },
        cohort: {
          type: 'string',
          nullable: true,
          description: 'Start year of the target cohort (a number is accepted too); omitted: the year of the current schedule’s cohort.',
          example: '2025',
        },
      },
      ['course_identifier', 'schedule_identifier'],
    ),
  };
}

export const npqParticipantRequestBodies: Record<string, OpenAPIV3.RequestBodyObject> = Object.fromEntries(
  (['Defer', 'Resume', 'Withdraw', 'ChangeSchedule'] as const).map((action) => [
    `NpqParticipant${action}`,
    {
      required: true,
      description: `The ${action === 'ChangeSchedule' ? 'schedule change' : action.toLowerCase()} request.`,
      content: { 'application/json': { schema: schemaRef(`NpqParticipant${action}Request`) } },
    },
  ]),
);

export const npqParticipantParameters: Record<string, OpenAPIV3.ParameterObject> = {
  FilterNpqTrainingStatus: {
    name: 'filter[training_status]',
    in: 'query',
    required: false,
    description: 'Only participants with an enrolment with this lead provider in this training status. Any other value is a 422.',
    schema: { type: 'string', enum: ['active', 'deferred', 'withdrawn'], example: 'active' },
  },
};
