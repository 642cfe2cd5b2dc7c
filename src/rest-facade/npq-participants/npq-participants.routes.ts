import type { NpqParticipantFieldsFragment } from '../generated/graphql.js';
import { collection, single, type Resource } from '../shared/envelope.js';
import { MISSING_DATA_DETAIL, notFound, RestHttpError } from '../shared/errors.js';
import { bodyAttributes, filterOf, parsePage, sortTerms, textAttr, textFilter, updatedSince } from '../shared/params.js';
import type { RestRoute, RouteCall } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import {
  CHANGE_NPQ_PARTICIPANT_SCHEDULE,
  cohortAttr,
  DEFER_NPQ_PARTICIPANT,
  GET_NPQ_PARTICIPANT,
  GET_NPQ_PARTICIPANT_OR_RETIRED_ID,
  LIST_NPQ_PARTICIPANTS,
  NPQ_PARTICIPANT_SORT_FIELDS,
  npqTrainingStatusFilter,
  RESUME_NPQ_PARTICIPANT,
  WITHDRAW_NPQ_PARTICIPANT,
} from './npq-participants.operations.js';
import { serializeNpqParticipant, serializeNpqParticipantV1, serializeNpqParticipantV2 } from './npq-participant.serializer.js';

type Version = 'v1' | 'v2' | 'v3';
type Serialize = (p: NpqParticipantFieldsFragment) => Resource;

/** The v3 show's answer for a retired participant id (npq.md §4.1). */
function gone(retired: {
  fromParticipantId: string;
  toParticipantId: string;
  participantIdChanges: { fromParticipantId: string; toParticipantId: string; changedAt: string }[];
}) {
  return new RestHttpError(410, {
    errors: [
      {
        title: 'Participant ID has been changed',
        detail: `The participant_id '${retired.fromParticipantId}' has been replaced with '${retired.toParticipantId}'.`,
        participant_id_changes: retired.participantIdChanges.map((c) => ({
          from_participant_id: c.fromParticipantId,
          to_participant_id: c.toParticipantId,
          changed_at: c.changedAt,
        })),
      },
    ],
  });
}

/** One action: `data.attributes` must be a non-empty object (npq.md §2.2), then the mutation; the version's shape back. */
function actionRoute(
  base: string,
  action: 'defer' | 'resume' | 'withdraw' | 'change-schedule',
  serialize: Serialize,
  perform: (call: RouteCall, id: string, attrs: Record<string, unknown>) => Promise<NpqParticipantFieldsFragment>,
): RestRoute {
  return {
    method: 'put',
    path: `${base}/:id/${action}`,
    programmes: ['npq'],
    family: 'npq',
    async handle(call) {
      const id = String(call.req.params.id);
      let attrs: Record<string, unknown>;
      try {
        attrs = bodyAttributes(call.req.body, MISSING_DATA_DETAIL.npq);
      } catch (badBody) {
        // npq.md §9.4: the participant lookup (404) comes before the body check (400).
        if (!(await call.run(GET_NPQ_PARTICIPANT, { id })).npqParticipant) throw notFound('npq');
        throw badBody;
      }
      return single(serialize(await perform(call, id, attrs)));
    },
  };
}

/**
 * NPQ participants of one version (npq.md §4): list, show and the four actions. NPQ tokens only; 404s use NPQ's
 * `{error}` body. v1/v2 (§2.3): filter `updated_since` only (`training_status`, `from_participant_id` and `sort`
 * are ignored, as unknown parameters are), no 410 for a retired id (a 404), and their own participant shape, also
 * on the actions. Each action passes on only the attributes it knows (resume ignores `reason`).
 */
function npqParticipantRoutesFor(version: Version, serialize: Serialize): RestRoute[] {
  const base = `/api/${version}/participants/npq`;
  const v3 = version === 'v3';
  return [
    {
      method: 'get',
      path: base,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const filter = filterOf(req.query, 'npq');
        const page = parsePage(req.query, 'npq');
        const data = await run(LIST_NPQ_PARTICIPANTS, {
          filter: {
            updatedSince: updatedSince(filter.updated_since, 'npq'),
            trainingStatus: v3 ? npqTrainingStatusFilter(textFilter(filter.training_status)) : undefined,
            fromParticipantId: v3 ? textFilter(filter.from_participant_id) : undefined,
          },
          page,
          sort: v3 ? graphSort(sortTerms(req.query.sort), NPQ_PARTICIPANT_SORT_FIELDS) : undefined,
        });
        return collection(data.npqParticipants.items.map(serialize));
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const id = String(req.params.id);
        if (!v3) {
          const data = await run(GET_NPQ_PARTICIPANT, { id });
          if (!data.npqParticipant) throw notFound('npq');
          return single(serialize(data.npqParticipant));
        }
        const data = await run(GET_NPQ_PARTICIPANT_OR_RETIRED_ID, { id });
        if (data.npqRetiredParticipantId) throw gone(data.npqRetiredParticipantId);
        if (!data.npqParticipant) throw notFound('npq');
        return single(serialize(data.npqParticipant));
      },
    },
    actionRoute(base, 'defer', serialize, async ({ run }, id, a) => {
      const data = await run(DEFER_NPQ_PARTICIPANT, { id, input: { courseIdentifier: textAttr(a.course_identifier), reason: textAttr(a.reason) } });
      return data.deferNpqParticipant;
    }),
    actionRoute(base, 'resume', serialize, async ({ run }, id, a) => {
      const data = await run(RESUME_NPQ_PARTICIPANT, { id, input: { courseIdentifier: textAttr(a.course_identifier) } });
      return data.resumeNpqParticipant;
    }),
    actionRoute(base, 'withdraw', serialize, async ({ run }, id, a) => {
      const data = await run(WITHDRAW_NPQ_PARTICIPANT, { id, input: { courseIdentifier: textAttr(a.course_identifier), reason: textAttr(a.reason) } });
      return data.withdrawNpqParticipant;
    }),
    actionRoute(base, 'change-schedule', serialize, async ({ run }, id, a) => {
      const data = await run(CHANGE_NPQ_PARTICIPANT_SCHEDULE, {
        id,
        input: { courseIdentifier: textAttr(a.course_identifier), scheduleIdentifier: textAttr(a.schedule_identifier), cohort: cohortAttr(a.cohort) },
      });
      return data.changeNpqParticipantSchedule;
    }),
  ];
}

/**
 * Route order: another feature's literal paths under `/participants/npq/` (the outcomes list) must come before
 * these, so that `outcomes` is never read as a participant id (npq.md §2.2 routing note).
 */
export const npqParticipantRoutes: RestRoute[] = [
  ...npqParticipantRoutesFor('v1', serializeNpqParticipantV1),
  ...npqParticipantRoutesFor('v2', serializeNpqParticipantV2),
  ...npqParticipantRoutesFor('v3', serializeNpqParticipant),
];
