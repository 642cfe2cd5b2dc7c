import { Router, type Request, type Response } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RedisClientType } from 'redis';
import { withTimeout } from './redis.js';

const CHECK_TIMEOUT_MS = 2000;

export type CheckResult = 'ok' | 'unavailable' | 'pending' | 'not configured';

export interface HealthDeps {
  orm: MikroORM;
  redis?: RedisClientType;
  /** True once SIGTERM was received: the instance is draining and should get no new traffic. */
  draining: () => boolean;
}

/**
 * Probes for an orchestrator or load balancer, outside auth and rate limits:
 * - `GET /healthz`: the process is alive and serving HTTP (no dependency checked) → 200.
 * - `GET /readyz`: the database answers and every migration is applied → 200, else 503 (also while draining
 *   after SIGTERM). Redis, when configured, is reported but does not fail readiness: rate limits fail open to
 *   per-instance memory during a Redis outage (README "Redis outage"), so taking every instance out of service
 *   for it would turn a degraded budget into an outage.
 */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    const [database, migrations] = await databaseChecks(deps.orm);
    const redis = deps.redis ? await redisCheck(deps.redis) : 'not configured';
    const draining = deps.draining();
    const ready = database === 'ok' && migrations === 'ok' && !draining;
    res.setHeader('Cache-Control', 'no-store');
    res.status(ready ? 200 : 503).json({
      status: draining ? 'draining' : ready ? (redis === 'unavailable' ? 'degraded' : 'ready') : 'unavailable',
      checks: { database, migrations, redis },
    });
  });
  return router;
}

async function databaseChecks(orm: MikroORM): Promise<[CheckResult, CheckResult]> {
  try {
    await withTimeout(orm.em.getConnection().execute('select 1'), CHECK_TIMEOUT_MS, 'database check');
  } catch {
    return ['unavailable', 'unavailable'];
  }
  try {
    const pending = await withTimeout(orm.migrator.getPending(), CHECK_TIMEOUT_MS, 'migration check');
    return ['ok', pending.length === 0 ? 'ok' : 'pending'];
  } catch {
    return ['ok', 'unavailable'];
  }
}

async function redisCheck(redis: RedisClientType): Promise<CheckResult> {
  if (!redis.isReady) return 'unavailable';
  try {
    await withTimeout(redis.ping(), CHECK_TIMEOUT_MS, 'redis check');
    return 'ok';
  } catch {
    return 'unavailable';
  }
}
