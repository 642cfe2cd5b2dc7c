import type { OpenAPIV3 } from 'openapi-types';
import { schemaRef } from './refs.js';

type Props = Record<string, OpenAPIV3.SchemaObject>;

/**
 * Request bodies of the ECF participant actions (domain/ecf.md §3.1, ecf_v3 `ECFParticipant*Request`). Only
 * `data.attributes` is read; `data.type` is not checked, and attributes other than these are ignored.
 */
function envelope(type: string, attributes: Props, required: string[], description: string): OpenAPIV3.SchemaObject {
  return {
    type: 'object',
    description,
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        required: ['type', 'attributes'],
        properties: {
          type: { type: 'string', description: `Send \`${type}\`; the value is not checked.`, example: type },
          attributes: { type: 'object', required, properties: attributes },
        },
      },
    },
  };
}

const course: OpenAPIV3.SchemaObject = {
  type: 'string',
  enum: ['ecf-induction', 'ecf-mentor'],
  description: 'Which of the participant’s training records: `ecf-induction` (ECT) or `ecf-mentor` (mentor).',
  example: 'ecf-induction',
};

const SCHEDULES = ['standard', 'reduced', 'extended', 'replacement'].flatMap((kind) =>
  ['september', 'january', 'april'].map((month) => `ecf-${kind}-${month}`),
);

export const participantActionRequestSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfParticipantDeferRequest: envelope(
    'participant-defer',
    {
      reason: {
        type: 'string',
        enum: ['bereavement', 'long-term-sickness', 'parental-leave', 'career-break', 'other'],
        description: 'Why the participant is taking a break.',
        example: 'career-break',
      },
      course_identifier: course,
    },
    ['reason', 'course_identifier'],
    'Defer a participant’s training record.',
  ),
  EcfParticipantResumeRequest: envelope(
    'participant-resume',
    { course_identifier: course },
    ['course_identifier'],
    'Resume a deferred or withdrawn training record.',
  ),
  EcfParticipantWithdrawRequest: envelope(
    'participant-withdraw',
    {
      reason: {
        type: 'string',
        enum: ['left-teaching-profession', 'moved-school', 'mentor-no-longer-being-mentor', 'switched-to-school-led', 'other'],
        description: 'Why the participant stops training.',
        example: 'left-teaching-profession',
      },
      course_identifier: course,
    },
    ['reason', 'course_identifier'],
    'Withdraw a participant’s training record.',
  ),
  RectParticipantWithdrawRequest: envelope(
    'participant-withdraw',
    {
      reason: {
        type: 'string',
        enum: ['left-teaching-profession', 'moved-school', 'mentor-no-longer-being-mentor', 'switched-to-school-led', 'changed-lead-provider', 'other'],
        description: 'Why the participant stops training (RECT adds `changed-lead-provider`).',
        example: 'left-teaching-profession',
      },
      course_identifier: course,
    },
    ['reason', 'course_identifier'],
    'Withdraw a participant’s training record (RECT reasons).',
  ),
  EcfParticipantChangeScheduleRequest: envelope(
    'participant-change-schedule',
    {
      schedule_identifier: { type: 'string', enum: SCHEDULES, description: 'The new schedule.', example: 'ecf-extended-september' },
      course_identifier: course,
      cohort: {
        allOf: [schemaRef('CohortYear')],
        description: 'Optional: the cohort to move the participant to (a start year, as text or a number). Omitted or not a known cohort: the current one.',
      },
    },
    ['schedule_identifier', 'course_identifier'],
    'Move a participant’s training record to another schedule, optionally in another cohort.',
  ),
};

const body = (schema: string, description: string): OpenAPIV3.RequestBodyObject => ({
  required: true,
  description,
  content: { 'application/json': { schema: schemaRef(schema) } },
});

export const participantActionRequestBodies: Record<string, OpenAPIV3.RequestBodyObject> = {
  EcfParticipantDefer: body('EcfParticipantDeferRequest', 'The training record (course) and the reason.'),
  EcfParticipantResume: body('EcfParticipantResumeRequest', 'The training record (course).'),
  EcfParticipantWithdraw: body('EcfParticipantWithdrawRequest', 'The training record (course) and the reason.'),
  RectParticipantWithdraw: body('RectParticipantWithdrawRequest', 'The training record (course) and the reason (RECT reasons).'),
  EcfParticipantChangeSchedule: body('EcfParticipantChangeScheduleRequest', 'The training record (course), the new schedule and optionally the cohort.'),
};
