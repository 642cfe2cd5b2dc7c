import { listOperation, showOperation, type PathGroup } from '../operations.js';

/**
 * Schools on the ECF paths (`/schools/ecf`) and the RECT paths (`/schools`): same filters and rules,
 * RECT adds expression of interest and induction tutor attributes (domain/rect.md §3.3).
 */
interface SchoolFamily {
  path: string;
  tag: string;
  tagDescription: string;
  idPrefix: '' | 'Ecf';
  schemaPrefix: '' | 'Ecf';
  /** Said of the RECT shape only. */
  extra?: string;
}

const sentences = (...parts: Array<string | undefined>): string => parts.filter(Boolean).join(' ');

const LIST = 'Schools that can take part in training in the cohort given by the required `filter[cohort]`, whichever ' + 'lead provider they work with.';

function schoolPaths(family: SchoolFamily): PathGroup {
  const common = { tag: family.tag, audience: 'ecf' as const };
  return {
    tags: [{ name: family.tag, description: family.tagDescription }],
    paths: {
      [family.path]: {
        get: listOperation({
          ...common,
          operationId: `list${family.idPrefix}Schools`,
          summary: 'List schools for a cohort',
          description: sentences(LIST, family.extra, 'Default order: `created_at` ascending.'),
          body: `${family.schemaPrefix}SchoolsResponse`,
          filters: ['FilterCohortRequired', 'FilterUrn', 'FilterUpdatedSince'],
          sort: 'SortSchools',
        }),
      },
      [`${family.path}/{id}`]: {
        get: showOperation({
          ...common,
          operationId: `get${family.idPrefix}School`,
          summary: 'Get a school for a cohort',
          description: sentences('One school, as it stands in the cohort given by the required `filter[cohort]`.', family.extra),
          body: `${family.schemaPrefix}SchoolResponse`,
          filters: ['FilterCohortRequired'],
        }),
      },
    },
  };
}

export const ecfSchoolPaths = schoolPaths({
  path: '/api/v3/schools/ecf',
  tag: 'Schools (ECF)',
  tagDescription: 'Schools and their training choices per cohort, in the ECF shape.',
  idPrefix: 'Ecf',
  schemaPrefix: 'Ecf',
});

export const rectSchoolPaths = schoolPaths({
  path: '/api/v3/schools',
  tag: 'Schools',
  tagDescription: 'Schools and their training choices per cohort, in the RECT shape.',
  idPrefix: '',
  schemaPrefix: '',
  extra: 'The attributes include whether the school has expressed interest in this lead provider.',
});
