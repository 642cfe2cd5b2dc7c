import type { NextFunction, Request, Response } from 'express';
import { fixedOffsetClock } from '../domain/shared/clock.js';
import type { AppEnv } from './config.js';
import { stateOf } from './request-state.js';

// RFC 3339 date-time, or a full date (midnight UTC).
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2}))?$/;

export function parseServerDate(raw: string): Date | null {
  const m = RFC3339.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const date = new Date(m[4] ? raw.trim() : `${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject values JavaScript would roll over (month 13, 31 February, 25:00).
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > new Date(Date.UTC(+y, +mo, 0)).getUTCDate() || +h > 23 || +mi > 59 || +s > 59) return null;
  return date;
}

/**
 * The range a travelled clock may take. Outside it a write would stamp rows PostgreSQL cannot hold (year 0)
 * or that no test needs (year 9999) and that would sit above every real `updated_at`; 2000–2100 covers every
 * cohort and schedule with room to spare.
 */
export const MIN_SERVER_DATE = new Date('2000-01-01T00:00:00Z');
export const MAX_SERVER_DATE = new Date('2100-12-31T23:59:59.999Z');

export function serverDateInRange(date: Date): boolean {
  return date.getTime() >= MIN_SERVER_DATE.getTime() && date.getTime() <= MAX_SERVER_DATE.getTime();
}

export const SERVER_DATE_OUT_OF_RANGE_BODY = {
  errors: [{ title: 'Bad request', detail: "The header 'X-With-Server-Date' must be between 2000-01-01T00:00:00Z and 2100-12-31T23:59:59Z" }],
};

export const BAD_SERVER_DATE_BODY = {
  errors: [{ title: 'Bad request', detail: "The header 'X-With-Server-Date' must be a valid RFC 3339 date-time, for example 2025-01-10T10:42:00Z" }],
};

/**
 * Gives every request its own clock (ARCHITECTURE.md §2.5). Outside production `X-With-Server-Date`
 * moves "now" for the whole request; in production the header is ignored.
 */
export function requestClock(appEnv: AppEnv) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers['x-with-server-date'];
    const raw = Array.isArray(header) ? header[0] : header;
    let travelled: Date | undefined;
    if (raw !== undefined && appEnv !== 'production') {
      const parsed = parseServerDate(raw);
      if (!parsed) {
        res.status(400).json(BAD_SERVER_DATE_BODY);
        return;
      }
      if (!serverDateInRange(parsed)) {
        res.status(400).json(SERVER_DATE_OUT_OF_RANGE_BODY);
        return;
      }
      travelled = parsed;
      res.setHeader('X-With-Server-Date', parsed.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
    stateOf(req).clock = fixedOffsetClock(() => new Date(), travelled);
    next();
  };
}
