import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { stateOf } from './request-state.js';

/** An incoming id is kept when it is 1–128 characters of letters, digits and `-_.:` (a UUID, a trace id). */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdOf(header: string | string[] | undefined): string {
  const raw = Array.isArray(header) ? header[0] : header;
  return raw !== undefined && WELL_FORMED.test(raw) ? raw : randomUUID();
}

/**
 * Gives every request an id, returned as `X-Request-Id` on every response and logged with it, so a provider
 * quoting the header lets support find the log line. A well-formed incoming `X-Request-Id` (from a proxy or the
 * client) is kept; anything else is replaced.
 */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const id = requestIdOf(req.headers['x-request-id']);
  stateOf(req).requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
}
