import {
  CreatePartnershipDocument,
  GetPartnershipDocument,
  ListPartnershipsDocument,
  UpdatePartnershipDocument,
  type PartnershipSortField,
} from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: partnerships.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_PARTNERSHIPS = savedOperation(ListPartnershipsDocument);
export const GET_PARTNERSHIP = savedOperation(GetPartnershipDocument);
export const CREATE_PARTNERSHIP = savedOperation(CreatePartnershipDocument);
export const UPDATE_PARTNERSHIP = savedOperation(UpdatePartnershipDocument);

/** REST sort fields → PartnershipSortField values. */
export const PARTNERSHIP_SORT_FIELDS: Record<string, PartnershipSortField> = { created_at: 'createdAt', updated_at: 'updatedAt' };

/**
 * `data.attributes.cohort` as the Int the mutation takes. Blank stays null (reported as blank); the domain
 * accepts a 4-digit start year, so any other text becomes 0, which is no cohort (reported as invalid).
 */
export function cohortVariable(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  return /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : 0;
}
