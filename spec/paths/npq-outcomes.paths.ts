import { listOperation, showOperation, writeOperation, type PathGroup } from '../operations.js';

/** NPQ participant outcomes (npq.md §6): list (all, or one participant's) and create. NPQ tokens only. */
const TAG = 'NPQ participant outcomes';
const common = { tag: TAG, audience: 'npq' as const };

const CREATE_RULES =
  'Checks, all reported together (422, titles `course_identifier`, `state`, `completion_date`, `base`): ' +
  '`course_identifier` must be present and one of the ten leadership and specialist courses (not the early ' +
  'headship coaching offer or the additional support offer); `state` must be `passed` or `failed`; ' +
  '`completion_date` must be present and a `yyyy-mm-dd` date, and not in the future; the participant must ' +
  'have an accepted application with the lead provider for the course (the service’s stand-in for a ' +
  'submitted `completed` declaration until declarations are served). Sending `passed` when the latest outcome ' +
  'for the course is `passed`, or the same state and date again, returns that outcome unchanged. Answers 200 ' +
  'with the outcome; a participant who is not the lead provider’s is a 404, a `data` without `attributes` a 400.';

/** The three operations in one version; v1/v2 outcomes have no `updated_at` (npq.md §2.3). */
export function npqOutcomePathsFor(version: 'v1' | 'v2' | 'v3'): PathGroup {
  const base = `/api/${version}/participants/npq`;
  return {
    tags: [{ name: TAG, description: 'Assessment outcomes (passed or failed) of NPQ participants.' }],
    paths: {
      [`${base}/outcomes`]: {
        get: listOperation({
          ...common,
          operationId: 'listNpqOutcomes',
          summary: 'List NPQ outcomes',
          description: 'The outcomes the lead provider submitted, for every participant. Order: `created_at`, then id, ascending.',
          body: 'NpqOutcomesResponse',
          filters: ['FilterCreatedSince'],
        }),
      },
      [`${base}/{id}/outcomes`]: {
        get: showOperation({
          ...common,
          operationId: 'listNpqParticipantOutcomes',
          summary: 'List one participant’s NPQ outcomes',
          description:
            'The outcomes the lead provider submitted for one of its participants (a person with an accepted application ' +
            'with it; anyone else is a 404). Order: `created_at`, then id, ascending; paged like every list.',
          body: 'NpqOutcomesResponse',
          filters: ['PageNumber', 'PageSize'],
        }),
        post: writeOperation({
          ...common,
          operationId: 'createNpqOutcome',
          summary: 'Submit an NPQ outcome',
          description: `Record a participant’s outcome for one of their courses. ${CREATE_RULES}`,
          body: 'NpqOutcomeResponse',
          requestBody: 'NpqOutcomeCreate',
          withId: true,
        }),
      },
    },
  };
}
