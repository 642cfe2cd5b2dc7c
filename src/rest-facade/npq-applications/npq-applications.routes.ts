import type { NpqApplicationFieldsFragment } from '../generated/graphql.js';
import { collection, single, type Resource } from '../shared/envelope.js';
import { MISSING_DATA_DETAIL, notFound } from '../shared/errors.js';
import { cohortList, filterOf, optionalBodyAttributes, parsePage, sortTerms, textAttr, updatedSince, uuidList } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import {
  ACCEPT_NPQ_APPLICATION,
  CHANGE_NPQ_FUNDED_PLACE,
  GET_NPQ_APPLICATION,
  LIST_NPQ_APPLICATIONS,
  NPQ_APPLICATION_SORT_FIELDS,
  REJECT_NPQ_APPLICATION,
} from './npq-applications.operations.js';
import { serializeNpqApplication, serializeNpqApplicationV1, serializeNpqApplicationV2 } from './npq-application.serializer.js';

export const PARTICIPANT_ID_DETAIL = "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs";

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
            participantIds: v3 ? uuidList(filter.participant_id, PARTICIPANT_ID_DETAIL) : undefined,
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
        // npq.md §2.2: no body or no `data` is fine; `funded_place` passes through as sent, so `"true"` meets the rules.
        const attrs = optionalBodyAttributes(req.body, MISSING_DATA_DETAIL.npq);
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
    {
      method: 'put',
      path: `${base}/:id/change-funded-place`,
      programmes: ['npq'],
      family: 'npq',
      async handle({ req, run }) {
        // npq.md §2.2: as accept, no `data` is fine (the funded place is then missing, a 422); `funded_place` passes as sent.
        const attrs = optionalBodyAttributes(req.body, MISSING_DATA_DETAIL.npq);
        const data = await run(CHANGE_NPQ_FUNDED_PLACE, {
          id: String(req.params.id),
          input: attrs.funded_place === undefined ? {} : { fundedPlace: attrs.funded_place },
        });
        return single(serialize(data.changeNpqFundedPlace));
      },
    },
  ];
}

export const npqApplicationRoutes: RestRoute[] = [
  ...npqApplicationRoutesFor('v1', serializeNpqApplicationV1),
  ...npqApplicationRoutesFor('v2', serializeNpqApplicationV2),
  ...npqApplicationRoutesFor('v3', serializeNpqApplication),
];
