import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

/** Financial statement fields common to both programmes; ECF adds `type` (domain/ecf.md §5). */
function statementAttributes(withType: boolean): OpenAPIV3.SchemaObject {
  const properties: Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject> = {
    month: { type: 'string', description: 'Month the statement covers, in English.', example: 'May' },
    year: { type: 'string', pattern: '^\\d{4}$', description: 'Year the statement covers.', example: '2022' },
    ...(withType ? { type: { type: 'string', enum: ['ecf'], description: 'Programme of the statement.' } } : {}),
    cohort: schemaRef('CohortYear'),
    cut_off_date: {
      allOf: [schemaRef('CalendarDate')],
      description: 'Last day on which declarations can be attached to this statement.',
    },
    payment_date: { allOf: [schemaRef('CalendarDate')], description: 'Day on which DfE pays the statement.' },
    paid: { type: 'boolean', description: 'Whether DfE has paid the statement.' },
    created_at: schemaRef('Timestamp'),
    updated_at: schemaRef('Timestamp'),
  };
  return {
    type: 'object',
    title: withType ? 'ECF statement' : 'NPQ statement',
    description: withType ? 'Returned to ECF tokens.' : 'Returned to NPQ tokens; it has no `type` attribute.',
    required: Object.keys(properties),
    additionalProperties: false,
    properties,
  };
}

export const statementSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfStatementAttributes: statementAttributes(true),
  NpqStatementAttributes: statementAttributes(false),
  Statement: resourceObject(
    'statement',
    {
      oneOf: [schemaRef('EcfStatementAttributes'), schemaRef('NpqStatementAttributes')],
      description: 'ECF shape for an ECF token, NPQ shape for an NPQ token.',
    },
    'A financial statement: the declarations a lead provider is paid for on one payment date.',
  ),
  StatementResponse: singleEnvelope('Statement', 'One statement.'),
  StatementsResponse: collectionEnvelope('Statement', 'A page of statements.'),
};
