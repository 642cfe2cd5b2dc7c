import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Caller } from '../domain/auth/caller.js';
import type { TokensService } from '../domain/auth/tokens.service.js';
import { stateOf } from './request-state.js';

/** `Authorization: Bearer <t>`, also `Token <t>` and `Token token="<t>"` as the live services accept. */
export function presentedToken(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^(?:Bearer|Token)\s+(?:token="?)?([^\s"]+)"?\s*$/i.exec(header);
  return m ? m[1] : null;
}

export const UNAUTHORIZED_BODY = { error: 'HTTP Token: Access denied' };

const CACHE_TTL_MS = 10_000;
const LAST_USED_FLUSH_MS = 30_000;

/**
 * Resolves the bearer token once per request. Resolutions are cached for a few seconds, so a
 * revoked token stops working within CACHE_TTL_MS; `last_used_at` is recorded in batches, one
 * UPDATE per flush for all tokens, never a write per request.
 */
export class Authenticator {
  private cache = new Map<string, { caller: Caller | null; expires: number }>();
  private lastUsed = new Map<string, Date>();
  private timer: NodeJS.Timeout;

  constructor(
    private readonly orm: MikroORM,
    private readonly tokens: TokensService,
    private readonly log: Logger,
  ) {
    this.timer = setInterval(() => void this.flushLastUsed(), LAST_USED_FLUSH_MS);
    this.timer.unref();
  }

  middleware = async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const token = presentedToken(req.headers.authorization);
    const state = stateOf(req);
    if (!token) return next();
    const digest = this.tokens.digestOf(token);
    const caller = digest === null ? null : await this.resolve(digest);
    if (caller && digest !== null) {
      state.caller = caller;
      state.tokenDigest = digest;
      if (caller.kind !== 'anonymous') this.lastUsed.set(caller.tokenId, new Date());
    }
    next();
  };

  private async resolve(digest: string): Promise<Caller | null> {
    const hit = this.cache.get(digest);
    if (hit && hit.expires > Date.now()) return hit.caller;
    const caller = await this.tokens.resolve(this.orm.em.fork(), digest);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(digest, { caller, expires: Date.now() + CACHE_TTL_MS });
    return caller;
  }

  /** Forget cached resolutions (after a revoke in this process). */
  invalidate(): void {
    this.cache.clear();
  }

  async flushLastUsed(): Promise<void> {
    if (this.lastUsed.size === 0) return;
    const batch = this.lastUsed;
    this.lastUsed = new Map();
    try {
      await this.tokens.recordLastUsed(this.orm.em.fork(), batch);
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'could not record token last use');
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushLastUsed();
  }
}

/** 401 with the live services' body for requests without a valid token. */
export function requireCaller(req: Request, res: Response, next: NextFunction): void {
  if (stateOf(req).caller.kind === 'anonymous') {
    res.status(401).type('application/json').json(UNAUTHORIZED_BODY);
    return;
  }
  next();
}
