import { listOperation, showOperation, writeOperation, type PathGroup } from '../operations.js';

/**
 * ECF participants in the ECF v3 shape (`/participants/ecf`): one resource per person with one enrolment per
 * role the lead provider sees (domain/ecf.md §2.7).
 */
const TAG = 'Participants (ECF)';

const VISIBLE =
  'A participant is listed when the lead provider delivers their latest training at a school among its ' +
  'unchallenged partnerships; an ECT who is also a mentor with the same lead provider is one participant with two ' +
  'enrolments.';

const ACTION =
  'Acts on the training record named by `course_identifier` (`ecf-induction` or `ecf-mentor`) that the lead ' +
  'provider trains; `{id}` may be a retired participant id. Answers 200 with the participant (as the show does); ' +
  'a rule broken gives a 422 whose `title` names the attribute (`course_identifier`, `participant_id`, `reason`, ' +
  '`participant_profile`, `schedule_identifier`, `cohort`) with the live services’ messages; an unknown ' +
  'participant, or one the lead provider does not train, a 404 and no change; a body that is not JSON or has ' +
  'no `data.attributes` a 400. The change is stamped on the participant’s `updated_at` for this lead provider.';

const action = (operationId: string, summary: string, description: string, requestBody: string, tag = TAG, body = 'EcfParticipantResponse') =>
  writeOperation({
    tag,
    audience: 'ecf',
    operationId,
    summary,
    description: `${description} ${ACTION}`,
    body,
    requestBody,
    withId: true,
  });

export const ecfParticipantPaths: PathGroup = {
  tags: [{ name: TAG, description: 'Early career teachers and mentors the lead provider trains, in the ECF v3 shape.' }],
  paths: {
    '/api/v3/participants/ecf': {
      get: listOperation({
        tag: TAG,
        audience: 'ecf',
        operationId: 'listEcfParticipants',
        summary: 'List participants',
        description:
          `${VISIBLE} \`filter[cohort]\` is the cohort of a training record's schedule, \`filter[updated_since]\` ` +
          'compares `updated_at` (which also moves when a `participant_status` changes because a start or end date ' +
          'passed). Default order: `created_at` ascending.',
        body: 'EcfParticipantsResponse',
        filters: ['FilterCohortList', 'FilterUpdatedSince', 'FilterTrainingStatus', 'FilterFromParticipantId'],
        sort: 'SortParticipants',
      }),
    },
    '/api/v3/participants/ecf/{id}': {
      get: showOperation({
        tag: TAG,
        audience: 'ecf',
        operationId: 'getEcfParticipant',
        summary: 'Get a participant',
        description: `One participant by participant id; a retired id (see \`participant_id_changes\`) finds the participant that took it over. ${VISIBLE}`,
        body: 'EcfParticipantResponse',
      }),
    },
    '/api/v3/participants/ecf/{id}/defer': {
      put: action(
        'deferEcfParticipant',
        'Defer a participant',
        'The participant takes a break from training (`training_status` becomes `deferred`, `deferral` shows the reason ' +
          'and time). A withdrawn or already deferred record cannot be deferred.',
        'EcfParticipantDefer',
      ),
    },
    '/api/v3/participants/ecf/{id}/resume': {
      put: action(
        'resumeEcfParticipant',
        'Resume a participant',
        'A deferred or withdrawn participant trains again (`training_status` becomes `active`).',
        'EcfParticipantResume',
      ),
    },
    '/api/v3/participants/ecf/{id}/change-schedule': {
      put: action(
        'changeEcfParticipantSchedule',
        'Change a participant’s schedule',
        'Moves the training record to another schedule, optionally in another cohort (the lead provider needs an ' +
          'active partnership with the school in that cohort). Replacement schedules are for mentors only; a withdrawn ' +
          'record cannot change schedule.',
        'EcfParticipantChangeSchedule',
      ),
    },
    '/api/v3/participants/ecf/{id}/withdraw': {
      put: action(
        'withdrawEcfParticipant',
        'Withdraw a participant',
        'The participant stops training with the lead provider (`training_status` becomes `withdrawn`, `withdrawal` ' +
          'shows the reason and time). Deferred records can be withdrawn; a withdrawn one cannot be withdrawn again.',
        'EcfParticipantWithdraw',
      ),
    },
  },
};

const RECT_TAG = 'Participants';

const RECT_VISIBLE =
  'A participant is listed when the lead provider delivers their latest training at a school in one of its ' +
  'partnerships, also after they left or moved to another provider (`participant_status` `left`); an ECT who is also ' +
  'a mentor with the same lead provider is one participant with two enrolments.';

const rectAction = (operationId: string, summary: string, description: string, requestBody: string) =>
  action(operationId, summary, description, requestBody, RECT_TAG, 'RectParticipantResponse');

/** RECT participants (`/participants`, domain/rect.md §3.2): the ECF v3 resource with RECT's enrolment attributes and status rule. */
export const rectParticipantPaths: PathGroup = {
  tags: [{ name: RECT_TAG, description: 'Early career teachers and mentors the lead provider trains, in the RECT shape.' }],
  paths: {
    '/api/v3/participants': {
      get: listOperation({
        tag: RECT_TAG,
        audience: 'ecf',
        operationId: 'listParticipants',
        summary: 'List participants',
        description:
          `${RECT_VISIBLE} \`filter[cohort]\` is the cohort of a visible training record (no filter: every cohort), ` +
          '`filter[updated_since]` compares `updated_at` (which also moves when a `participant_status` changes because ' +
          'a date passed). Default order: `created_at` ascending.',
        body: 'RectParticipantsResponse',
        filters: ['FilterCohortList', 'FilterUpdatedSince', 'FilterTrainingStatusRect', 'FilterFromParticipantId'],
        sort: 'SortParticipants',
      }),
    },
    '/api/v3/participants/{id}': {
      get: showOperation({
        tag: RECT_TAG,
        audience: 'ecf',
        operationId: 'getParticipant',
        summary: 'Get a participant',
        description: `One participant by participant id; a retired id (see \`participant_id_changes\`) finds the participant that took it over. ${RECT_VISIBLE}`,
        body: 'RectParticipantResponse',
      }),
    },
    // Resume first: a participant deferred on an earlier day can be resumed, changed, deferred and withdrawn in this
    // order on one day (RECT refuses a resume on the day of the deferral), which is how the Postman run walks them.
    '/api/v3/participants/{id}/resume': {
      put: rectAction(
        'resumeParticipant',
        'Resume a participant',
        'A deferred or withdrawn participant trains again (RECT rules, rect.md §7.4).',
        'EcfParticipantResume',
      ),
    },
    '/api/v3/participants/{id}/change-schedule': {
      put: rectAction(
        'changeParticipantSchedule',
        'Change a participant’s schedule',
        'Moves the training record to another schedule, optionally in another cohort (RECT rules, rect.md §7.5).',
        'EcfParticipantChangeSchedule',
      ),
    },
    '/api/v3/participants/{id}/defer': {
      put: rectAction(
        'deferParticipant',
        'Defer a participant',
        'The participant takes a break from training (RECT rules, rect.md §7.3).',
        'EcfParticipantDefer',
      ),
    },
    '/api/v3/participants/{id}/withdraw': {
      put: rectAction(
        'withdrawParticipant',
        'Withdraw a participant',
        'The participant stops training with the lead provider (RECT rules and reasons, rect.md §7.3).',
        'RectParticipantWithdraw',
      ),
    },
  },
};
