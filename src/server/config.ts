/**
 * Configuration from environment variables, validated once at start-up.
 * A bad value stops the process with a message naming the variable and what it accepts.
 */
export type AppEnv = 'development' | 'test' | 'sandbox' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface AppConfig {
  appEnv: AppEnv;
  port: number;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  rateLimitMax: number;
  rateLimitWindowMs: number;
  /** Per-IP budget for calls without a valid token (and the backstop for everything). */
  rateLimitIpMax: number;
  logLevel: LogLevel;
  /** Folder for the embedded database and the demo tokens file. */
  dataDir: string;
  /** Key for the HMAC digest of API tokens. */
  tokenPepper: string;
  /**
   * V8's old-generation growth between full collections, in percent of the live heap (`--heap-growing-percent`);
   * 0 leaves V8's own dynamic factor. See src/server/heap.ts.
   */
  heapGrowingPercent: number;
}

export class ConfigError extends Error {}

const APP_ENVS: readonly AppEnv[] = ['development', 'test', 'sandbox', 'production'];
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function oneOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined || raw === '') return fallback;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(' | ')}; got "${raw}"`);
}

function wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ConfigError(`${name} must be a whole number between ${min} and ${max}; got "${raw}"`);
  }
  return Number(raw);
}

function positiveInt(name: string, raw: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  return wholeNumber(name, raw, fallback, 1, max);
}

function url(name: string, raw: string | undefined, protocols: string[]): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (${protocols.join(' or ')}); got an unparseable value`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(' or ')}; got "${parsed.protocol}"`);
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const appEnv = oneOf('APP_ENV', env.APP_ENV, APP_ENVS, 'development');
  const tokenPepper = env.TOKEN_PEPPER ?? '';
  if (appEnv === 'production' && tokenPepper.length < 32) {
    throw new ConfigError('TOKEN_PEPPER must be set to at least 32 characters in production');
  }
  return {
    appEnv,
    port: positiveInt('PORT', env.PORT, 3000, 65535),
    databaseUrl: url('DATABASE_URL', env.DATABASE_URL, ['postgres:', 'postgresql:']),
    redisUrl: url('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:']),
    rateLimitMax: positiveInt('RATE_LIMIT_MAX', env.RATE_LIMIT_MAX, 1000),
    rateLimitWindowMs: positiveInt('RATE_LIMIT_WINDOW_MS', env.RATE_LIMIT_WINDOW_MS, 300_000),
    rateLimitIpMax: positiveInt('RATE_LIMIT_IP_MAX', env.RATE_LIMIT_IP_MAX, 1500),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, appEnv === 'test' ? 'silent' : 'info'),
    dataDir: env.DATA_DIR && env.DATA_DIR !== '' ? env.DATA_DIR : '.data',
    // Outside production a fixed development pepper keeps demo tokens valid across restarts.
    tokenPepper: tokenPepper || 'development-only-token-pepper-not-for-production',
    heapGrowingPercent: wholeNumber('HEAP_GROWING_PERCENT', env.HEAP_GROWING_PERCENT, 50, 0, 1000),
  };
}
