import { listOperation, showOperation, type PathGroup } from '../operations.js';

/**
 * ECF participants in the ECF v3 shape (`/participants/ecf`): one resource per person with one enrolment per
 * role the lead provider sees (domain/ecf.md §2.7).
 */
const TAG = 'Participants (ECF)';

const VISIBLE =
  'A participant is listed when the lead provider delivers their latest training at a school among its ' +
  'unchallenged partnerships; an ECT who is also a mentor with the same lead provider is one participant with two ' +
  'enrolments.';

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
  },
};

const RECT_TAG = 'Participants';

const RECT_VISIBLE =
  'A participant is listed when the lead provider delivers their latest training at a school in one of its ' +
  'partnerships, also after they left or moved to another provider (`participant_status` `left`); an ECT who is also ' +
  'a mentor with the same lead provider is one participant with two enrolments.';

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
  },
};
