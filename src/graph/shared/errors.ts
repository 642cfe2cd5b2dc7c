import { GraphQLError } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { DomainError, type DomainErrorCode } from '../../domain/shared/domain-error.js';

/** GraphQL error codes (extensions.code) the API uses; the REST facade maps these, never domain types. */
export type GraphErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNPROCESSABLE'
  | 'BAD_USER_INPUT'
  | 'INVALID_TRANSITION'
  | 'CONFLICT';

function codeFor(code: DomainErrorCode): GraphErrorCode {
  switch (code) {
    case 'validation':
      return 'UNPROCESSABLE';
    case 'not_found':
      return 'NOT_FOUND';
    case 'unauthenticated':
      return 'UNAUTHENTICATED';
    case 'forbidden':
      return 'FORBIDDEN';
    case 'invalid_transition':
      return 'INVALID_TRANSITION';
    case 'conflict':
      return 'CONFLICT';
    case 'bad_input':
      return 'BAD_USER_INPUT';
    default: {
      const unreachable: never = code;
      throw new Error(`unmapped domain error code ${String(unreachable)}`);
    }
  }
}

export function toGraphError(e: DomainError): GraphQLError {
  return new GraphQLError(e.message, { extensions: { code: codeFor(e.code), violations: e.violations } });
}

/** Turns domain errors into GraphQL errors with a stable code, for Apollo and the REST facade alike. */
export const domainErrors: MiddlewareFn = async (_, next) => {
  try {
    return await next();
  } catch (e) {
    if (e instanceof DomainError) throw toGraphError(e);
    throw e;
  }
};
