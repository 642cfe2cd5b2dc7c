import type { SavedOperation } from '../shared/runtime.js';

const FIELDS = 'id name cohorts createdAt updatedAt';

export const LIST_DELIVERY_PARTNERS: SavedOperation = {
  name: 'ListDeliveryPartners',
  document: `query ListDeliveryPartners($filter: DeliveryPartnerFilter, $page: PageInput, $sort: [SortInput!]) {
    deliveryPartners(filter: $filter, page: $page, sort: $sort) { ${FIELDS} }
  }`,
};

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
