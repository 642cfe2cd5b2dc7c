import type { NpqApplicationFieldsFragment } from '../generated/graphql.js';
import { collection, single, type Resource } from '../shared/envelope.js';
import { badRequest, MISSING_DATA_DETAIL, notFound } from '../shared/errors.js';
import { cohortList, commaList, filterOf, parsePage, sortTerms, textAttr, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import {
  ACCEPT_NPQ_APPLICATION,
  GET_NPQ_APPLICATION,
  LIST_NPQ_APPLICATIONS,
  NPQ_APPLICATION_SORT_FIELDS,
  REJECT_NPQ_APPLICATION,
} from './npq-applications.operations.js';
import { serializeNpqApplication, serializeNpqApplicationV1, serializeNpqApplicationV2 } from './npq-application.serializer.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const PARTICIPANT_ID_DETAIL = "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs";

/** `filter[participant_id]`: comma-separated UUIDs, anything else a 400 (npq.md §2.1); blank → no filter. */
function participantIds(v: unknown): string[] | undefined {
  const ids = commaList(v);
  if (ids?.some((id) => !UUID.test(id))) throw badRequest(PARTICIPANT_ID_DETAIL);
  return ids;
}

/**
 * Accept's optional body (npq.md §2.2 "Body handling"): no body or no `data` is fine (nothing sent); a `data`
 * without a non-empty `attributes` object is a 400. `funded_place` passes through as sent (JSON scalar), so the
 * rules see `"true"` as not a boolean; unknown attributes are dropped.
 */
function acceptAttributes(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || !('data' in body)) return {};
  const attrs = (body as { data?: { attributes?: unknown } }).data?.attributes;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs) || Object.keys(attrs).length === 0) {
    throw badRequest(MISSING_DATA_DETAIL.npq);
  }
  return attrs as Record<string, unknown>;
}

type Version = 'v1' | 'v2' | 'v3';
type Serialize = (a: NpqApplicationFieldsFragment) => Resource;

/**
 * NPQ applications of one version: list, show, accept, reject (npq.md §3). NPQ tokens only; 404s use NPQ's
 * `{error}` body. v1/v2 (§2.3): filters `cohort` and `updated_since` only (`participant_id` and `sort` are
 * ignored, as unknown parameters are), accept reads `funded_place` only, and their own application shape.
 */
function npqApplicationRoutesFor(version: Version, serialize: Serialize): RestRoute[] {
  const base = `/api/${version}/npq-applications`;
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
        const data = await run(LIST_NPQ_APPLICATIONS, {
          filter: {
            cohorts: cohortList(filter.cohort),
            participantIds: v3 ? participantIds(filter.participant_id) : undefined,
            updatedSince: updatedSince(filter.updated_since, 'npq'),
          },
          page,
          sort: v3 ? graphSort(sortTerms(req.query.sort), NPQ_APPLICATION_SORT_FIELDS) : undefined,
        });
        return collection(data.npqApplications.items.map(serialize));
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const data = await run(GET_NPQ_APPLICATION, { id: String(req.params.id) });
        if (!data.npqApplication) throw notFound('npq');
        return single(serialize(data.npqApplication));
      },
    },
    {
      method: 'post',
      path: `${base}/:id/accept`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const attrs = acceptAttributes(req.body);
        const data = await run(ACCEPT_NPQ_APPLICATION, {
          id: String(req.params.id),
          input: {
            ...(attrs.funded_place === undefined ? {} : { fundedPlace: attrs.funded_place }),
            scheduleIdentifier: v3 ? textAttr(attrs.schedule_identifier) : null,
          },
        });
        return single(serialize(data.acceptNpqApplication));
      },
    },
    {
      method: 'post',
      path: `${base}/:id/reject`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        const data = await run(REJECT_NPQ_APPLICATION, { id: String(req.params.id) });
        return single(serialize(data.rejectNpqApplication));
      },
    },
  ];
}

export const npqApplicationRoutes: RestRoute[] = [
  ...npqApplicationRoutesFor('v1', serializeNpqApplicationV1),
  ...npqApplicationRoutesFor('v2', serializeNpqApplicationV2),
  ...npqApplicationRoutesFor('v3', serializeNpqApplication),
];
