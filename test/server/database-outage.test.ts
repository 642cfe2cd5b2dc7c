import { createServer, connect, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { MikroORM } from '@mikro-orm/postgresql';
import { createTestDatabase, TEST_PG_URL, type TestDatabase } from '../support/test-app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase, type Database } from '../../src/server/database.js';
import { createApp, type App } from '../../src/server/app.js';
import { issueDemoTokens } from '../../src/server/demo-data.js';

/** A TCP proxy in front of the real PostgreSQL that the test can cut (refusing and dropping connections) and restore. */
class PgProxy {
  private server?: NetServer;
  private sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      // Like a real network, a reset or close on one side reaches the other: `pipe` alone ends the peer on a
      // clean FIN but leaves it open after an ECONNRESET (a terminated backend with unread input resets), and
      // the app's client would then wait for an answer forever.
      const pair: [Socket, Socket] = [client, upstream];
      for (const [s, peer] of [pair, [upstream, client] as [Socket, Socket]]) {
        this.sockets.add(s);
        s.on('close', () => {
          this.sockets.delete(s);
          peer.destroy();
        });
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The database "goes away": every open connection is dropped and new ones are refused. */
  async cut(): Promise<void> {
    const closed = new Promise((r) => this.server!.close(r));
    for (const s of this.sockets) s.destroy();
    await closed;
  }
}

const UNAVAILABLE = {
  errors: [
    { title: 'Service unavailable', detail: 'The service cannot reach its database just now; retry after the number of seconds in the Retry-After header' },
  ],
};

describe('database outage: 503 + Retry-After, then recovery (real PostgreSQL behind a proxy)', () => {
  const lines: Record<string, any>[] = [];
  let test: TestDatabase;
  let proxy: PgProxy;
  let db: Database;
  let app: App;
  let server: Server;
  let url: string;
  let token: string;
  let dbName: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    const target = new URL(TEST_PG_URL);
    proxy = new PgProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.open();
    const viaProxy = new URL(test.url);
    viaProxy.port = String(proxy.port);
    dbName = viaProxy.pathname.slice(1);
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    const log = pino({ level: 'warn' }, sink);
    db = await openDatabase({ databaseUrl: viaProxy.toString(), dataDir: '.data/test', log });
    const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: viaProxy.toString() });
    const tokens = await issueDemoTokens(test.db.orm, config.tokenPepper);
    token = tokens.leadProviders.find((p) => p.name === 'Ambition Institute')!.tokens.ecf!;
    app = await createApp({ config, orm: db.orm, log });
    server = await new Promise((resolve) => {
      const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    // Drop open connections first: `close` waits for them, so closing after it would wait on a hung request.
    const closed = new Promise((r) => (server ? server.close(r) : r(undefined)));
    server?.closeAllConnections();
    await closed;
    await app?.close();
    await db?.close().catch(() => undefined);
    await proxy?.cut().catch(() => undefined);
    await test?.drop();
  });
  beforeEach(() => void (lines.length = 0));

  const rest = () =>
    fetch(`${url}/api/v3/partnerships/ecf?page%5Bper_page%5D=2`, { headers: { authorization: `Bearer ${token}`, 'x-request-id': 'outage-1' } });
  const graphql = () =>
    fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });

  async function eventually(check: () => Promise<boolean>, ms: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < ms) {
      if (await check()) return Date.now() - started;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`not within ${ms} ms`);
  }

  it('the database cut: REST 503 JSON with Retry-After, one error line per request; /readyz 503; /healthz 200; back within a second of the database', async () => {
    expect((await rest()).status).toBe(200);
    await proxy.cut();

    for (let i = 0; i < 3; i++) {
      const res = await rest();
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('x-request-id')).toBe('outage-1');
      expect(await res.json()).toEqual(UNAVAILABLE);
    }
    const errorLines = lines.filter((l) => l.level >= 50);
    expect(errorLines).toHaveLength(3);
    for (const l of errorLines) expect(l).toMatchObject({ msg: 'database unavailable', status: 503, requestId: 'outage-1', route: '/api/v3/partnerships/ecf' });
    expect(JSON.stringify(lines)).not.toContain(token);

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { database: 'unavailable', migrations: 'unavailable', redis: 'not configured' } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    await proxy.open();
    const took = await eventually(async () => (await rest()).status === 200, 5000);
    expect(took).toBeLessThan(1500);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('/graphql answers a database outage with 503 + Retry-After too', async () => {
    const gq = () =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ statements(page: { page: 1, perPage: 1 }) { __typename } }' }),
      });
    expect((await graphql()).status).toBe(200);
    await proxy.cut();
    const res = await gq();
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    await proxy.open();
    await eventually(async () => (await rest()).status === 200, 5000);
  });

  it('backends terminated by the server (57P01): no 500, and the next requests are served', async () => {
    const admin = await MikroORM.init({ clientUrl: TEST_PG_URL, entities: [], discovery: { warnWhenNoEntities: false }, pool: { min: 0, max: 1 } } as any);
    try {
      expect((await rest()).status).toBe(200);
      // Hold a request in a query while its backend is terminated.
      const slow = fetch(`${url}/api/v3/partnerships/ecf`, { headers: { authorization: `Bearer ${token}` } });
      await admin.em.getConnection().execute(`select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and pid <> pg_backend_pid()`, [dbName]);
      const during = await slow;
      expect([200, 503]).toContain(during.status);
      const took = await eventually(async () => (await rest()).status === 200, 5000);
      expect(took).toBeLessThan(1500);
      expect(lines.filter((l) => l.status === 500)).toEqual([]);
    } finally {
      await admin.close(true);
    }
  });
});
