import { GetDeliveryPartnerDocument, ListDeliveryPartnersDocument, type DeliveryPartnerSortField } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: delivery-partners.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_DELIVERY_PARTNERS = savedOperation(ListDeliveryPartnersDocument);
export const GET_DELIVERY_PARTNER = savedOperation(GetDeliveryPartnerDocument);

/** REST sort fields → DeliveryPartnerSortField values. */
export const DELIVERY_PARTNER_SORT_FIELDS: Record<string, DeliveryPartnerSortField> = { created_at: 'createdAt', updated_at: 'updatedAt', name: 'name' };
