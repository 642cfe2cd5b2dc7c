import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { rateLimit, ipKeyGenerator, MemoryStore, type Options, type Store, type IncrementResponse, type ClientRateLimitInfo } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisClientType } from 'redis';
import { stateOf } from './request-state.js';
import { everyInterval, REDIS_COMMAND_TIMEOUT_MS, withTimeout } from './redis.js';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  ipMax: number;
  redis?: RedisClientType;
  log?: Logger;
}

/** After a Redis failure, requests use the memory budget for this long before Redis is tried again. */
const RETRY_REDIS_AFTER_MS = 1000;
const WARN_INTERVAL_MS = 60_000;

/**
 * Redis counters with a fail-open fallback: when Redis cannot answer within REDIS_COMMAND_TIMEOUT_MS (down,
 * offline queue disabled, or hung), the request is counted in this instance's memory instead and Redis is
 * retried a second later. A Redis outage therefore costs the shared budget (each instance limits on its own),
 * never an API call; one warning per minute says so (README "Redis outage").
 */
export class FallbackStore implements Store {
  localKeys = false;
  private readonly memory = new MemoryStore();
  private options?: Options;
  private skipRedisUntil = 0;
  private reinit = false;

  constructor(
    private readonly redis: RedisStore,
    private readonly warn: (err: unknown) => void,
  ) {}

  async init(options: Options): Promise<void> {
    this.options = options;
    this.memory.init(options);
    await this.viaRedis(
      () => this.redis.init(options),
      () => undefined,
    );
  }

  private async viaRedis<T>(call: () => Promise<T>, fallback: () => Promise<T> | T): Promise<T> {
    if (Date.now() < this.skipRedisUntil) return fallback();
    try {
      if (this.reinit && this.options) {
        // A failed script load leaves a rejected promise in the store; load the scripts again.
        await withTimeout(this.redis.init(this.options), REDIS_COMMAND_TIMEOUT_MS, 'redis script load');
        this.reinit = false;
      }
      return await withTimeout(call(), REDIS_COMMAND_TIMEOUT_MS, 'redis rate-limit command');
    } catch (err) {
      this.skipRedisUntil = Date.now() + RETRY_REDIS_AFTER_MS;
      this.reinit = true;
      this.warn(err);
      return fallback();
    }
  }

  increment(key: string): Promise<IncrementResponse> {
    return this.viaRedis(
      () => this.redis.increment(key),
      () => this.memory.increment(key),
    );
  }

  get(key: string): Promise<ClientRateLimitInfo | undefined> {
    return this.viaRedis(
      () => this.redis.get(key),
      () => this.memory.get(key),
    );
  }

  decrement(key: string): Promise<void> {
    return this.viaRedis(
      () => this.redis.decrement(key),
      () => this.memory.decrement(key),
    );
  }

  resetKey(key: string): Promise<void> {
    return this.viaRedis(
      () => this.redis.resetKey(key),
      () => this.memory.resetKey(key),
    );
  }

  shutdown(): void {
    this.memory.shutdown();
  }
}

function store(redis: RedisClientType | undefined, prefix: string, warn: (err: unknown) => void): Store | undefined {
  if (!redis) return undefined; // express-rate-limit's in-memory store
  return new FallbackStore(new RedisStore({ prefix, sendCommand: (...args: string[]) => redis.sendCommand<RedisReply>(args) }), warn);
}

const TOO_MANY = (windowMs: number) => ({
  errors: [
    {
      title: 'Too many requests',
      detail: `You have made too many requests. The limit resets within ${Math.ceil(windowMs / 1000)} seconds; see the Retry-After header.`,
    },
  ],
});

/**
 * One budget per token, keyed by the token's digest (never the token), shared by REST and /graphql
 * and, with Redis, by every instance. Calls without a valid token are counted per IP instead.
 * Both use fixed windows that start at a key's first request (see README "Rate limits"). `passOnStoreError` is
 * the last resort: a store error lets the request through rather than failing it.
 */
export function rateLimiter(opts: RateLimitOptions): RequestHandler {
  const gate = everyInterval(WARN_INTERVAL_MS);
  const warn = (err: unknown) => {
    if (gate())
      opts.log?.warn(
        { err: (err as Error)?.message ?? String(err) },
        'redis unavailable: rate limits are counted per instance in memory until it answers again',
      );
  };
  const byToken = rateLimit({
    windowMs: opts.windowMs,
    limit: opts.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: store(opts.redis, 'rl:token:', warn),
    passOnStoreError: true,
    keyGenerator: (req: Request) => stateOf(req).tokenDigest!,
    skip: (req: Request) => stateOf(req).tokenDigest === undefined,
    handler: (_req, res, _next, options) => void res.status(options.statusCode).json(TOO_MANY(opts.windowMs)),
    identifier: 'token',
  });
  const byIp = rateLimit({
    windowMs: opts.windowMs,
    limit: opts.ipMax,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: store(opts.redis, 'rl:ip:', warn),
    passOnStoreError: true,
    keyGenerator: (req: Request) => ipKeyGenerator(req.ip ?? 'unknown'),
    skip: (req: Request) => stateOf(req).tokenDigest !== undefined,
    handler: (_req, res, _next, options) => void res.status(options.statusCode).json(TOO_MANY(opts.windowMs)),
    identifier: 'ip',
  });
  return (req, res, next) => byToken(req, res, (err?: unknown) => (err ? next(err) : byIp(req, res, next)));
}
