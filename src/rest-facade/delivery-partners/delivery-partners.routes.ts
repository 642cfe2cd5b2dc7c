import { collection, single } from '../shared/envelope.js';
import { notFound } from '../shared/errors.js';
import { cohortList, filterOf, parsePage, singleCohort, sortTerms } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import { DELIVERY_PARTNER_SORT_FIELDS, GET_DELIVERY_PARTNER, LIST_DELIVERY_PARTNERS } from './delivery-partners.operations.js';
import { serializeDeliveryPartner } from './delivery-partner.serializer.js';

/** GET /api/v3/delivery-partners(/{id}): shared by ECF, RECT and NPQ; the token decides the shape. */
export const deliveryPartnerRoutes: RestRoute[] = [
  {
    method: 'get',
    path: '/api/v3/delivery-partners',
    programmes: ['ecf', 'npq'],
    family: 'by-token',
    async handle({ req, family, programme, run }) {
      const filter = filterOf(req.query, family);
      const page = parsePage(req.query, family);
      // NPQ takes a single start year (npq.md §8); ECF and RECT a comma list.
      const cohorts = family === 'npq' ? npqCohort(filter.cohort) : cohortList(filter.cohort);
      const data = await run(LIST_DELIVERY_PARTNERS, {
        filter: { cohorts },
        page,
        sort: graphSort(sortTerms(req.query.sort), DELIVERY_PARTNER_SORT_FIELDS),
      });
      return collection(data.deliveryPartners.items.map((dp) => serializeDeliveryPartner(dp, programme)));
    },
  },
  {
    method: 'get',
    path: '/api/v3/delivery-partners/:id',
    programmes: ['ecf', 'npq'],
    family: 'by-token',
    async handle({ req, family, programme, run }) {
      const data = await run(GET_DELIVERY_PARTNER, { id: String(req.params.id) });
      if (!data.deliveryPartner) throw notFound(family);
      return single(serializeDeliveryPartner(data.deliveryPartner, programme));
    },
  },
];

function npqCohort(v: unknown): number[] | undefined {
  if (typeof v !== 'string' || v.trim() === '') return undefined;
  const year = singleCohort(v);
  return year === null ? [] : [year];
}
