import type { Request, RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisClientType } from 'redis';
import { stateOf } from './request-state.js';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
  ipMax: number;
  redis?: RedisClientType;
}

function store(redis: RedisClientType | undefined, prefix: string): Store | undefined {
  if (!redis) return undefined; // express-rate-limit's in-memory store
  return new RedisStore({ prefix, sendCommand: (...args: string[]) => redis.sendCommand(args) as Promise<RedisReply> });
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
 * Both use fixed windows that start at a key's first request (see README "Rate limits").
 */
export function rateLimiter(opts: RateLimitOptions): RequestHandler {
  const byToken = rateLimit({
    windowMs: opts.windowMs,
    limit: opts.max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: store(opts.redis, 'rl:token:'),
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
    store: store(opts.redis, 'rl:ip:'),
    keyGenerator: (req: Request) => ipKeyGenerator(req.ip ?? 'unknown'),
    skip: (req: Request) => stateOf(req).tokenDigest !== undefined,
    handler: (_req, res, _next, options) => void res.status(options.statusCode).json(TOO_MANY(opts.windowMs)),
    identifier: 'ip',
  });
  return (req, res, next) => byToken(req, res, (err?: unknown) => (err ? next(err) : byIp(req, res, next)));
}
