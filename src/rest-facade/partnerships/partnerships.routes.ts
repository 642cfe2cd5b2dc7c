import { collection, single, type Resource } from '../shared/envelope.js';
import { MISSING_DATA_DETAIL, notFound } from '../shared/errors.js';
import { bodyAttributes, cohortList, commaList, filterOf, parsePage, sortTerms, textAttr, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import type { PartnershipFieldsFragment } from '../generated/graphql.js';
import {
  CREATE_PARTNERSHIP,
  GET_PARTNERSHIP,
  LIST_PARTNERSHIPS,
  PARTNERSHIP_SORT_FIELDS,
  UPDATE_PARTNERSHIP,
  cohortVariable,
} from './partnerships.operations.js';
import { serializeEcfPartnership, serializeRectPartnership } from './partnership.serializers.js';

type Serialize = (p: PartnershipFieldsFragment) => Resource;

/** The same partnerships in the ECF (`/partnerships/ecf`) and RECT (`/partnerships`) shapes. */
function partnershipRoutes(base: string, family: 'ecf' | 'rect', serialize: Serialize): RestRoute[] {
  const update: RestRoute['handle'] = async ({ req, run }) => {
    const attrs = bodyAttributes(req.body, MISSING_DATA_DETAIL[family]);
    const data = await run(UPDATE_PARTNERSHIP, {
      id: String(req.params.id),
      input: { deliveryPartnerId: textAttr(attrs.delivery_partner_id) },
      shape: family,
    });
    return single(serialize(data.updatePartnership));
  };
  return [
    {
      method: 'get',
      path: base,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const filter = filterOf(req.query, family);
        const page = parsePage(req.query, family);
        const data = await run(LIST_PARTNERSHIPS, {
          filter: {
            cohorts: cohortList(filter.cohort),
            deliveryPartnerIds: commaList(filter.delivery_partner_id),
            updatedSince: updatedSince(filter.updated_since, family),
          },
          page,
          sort: graphSort(sortTerms(req.query.sort), PARTNERSHIP_SORT_FIELDS),
          shape: family,
        });
        return collection(data.partnerships.items.map(serialize));
      },
    },
    {
      method: 'post',
      path: base,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const attrs = bodyAttributes(req.body, MISSING_DATA_DETAIL[family]);
        const data = await run(CREATE_PARTNERSHIP, {
          input: {
            cohort: cohortVariable(textAttr(attrs.cohort)),
            schoolId: textAttr(attrs.school_id),
            deliveryPartnerId: textAttr(attrs.delivery_partner_id),
            refuseSchoolLed: family === 'rect',
          },
          shape: family,
        });
        return single(serialize(data.createPartnership));
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const data = await run(GET_PARTNERSHIP, { id: String(req.params.id), shape: family });
        if (!data.partnership) throw notFound(family);
        return single(serialize(data.partnership));
      },
    },
    { method: 'put', path: `${base}/:id`, programmes: ['ecf'], family, handle: update },
    { method: 'patch', path: `${base}/:id`, programmes: ['ecf'], family, handle: update },
  ];
}

export const partnershipsRoutes: RestRoute[] = [
  ...partnershipRoutes('/api/v3/partnerships/ecf', 'ecf', serializeEcfPartnership),
  ...partnershipRoutes('/api/v3/partnerships', 'rect', serializeRectPartnership),
];
