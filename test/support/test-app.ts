import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { MikroORM } from '@mikro-orm/postgresql';
import { createClient, type RedisClientType } from 'redis';
import { loadConfig, type AppConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { openDatabase, type Database } from '../../src/server/database.js';
import { createApp, type App } from '../../src/server/app.js';
import { issueDemoTokens, type DemoTokens } from '../../src/server/demo-data.js';
import { seedDemoData } from '../../src/domain/demo/seed-demo-data.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

/** The PostgreSQL server tests create their throw-away databases on (trust auth on this machine). */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface TestDatabase {
  url: string;
  db: Database;
  drop(): Promise<void>;
}

/** A fresh database with migrations applied (and the demo data, unless `seed: false`). */
export async function createTestDatabase(opts: { seed?: boolean; onQuery?: (sql: string) => void } = {}): Promise<TestDatabase> {
  const name = `lpapi_test_${randomBytes(6).toString('hex')}`;
  const admin = await MikroORM.init({ clientUrl: TEST_PG_URL, entities: [], discovery: { warnWhenNoEntities: false }, pool: { min: 0, max: 1 } });
  await admin.em.getConnection().execute(`create database "${name}"`);
  await admin.close(true);
  const url = TEST_PG_URL.replace(/\/[^/]*$/, `/${name}`);
  const db = await openDatabase({ databaseUrl: url, dataDir: '.data/test', log: createLogger('silent'), onQuery: opts.onQuery });
  if (opts.seed !== false)
    await seedDemoData(
      db.orm.em.fork(),
      fixedOffsetClock(() => new Date()),
    );
  return {
    url,
    db,
    async drop() {
      await db.close();
      const a = await MikroORM.init({ clientUrl: TEST_PG_URL, entities: [], discovery: { warnWhenNoEntities: false }, pool: { min: 0, max: 1 } });
      await a.em.getConnection().execute(`drop database if exists "${name}" with (force)`);
      await a.close(true);
    },
  };
}

export interface TestApp {
  url: string;
  config: AppConfig;
  app: App;
  db: Database;
  tokens: DemoTokens;
  /** The demo token of a provider (by name) for a programme. */
  token(provider: string, programme: 'ecf' | 'npq'): string;
  leadProviderId(provider: string): string;
  request(method: string, path: string, opts?: RequestOptions): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  /** Share an existing database (a second instance); otherwise a fresh one is created and dropped. */
  database?: TestDatabase;
  tokens?: DemoTokens;
  redis?: boolean;
  onQuery?: (sql: string) => void;
}

/** Starts the real app on an ephemeral port against a real PostgreSQL (and Redis when asked). */
export async function startTestApp(opts: StartOptions = {}): Promise<TestApp> {
  const ownDb = !opts.database;
  const database = opts.database ?? (await createTestDatabase({ onQuery: opts.onQuery }));
  const config = loadConfig({
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: database.url,
    ...(opts.redis ? { REDIS_URL: TEST_REDIS_URL } : {}),
    ...opts.env,
  });
  let redis: RedisClientType | undefined;
  if (config.redisUrl) {
    redis = createClient({ url: config.redisUrl });
    await redis.connect();
  }
  const tokens = opts.tokens ?? (await issueDemoTokens(database.db.orm, config.tokenPepper));
  const app = await createApp({ config, orm: database.db.orm, log: createLogger('silent'), redis });
  const server: Server = await new Promise((resolve) => {
    const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // The test client (undici) keeps connections alive between requests; a gap longer than node's 5 s keep-alive
  // timeout (a slow newman run on a loaded machine) would let the server close a socket just as the client reuses
  // it (ECONNRESET). Tests outlive that race with a long keep-alive.
  server.keepAliveTimeout = 120_000;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lp = (name: string) => {
    const found = tokens.leadProviders.find((p) => p.name === name);
    if (!found) throw new Error(`no demo lead provider ${name}`);
    return found;
  };
  return {
    url,
    config,
    app,
    db: database.db,
    tokens,
    token: (name, programme) =>
      lp(name).tokens[programme] ??
      (() => {
        throw new Error(`${name} has no ${programme} token`);
      })(),
    leadProviderId: (name) => lp(name).id,
    async request(method, path, ro = {}) {
      const headers: Record<string, string> = { accept: 'application/json', ...(ro.headers ?? {}) };
      if (ro.token) headers.authorization = `Bearer ${ro.token}`;
      let body: string | undefined;
      if (ro.rawBody !== undefined) body = ro.rawBody;
      else if (ro.body !== undefined) body = JSON.stringify(ro.body);
      if (body !== undefined) headers['content-type'] ??= 'application/json';
      const res = await fetch(url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = undefined;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
    async close() {
      await new Promise((r) => server.close(r));
      server.closeAllConnections?.();
      await app.close();
      await redis?.quit();
      if (ownDb) await database.drop();
    },
  };
}

/** Encodes `[` and `]` in a query string for readability in tests: q('filter[cohort]=2024'). */
export const q = (query: string) => query.replace(/\[/g, '%5B').replace(/\]/g, '%5D');
