import type { SavedOperation } from '../shared/runtime.js';

const FIELDS = `id cohort urn schoolId deliveryPartnerId deliveryPartnerName status challengedReason challengedAt
  inductionTutorName inductionTutorEmail participantsCurrentlyTraining createdAt updatedAt`;

export const LIST_PARTNERSHIPS: SavedOperation = {
  name: 'ListPartnerships',
  document: `query ListPartnerships($filter: PartnershipFilterInput, $page: PageInput, $sort: [PartnershipSortInput!]) {
    partnerships(filter: $filter, page: $page, sort: $sort) { items { ${FIELDS} } }
  }`,
};

/** REST sort fields → PartnershipSortField values. */
export const PARTNERSHIP_SORT_FIELDS = { created_at: 'createdAt', updated_at: 'updatedAt' };

/**
 * `data.attributes.cohort` as the Int the mutation takes. Blank stays null (reported as blank); the domain
 * accepts a 4-digit start year, so any other text becomes 0, which is no cohort (reported as invalid).
 */
export function cohortVariable(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  return /^\d{4}$/.test(text.trim()) ? Number(text.trim()) : 0;
}

export const GET_PARTNERSHIP: SavedOperation = {
  name: 'GetPartnership',
  document: `query GetPartnership($id: ID!) { partnership(id: $id) { ${FIELDS} } }`,
};

export const CREATE_PARTNERSHIP: SavedOperation = {
  name: 'CreatePartnership',
  document: `mutation CreatePartnership($input: CreatePartnershipInput!) { createPartnership(input: $input) { ${FIELDS} } }`,
};

export const UPDATE_PARTNERSHIP: SavedOperation = {
  name: 'UpdatePartnership',
  document: `mutation UpdatePartnership($id: ID!, $input: UpdatePartnershipInput!) { updatePartnership(id: $id, input: $input) { ${FIELDS} } }`,
};

export interface PartnershipData {
  id: string;
  cohort: number;
  urn: string;
  schoolId: string;
  deliveryPartnerId: string;
  deliveryPartnerName: string;
  status: string;
  challengedReason: string | null;
  challengedAt: string | null;
  inductionTutorName: string | null;
  inductionTutorEmail: string | null;
  participantsCurrentlyTraining: number;
  createdAt: string;
  updatedAt: string;
}
