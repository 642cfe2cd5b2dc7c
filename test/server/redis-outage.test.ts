import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import type { RedisClientType } from 'redis';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { loadConfig } from '../../src/server/config.js';
import { createApp, type App } from '../../src/server/app.js';
import { issueDemoTokens } from '../../src/server/demo-data.js';
import { connectRedis, RedisStartError } from '../../src/server/redis.js';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** A throw-away redis-server of our own, so the test can kill, freeze and restart it. */
class OwnRedis {
  proc?: ChildProcess;
  private dir = mkdtempSync(join(tmpdir(), 'lpapi-redis-'));
  constructor(readonly port: number) {}
  async start(): Promise<void> {
    this.proc = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis-server did not start')), 5000);
      this.proc!.stdout!.on('data', (d: Buffer) => {
        if (/Ready to accept connections/i.test(String(d))) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  }
  async kill(): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

describe('REDIS_URL start-up', () => {
  it('nothing listening: connectRedis fails within a few seconds with a message naming the host, never the password', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await connectRedis(`redis://user:s3cret@127.0.0.1:${port}`, pino({ level: 'silent' })).catch((e) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(error).toBeInstanceOf(RedisStartError);
    expect(error.message).toMatch(new RegExp(`^cannot connect to Redis at 127\\.0\\.0\\.1:${port} \\(REDIS_URL\\): .*ECONNREFUSED`));
    expect(error.message).not.toContain('s3cret');
  });
});

describe('Redis outage at run time: rate limits fail open to per-instance memory (real redis-server)', () => {
  const lines: Record<string, any>[] = [];
  let redisServer: OwnRedis;
  let redis: RedisClientType;
  let test: TestDatabase;
  let app: App;
  let server: Server;
  let url: string;
  let tokens: string[];

  beforeAll(async () => {
    redisServer = new OwnRedis(await freePort());
    await redisServer.start();
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    const log = pino({ level: 'info' }, sink);
    redis = await connectRedis(`redis://127.0.0.1:${redisServer.port}`, log);
    test = await createTestDatabase();
    const config = loadConfig({
      APP_ENV: 'test',
      DATABASE_URL: test.url,
      REDIS_URL: `redis://127.0.0.1:${redisServer.port}`,
      RATE_LIMIT_MAX: '5',
      RATE_LIMIT_WINDOW_MS: '3600000',
    });
    const demo = await issueDemoTokens(test.db.orm, config.tokenPepper);
    tokens = demo.leadProviders.filter((p) => p.tokens.ecf).map((p) => p.tokens.ecf);
    app = await createApp({ config, orm: test.db.orm, log, redis });
    server = await new Promise((resolve) => {
      const s = app.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    server?.closeAllConnections();
    await app?.close();
    redis?.destroy();
    await redisServer?.kill();
    redisServer?.cleanup();
    await test?.drop();
  });

  const call = (token: string) => fetch(`${url}/api/v3/statements?page%5Bper_page%5D=1`, { headers: { authorization: `Bearer ${token}` } });
  const remaining = (res: Response) => /r=(\d+)/.exec(res.headers.get('ratelimit') ?? '')?.[1];

  it('with Redis up the budget is counted in Redis', async () => {
    const res = await call(tokens[0]);
    expect(res.status).toBe(200);
    expect(remaining(res)).toBe('4');
    expect((await redis.keys('rl:token:*')).length).toBe(1);
  });

  it('Redis killed: calls are still served quickly (no 500, no hang), limited per instance in memory, one warning per minute', async () => {
    await redisServer.kill();
    lines.length = 0;
    const token = tokens[1];
    const statuses: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 7; i++) statuses.push((await call(token)).status);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    const warnings = lines.filter((l) => l.level === 40 && /rate limits are counted per instance/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'degraded', checks: { database: 'ok', migrations: 'ok', redis: 'unavailable' } });
  });

  it('Redis back on the same port: the client reconnects and counting returns to Redis', async () => {
    await redisServer.start();
    const started = Date.now();
    while (!redis.isReady && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(redis.isReady).toBe(true);
    await new Promise((r) => setTimeout(r, 1100)); // the store retries Redis a second after its last failure
    const res = await call(tokens[2]);
    expect(res.status).toBe(200);
    expect(remaining(res)).toBe('4');
    expect((await redis.keys('rl:token:*')).length).toBe(1); // the restarted server holds only the new key
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
  });

  it('Redis frozen (SIGSTOP): each call waits at most the command timeout, then is served', async () => {
    redisServer.proc!.kill('SIGSTOP');
    try {
      const started = Date.now();
      const res = await call(tokens[3]);
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(2000);
      const next = Date.now();
      expect((await call(tokens[3])).status).toBe(200);
      expect(Date.now() - next).toBeLessThan(300); // the store skips Redis for a second after a failure
    } finally {
      redisServer.proc!.kill('SIGCONT');
    }
  });
});
