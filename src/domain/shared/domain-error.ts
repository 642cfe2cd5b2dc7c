/**
 * The one error type the domain throws (ARCHITECTURE.md §3). Each transport maps the code
 * to its own shape; no HTTP status is chosen here.
 */
export type DomainErrorCode = 'validation' | 'not_found' | 'unauthenticated' | 'forbidden' | 'invalid_transition' | 'conflict' | 'bad_input';

/** One rule violation: the API attribute it concerns and the live services' message. */
export interface Violation {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly violations: Violation[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(violations: Violation[]): DomainError {
    return new DomainError('validation', violations.map((v) => `${v.field}: ${v.message}`).join('; '), violations);
  }

  static notFound(what = 'Resource'): DomainError {
    return new DomainError('not_found', `${what} not found`);
  }

  static forbidden(message: string): DomainError {
    return new DomainError('forbidden', message);
  }

  static badInput(message: string): DomainError {
    return new DomainError('bad_input', message);
  }
}
