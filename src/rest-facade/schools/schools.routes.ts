import { collection, single, type Resource } from '../shared/envelope.js';
import { notFound } from '../shared/errors.js';
import { filterOf, parsePage, requireFilter, singleCohort, sortTerms, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import type { SchoolFieldsFragment } from '../generated/graphql.js';
import { GET_SCHOOL, LIST_SCHOOLS, SCHOOL_SORT_FIELDS } from './schools.operations.js';
import { serializeEcfSchool, serializeRectSchool } from './school.serializers.js';

type Serialize = (s: SchoolFieldsFragment) => Resource;

/** Schools in one cohort; `filter[cohort]` is required on list and show (ecf.md §7, rect.md §2.6). */
function schoolRoutes(base: string, family: 'ecf' | 'rect', serialize: Serialize): RestRoute[] {
  return [
    {
      method: 'get',
      path: base,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const filter = filterOf(req.query, family);
        requireFilter(filter, 'cohort');
        const page = parsePage(req.query, family);
        const urn = typeof filter.urn === 'string' ? filter.urn.trim() : '';
        const data = await run(LIST_SCHOOLS, {
          filter: { cohort: singleCohort(filter.cohort), urn: urn === '' ? undefined : urn, updatedSince: updatedSince(filter.updated_since, family) },
          page,
          sort: graphSort(sortTerms(req.query.sort), SCHOOL_SORT_FIELDS),
        });
        return collection(data.schools.items.map(serialize));
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const filter = filterOf(req.query, family);
        requireFilter(filter, 'cohort');
        const data = await run(GET_SCHOOL, { id: String(req.params.id), cohort: singleCohort(filter.cohort) });
        if (!data.school) throw notFound(family);
        return single(serialize(data.school));
      },
    },
  ];
}

export const schoolsRoutes: RestRoute[] = [
  ...schoolRoutes('/api/v3/schools/ecf', 'ecf', serializeEcfSchool),
  ...schoolRoutes('/api/v3/schools', 'rect', serializeRectSchool),
];
