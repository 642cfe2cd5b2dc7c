import type { OpenAPIV3 } from 'openapi-types';
import { commonHeaders } from './components/errors.js';
import { parameterRef, requestBodyRef, responseRef, schemaRef } from './components/refs.js';

/**
 * Operation builders. Every operation gets the same auth, rate-limit, time-travel and availability
 * responses, so the path files only say what is particular to each endpoint.
 */

/** `shared`: both programmes may call it; `ecf` / `npq`: that programme's tokens only (the other gets a 403). */
export type Audience = 'shared' | 'ecf' | 'npq';

interface OperationBase {
  operationId: string;
  summary: string;
  description: string;
  tag: string;
  audience: Audience;
}

export interface ReadSpec extends OperationBase {
  /** Schema component name of the success body. */
  body: string;
  /** Parameter component names, in the order they are listed. */
  filters?: string[];
  /** Parameter component name of the list's `sort` parameter (each list sorts on its own fields). */
  sort?: string;
}

export interface WriteSpec extends OperationBase {
  body: string;
  /** Request body component name; omitted for an action that takes no body (NPQ reject). */
  requestBody?: string;
  withId: boolean;
}

const ok = (schema: string, description: string): OpenAPIV3.ResponseObject => ({
  description,
  headers: commonHeaders(),
  content: { 'application/json': { schema: schemaRef(schema) } },
});

const AUDIENCE_NOTE: Record<Audience, string> = {
  shared: 'ECF and NPQ tokens may call it.',
  ecf: 'Only ECF tokens may call it; an NPQ token gets a 403.',
  npq: 'Only NPQ tokens may call it; an ECF token gets a 403.',
};

/**
 * Every operation can answer 400 (a bad `X-With-Server-Date` or a malformed query string), 401, 403 (an admin
 * token, or the other programme's token), 429 and 503; reads by id and writes with an id add 404, writes 413,
 * 415 and 422.
 */
function responses(success: OpenAPIV3.ResponseObject, extra: Array<'404' | '413' | '415' | '422'>): OpenAPIV3.ResponsesObject {
  const all: OpenAPIV3.ResponsesObject = {
    '200': success,
    '400': responseRef('BadRequest'),
    '401': responseRef('Unauthorized'),
    '403': responseRef('Forbidden'),
  };
  if (extra.includes('404')) all['404'] = responseRef('NotFound');
  if (extra.includes('413')) all['413'] = responseRef('PayloadTooLarge');
  if (extra.includes('415')) all['415'] = responseRef('UnsupportedMediaType');
  if (extra.includes('422')) all['422'] = responseRef('UnprocessableEntity');
  all['429'] = responseRef('TooManyRequests');
  all['503'] = responseRef('ServiceUnavailable');
  return all;
}

const refs = (names: string[]): OpenAPIV3.ReferenceObject[] => names.map(parameterRef);

function base(spec: OperationBase, parameters: string[]): Omit<OpenAPIV3.OperationObject, 'responses'> {
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: `${spec.description} ${AUDIENCE_NOTE[spec.audience]}`,
    tags: [spec.tag],
    parameters: refs([...parameters, 'WithServerDate']),
  };
}

export function listOperation(spec: ReadSpec): OpenAPIV3.OperationObject {
  const params = [...(spec.filters ?? []), ...(spec.sort ? [spec.sort] : []), 'PageNumber', 'PageSize'];
  return { ...base(spec, params), responses: responses(ok(spec.body, 'A page of results.'), []) };
}

export function showOperation(spec: ReadSpec): OpenAPIV3.OperationObject {
  return {
    ...base(spec, ['ResourceId', ...(spec.filters ?? [])]),
    responses: responses(ok(spec.body, 'The resource.'), ['404']),
  };
}

export function writeOperation(spec: WriteSpec): OpenAPIV3.OperationObject {
  return {
    ...base(spec, spec.withId ? ['ResourceId'] : []),
    ...(spec.requestBody ? { requestBody: requestBodyRef(spec.requestBody) } : {}),
    responses: responses(ok(spec.body, 'The resource as it stands after the change.'), spec.withId ? ['404', '413', '415', '422'] : ['413', '415', '422']),
  };
}

/** The paths of one resource and the tags their operations use. */
export interface PathGroup {
  tags: OpenAPIV3.TagObject[];
  paths: OpenAPIV3.PathsObject;
}

/**
 * A CSV export (v1/v2 NPQ): the whole list as `text/csv`, no paging; errors are JSON as everywhere else.
 */
export function csvOperation(spec: ReadSpec): OpenAPIV3.OperationObject {
  const success: OpenAPIV3.ResponseObject = {
    description: 'The CSV file: a header row, then one row per record.',
    headers: commonHeaders(),
    content: { 'text/csv': { schema: schemaRef(spec.body) } },
  };
  return { ...base(spec, spec.filters ?? []), responses: responses(success, []) };
}
