import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { stateOf } from './request-state.js';

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export const DATABASE_UNAVAILABLE_BODY = {
  errors: [
    { title: 'Service unavailable', detail: 'The service cannot reach its database just now; retry after the number of seconds in the Retry-After header' },
  ],
};
export const INTERNAL_ERROR_BODY = { error: 'Internal server error' };

// Socket-level failures to reach PostgreSQL, as node and pg report them.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// PostgreSQL SQLSTATEs: class 08 connection exceptions (not 08P01, a protocol violation such as a NUL byte in a
// parameter: that is a bad request, not an outage), 57P01–57P03 (admin/crash shutdown, cannot connect now),
// 53300 (too many connections).
const SQLSTATE = /^(0800[013467]|57P0[1-3]|53300)$/;
const MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused|terminating connection due to administrator command|the database system is (starting up|shutting down)|server closed the connection unexpectedly/i;

/**
 * True when an error (or anything in its cause chain: `cause`, GraphQL's `originalError`, an AggregateError's
 * `errors`) says the database cannot be reached, as opposed to a query or programming error. REST answers
 * these with 503 + Retry-After; `/graphql` can call this on an unexpected error to do the same.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown, depth: number): boolean => {
    if (typeof e !== 'object' || e === null || seen.has(e) || depth > 8) return false;
    seen.add(e);
    const err = e as { code?: unknown; message?: unknown; name?: unknown; cause?: unknown; originalError?: unknown; errors?: unknown };
    const code = typeof err.code === 'string' ? err.code : '';
    if (NETWORK_CODES.has(code) || SQLSTATE.test(code)) return true;
    if (err.name === 'ConnectionException') return true;
    if (typeof err.message === 'string' && MESSAGES.test(err.message)) return true;
    if (Array.isArray(err.errors) && err.errors.some((x) => walk(x, depth + 1))) return true;
    return walk(err.cause, depth + 1) || walk(err.originalError, depth + 1);
  };
  return walk(error, 0);
}

/** The error message and code for a log line (never a request header: tokens stay out of logs). */
export function errorForLog(error: unknown): { message: string; code?: string; stack?: string } {
  const e = error as { message?: unknown; code?: unknown; stack?: unknown; originalError?: { message?: unknown; code?: unknown; stack?: unknown } };
  const inner = e?.originalError ?? e;
  return {
    message: String(inner?.message ?? e?.message ?? error),
    ...(typeof inner?.code === 'string' ? { code: inner.code } : {}),
    ...(typeof inner?.stack === 'string' ? { stack: inner.stack } : {}),
  };
}

/**
 * The last express error handler. Body-parser failures are 400/413 JSON; any other 4xx keeps its status; a
 * database outage is 503 + Retry-After; anything else 500. Every 5xx writes exactly one error line with the
 * error, the route and the request id.
 */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const e = err as { type?: string; status?: number; statusCode?: number; message?: string; expose?: boolean };
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ title: 'Bad request', detail: 'The request body is not valid JSON' }] });
      return;
    }
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ title: 'Payload too large', detail: 'The request body is larger than 1 MB' }] });
      return;
    }
    if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') {
      res.status(415).json({ errors: [{ title: 'Unsupported media type', detail: e.message ?? 'Unsupported request body encoding' }] });
      return;
    }
    const status = typeof e?.status === 'number' ? e.status : e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ title: 'Bad request', detail: e.expose === false ? 'Bad request' : (e.message ?? 'Bad request') }] });
      return;
    }
    const unavailable = isDatabaseUnavailable(err);
    const answer = unavailable ? 503 : 500;
    log.error(
      { err: errorForLog(err), status: answer, method: req.method, route: routeOf(req), requestId: stateOf(req).requestId },
      unavailable ? 'database unavailable' : 'unhandled error',
    );
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (unavailable) {
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res.status(503).json(DATABASE_UNAVAILABLE_BODY);
      return;
    }
    res.status(500).json(INTERNAL_ERROR_BODY);
  };
}

/** The matched route pattern (`/api/v3/partnerships/ecf/:id`) when there is one, else the path without query. */
export function routeOf(req: Request): string {
  const pattern = (req.route as { path?: unknown } | undefined)?.path;
  return typeof pattern === 'string' ? pattern : req.originalUrl.split('?')[0];
}
