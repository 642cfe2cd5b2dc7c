import 'reflect-metadata';
import { createClient, type RedisClientType } from 'redis';
import { ConfigError, loadConfig } from './server/config.js';
import { createLogger } from './server/logger.js';
import { openDatabase } from './server/database.js';
import { createApp } from './server/app.js';
import { ensureDemoData } from './server/demo-data.js';

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
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  let redis: RedisClientType | undefined;
  if (config.redisUrl) {
    redis = createClient({ url: config.redisUrl }) as RedisClientType;
    redis.on('error', (err) => log.error({ err: err.message }, 'redis'));
    await redis.connect();
  }
  if (config.appEnv !== 'production') await ensureDemoData(db.orm, config, log);
  const { app, close } = await createApp({ config, orm: db.orm, log, redis });
  const server = app.listen(config.port, () => {
    log.info({ port: config.port, env: config.appEnv, database: config.databaseUrl ? 'DATABASE_URL' : 'embedded', rateLimitStore: redis ? 'redis' : 'memory' }, 'listening');
    console.log(`Lead provider API listening on http://localhost:${config.port}  (GraphQL: /graphql, docs: /api/docs/v3/swagger.yaml)`);
  });
  const shutdown = async () => {
    server.close();
    await close();
    await redis?.quit();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

await main();
