import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

/**
 * `/delivery-partners` is shared by both programmes; the token's programme picks the attribute shape
 * (ARCHITECTURE.md §2.2). Both write `cohort` as year strings (the live NPQ service sends integers although
 * its spec says strings; we follow the spec, see docs/compatibility.md); NPQ lists `cohort` second.
 */
export const deliveryPartnerSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfDeliveryPartnerAttributes: {
    type: 'object',
    title: 'ECF delivery partner',
    description: 'Returned to ECF tokens.',
    required: ['name', 'created_at', 'updated_at', 'cohort'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', description: 'Name of the delivery partner.' },
      created_at: schemaRef('Timestamp'),
      updated_at: schemaRef('Timestamp'),
      cohort: {
        type: 'array',
        description: 'Every cohort in which the delivery partner works with this lead provider, ascending.',
        minItems: 1,
        items: schemaRef('CohortYear'),
        example: ['2023', '2024'],
      },
    },
  },
  NpqDeliveryPartnerAttributes: {
    type: 'object',
    title: 'NPQ delivery partner',
    description: 'Returned to NPQ tokens.',
    required: ['name', 'cohort', 'created_at', 'updated_at'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', description: 'Name of the delivery partner.' },
      cohort: {
        type: 'array',
        description: 'Start years of the cohorts in which the delivery partner works with this lead provider, ascending.',
        minItems: 1,
        items: schemaRef('CohortYear'),
        example: ['2023', '2024'],
      },
      created_at: schemaRef('Timestamp'),
      updated_at: schemaRef('Timestamp'),
    },
  },
  DeliveryPartner: resourceObject(
    'delivery-partner',
    {
      anyOf: [schemaRef('EcfDeliveryPartnerAttributes'), schemaRef('NpqDeliveryPartnerAttributes')],
      description: 'ECF shape for an ECF token, NPQ shape for an NPQ token.',
    },
    'An organisation that delivers training on behalf of the lead provider.',
  ),
  DeliveryPartnerResponse: singleEnvelope('DeliveryPartner', 'One delivery partner.'),
  DeliveryPartnersResponse: collectionEnvelope('DeliveryPartner', 'A page of delivery partners.'),
};
