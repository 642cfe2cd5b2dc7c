import { csvOperation, listOperation, showOperation, writeOperation, type PathGroup } from '../operations.js';

/**
 * ECF participants in the v1/v2 shape (`/participants/ecf`, `.csv`, `/{id}`): one row per training record
 * (domain/ecf.md §2.6). v1 and v2 serve the same operations.
 */
const TAG = 'Participants (ECF)';

const ROWS =
  'One row per training record the lead provider sees: a participant is listed when the lead provider delivers the latest training of ' +
  'that record at a school among its unchallenged partnerships, and an ECT who is also a mentor with the same lead provider has two rows ' +
  'with the same `id` (ECT first; `training_record_id` tells them apart).';

const FILTERS_AND_ORDER =
  '`filter[cohort]` is the cohort of the record’s schedule (absent: every cohort from 2021); `filter[updated_since]` compares ' +
  '`updated_at`. Order: participant creation ascending, or `updated_at` ascending when `filter[updated_since]` is given; the ' +
  'participant id, then ECT before mentor, break ties.';

const ACTIONS: [string, string, string, string, string][] = [
  ['defer', 'deferEcfParticipant', 'Defer a participant', 'The record’s training takes a break (`training_status` `deferred`).', 'EcfParticipantDefer'],
  [
    'resume',
    'resumeEcfParticipant',
    'Resume a participant',
    'A deferred or withdrawn record trains again (`training_status` `active`).',
    'EcfParticipantResume',
  ],
  [
    'withdraw',
    'withdrawEcfParticipant',
    'Withdraw a participant',
    'The record stops training with the lead provider (`training_status` `withdrawn`).',
    'EcfParticipantWithdraw',
  ],
  [
    'change-schedule',
    'changeEcfParticipantSchedule',
    'Change a participant’s schedule',
    'Moves the record to another schedule, optionally in another cohort.',
    'EcfParticipantChangeSchedule',
  ],
];

const ACTION_RULES =
  'The record is the one named by `course_identifier` (`ecf-induction` or `ecf-mentor`); `{id}` may be a retired participant id. ' +
  'Answers 200 with that record’s row; a rule broken gives a 422 naming the attribute with the live services’ messages (the same ' +
  'rules as v3); an unknown participant, or one the lead provider does not train, a 404 and no change.';

/** The four actions at `{base}/{id}/…` (ecf.md §3); `prefix` keeps operation ids unique where v1 serves them twice. */
function actionPaths(base: string, prefix: string, note = ''): PathGroup['paths'] {
  return Object.fromEntries(
    ACTIONS.map(([action, operationId, summary, description, requestBody]) => [
      `${base}/{id}/${action}`,
      {
        put: writeOperation({
          tag: TAG,
          audience: 'ecf',
          operationId: prefix ? `${prefix}${operationId[0].toUpperCase()}${operationId.slice(1)}` : operationId,
          summary,
          description: `${description} ${ACTION_RULES}${note}`,
          body: 'EcfParticipantV1Response',
          requestBody,
          withId: true,
        }),
      },
    ]),
  );
}

export function ecfParticipantV1V2PathsFor(version: 'v1' | 'v2'): PathGroup {
  const base = `/api/${version}/participants/ecf`;
  return {
    tags: [{ name: TAG, description: 'Early career teachers and mentors the lead provider trains, one row per training record.' }],
    paths: {
      [base]: {
        get: listOperation({
          tag: TAG,
          audience: 'ecf',
          operationId: 'listEcfParticipants',
          summary: 'List participants',
          description: `${ROWS} ${FILTERS_AND_ORDER}`,
          body: 'EcfParticipantsV1Response',
          filters: ['FilterCohortList', 'FilterUpdatedSince'],
        }),
      },
      [`${base}.csv`]: {
        get: csvOperation({
          tag: TAG,
          audience: 'ecf',
          operationId: 'listEcfParticipantsCsv',
          summary: 'List participants as CSV',
          description:
            `The whole list as CSV, with the same rows, filters and order as the JSON list; \`page\` parameters are ignored. ${ROWS} ` +
            `${FILTERS_AND_ORDER} The body is streamed as it is read, so a large list starts arriving at once; errors (400, 401, 403) ` +
            'are JSON, as on every operation.',
          body: 'EcfParticipantsV1Csv',
          filters: ['FilterCohortList', 'FilterUpdatedSince'],
        }),
      },
      [`${base}/{id}`]: {
        get: showOperation({
          tag: TAG,
          audience: 'ecf',
          operationId: 'getEcfParticipant',
          summary: 'Get a participant',
          description:
            'One participant row by participant id: the ECT record when the person is also a mentor with the lead provider. A retired id ' +
            '(merged into another participant) finds the participant that took it over.',
          body: 'EcfParticipantV1Response',
        }),
      },
      ...actionPaths(base, ''),
      // v1 also answers the actions without `/ecf` (the older paths ecf_v1 still lists).
      ...(version === 'v1' ? actionPaths('/api/v1/participants', 'legacy', ' The same operation as under `/participants/ecf`.') : {}),
    },
  };
}
