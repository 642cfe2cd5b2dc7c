import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { stateOf } from './request-state.js';

/**
 * One line per request: method, path, status, duration and who called. Headers are never logged,
 * so the Authorization header cannot reach the logs (ARCHITECTURE.md §2.10).
 */
export function accessLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const caller = stateOf(req).caller;
      log.info(
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          caller: caller.kind === 'lead_provider' ? `${caller.leadProviderId}:${caller.programme}` : caller.kind,
          requestId: stateOf(req).requestId,
        },
        'request',
      );
    });
    next();
  };
}
