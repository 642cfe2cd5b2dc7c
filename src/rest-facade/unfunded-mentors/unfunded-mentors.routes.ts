import { collection, single } from '../shared/envelope.js';
import { notFound, type Family } from '../shared/errors.js';
import { filterOf, parsePage, sortTerms, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import { GET_UNFUNDED_MENTOR, LIST_UNFUNDED_MENTORS, UNFUNDED_MENTOR_SORT_FIELDS } from './unfunded-mentors.operations.js';
import { serializeUnfundedMentor } from './unfunded-mentor.serializers.js';

/** Unfunded mentors (ecf.md §8.2, rect.md §3.7): `filter[updated_since]` and `sort`; show by the mentor's participant id. */
function unfundedMentorRoutes(base: string, family: Exclude<Family, 'npq'>): RestRoute[] {
  return [
    {
      method: 'get',
      path: base,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const filter = filterOf(req.query, family);
        const page = parsePage(req.query, family);
        const data = await run(LIST_UNFUNDED_MENTORS, {
          filter: { updatedSince: updatedSince(filter.updated_since, family) },
          page,
          sort: graphSort(sortTerms(req.query.sort), UNFUNDED_MENTOR_SORT_FIELDS),
        });
        return collection(data.unfundedMentors.items.map(serializeUnfundedMentor));
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const data = await run(GET_UNFUNDED_MENTOR, { id: String(req.params.id) });
        if (!data.unfundedMentor) throw notFound(family);
        return single(serializeUnfundedMentor(data.unfundedMentor));
      },
    },
  ];
}

// The ECF paths first: `/unfunded-mentors/ecf` must not be read as the RECT `/unfunded-mentors/{id}`.
export const unfundedMentorsRoutes: RestRoute[] = [
  ...unfundedMentorRoutes('/api/v3/unfunded-mentors/ecf', 'ecf'),
  ...unfundedMentorRoutes('/api/v3/unfunded-mentors', 'rect'),
];
