import { listOperation, showOperation, type PathGroup } from '../operations.js';

const TAG = 'Delivery partners';

const SHAPE =
  'An ECF token gets the ECF attributes; an NPQ token gets the NPQ attributes, which list `cohort` second. Both ' +
  'write `cohort` as year strings (`["2023", "2024"]`).';

const ORDER = 'Default order: `created_at` ascending for ECF tokens, `name` ascending for NPQ tokens.';

export const deliveryPartnerPaths: PathGroup = {
  tags: [{ name: TAG, description: 'Delivery partners the lead provider works with, for either programme.' }],
  paths: {
    '/api/v3/delivery-partners': {
      get: listOperation({
        operationId: 'listDeliveryPartners',
        summary: 'List delivery partners',
        description: `Delivery partners that work with the lead provider in any of the selected cohorts. ${SHAPE} ${ORDER}`,
        tag: TAG,
        audience: 'shared',
        body: 'DeliveryPartnersResponse',
        filters: ['FilterDeliveryPartnerCohort'],
        sort: 'SortDeliveryPartners',
      }),
    },
    '/api/v3/delivery-partners/{id}': {
      get: showOperation({
        operationId: 'getDeliveryPartner',
        summary: 'Get a delivery partner',
        description: `One delivery partner that works with the lead provider in any cohort. ${SHAPE}`,
        tag: TAG,
        audience: 'shared',
        body: 'DeliveryPartnerResponse',
      }),
    },
  },
};
