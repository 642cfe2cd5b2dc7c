import type { Request } from 'express';
import type { Caller } from '../domain/auth/caller.js';
import type { Clock } from '../domain/shared/clock.js';

/** Per-request state set by the shared middlewares (auth, clock) and read by /graphql and the REST facade. */
export interface RequestState {
  caller: Caller;
  /** Digest of the presented token (never the token itself): the rate-limit key. */
  tokenDigest?: string;
  clock: Clock;
  /** The request id returned as `X-Request-Id` and written on every log line about the request. */
  requestId?: string;
}

const states = new WeakMap<Request, RequestState>();

export function stateOf(req: Request): RequestState {
  let s = states.get(req);
  if (!s) {
    s = { caller: { kind: 'anonymous' }, clock: undefined as unknown as Clock };
    states.set(req, s);
  }
  return s;
}
