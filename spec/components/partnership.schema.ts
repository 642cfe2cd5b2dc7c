import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;

const CHALLENGE_REASONS = ['another_provider', 'not_confirmed', 'do_not_recognise', 'no_ects', 'mistake'];

const described = (name: string, description: string): OpenAPIV3.SchemaObject => ({
  allOf: [schemaRef(name)],
  description,
});

/** Attributes that open both partnership shapes, in wire order. */
const head: Props = {
  cohort: schemaRef('CohortYear'),
  urn: { type: 'string', description: 'Unique reference number of the school.', example: '106286' },
  school_id: described('Id', 'Id of the school.'),
  delivery_partner_id: described('Id', 'Id of the delivery partner named in the partnership.'),
  delivery_partner_name: { type: 'string', description: 'Name of the delivery partner.' },
};

const tutor: Props = {
  induction_tutor_name: { type: 'string', nullable: true, description: 'Name of the school’s induction tutor.' },
  induction_tutor_email: {
    type: 'string',
    nullable: true,
    description: 'Email of the induction tutor, or failing that the school’s contact address.',
  },
};

const attributes = (description: string, properties: Props): OpenAPIV3.SchemaObject => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

export const partnershipSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfPartnershipAttributes: attributes('A partnership as seen on the ECF paths.', {
    ...head,
    status: {
      type: 'string',
      enum: ['active', 'challenged'],
      description: '`challenged` once the school has disputed the partnership, otherwise `active`.',
    },
    challenged_reason: {
      type: 'string',
      nullable: true,
      enum: [...CHALLENGE_REASONS, null],
      description: 'Why the school disputed the partnership; null while it is active.',
    },
    challenged_at: {
      type: 'string',
      format: 'date-time',
      nullable: true,
      description: 'When the school disputed the partnership (RFC 3339, UTC); null while it is active.',
    },
    ...tutor,
    updated_at: schemaRef('Timestamp'),
    created_at: schemaRef('Timestamp'),
  }),
  EcfPartnership: resourceObject(
    'partnership',
    schemaRef('EcfPartnershipAttributes'),
    'An agreement that the lead provider, with one delivery partner, trains a school’s teachers in one cohort.',
  ),
  EcfPartnershipResponse: singleEnvelope('EcfPartnership', 'One partnership.'),
  EcfPartnershipsResponse: collectionEnvelope('EcfPartnership', 'A page of partnerships.'),
  PartnershipAttributes: attributes('A partnership as seen on the RECT paths.', {
    ...head,
    ...tutor,
    participants_currently_training: {
      type: 'integer',
      minimum: 0,
      description:
        'How many of the partnership’s participants are in training at the time of the request (started, and not yet ' +
        'ended, withdrawn or deferred). A participant change moves `updated_at`; so does a count that changes by itself ' +
        'when a date passes: `updated_at` moves to that instant, and `filter[updated_since]` returns the partnership from then on.',
    },
    created_at: schemaRef('Timestamp'),
    updated_at: schemaRef('Timestamp'),
  }),
  Partnership: resourceObject(
    'partnership',
    schemaRef('PartnershipAttributes'),
    'An agreement that the lead provider, with one delivery partner, trains a school’s teachers in one cohort.',
  ),
  PartnershipResponse: singleEnvelope('Partnership', 'One partnership.'),
  PartnershipsResponse: collectionEnvelope('Partnership', 'A page of partnerships.'),
};
