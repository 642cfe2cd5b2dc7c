import type { OpenAPIV3 } from 'openapi-types';
import { headerRef, schemaRef } from './refs.js';

/**
 * Error bodies and responses. Every error except 401 uses the `{errors: [{title, detail}]}` envelope;
 * 429 is JSON with Retry-After here, where the live services send plain text without it (domain/ecf.md §10).
 */
export const errorSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  ErrorItem: {
    type: 'object',
    description: 'One problem with the request.',
    required: ['title', 'detail'],
    additionalProperties: false,
    properties: {
      title: {
        type: 'string',
        description:
          'Short category of the problem. For validation failures (422) it names the request attribute at fault.',
        example: 'delivery_partner_id',
      },
      detail: { type: 'string', description: 'Human-readable explanation of what to change.' },
    },
  },
  ErrorsResponse: {
    type: 'object',
    description: 'Envelope used by every error response apart from 401.',
    required: ['errors'],
    additionalProperties: false,
    properties: { errors: { type: 'array', minItems: 1, items: schemaRef('ErrorItem') } },
  },
  NotFoundSimpleResponse: {
    type: 'object',
    description: 'Body of a 404 for NPQ tokens, as the NPQ API has always sent it.',
    required: ['error'],
    additionalProperties: false,
    properties: { error: { type: 'string', enum: ['Resource not found'] } },
  },
  UnauthorizedResponse: {
    type: 'object',
    description: 'Body returned when the bearer token is missing or not recognised.',
    required: ['error'],
    additionalProperties: false,
    properties: { error: { type: 'string', enum: ['HTTP Token: Access denied'] } },
  },
};

export const rateLimitHeaders: Record<string, OpenAPIV3.HeaderObject> = {
  RetryAfter: {
    description: 'Whole seconds until the current rate-limit window ends and requests are accepted again.',
    schema: { type: 'integer', minimum: 0 },
  },
  RateLimit: {
    description: 'Requests left in the current window and seconds until it resets (IETF RateLimit header fields).',
    schema: { type: 'string' },
  },
  RateLimitPolicy: {
    description: 'The quota applied to the token: 1000 requests per 300-second window.',
    schema: { type: 'string' },
  },
};

function errorsExample(title: string, detail: string): Record<string, OpenAPIV3.MediaTypeObject> {
  return { 'application/json': { schema: schemaRef('ErrorsResponse'), example: { errors: [{ title, detail }] } } };
}

export const errorResponses: Record<string, OpenAPIV3.ResponseObject> = {
  BadRequest: {
    description:
      'The query string or body is malformed: a page number or size below 1 or not a number, an unparseable ' +
      '`filter[updated_since]`, a missing required filter, or a body without `data`. The title is ' +
      '`Bad request` or `Bad parameter`.',
    content: errorsExample(
      'Bad request',
      "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid number (equal and more than 1)",
    ),
  },
  Unauthorized: {
    description: 'No bearer token was sent, or the token is unknown.',
    content: {
      'application/json': { schema: schemaRef('UnauthorizedResponse'), example: { error: 'HTTP Token: Access denied' } },
    },
  },
  Forbidden: {
    description: 'The token belongs to the other programme (an NPQ token on an ECF endpoint), or is an admin token, which is for /graphql only.',
    content: errorsExample('Forbidden', 'This endpoint is not available to tokens of your programme.'),
  },
  NotFound: {
    description:
      'No resource with this id is visible to the lead provider that owns the token. ECF tokens get the ' +
      '`errors` envelope; NPQ tokens get `{"error":"Resource not found"}` as the NPQ API sends it.',
    content: {
      'application/json': {
        schema: { oneOf: [schemaRef('ErrorsResponse'), schemaRef('NotFoundSimpleResponse')] },
        example: { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] },
      },
    },
  },
  UnprocessableEntity: {
    description:
      'The request was understood but breaks a rule. There is one item per failing attribute; `title` names ' +
      'the attribute and `detail` says what is wrong.',
    content: errorsExample('school_id', "Enter a '#/school_id'."),
  },
  TooManyRequests: {
    description: 'The token has used its 1000 requests for the current 300-second window.',
    headers: {
      'Retry-After': headerRef('RetryAfter'),
      RateLimit: headerRef('RateLimit'),
      'RateLimit-Policy': headerRef('RateLimitPolicy'),
    },
    content: errorsExample('Too many requests', 'Rate limit exceeded. Retry after the seconds in Retry-After.'),
  },
};
