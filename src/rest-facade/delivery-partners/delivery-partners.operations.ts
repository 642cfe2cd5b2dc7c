import type { SavedOperation } from '../shared/runtime.js';

const FIELDS = 'id name cohorts createdAt updatedAt';

export const LIST_DELIVERY_PARTNERS: SavedOperation = {
  name: 'ListDeliveryPartners',
  document: `query ListDeliveryPartners($filter: DeliveryPartnerFilterInput, $page: PageInput, $sort: [DeliveryPartnerSortInput!]) {
    deliveryPartners(filter: $filter, page: $page, sort: $sort) { items { ${FIELDS} } }
  }`,
};

/** REST sort fields → DeliveryPartnerSortField values. */
export const DELIVERY_PARTNER_SORT_FIELDS = { created_at: 'createdAt', updated_at: 'updatedAt', name: 'name' };

export const GET_DELIVERY_PARTNER: SavedOperation = {
  name: 'GetDeliveryPartner',
  document: `query GetDeliveryPartner($id: ID!) { deliveryPartner(id: $id) { ${FIELDS} } }`,
};

export interface DeliveryPartnerData {
  id: string;
  name: string;
  cohorts: number[];
  createdAt: string;
  updatedAt: string;
}
