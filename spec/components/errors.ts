import type { OpenAPIV3 } from 'openapi-types';
import { headerRef, schemaRef } from './refs.js';

/**
 * Error bodies, response headers and error responses. Errors use the `{errors: [{title, detail}]}` envelope
 * except 401, NPQ's 404 and 500, which keep the live services' `{error}` bodies. 429 is JSON with Retry-After
 * here, where the live services send plain text without it (domain/ecf.md §10; docs/compatibility.md).
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
        description: 'Short category of the problem. For validation failures (422) it names the request attribute at fault.',
        example: 'delivery_partner_id',
      },
      detail: { type: 'string', description: 'Human-readable explanation of what to change.' },
    },
  },
  ErrorsResponse: {
    type: 'object',
    description: 'Envelope of the error responses, apart from 401 and the 404 sent to NPQ tokens.',
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

/**
 * Headers of every response under `/api` (the rate limiter runs before authentication fails, so even a 401
 * carries the rate-limit headers, for the caller's IP), plus Retry-After on 429 and 503.
 * Format of the rate-limit fields: IETF draft-ietf-httpapi-ratelimit-headers-08, as express-rate-limit writes it.
 */
export const responseHeaders: Record<string, OpenAPIV3.HeaderObject> = {
  RetryAfter: {
    description: 'Whole seconds to wait before sending the request again.',
    schema: { type: 'integer', minimum: 0 },
    example: 120,
  },
  RateLimit: {
    description:
      'What is left of the current rate-limit window: `"token"; r=<requests left>; t=<seconds until the window ' +
      'resets>`. For a request without a valid token the partition is `"ip"` (the budget of the caller’s IP address).',
    schema: { type: 'string' },
    example: '"token"; r=999; t=300',
  },
  RateLimitPolicy: {
    description:
      'The quota that applies: `"token"; q=1000; w=300; pk=:<key digest>:` (1000 requests per 300-second window ' +
      'per token; for requests without a valid token `"ip"; q=1500; w=300; …`). `pk` identifies the budget without ' +
      'revealing the token.',
    schema: { type: 'string' },
    example: '"token"; q=1000; w=300; pk=:ZjViOWYwMjk3NTI5:',
  },
  ServerDate: {
    description:
      'Sent back when the request carried `X-With-Server-Date` (outside production): the instant the request ran ' + 'as, in UTC to the whole second.',
    schema: { type: 'string', format: 'date-time' },
    example: '2025-01-10T10:42:00Z',
  },
  RequestId: {
    description:
      'Identifier of this request, also written to the service log; quote it when reporting a problem. A ' +
      'well-formed `X-Request-Id` sent with the request (1–128 letters, digits and `-_.:`) is kept, otherwise ' +
      'the service makes one.',
    schema: { type: 'string' },
  },
};

/** The headers of every response that passed the rate limiter. */
export function commonHeaders(): Record<string, OpenAPIV3.ReferenceObject> {
  return {
    RateLimit: headerRef('RateLimit'),
    'RateLimit-Policy': headerRef('RateLimitPolicy'),
    ...bodyRefusalHeaders(),
    'X-With-Server-Date': headerRef('ServerDate'),
  };
}

/**
 * A body that cannot be read (too large, another charset, not JSON) is refused while it is read, before
 * authentication and rate limiting, so those answers carry no rate-limit headers (and are not counted).
 */
function bodyRefusalHeaders(): Record<string, OpenAPIV3.ReferenceObject> {
  return { 'X-Request-Id': headerRef('RequestId') };
}

function errorsContent(title: string, detail: string): Record<string, OpenAPIV3.MediaTypeObject> {
  return { 'application/json': { schema: schemaRef('ErrorsResponse'), example: { errors: [{ title, detail }] } } };
}

export const errorResponses: Record<string, OpenAPIV3.ResponseObject> = {
  BadRequest: {
    description:
      'The request is malformed: a `page[page]` or `page[per_page]` below 1 or not a number; an unparseable or ' +
      'out-of-range `filter[updated_since]`; a missing required filter; `filter` sent as a single value instead ' +
      'of `filter[...]` keys; a query parameter repeated or given as a list or object where one value is ' +
      'documented; an invalid `X-With-Server-Date` header; or, on writes, a body that is not JSON or has no ' +
      '`data.attributes`. The title is `Bad request` or `Bad parameter`. A body that is not JSON is refused ' +
      'while it is read, before the token is checked: that 400 has no rate-limit headers and is not counted.',
    headers: commonHeaders(),
    content: errorsContent('Bad request', "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid number (equal and more than 1)"),
  },
  Unauthorized: {
    description: 'No bearer token was sent, or the token is unknown or revoked.',
    headers: commonHeaders(),
    content: {
      'application/json': { schema: schemaRef('UnauthorizedResponse'), example: { error: 'HTTP Token: Access denied' } },
    },
  },
  Forbidden: {
    description:
      'The token belongs to the other programme (an NPQ token on an ECF or RECT endpoint, an ECF token on an NPQ ' +
      'endpoint), or it is an admin token, which is for /graphql only.',
    headers: commonHeaders(),
    content: errorsContent('Forbidden', 'This endpoint is part of the ECF API; your token is for the NPQ programme'),
  },
  NotFound: {
    description:
      'No resource with this id is visible to the lead provider that owns the token (an id that is not a UUID ' +
      'is not found either). ECF tokens get the `errors` envelope; NPQ tokens get `{"error":"Resource not found"}` ' +
      'as the NPQ API sends it.',
    headers: commonHeaders(),
    content: {
      'application/json': {
        schema: { oneOf: [schemaRef('ErrorsResponse'), schemaRef('NotFoundSimpleResponse')] },
        example: { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] },
      },
    },
  },
  PayloadTooLarge: {
    description: 'The request body is larger than 1 MB. Refused while the body is read, before the token is checked: no ' + 'rate-limit headers, not counted.',
    headers: bodyRefusalHeaders(),
    content: errorsContent('Payload too large', 'The request body is larger than 1 MB'),
  },
  UnsupportedMediaType: {
    description:
      'The request body is in a character set or content encoding the service cannot read (send UTF-8 JSON). ' +
      'Refused while the body is read, before the token is checked: no rate-limit headers, not counted.',
    headers: bodyRefusalHeaders(),
    content: errorsContent('Unsupported media type', 'unsupported charset "LATIN-1"'),
  },
  UnprocessableEntity: {
    description:
      'The request was understood but breaks a rule. There is one item per failing attribute; `title` names ' +
      'the attribute and `detail` says what is wrong. A change the partnership’s state does not allow has the ' +
      'title `Invalid action`.',
    headers: commonHeaders(),
    content: errorsContent('school_id', "Enter a '#/school_id'."),
  },
  TooManyRequests: {
    description:
      'The token has used its 1000 requests of the current 300-second window (requests without a valid token: ' +
      'the caller’s IP address has used its 1500). The window started at the first request of the budget; ' +
      '`Retry-After` says when it resets.',
    headers: { 'Retry-After': headerRef('RetryAfter'), ...commonHeaders() },
    content: errorsContent('Too many requests', 'You have made too many requests. The limit resets within 300 seconds; see the Retry-After header.'),
  },
  ServiceUnavailable: {
    description: 'The service cannot reach its database for the moment. Nothing was changed; send the request again after ' + '`Retry-After` seconds.',
    headers: { 'Retry-After': headerRef('RetryAfter'), ...commonHeaders() },
    content: errorsContent(
      'Service unavailable',
      'The service cannot reach its database just now; retry after the number of seconds in the Retry-After header',
    ),
  },
};
