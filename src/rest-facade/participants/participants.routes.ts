import { collection, single } from '../shared/envelope.js';
import { notFound } from '../shared/errors.js';
import { cohortList, filterOf, parsePage, sortTerms, textFilter, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import { GET_ECF_PARTICIPANT, LIST_ECF_PARTICIPANTS, PARTICIPANT_SORT_FIELDS, trainingStatusFilter } from './participants.operations.js';
import { serializeEcfParticipant } from './participant.serializers.js';
import { participantActionRoutes } from '../participant-actions/participant-actions.routes.js';
import { GET_RECT_PARTICIPANT, LIST_RECT_PARTICIPANTS } from './rect-participants.operations.js';
import { serializeRectParticipant } from './rect-participant.serializers.js';

const ECF_BASE = '/api/v3/participants/ecf';
const RECT_BASE = '/api/v3/participants';

/**
 * ECF v3 participants (ecf.md §2.7) at `/participants/ecf` and RECT v3 participants (rect.md §3.2) at
 * `/participants`: ECF-programme tokens; one row per person. The ECF routes come first, so `/participants/ecf` is
 * never read as a RECT participant id.
 */
export const participantsRoutes: RestRoute[] = [
  {
    method: 'get',
    path: ECF_BASE,
    programmes: ['ecf'],
    family: 'ecf',
    async handle({ req, run }) {
      const filter = filterOf(req.query, 'ecf');
      const page = parsePage(req.query, 'ecf');
      const data = await run(LIST_ECF_PARTICIPANTS, {
        filter: {
          cohorts: cohortList(filter.cohort),
          updatedSince: updatedSince(filter.updated_since, 'ecf'),
          trainingStatus: trainingStatusFilter(textFilter(filter.training_status)),
          fromParticipantId: textFilter(filter.from_participant_id),
        },
        page,
        sort: graphSort(sortTerms(req.query.sort), PARTICIPANT_SORT_FIELDS),
      });
      return collection(data.ecfParticipants.items.map(serializeEcfParticipant));
    },
  },
  {
    method: 'get',
    path: `${ECF_BASE}/:id`,
    programmes: ['ecf'],
    family: 'ecf',
    async handle({ req, run }) {
      const data = await run(GET_ECF_PARTICIPANT, { id: String(req.params.id) });
      if (!data.ecfParticipant) throw notFound('ecf');
      return single(serializeEcfParticipant(data.ecfParticipant));
    },
  },
  // PUT …/{id}/defer|resume|withdraw|change-schedule (ecf.md §3): ECF rules, the v3 show shape.
  ...participantActionRoutes({
    base: ECF_BASE,
    family: 'ecf',
    rules: 'ecf',
    show: GET_ECF_PARTICIPANT,
    serialize: (d) => d.ecfParticipant && serializeEcfParticipant(d.ecfParticipant),
  }),
  {
    method: 'get',
    path: RECT_BASE,
    programmes: ['ecf'],
    family: 'rect',
    async handle({ req, run }) {
      const filter = filterOf(req.query, 'rect');
      const page = parsePage(req.query, 'rect');
      const data = await run(LIST_RECT_PARTICIPANTS, {
        filter: {
          cohorts: cohortList(filter.cohort),
          updatedSince: updatedSince(filter.updated_since, 'rect'),
          // RECT: an unknown training status matches nothing (rect.md §3.2), it is not a 400.
          trainingStatus: textFilter(filter.training_status),
          fromParticipantId: textFilter(filter.from_participant_id),
        },
        page,
        sort: graphSort(sortTerms(req.query.sort), PARTICIPANT_SORT_FIELDS),
      });
      return collection(data.rectParticipants.items.map(serializeRectParticipant));
    },
  },
  {
    method: 'get',
    path: `${RECT_BASE}/:id`,
    programmes: ['ecf'],
    family: 'rect',
    async handle({ req, run }) {
      const data = await run(GET_RECT_PARTICIPANT, { id: String(req.params.id) });
      if (!data.rectParticipant) throw notFound('rect');
      return single(serializeRectParticipant(data.rectParticipant));
    },
  },
  // RECT's actions (rect.md §7.2–7.5): RECT rules and messages, the RECT show shape.
  ...participantActionRoutes({
    base: RECT_BASE,
    family: 'rect',
    rules: 'rect',
    show: GET_RECT_PARTICIPANT,
    serialize: (d) => d.rectParticipant && serializeRectParticipant(d.rectParticipant),
  }),
];
