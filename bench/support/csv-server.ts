/**
 * The real app (createApp, as `npm start` builds it) in a process of its own, for the CSV memory step of
 * `npm run bench:lists`: the parent reads this process's /proc/<pid>/status (VmRSS, VmHWM) while it streams a
 * CSV, so the figure is the server's memory alone, not the bench's client, bare handlers or load generator.
 *
 * Started by support/csv-memory.ts with fork() (IPC): DATABASE_URL names the bench database (migrated and seeded
 * by the parent). Sends `{ port }` once listening; exits on 'stop' or when the parent goes away.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { createApp } from '../../src/server/app.js';
import { openDatabase } from '../../src/server/database.js';

const url = process.env.DATABASE_URL;
if (!url || !process.send) throw new Error('csv-server: start it with fork() and DATABASE_URL (support/csv-memory.ts)');
const log = createLogger('silent');
const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_IP_MAX: '1000000000' });
const db = await openDatabase({ databaseUrl: url, dataDir: '.data/bench', log });
const app = await createApp({ config, orm: db.orm, log });
const server = app.app.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));

const stop = async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await app.close();
  await db.close();
  process.exit(0);
};
process.on('message', (m) => void (m === 'stop' && stop()));
process.on('disconnect', () => void stop());
