import pino, { type Logger } from 'pino';
import type { LogLevel } from './config.js';

/** JSON logs. Authorization headers and tokens are redacted wherever they appear (ARCHITECTURE.md §2.10). */
export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.authorization', 'token', '*.token'],
      censor: '[redacted]',
    },
  });
}
