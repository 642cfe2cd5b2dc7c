import type { SavedOperation } from '../shared/runtime.js';

const FIELDS = `id name urn cohort inPartnership trainingRoute expressionOfInterest
  inductionTutorName inductionTutorEmail createdAt updatedAt`;

export const LIST_SCHOOLS: SavedOperation = {
  name: 'ListSchools',
  document: `query ListSchools($filter: SchoolFilterInput!, $page: PageInput, $sort: [SchoolSortInput!]) {
    schools(filter: $filter, page: $page, sort: $sort) { items { ${FIELDS} } }
  }`,
};

/** REST sort fields → SchoolSortField values. */
export const SCHOOL_SORT_FIELDS = { created_at: 'createdAt', updated_at: 'updatedAt', name: 'name', urn: 'urn' };

export const GET_SCHOOL: SavedOperation = {
  name: 'GetSchool',
  document: `query GetSchool($id: ID!, $cohort: Int) { school(id: $id, cohort: $cohort) { ${FIELDS} } }`,
};

export interface SchoolData {
  id: string;
  name: string;
  urn: string;
  cohort: number;
  inPartnership: boolean;
  trainingRoute: string;
  expressionOfInterest: boolean;
  inductionTutorName: string | null;
  inductionTutorEmail: string | null;
  createdAt: string;
  updatedAt: string;
}
