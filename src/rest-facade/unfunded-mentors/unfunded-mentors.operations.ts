import { GetUnfundedMentorDocument, ListUnfundedMentorsDocument, type UnfundedMentorSortField } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: unfunded-mentors.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_UNFUNDED_MENTORS = savedOperation(ListUnfundedMentorsDocument);
export const GET_UNFUNDED_MENTOR = savedOperation(GetUnfundedMentorDocument);

/** REST sort fields → UnfundedMentorSortField values (other fields are dropped, ecf.md §2.5). */
export const UNFUNDED_MENTOR_SORT_FIELDS: Record<string, UnfundedMentorSortField> = { created_at: 'createdAt', updated_at: 'updatedAt' };
