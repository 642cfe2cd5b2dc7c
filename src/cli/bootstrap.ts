import 'reflect-metadata';
import { ConfigError, loadConfig, type AppConfig } from '../server/config.js';
import { createLogger } from '../server/logger.js';
import { openDatabase, type Database } from '../server/database.js';

/** Config + database for command-line tools (same settings as the server). */
export async function cliBootstrap(): Promise<{ config: AppConfig; db: Database }> {
  try {
    const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
    const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: createLogger(config.logLevel) });
    return { config, db };
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`Configuration error: ${e.message}`);
      process.exit(78);
    }
    throw e;
  }
}
