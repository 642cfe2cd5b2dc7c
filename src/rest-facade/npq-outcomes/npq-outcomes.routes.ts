import type { NpqOutcomeFieldsFragment } from '../generated/graphql.js';
import { collection, single, type Resource } from '../shared/envelope.js';
import { badRequest, MISSING_DATA_DETAIL } from '../shared/errors.js';
import { bodyAttributes, filterOf, parsePage, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { CREATE_NPQ_OUTCOME, LIST_NPQ_OUTCOMES, LIST_NPQ_PARTICIPANT_OUTCOMES } from './npq-outcomes.operations.js';
import { serializeNpqOutcome, serializeNpqOutcomeV1 } from './npq-outcome.serializer.js';

type Version = 'v1' | 'v2' | 'v3';
type Serialize = (o: NpqOutcomeFieldsFragment) => Resource;

export const CREATED_SINCE_DETAIL = "The filter '#/created_since' must be a valid ISO 8601 date";

/** `filter[created_since]`: parsed as `updated_since` is, with its own message (npq.md §2.1). */
function createdSince(v: unknown): string | undefined {
  try {
    return updatedSince(v, 'npq');
  } catch {
    throw badRequest(CREATED_SINCE_DETAIL);
  }
}

/**
 * NPQ participant outcomes of one version (npq.md §6): the provider's list, one participant's list, and create.
 * NPQ tokens only. The literal `/participants/npq/outcomes` must be routed before `/participants/npq/:id` (the
 * participants routes), so that `outcomes` is never read as a participant id: list these routes first.
 */
function npqOutcomeRoutesFor(version: Version, serialize: Serialize): RestRoute[] {
  const base = `/api/${version}/participants/npq`;
  return [
    {
      method: 'get',
      path: `${base}/outcomes`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const filter = filterOf(req.query, 'npq');
        const page = parsePage(req.query, 'npq');
        const data = await run(LIST_NPQ_OUTCOMES, { filter: { createdSince: createdSince(filter.created_since) }, page });
        return collection(data.npqOutcomes.items.map(serialize));
      },
    },
    {
      method: 'get',
      path: `${base}/:id/outcomes`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const page = parsePage(req.query, 'npq');
        const data = await run(LIST_NPQ_PARTICIPANT_OUTCOMES, { participantId: String(req.params.id), page });
        return collection(data.npqParticipantOutcomes.items.map(serialize));
      },
    },
    {
      method: 'post',
      path: `${base}/:id/outcomes`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const attrs = bodyAttributes(req.body, MISSING_DATA_DETAIL.npq);
        const data = await run(CREATE_NPQ_OUTCOME, {
          participantId: String(req.params.id),
          input: { courseIdentifier: attrs.course_identifier, state: attrs.state, completionDate: attrs.completion_date },
        });
        return single(serialize(data.createNpqOutcome));
      },
    },
  ];
}

export const npqOutcomeRoutes: RestRoute[] = [
  ...npqOutcomeRoutesFor('v1', serializeNpqOutcomeV1),
  ...npqOutcomeRoutesFor('v2', serializeNpqOutcomeV1),
  ...npqOutcomeRoutesFor('v3', serializeNpqOutcome),
];
