import type { OpenAPIV3 } from 'openapi-types';
import { schemaRef } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;

/**
 * Request bodies of the partnership writes. Both families take the same attributes; ECF names the
 * body types `ecf-partnership[-update]`, RECT `partnership[-update]` and does not check them
 * (domain/rect.md, partnerships request diff).
 */
function envelope(typeSchema: OpenAPIV3.SchemaObject, attributes: Props, description: string): OpenAPIV3.SchemaObject {
  return {
    type: 'object',
    description,
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        required: ['type', 'attributes'],
        properties: {
          type: typeSchema,
          attributes: { type: 'object', required: Object.keys(attributes), properties: attributes },
        },
      },
    },
  };
}

const createAttributes: Props = {
  cohort: { allOf: [schemaRef('CohortYear')], description: 'Start year of the cohort the partnership is for.' },
  school_id: { allOf: [schemaRef('Id')], description: 'Id of the school, from the schools endpoint.' },
  delivery_partner_id: {
    allOf: [schemaRef('Id')],
    description: 'Id of a delivery partner that works with the lead provider in that cohort.',
  },
};

const updateAttributes: Props = {
  delivery_partner_id: {
    allOf: [schemaRef('Id')],
    description: 'Id of the delivery partner that replaces the current one.',
  },
};

const ecfType = (value: string): OpenAPIV3.SchemaObject => ({ type: 'string', enum: [value] });
const rectType = (value: string): OpenAPIV3.SchemaObject => ({
  type: 'string',
  description: `Send \`${value}\`; the value is not checked.`,
  example: value,
});

export const partnershipRequestSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfPartnershipCreateRequest: envelope(ecfType('ecf-partnership'), createAttributes, 'Confirm a new partnership.'),
  EcfPartnershipUpdateRequest: envelope(ecfType('ecf-partnership-update'), updateAttributes, 'Change the delivery partner of a partnership.'),
  PartnershipCreateRequest: envelope(rectType('partnership'), createAttributes, 'Confirm a new partnership.'),
  PartnershipUpdateRequest: envelope(rectType('partnership-update'), updateAttributes, 'Change the delivery partner of a partnership.'),
};

const body = (schema: string, description: string): OpenAPIV3.RequestBodyObject => ({
  required: true,
  description,
  content: { 'application/json': { schema: schemaRef(schema) } },
});

export const partnershipRequestBodies: Record<string, OpenAPIV3.RequestBodyObject> = {
  EcfPartnershipCreate: body('EcfPartnershipCreateRequest', 'The cohort, school and delivery partner to partner with.'),
  EcfPartnershipUpdate: body('EcfPartnershipUpdateRequest', 'The new delivery partner.'),
  PartnershipCreate: body('PartnershipCreateRequest', 'The cohort, school and delivery partner to partner with.'),
  PartnershipUpdate: body('PartnershipUpdateRequest', 'The new delivery partner.'),
};
