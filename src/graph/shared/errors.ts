import { GraphQLError, type ExecutionResult } from 'graphql';
import { DomainError, type DomainErrorCode } from '../../domain/shared/domain-error.js';

/** GraphQL error codes (extensions.code) the API uses; the REST facade maps these, never domain types. */
export type GraphErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNPROCESSABLE' | 'BAD_USER_INPUT' | 'INVALID_TRANSITION' | 'CONFLICT';

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

/** A GraphQL error whose cause is a domain error, re-expressed with its stable code and violations. */
export function withDomainCode(error: GraphQLError): GraphQLError {
  const cause = error.originalError;
  if (!(cause instanceof DomainError)) return error;
  const mapped = toGraphError(cause);
  return new GraphQLError(mapped.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: cause,
    extensions: mapped.extensions,
  });
}

/**
 * The first error of a result that no rule produced (a bug or an outage: not a domain error and no code), as
 * thrown, so the REST path hands it to the app's error handler (logged once; 500, or 503 when the database is
 * unavailable) instead of mapping it.
 */
export function unexpectedErrorOf(result: ExecutionResult): Error | undefined {
  const error = result.errors?.find((e) => !(e.originalError instanceof DomainError) && e.extensions?.code === undefined);
  return error ? (error.originalError ?? error) : undefined;
}

/** Maps the domain errors of one execution result (REST facade path). */
export function graphErrorsOf(result: ExecutionResult): ExecutionResult {
  return result.errors?.length ? { ...result, errors: result.errors.map(withDomainCode) } : result;
}
