import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import pgModule from 'pg';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

/**
 * The compiled service as production runs it: `npm run build`, then `node dist/main.js` as a child process
 * (Node 22 from node_modules/.bin), against a throw-away database.
 */
const ROOT = resolve(import.meta.dirname ?? '.', '../..');
const NODE = join(ROOT, 'node_modules/.bin/node');

const freePort = (): Promise<number> =>
  new Promise((r) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => r(port));
    });
  });

interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(env: Record<string, string>): Child {
  const proc = spawn(NODE, ['dist/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return { proc, stdout: () => out, stderr: () => err, exit };
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

const within = <T>(p: Promise<T>, ms: number, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms))]);

describe('the built service (npm run build; node dist/main.js)', () => {
  beforeAll(() => {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  }, 120_000);

  it('dist holds the entry point, the OpenAPI documents and the migrations; nothing is read from src at run time', () => {
    expect(readFileSync(join(ROOT, 'dist/main.js'), 'utf8')).toContain("import './src/main.js';");
    for (const f of ['dist/src/main.js', 'dist/spec/index.js', 'dist/src/migrations/index.js', 'dist/mikro-orm.config.js'])
      expect([f, existsSync(join(ROOT, f))]).toEqual([f, true]);
  });

  describe('against PostgreSQL', () => {
    let db: TestDatabase;
    let dataDir: string;
    beforeAll(async () => {
      db = await createTestDatabase({ seed: false });
      await db.db.close(); // the child owns the database from here
      dataDir = mkdtempSync(join(tmpdir(), 'lpapi-proc-'));
    });
    afterAll(async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await db?.drop();
    });

    it('serves /healthz, /readyz, the docs and the API; SIGTERM finishes the in-flight request, refuses new connections and exits 0', async () => {
      const port = await freePort();
      const child = start({ DATABASE_URL: db.url, PORT: String(port), DATA_DIR: dataDir, APP_ENV: 'development', LOG_LEVEL: 'info' });
      const base = `http://127.0.0.1:${port}`;
      try {
        await until('listening', () => /Lead provider API listening/.test(child.stdout()), 60_000);
        expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
        const ready = await fetch(`${base}/readyz`);
        expect(ready.status).toBe(200);
        expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', redis: 'not configured' } });
        expect((await fetch(`${base}/api/docs/v3/swagger.yaml`)).status).toBe(200);
        const tokens = JSON.parse(readFileSync(join(dataDir, 'demo-tokens.json'), 'utf8'));
        const token = tokens.leadProviders.find((p: { tokens: { ecf?: string } }) => p.tokens.ecf).tokens.ecf as string;

        // Hold every table so the next request is in flight when SIGTERM arrives.
        // pg ships no types here; the test only needs a client that holds a transaction open.
        const locker = new (pgModule as any).Client({ connectionString: db.url });
        await locker.connect();
        await locker.query('begin');
        const { rows }: { rows: { t: string }[] } = await locker.query("select format('%I', tablename) as t from pg_tables where schemaname = 'public'");
        await locker.query(`lock table ${rows.map((r) => r.t).join(', ')} in access exclusive mode`);
        const inFlight = fetch(`${base}/api/v3/partnerships/ecf?page%5Bper_page%5D=1`, { headers: { authorization: `Bearer ${token}` } });
        await new Promise((r) => setTimeout(r, 300));
        child.proc.kill('SIGTERM');
        await until(
          'draining',
          async () => {
            try {
              await fetch(`${base}/healthz`);
              return false;
            } catch {
              return true; // connection refused: no longer accepting
            }
          },
          5000,
        );
        await locker.query('rollback');
        await locker.end();

        const res = await within(inFlight, 5000, 'in-flight request');
        expect(res.status).toBe(200);
        expect(((await res.json()) as { data: unknown[] }).data).toHaveLength(1);
        expect(await within(child.exit, 15_000, 'exit')).toEqual({ code: 0, signal: null });
        expect(child.stdout()).toMatch(/"msg":"shutting down"/);
        expect(child.stdout()).toMatch(/"msg":"stopped"/);
        // Demo tokens are printed once at the first start on purpose; no log line carries one.
        const logLines = child
          .stdout()
          .split('\n')
          .filter((l) => l.startsWith('{'));
        expect(logLines.length).toBeGreaterThan(3);
        expect(logLines.join('\n')).not.toContain(token);
      } finally {
        if (child.proc.exitCode === null) child.proc.kill('SIGKILL');
      }
    }, 120_000);

    it('REDIS_URL where nothing listens: start-up stops within a few seconds, exit 69, a clear message', async () => {
      const redisPort = await freePort();
      const started = Date.now();
      const child = start({
        DATABASE_URL: db.url,
        PORT: String(await freePort()),
        DATA_DIR: dataDir,
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
        LOG_LEVEL: 'silent',
      });
      const { code } = await within(child.exit, 10_000, 'exit');
      expect(code).toBe(69);
      expect(Date.now() - started).toBeLessThan(8000);
      expect(child.stderr()).toContain(`Start-up error: cannot connect to Redis at 127.0.0.1:${redisPort} (REDIS_URL): connect ECONNREFUSED`);
    }, 30_000);
  });

  it('with the embedded PostgreSQL: SIGTERM stops the embedded server too and exits 0', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lpapi-embedded-'));
    const port = await freePort();
    const child = start({ PORT: String(port), DATA_DIR: dataDir, APP_ENV: 'development', LOG_LEVEL: 'info' });
    try {
      await until('listening', () => /Lead provider API listening/.test(child.stdout()), 90_000);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const pidFile = join(dataDir, 'pg', 'postmaster.pid');
      expect(existsSync(pidFile)).toBe(true);
      const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      child.proc.kill('SIGTERM');
      expect(await within(child.exit, 20_000, 'exit')).toEqual({ code: 0, signal: null });
      expect(existsSync(pidFile)).toBe(false);
      expect(() => process.kill(postmaster, 0)).toThrow();
    } finally {
      if (child.proc.exitCode === null) child.proc.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
