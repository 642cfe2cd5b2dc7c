import { createClient, type RedisClientType } from 'redis';
import type { Logger } from 'pino';

/** How long start-up waits for Redis, and how long one rate-limit command may take at run time. */
export const REDIS_CONNECT_TIMEOUT_MS = 3000;
export const REDIS_COMMAND_TIMEOUT_MS = 500;
/** Reconnect back-off at run time: 100 ms, 200 ms, … capped at 2 s, for as long as Redis is away. */
const MAX_RECONNECT_DELAY_MS = 2000;

export class RedisStartError extends Error {}

/**
 * Connects the rate-limit Redis client. Start-up fails fast: one connection attempt bounded by
 * REDIS_CONNECT_TIMEOUT_MS, then a RedisStartError naming the URL's host (never its password). Once connected,
 * the client reconnects for ever with a bounded back-off, and with the offline queue disabled a command sent
 * while Redis is away fails at once instead of waiting: the rate limiter then fails open (README "Redis").
 */
export async function connectRedis(url: string, log: Logger): Promise<RedisClientType> {
  let everReady = false;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
      // Before the first connection: no retry (`false`, so connect() rejects with the cause). After: bounded back-off.
      reconnectStrategy: (retries: number) => (everReady ? Math.min(100 * 2 ** Math.min(retries, 5), MAX_RECONNECT_DELAY_MS) : false),
    },
  }) as RedisClientType;
  const warn = everyInterval(30_000);
  client.on('error', (err: Error) => {
    if (everReady && warn()) log.warn({ err: err.message }, 'redis unavailable; rate limits fall back to per-instance memory');
  });
  client.on('ready', () => {
    if (everReady) log.info('redis reconnected');
    everReady = true;
  });
  const timer = new Promise<never>((_, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${REDIS_CONNECT_TIMEOUT_MS} ms`)), REDIS_CONNECT_TIMEOUT_MS + 500);
    t.unref();
  });
  try {
    await Promise.race([client.connect(), timer]);
  } catch (e) {
    client.destroy();
    throw new RedisStartError(`cannot connect to Redis at ${hostOf(url)} (REDIS_URL): ${(e as Error).message || String(e)}`);
  }
  return client;
}

/** `host:port` of a Redis URL, without credentials. */
export function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '6379'}`;
  } catch {
    return 'REDIS_URL';
  }
}

/** A gate that opens at most once per `ms`: for warnings that would otherwise repeat on every request. */
export function everyInterval(ms: number, now: () => number = Date.now): () => boolean {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < ms) return false;
    last = t;
    return true;
  };
}

/** Resolves or rejects with the promise, or rejects after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
