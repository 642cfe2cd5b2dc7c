import type { EntityManager } from '@mikro-orm/postgresql';

/** PostgreSQL's "try the transaction again" SQLSTATEs: deadlock detected, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);
/**
 * Attempts in all, the first included. Eight: a CI run on a loaded 2-core machine saw an admin merge answer 500
 * among concurrent registrations, moves and merges (admin-polling.test.ts; the cause was not captured, and four
 * deadlocks in a row is the likeliest one there), and a retry costs only the victim's own work again.
 */
const ATTEMPTS = 8;

function isRetryable(error: unknown): boolean {
  for (let e = error as { code?: unknown; sqlState?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if ([e.sqlState, e.code].some((c) => typeof c === 'string' && RETRYABLE.has(c))) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * A write transaction that PostgreSQL may ask to be tried again. Writes lock rows in a common order (partnerships,
 * school-in-cohort rows, projection rows, then the write clock: participant-projection.ts, write-stamp.ts), but
 * foreign-key share locks and the projection refreshes of concurrent writers to the same people can still meet in
 * a cycle; PostgreSQL then aborts one transaction with 40P01, which rolled back everything it did. That victim is
 * run again here from the start (a fresh transaction, the same request clock), so the caller sees one success
 * instead of a 500; after eight attempts the error is passed on. Validation failures (DomainError) are never retried.
 */
export async function writeTransaction<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await em.transactional(work);
    } catch (error) {
      if (attempt >= ATTEMPTS || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10 * attempt)));
    }
  }
}
