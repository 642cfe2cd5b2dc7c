import type { GraphQLFormattedError, GraphQLError } from 'graphql';

/** Which live service's wording a response follows: ECF paths, RECT paths, or NPQ (shared paths follow the token). */
export type Family = 'ecf' | 'rect' | 'npq';

export interface RestError {
  status: number;
  body: unknown;
}

export class RestHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

const errors = (title: string, detail: string) => ({ errors: [{ title, detail }] });

export const badRequest = (detail: string) => new RestHttpError(400, errors('Bad request', detail));
export const badParameter = (detail: string) => new RestHttpError(400, errors('Bad parameter', detail));

export const NOT_FOUND_BODY = errors('Resource not found', 'Nothing could be found for the provided details');
/** NPQ has always answered 404 with a bare `error` string (npq.md §9.5). */
const NOT_FOUND_NPQ_BODY = { error: 'Resource not found' };
const notFoundBody = (family: Family) => (family === 'npq' ? NOT_FOUND_NPQ_BODY : NOT_FOUND_BODY);
export const notFound = (family: Family) => new RestHttpError(404, notFoundBody(family));

export const MISSING_DATA_DETAIL: Record<Family, string> = {
  ecf: 'correct json data structure required. See API docs for reference',
  npq: 'correct json data structure required. See API docs for reference',
  rect: 'Correct json data structure required. See API docs for reference.',
};

interface Violation {
  field: string;
  message: string;
}

/** GraphQL violations name input fields (`schoolId`); REST bodies name the API attribute (`school_id`). */
const restAttribute = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * The one mapper from GraphQL error codes to REST responses. 422 bodies list one entry per
 * attribute, in the order they first failed, messages joined with ", " (ecf.md §12, rect.md §7.1).
 */
export function restErrorFrom(error: GraphQLError | GraphQLFormattedError, family: Family): RestError {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR';
  switch (code) {
    case 'UNPROCESSABLE': {
      const grouped = new Map<string, string[]>();
      for (const v of (error.extensions?.violations as Violation[] | undefined) ?? []) {
        const field = restAttribute(v.field);
        const list = grouped.get(field) ?? [];
        if (!list.includes(v.message)) list.push(v.message);
        grouped.set(field, list);
      }
      return { status: 422, body: { errors: [...grouped].map(([title, msgs]) => ({ title, detail: msgs.join(', ') })) } };
    }
    case 'INVALID_TRANSITION':
    case 'CONFLICT':
      return { status: 422, body: errors('Invalid action', error.message) };
    case 'NOT_FOUND':
      return { status: 404, body: notFoundBody(family) };
    case 'FORBIDDEN': {
      // A rule's own 403 (NPQ "Cannot modify declaration", npq.md §5.1) names its title as the violation's field.
      const own = (error.extensions?.violations as Violation[] | undefined)?.[0];
      if (own) return { status: 403, body: errors(own.field, own.message) };
      return { status: 403, body: errors('Forbidden', error.message) };
    }
    case 'UNAUTHENTICATED':
      return { status: 401, body: { error: 'HTTP Token: Access denied' } };
    case 'BAD_USER_INPUT':
    case 'GRAPHQL_VALIDATION_FAILED':
      return { status: 400, body: errors('Bad request', error.message) };
    default:
      return { status: 500, body: { error: 'Internal server error' } };
  }
}
