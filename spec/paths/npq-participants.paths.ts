import type { OpenAPIV3 } from 'openapi-types';
import { commonHeaders } from '../components/errors.js';
import { responseRef, schemaRef } from '../components/refs.js';
import { listOperation, showOperation, writeOperation, type PathGroup } from '../operations.js';

/** NPQ participants (npq.md §4): list and show, defer, resume, withdraw and change schedule. NPQ tokens only. */
const TAG = 'NPQ participants';
const common = { tag: TAG, audience: 'npq' as const };

const VISIBLE = 'A participant is a person with at least one NPQ application the lead provider accepted; `npq_enrolments` lists those applications.';

const SHARED_RULES =
  'The body names the enrolment by `course_identifier`: an unknown course is a 422 (`course_identifier`), and ' +
  'then there must be an application with exactly that course accepted by this lead provider (422, ' +
  '`participant_id`). A `data` without `attributes` is a 400; an id that is not this lead provider’s participant ' +
  '(a retired id included) is a 404. Answers 200 with the participant.';

const RULES = {
  defer:
    'The reason must be one of the deferral reasons (422, `reason`, also when missing); the enrolment must not be ' +
    'deferred or withdrawn already (422, `participant_id`). On success the training status becomes `deferred` and ' +
    'the deferral (reason, time, lead provider) is recorded.',
  resume:
    'The enrolment must not be active already (422, `participant_id`); a deferred or withdrawn one can be resumed. ' +
    'On success the training status becomes `active` and the change is recorded.',
  withdraw:
    'The reason must be one of the withdrawal reasons (422, `reason`, also when missing); the enrolment must not ' +
    'be withdrawn already (422, `participant_id`). On success the training status becomes `withdrawn` and the ' +
    'withdrawal (reason, time, lead provider) is recorded.',
  changeSchedule:
    'The schedule is looked up by `schedule_identifier` in a cohort of the year `cohort` (default: the year of ' +
    'the current schedule’s cohort; the latest suffix of the year first): none found, or no identifier, is a 422 ' +
    '(`schedule_identifier`). The enrolment must not be withdrawn (`participant_id`), the schedule must differ from ' +
    'the current one and fit the course (`schedule_identifier`), and the cohort may not move from capped funding to ' +
    'full funding, nor from unfunded to funded (`cohort`). On success the enrolment takes the schedule and its ' +
    'cohort; `funded_place` becomes the recorded funding eligibility when a fully funded cohort moves to a capped ' +
    'one, and false in an unfunded cohort.',
};

const gone: OpenAPIV3.ResponseObject = {
  description:
    'The participant id was retired (merged into another participant), whichever lead provider asks. The body ' +
    'names the id that replaced it and lists the surviving participant’s id changes.',
  headers: commonHeaders(),
  content: { 'application/json': { schema: schemaRef('NpqParticipantGoneResponse') } },
};

type Action = 'defer' | 'resume' | 'withdraw' | 'change-schedule';
const ACTIONS: { action: Action; id: string; summary: string; rules: string; body: string }[] = [
  { action: 'defer', id: 'deferNpqParticipant', summary: 'Defer an NPQ participant', rules: RULES.defer, body: 'NpqParticipantDefer' },
  { action: 'resume', id: 'resumeNpqParticipant', summary: 'Resume an NPQ participant', rules: RULES.resume, body: 'NpqParticipantResume' },
  {
    action: 'change-schedule',
    id: 'changeNpqParticipantSchedule',
    summary: 'Change an NPQ participant’s schedule',
    rules: RULES.changeSchedule,
    body: 'NpqParticipantChangeSchedule',
  },
  { action: 'withdraw', id: 'withdrawNpqParticipant', summary: 'Withdraw an NPQ participant', rules: RULES.withdraw, body: 'NpqParticipantWithdraw' },
];

/**
 * The six operations in one version. v1 and v2 (npq.md §2.3): filter `updated_since` only, no `sort`, no 410,
 * and their own participant shape; the actions answer in the version's shape.
 */
export function npqParticipantPathsFor(version: 'v1' | 'v2' | 'v3'): PathGroup {
  const v3 = version === 'v3';
  const base = `/api/${version}/participants/npq`;
  const list = listOperation({
    ...common,
    operationId: 'listNpqParticipants',
    summary: 'List NPQ participants',
    description:
      `${VISIBLE} \`filter[updated_since]\` compares \`updated_at\`, which moves with any change to the person or to any of their applications with any lead provider. ` +
      `Default order: when the person registered, ascending.${v3 ? ' `filter[training_status]` other than `active`, `deferred` or `withdrawn` is a 422.' : ''}`,
    body: 'NpqParticipantsResponse',
    filters: v3 ? ['FilterUpdatedSince', 'FilterNpqTrainingStatus', 'FilterFromParticipantId'] : ['FilterUpdatedSince'],
    ...(v3 ? { sort: 'SortParticipants' } : {}),
  });
  if (v3) list.responses['422'] = responseRef('UnprocessableEntity');
  const show = showOperation({
    ...common,
    operationId: 'getNpqParticipant',
    summary: 'Get an NPQ participant',
    description: `One NPQ participant by participant id. ${VISIBLE}${v3 ? ' A retired participant id gets a 410 naming its replacement.' : ''}`,
    body: 'NpqParticipantResponse',
  });
  if (v3) show.responses['410'] = gone;
  const paths: OpenAPIV3.PathsObject = { [base]: { get: list }, [`${base}/{id}`]: { get: show } };
  for (const a of ACTIONS) {
    paths[`${base}/{id}/${a.action}`] = {
      put: writeOperation({
        ...common,
        operationId: a.id,
        summary: a.summary,
        description: `${a.rules} ${SHARED_RULES}`,
        body: 'NpqParticipantResponse',
        requestBody: a.body,
        withId: true,
      }),
    };
  }
  return { tags: [{ name: TAG, description: 'People the lead provider trains for an NPQ, and changes to their training.' }], paths };
}
