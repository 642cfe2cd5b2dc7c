import type { OpenAPIV3 } from 'openapi-types';
import { parameterRef, requestBodyRef, responseRef, schemaRef } from './components/refs.js';

/**
 * Operation builders. Every operation gets the same auth, rate-limit and time-travel description, so the
 * path files only say what is particular to each endpoint.
 */

/** `shared`: both programmes may call it; `ecf`: an NPQ token gets a 403. */
export type Audience = 'shared' | 'ecf';

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
  sortable?: boolean;
}

export interface WriteSpec extends OperationBase {
  body: string;
  requestBody: string;
  withId: boolean;
}

const ok = (schema: string, description: string): OpenAPIV3.ResponseObject => ({
  description,
  content: { 'application/json': { schema: schemaRef(schema) } },
});

function responses(
  success: OpenAPIV3.ResponseObject,
  audience: Audience,
  codes: Array<'400' | '404' | '422'>,
): OpenAPIV3.ResponsesObject {
  const all: OpenAPIV3.ResponsesObject = { '200': success };
  if (codes.includes('400')) all['400'] = responseRef('BadRequest');
  all['401'] = responseRef('Unauthorized');
  if (audience === 'ecf') all['403'] = responseRef('Forbidden');
  if (codes.includes('404')) all['404'] = responseRef('NotFound');
  if (codes.includes('422')) all['422'] = responseRef('UnprocessableEntity');
  all['429'] = responseRef('TooManyRequests');
  return all;
}

const refs = (names: string[]): OpenAPIV3.ReferenceObject[] => names.map(parameterRef);

function base(spec: OperationBase, parameters: string[]): Omit<OpenAPIV3.OperationObject, 'responses'> {
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    description: spec.description,
    tags: [spec.tag],
    parameters: refs([...parameters, 'WithServerDate']),
  };
}

export function listOperation(spec: ReadSpec): OpenAPIV3.OperationObject {
  const params = [...(spec.filters ?? []), ...(spec.sortable ? ['Sort'] : []), 'PageNumber', 'PageSize'];
  return { ...base(spec, params), responses: responses(ok(spec.body, 'A page of results.'), spec.audience, ['400']) };
}

export function showOperation(spec: ReadSpec): OpenAPIV3.OperationObject {
  const filters = spec.filters ?? [];
  const codes: Array<'400' | '404'> = filters.length > 0 ? ['400', '404'] : ['404'];
  return {
    ...base(spec, ['ResourceId', ...filters]),
    responses: responses(ok(spec.body, 'The resource.'), spec.audience, codes),
  };
}

export function writeOperation(spec: WriteSpec): OpenAPIV3.OperationObject {
  const codes: Array<'400' | '404' | '422'> = spec.withId ? ['400', '404', '422'] : ['400', '422'];
  return {
    ...base(spec, spec.withId ? ['ResourceId'] : []),
    requestBody: requestBodyRef(spec.requestBody),
    responses: responses(ok(spec.body, 'The resource as it stands after the change.'), spec.audience, codes),
  };
}

/** The paths of one resource and the tags their operations use. */
export interface PathGroup {
  tags: OpenAPIV3.TagObject[];
  paths: OpenAPIV3.PathsObject;
}
