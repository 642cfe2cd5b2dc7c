import { GetSchoolDocument, ListSchoolsDocument, type SchoolSortField } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: schools.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_SCHOOLS = savedOperation(ListSchoolsDocument);
export const GET_SCHOOL = savedOperation(GetSchoolDocument);

/** REST sort fields → SchoolSortField values. */
export const SCHOOL_SORT_FIELDS: Record<string, SchoolSortField> = { created_at: 'createdAt', updated_at: 'updatedAt', name: 'name', urn: 'urn' };
