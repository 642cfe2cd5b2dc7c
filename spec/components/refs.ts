import type { OpenAPIV3 } from 'openapi-types';

/** `$ref` builders, so every reference in the documents is written in one place. */
export const schemaRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
export const parameterRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/parameters/${name}` });
export const responseRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/responses/${name}` });
export const headerRef = (name: string): OpenAPIV3.ReferenceObject => ({ $ref: `#/components/headers/${name}` });
export const requestBodyRef = (name: string): OpenAPIV3.ReferenceObject => ({
  $ref: `#/components/requestBodies/${name}`,
});

/** The success envelopes: one resource is `{data: {...}}`, a page of them is `{data: [...]}` with no meta or links. */
export function singleEnvelope(resource: string, description: string): OpenAPIV3.SchemaObject {
  return {
    type: 'object',
    description,
    required: ['data'],
    additionalProperties: false,
    properties: { data: schemaRef(resource) },
  };
}

export function collectionEnvelope(resource: string, description: string): OpenAPIV3.SchemaObject {
  return {
    type: 'object',
    description,
    required: ['data'],
    additionalProperties: false,
    properties: { data: { type: 'array', items: schemaRef(resource) } },
  };
}

/** A JSON:API-style resource object `{id, type, attributes}` whose `type` is fixed. */
export function resourceObject(type: string, attributes: OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject, description: string): OpenAPIV3.SchemaObject {
  return {
    type: 'object',
    description,
    required: ['id', 'type', 'attributes'],
    additionalProperties: false,
    properties: {
      id: schemaRef('Id'),
      type: { type: 'string', enum: [type], description: `Always \`${type}\`.` },
      attributes,
    },
  };
}
