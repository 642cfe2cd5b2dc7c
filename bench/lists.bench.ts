/**
 * List reads at production scale (issue 5 item 4, issue 6 item 8, issue 7 item 9): every list endpoint of the
 * real app against the production dataset, next to a bare handler that answers the same page with one `pg`
 * query and JSON.stringify (support/bare-lists.ts), in one process; then the CSV downloads in a child process.
 *
 *   npm run bench:lists [-- --reseed]
 *
 * Per endpoint, as the provider with the most rows of that list: p50/p95 server time (request in → response
 * handed to the socket, measured in the server) of page 1, a middle page and the last page at per_page 100 and
 * of page 1 at per_page 3000, sequential requests with REST and bare interleaved; for lists with a full-sync
 * target (participants, NPQ), every page at per_page 3000 in order, sequentially, wall clock; then throughput of
 * page 1 of 100, REST vs bare, with autocannon in a worker thread, interleaved rounds. Then each CSV download
 * (support/csv-memory.ts): time and the server process's RSS growth. Targets are per list (ListTargets).
 * An entry whose route answers 404 is reported as "skipped (route not served)". Prints a table with PASS/FAIL
 * per target and writes bench/results/lists-latest.json. Exit code 0 whatever the figures (a report, not a
 * test); 1 if the run broke.
 *
 * Database: see support/lists-db.ts (DATABASE_URL, or `lpapi_bench` on 127.0.0.1:5432, seeded once).
 * Settings: BENCH_SAMPLES (per page of 100, default 30), BENCH_SAMPLES_3000 (15), BENCH_WARMUP (5),
 * BENCH_DURATION_S (3), BENCH_WARMUP_S (1), BENCH_ROUNDS (2), BENCH_CONNECTIONS (10), BENCH_SYNC_RUNS (3),
 * BENCH_CSV_RUNS (2), BENCH_ONLY (comma list of endpoint names, JSON or CSV, e.g. "schools/ecf,participants/ecf";
 * "none" runs no list), BENCH_NO_CSV=1 (skip the CSV step).
 */
import 'reflect-metadata';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response } from 'express';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { createApp, type App } from '../src/server/app.js';
import { stateOf } from '../src/server/request-state.js';
import { TokensService } from '../src/domain/auth/tokens.service.js';
import { fixedOffsetClock } from '../src/domain/shared/clock.js';
import { BARE_LISTS, CSV_LISTS, withAppSessionOptions, type CsvList, type ListTargets, type Programme, type ProviderPick } from './support/bare-lists.js';
import { downloadCsv, startCsvServer, type CsvRun } from './support/csv-memory.js';
import { openBenchDatabase, type BenchDatabase } from './support/lists-db.js';
import { measure, type Measured } from './support/load.js';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const SAMPLES = int('BENCH_SAMPLES', 30);
const SAMPLES_3000 = int('BENCH_SAMPLES_3000', 15);
const WARMUP = int('BENCH_WARMUP', 5);
const DURATION_S = int('BENCH_DURATION_S', 3);
const WARMUP_S = int('BENCH_WARMUP_S', 1);
const ROUNDS = int('BENCH_ROUNDS', 2);
const CONNECTIONS = int('BENCH_CONNECTIONS', 10);
const SYNC_RUNS = int('BENCH_SYNC_RUNS', 3);
const CSV_RUNS = int('BENCH_CSV_RUNS', 2);
const NO_CSV = process.env.BENCH_NO_CSV === '1';
const ONLY = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const RESEED = process.argv.includes('--reseed');

const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'lists-latest.json');
const WATCHDOG_MS = 20 * 60 * 1000;

type Variant = 'rest' | 'bare';
type PageKind = 'first' | 'middle' | 'last' | 'per3000';

interface Stats {
  p50: number;
  p95: number;
  n: number;
}
interface PageResult {
  page: number;
  perPage: number;
  rows: number;
  rest: Stats;
  bare: Stats;
  identical: boolean;
}
interface SyncRun {
  /** Wall clock, first request sent → last byte of the last page read, client side. */
  ms: number;
  /** Sum of the pages' server times. */
  serverMs: number;
  /**
   * CPU time the sync cost, independent of how loaded the machine is: this process (server, bare handlers and
   * the client, all on the main thread) and the PostgreSQL backends connected to the bench database (from
   * /proc; null where they cannot be read). On an idle machine the wall clock is about their sum.
   */
  cpuMs: { node: number; postgres: number | null };
  pages: number;
  rows: number;
}
interface FullSync {
  perPage: number;
  rest: SyncRun[];
  bare: SyncRun[];
  restMedianS: number;
  bareMedianS: number;
  /** Median CPU (node + postgres) of the REST syncs, seconds: the wall clock to expect on an idle machine. */
  restCpuMedianS: number | null;
}
const cpuS = (x: SyncRun) => (x.cpuMs.postgres === null ? `${(x.cpuMs.node / 1000).toFixed(2)}+?` : `${((x.cpuMs.node + x.cpuMs.postgres) / 1000).toFixed(2)}`);
interface Checks {
  page100P95: boolean;
  lastToFirst: boolean;
  page3000P95: boolean;
  restToBare: boolean;
  fullSync?: boolean;
}
interface ListResult {
  name: string;
  path: string;
  token: string;
  total: number;
  targets: ListTargets;
  pages: Record<PageKind, PageResult>;
  fullSync: FullSync | null;
  throughput: { rest: Measured[]; bare: Measured[]; restMedian: number; bareMedian: number; ratio: number };
  checks: Checks;
}
interface CsvResult {
  name: string;
  path: string;
  token: string;
  /** null: the route answered 404 (not served on this branch). */
  runs: CsvRun[] | null;
  maxGrowthMb: number | null;
  maxRssGrowthMb: number;
  pass: boolean | null;
}
interface Provider {
  id: string;
  name: string;
  programmes: string[];
  n: string;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const median = (xs: number[]) => quantile(xs, 0.5);
const r2 = (x: number) => Math.round(x * 100) / 100;
const stats = (xs: number[]): Stats => ({ p50: r2(quantile(xs, 0.5)), p95: r2(quantile(xs, 0.95)), n: xs.length });

/** An HTTP server that records how long each response took inside this process (request in → finish). */
function timedServer(handler: RequestListener): { server: Server; lastMs: () => number } {
  let last = NaN;
  const server = createServer((req, res) => {
    const t0 = performance.now();
    res.on('finish', () => (last = performance.now() - t0));
    handler(req, res);
  });
  return { server, lastMs: () => last };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const withPage = (path: string, page: number, perPage: number) =>
  `${path}${path.includes('?') ? '&' : '?'}page[page]=${page}&page[per_page]=${perPage}`.replace(/\[/g, '%5B').replace(/\]/g, '%5D');

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadAtStart = r2(loadavg()[0]);
  const cleanups: (() => Promise<unknown>)[] = [];
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => console.error('cleanup:', (e as Error).message));
    cleanups.length = 0;
  };
  const watchdog = setTimeout(() => {
    console.error(`bench: did not finish within ${WATCHDOG_MS / 1000} s; cleaning up and exiting`);
    void Promise.race([cleanup(), new Promise((r) => setTimeout(r, 10_000))]).finally(() => process.exit(1));
  }, WATCHDOG_MS);
  watchdog.unref();

  try {
    const bench: BenchDatabase = await openBenchDatabase({ reseed: RESEED });
    cleanups.push(() => bench.db.close());
    const em = bench.db.orm.em.fork();

    const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_IP_MAX: '1000000000' });
    const tokensService = new TokensService(config.tokenPepper);
    const clock = fixedOffsetClock(() => new Date());
    // Each list reads as the provider with the most rows of it (ProviderPick), with a token of the list's programme.
    const providers = new Map<string, Provider>();
    // null: no provider has a row of that list (the seed makes none): the list is skipped, not timed.
    const providerOf = async (pick: ProviderPick): Promise<Provider | null> => {
      let p = providers.get(pick.sql);
      if (!p) {
        [p] = await em.execute<Provider[]>(`select q.id, q.name, q.n, lp.programmes from (${pick.sql} limit 1) q join lead_providers lp on lp.id = q.id`);
        if (!p) return null;
        providers.set(pick.sql, p);
      }
      return p;
    };
    const tokens = new Map<string, string>();
    const tokenIds: string[] = [];
    cleanups.push(() =>
      tokenIds.length
        ? bench.db.orm.em.fork().execute(`delete from api_tokens where id in (${tokenIds.map(() => '?').join(', ')})`, tokenIds)
        : Promise.resolve(),
    );
    const tokenFor = async (pick: ProviderPick, programme: Programme): Promise<{ provider: Provider | null; token: string | null }> => {
      const provider = await providerOf(pick);
      if (!provider) return { provider, token: null };
      if (!provider.programmes.includes(programme)) return { provider, token: null };
      const key = `${provider.id}:${programme}`;
      if (!tokens.has(key)) {
        const issued = await tokensService.issueLeadProviderToken(em, clock, provider.id, programme, `bench:lists ${programme}`);
        tokens.set(key, issued.token);
        tokenIds.push(issued.id);
      }
      return { provider, token: tokens.get(key)! };
    };

    // The real app (createApp) as `npm start` builds it, behind a server that times each response.
    const app: App = await createApp({ config, orm: bench.db.orm, log: createLogger('silent') });
    cleanups.push(() => app.close());
    const rest = timedServer(app.app);
    const restUrl = await listen(rest.server);
    cleanups.push(
      () =>
        new Promise((r) => {
          rest.server.close(r);
          rest.server.closeAllConnections();
        }),
    );

    // The bare handlers: the same guard chain as /api (auth, rate limit, 401, clock), then one pg query.
    const pool = new pg.Pool({ connectionString: withAppSessionOptions(bench.url), max: 10 });
    cleanups.push(() => pool.end());
    const lists = BARE_LISTS.filter((l) => !ONLY || ONLY.includes(l.name));
    const bareApp = express();
    bareApp.set('query parser', 'extended');
    bareApp.use('/bare', ...app.apiGuards);
    lists.forEach((list, i) => {
      bareApp.get(`/bare/${i}`, async (req: Request, res: Response) => {
        const caller = stateOf(req).caller;
        if (caller.kind !== 'lead_provider' || caller.programme !== list.programme) {
          res.status(403).json({ error: 'wrong programme' });
          return;
        }
        const q = (req.query.page ?? {}) as Record<string, string>;
        const perPage = Math.min(3000, Math.max(1, Number(q.per_page ?? 100)));
        const page = Math.max(1, Number(q.page ?? 1));
        res.type('application/json').send(await list.page(pool, caller.leadProviderId, perPage, (page - 1) * perPage, stateOf(req).clock.now()));
      });
    });
    const bare = timedServer(bareApp);
    const bareUrl = await listen(bare.server);
    cleanups.push(
      () =>
        new Promise((r) => {
          bare.server.close(r);
          bare.server.closeAllConnections();
        }),
    );

    const [{ v: pgVersion }] = await em.execute<{ v: string }[]>("select current_setting('server_version') as v");
    console.log(
      `\nlists at production scale: ${bench.url.replace(/\/\/[^@]*@/, '//')} (PostgreSQL ${pgVersion}), each list as its largest provider, ` +
        `${SAMPLES} samples per page of 100, ${SAMPLES_3000} per page of 3000, ${SYNC_RUNS} full syncs, ` +
        `${CONNECTIONS} connections × ${WARMUP_S}+${DURATION_S} s × ${ROUNDS} rounds for throughput, ${cpus().length} CPUs, Node ${process.version}, load ${loadavg()[0].toFixed(2)}\n`,
    );

    const fetchPage = async (url: string, token: string) => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      return { status: res.status, body: await res.text() };
    };
    const get = async (variant: Variant, url: string, token: string): Promise<{ ms: number; body: string }> => {
      const { status, body } = await fetchPage(url, token);
      if (status !== 200) throw new Error(`${variant} ${url} → ${status}: ${body.slice(0, 300)}`);
      return { ms: (variant === 'rest' ? rest : bare).lastMs(), body };
    };
    // utime + stime (ms) of each PostgreSQL backend connected to the bench database, by pid; null if unreadable.
    const ticksPerSecond = 100; // USER_HZ on Linux
    const backendCpuMs = async (): Promise<Map<number, number> | null> => {
      const { rows } = await pool.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and backend_type = 'client backend'",
      );
      try {
        return new Map(
          rows.map(({ pid }) => {
            const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
            return [pid, ((Number(f[11]) + Number(f[12])) * 1000) / ticksPerSecond] as const;
          }),
        );
      } catch {
        return null;
      }
    };
    // A provider's full sync: every page at `perPage`, in order, one request at a time, until a short page.
    const fullSync = async (variant: Variant, pageUrl: (page: number) => string, token: string, perPage: number): Promise<SyncRun> => {
      let serverMs = 0;
      let rows = 0;
      let page = 0;
      const pg0 = await backendCpuMs();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      for (;;) {
        const { ms, body } = await get(variant, pageUrl(++page), token);
        serverMs += ms;
        const n = (JSON.parse(body) as { data: unknown[] }).data.length;
        rows += n;
        if (n < perPage) break;
      }
      const ms = r2(performance.now() - t0);
      const cpu = process.cpuUsage(cpu0);
      const pg1 = await backendCpuMs();
      const postgres = pg0 && pg1 ? [...pg1].reduce((sum, [pid, t]) => sum + t - (pg0.get(pid) ?? 0), 0) : null;
      return { ms, serverMs: r2(serverMs), pages: page, rows, cpuMs: { node: Math.round((cpu.user + cpu.system) / 1000), postgres } };
    };

    const results: ListResult[] = [];
    const skipped: { name: string; path: string; reason: string }[] = [];
    const tokenOf = new Map<string, string>();
    for (const [i, list] of lists.entries()) {
      const { provider, token } = await tokenFor(list.provider, list.programme);
      if (!provider) {
        console.log(`${list.name.padEnd(24)} skipped (no ${list.provider.by} in the bench database): ${list.restPath}`);
        skipped.push({ name: list.name, path: list.restPath, reason: `no ${list.provider.by} in the bench database` });
        continue;
      }
      if (!token) {
        console.log(`skip ${list.name}: ${provider.name} has no ${list.programme} token`);
        skipped.push({ name: list.name, path: list.restPath, reason: `${provider.name} has no ${list.programme} programme` });
        continue;
      }
      const probe = await fetchPage(restUrl + withPage(list.restPath, 1, 1), token);
      if (probe.status === 404) {
        console.log(`${list.name.padEnd(24)} skipped (route not served): ${list.restPath}`);
        skipped.push({ name: list.name, path: list.restPath, reason: 'route not served' });
        continue;
      }
      tokenOf.set(list.name, token);
      const total = await list.count(pool, provider.id);
      const last = Math.max(1, Math.ceil(total / 100));
      const plan: Record<PageKind, { page: number; perPage: number; samples: number }> = {
        first: { page: 1, perPage: 100, samples: SAMPLES },
        middle: { page: Math.max(1, Math.ceil(last / 2)), perPage: 100, samples: SAMPLES },
        last: { page: last, perPage: 100, samples: SAMPLES },
        per3000: { page: 1, perPage: 3000, samples: SAMPLES_3000 },
      };
      const pages = {} as Record<PageKind, PageResult>;
      for (const [kind, p] of Object.entries(plan) as [PageKind, (typeof plan)[PageKind]][]) {
        const urls = { rest: restUrl + withPage(list.restPath, p.page, p.perPage), bare: `${bareUrl}${withPage(`/bare/${i}`, p.page, p.perPage)}` };
        const a = await get('rest', urls.rest, token);
        const b = await get('bare', urls.bare, token);
        const identical = a.body === b.body;
        if (!identical)
          console.warn(
            `warning: ${list.name} ${kind} page: REST and bare bodies differ (${a.body.length} vs ${b.body.length} bytes); update support/bare-lists.ts`,
          );
        const times: Record<Variant, number[]> = { rest: [], bare: [] };
        for (let k = 0; k < WARMUP + p.samples; k++) {
          // Interleaved, alternating which goes first, so drift on a shared machine hits both alike.
          for (const v of (k % 2 ? ['bare', 'rest'] : ['rest', 'bare']) as Variant[]) {
            const { ms } = await get(v, urls[v], token);
            if (k >= WARMUP) times[v].push(ms);
          }
        }
        pages[kind] = {
          page: p.page,
          perPage: p.perPage,
          rows: (JSON.parse(a.body) as { data: unknown[] }).data.length,
          rest: stats(times.rest),
          bare: stats(times.bare),
          identical,
        };
      }
      const fmt = (s: Stats) => `${s.p50.toFixed(1)}/${s.p95.toFixed(1)}`;
      console.log(
        `${list.name.padEnd(24)} ${String(total).padStart(6)} rows (${provider.name})  p50/p95 ms  REST: p1 ${fmt(pages.first.rest)}  p${pages.middle.page} ${fmt(pages.middle.rest)}  p${pages.last.page} ${fmt(pages.last.rest)}  3000 ${fmt(pages.per3000.rest)}   bare: p1 ${fmt(pages.first.bare)}  last ${fmt(pages.last.bare)}  3000 ${fmt(pages.per3000.bare)}`,
      );

      let sync: FullSync | null = null;
      if (list.targets.fullSyncS !== undefined || list.targets.fullSyncToBare !== undefined) {
        const perPage = 3000;
        sync = { perPage, rest: [], bare: [], restMedianS: 0, bareMedianS: 0, restCpuMedianS: null };
        const pageUrl = {
          rest: (n: number) => restUrl + withPage(list.restPath, n, perPage),
          bare: (n: number) => `${bareUrl}${withPage(`/bare/${i}`, n, perPage)}`,
        };
        for (let k = 0; k < SYNC_RUNS; k++) {
          for (const v of (k % 2 ? ['bare', 'rest'] : ['rest', 'bare']) as Variant[]) sync[v].push(await fullSync(v, pageUrl[v], token, perPage));
        }
        sync.restMedianS = r2(median(sync.rest.map((x) => x.ms)) / 1000);
        sync.bareMedianS = r2(median(sync.bare.map((x) => x.ms)) / 1000);
        if (sync.rest.every((x) => x.cpuMs.postgres !== null)) sync.restCpuMedianS = r2(median(sync.rest.map((x) => x.cpuMs.node + x.cpuMs.postgres!)) / 1000);
        if (sync.rest.some((x) => x.rows !== total))
          console.warn(`warning: ${list.name} full sync read ${sync.rest.map((x) => x.rows).join('/')} rows, expected ${total}`);
        console.log(
          `${list.name.padEnd(24)} full sync at per_page ${perPage}: ${sync.rest[0].pages} pages, REST ${sync.rest.map((x) => (x.ms / 1000).toFixed(2)).join(' / ')} s ` +
            `(server ${sync.rest.map((x) => (x.serverMs / 1000).toFixed(2)).join(' / ')} s; CPU node + postgres ${sync.rest.map(cpuS).join(' / ')} s), ` +
            `bare ${sync.bare.map((x) => (x.ms / 1000).toFixed(2)).join(' / ')} s (CPU ${sync.bare.map(cpuS).join(' / ')} s)`,
        );
      }
      results.push({
        name: list.name,
        path: list.restPath,
        token: `${provider.name} ${list.programme} (most ${list.provider.by}: ${provider.n})`,
        total,
        targets: list.targets,
        pages,
        fullSync: sync,
        throughput: { rest: [], bare: [], restMedian: 0, bareMedian: 0, ratio: 0 },
        checks: { page100P95: false, lastToFirst: false, page3000P95: false, restToBare: false },
      });
    }

    // Throughput of page 1 of 100: REST vs bare, rounds interleaved with the order rotated.
    console.log('');
    for (let round = 1; round <= ROUNDS; round++) {
      for (const r of results) {
        const i = lists.findIndex((l) => l.name === r.name);
        const list = lists[i];
        const urls = { rest: restUrl + withPage(list.restPath, 1, 100), bare: `${bareUrl}${withPage(`/bare/${i}`, 1, 100)}` };
        for (const v of (round % 2 ? ['rest', 'bare'] : ['bare', 'rest']) as Variant[]) {
          const m = await measure(urls[v], tokenOf.get(list.name)!, { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S });
          r.throughput[v].push(m);
          const flag = m.non2xx || m.errors || m.timeouts ? `  (non-2xx ${m.non2xx}, errors ${m.errors}, timeouts ${m.timeouts})` : '';
          console.log(
            `round ${round}  ${r.name.padEnd(24)} ${v.padEnd(4)} ${m.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${m.latencyP50Ms} ms  CPU ${m.cpuMsPerReq?.toFixed(3) ?? 'n/a'} ms/req${flag}`,
          );
        }
      }
    }

    for (const r of results) {
      r.throughput.restMedian = r2(median(r.throughput.rest.map((m) => m.reqPerSec)));
      r.throughput.bareMedian = r2(median(r.throughput.bare.map((m) => m.reqPerSec)));
      r.throughput.ratio = r.throughput.bareMedian ? Math.round((r.throughput.restMedian / r.throughput.bareMedian) * 1000) / 1000 : 0;
      const p = r.pages;
      const t = r.targets;
      r.checks = {
        page100P95: Math.max(p.first.rest.p95, p.middle.rest.p95, p.last.rest.p95) <= t.page100P95Ms,
        // A list of one page has no depth: its "last page" is page 1 again, so the ratio is noise.
        lastToFirst: p.last.page === 1 || p.last.rest.p50 / p.first.rest.p50 <= t.lastToFirst,
        page3000P95: p.per3000.rest.p95 <= t.page3000P95Ms,
        restToBare: r.throughput.ratio >= t.restToBare,
        ...(r.fullSync && t.fullSyncS !== undefined ? { fullSync: r.fullSync.restMedianS <= t.fullSyncS } : {}),
        ...(r.fullSync && t.fullSyncToBare !== undefined ? { fullSync: r.fullSync.bareMedianS / r.fullSync.restMedianS >= t.fullSyncToBare } : {}),
      };
    }

    // CSV downloads: the app in a child process, RSS watched from here (support/csv-memory.ts).
    const csvLists = NO_CSV ? [] : CSV_LISTS.filter((l) => !ONLY || ONLY.includes(l.name));
    const csvResults: CsvResult[] = [];
    if (csvLists.length) {
      console.log('');
      const planned: { list: CsvList; token: string; who: string }[] = [];
      for (const list of csvLists) {
        const { provider, token } = await tokenFor(list.provider, list.programme);
        if (!provider) {
          console.log(`${list.name.padEnd(28)} skipped (no ${list.provider.by} in the bench database): ${list.path}`);
          continue;
        }
        const result: CsvResult = {
          name: list.name,
          path: list.path,
          token: `${provider.name} ${list.programme} (most ${list.provider.by}: ${provider.n})`,
          runs: null,
          maxGrowthMb: null,
          maxRssGrowthMb: list.maxRssGrowthMb,
          pass: null,
        };
        csvResults.push(result);
        // Served at all? Asked of the in-process app, so no child starts while every CSV route is still missing.
        let status = 0;
        if (token) {
          const res = await fetch(restUrl + list.path, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
          status = res.status;
          await res.body?.cancel();
        }
        if (!token || status === 404) {
          console.log(`${list.name.padEnd(28)} skipped (${token ? 'route not served' : `${provider.name} has no ${list.programme} programme`}): ${list.path}`);
          continue;
        }
        planned.push({ list, token, who: provider.name });
      }
      if (planned.length) {
        const child = await startCsvServer(bench.url);
        cleanups.push(() => child.stop());
        for (const { list, token, who } of planned) {
          const result = csvResults.find((r) => r.name === list.name)!;
          const runs: CsvRun[] = [];
          for (let k = 0; k < CSV_RUNS; k++) {
            const run = await downloadCsv(child.url + list.path, token, child.pid);
            if (!run) break;
            runs.push(run);
          }
          if (!runs.length) {
            console.log(`${list.name.padEnd(28)} skipped (route not served): ${list.path}`);
            continue;
          }
          result.runs = runs;
          result.maxGrowthMb = Math.max(...runs.map((x) => x.growthMb));
          result.pass = result.maxGrowthMb <= list.maxRssGrowthMb;
          console.log(
            `${list.name.padEnd(28)} ${runs[0].rows} rows, ${(runs[0].bytes / 1048576).toFixed(1)} MB (${who}): ` +
              runs.map((x) => `${x.ms} ms, RSS ${x.rssBeforeMb} → ${x.peakRssMb} MB (+${x.growthMb}, ${x.peakFrom})`).join('; '),
          );
        }
      }
    }

    const ok = (b: boolean | undefined) => (b === undefined ? '–' : b ? 'PASS' : 'FAIL');
    const s = (x: Stats) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
    if (results.length)
      console.log(
        `\nREST server time, p50 / p95 ms (bare handler in brackets: p95); targets per list (in the check columns): page of 100 p95 at any depth, ` +
          `last/first p50, per_page 3000 p95, REST / bare req/s, full sync at per_page 3000 (REST wall clock, median of ${SYNC_RUNS}; bare in brackets; CPU = node + postgres CPU seconds of the REST sync, what it would take on an idle machine)\n`,
      );
    if (results.length)
      console.log(
        table([
          [
            'endpoint',
            'rows',
            'page 1',
            'middle',
            'last',
            'last/first',
            'per_page 3000',
            'req/s REST / bare',
            'full sync s (CPU)',
            'p100',
            'last/first',
            '3000',
            'thru',
            'sync',
          ],
          ...results.map((r) => [
            r.name,
            String(r.total),
            `${s(r.pages.first.rest)} [${r.pages.first.bare.p95.toFixed(1)}]`,
            `p${r.pages.middle.page}: ${s(r.pages.middle.rest)} [${r.pages.middle.bare.p95.toFixed(1)}]`,
            `p${r.pages.last.page}: ${s(r.pages.last.rest)} [${r.pages.last.bare.p95.toFixed(1)}]`,
            r.pages.last.page === 1 ? '1 page' : (r.pages.last.rest.p50 / r.pages.first.rest.p50).toFixed(2),
            `${s(r.pages.per3000.rest)} [${r.pages.per3000.bare.p95.toFixed(1)}]`,
            `${r.throughput.restMedian.toFixed(0)} / ${r.throughput.bareMedian.toFixed(0)} = ${r.throughput.ratio.toFixed(2)}`,
            r.fullSync
              ? `${r.fullSync.restMedianS.toFixed(2)} [${r.fullSync.bareMedianS.toFixed(2)}] CPU ${r.fullSync.restCpuMedianS?.toFixed(2) ?? '?'}, ${r.fullSync.rest[0].pages} pages`
              : '–',
            `${ok(r.checks.page100P95)} ≤${r.targets.page100P95Ms}`,
            `${ok(r.checks.lastToFirst)} ≤${r.targets.lastToFirst}`,
            `${ok(r.checks.page3000P95)} ≤${r.targets.page3000P95Ms}`,
            `${ok(r.checks.restToBare)} ≥${r.targets.restToBare}`,
            r.targets.fullSyncS !== undefined
              ? `${ok(r.checks.fullSync)} ≤${r.targets.fullSyncS} s`
              : r.targets.fullSyncToBare !== undefined && r.fullSync
                ? `${ok(r.checks.fullSync)} ${(r.fullSync.bareMedianS / r.fullSync.restMedianS).toFixed(2)} ≥${r.targets.fullSyncToBare}`
                : '–',
          ]),
        ]),
      );
    if (csvResults.length)
      console.log(
        '\n' +
          table([
            ['CSV download', 'rows', 'MB', 'time ms', 'RSS growth MB (each run)', 'check'],
            ...csvResults.map((c) =>
              c.runs
                ? [
                    c.name,
                    String(c.runs[0].rows),
                    (c.runs[0].bytes / 1048576).toFixed(1),
                    c.runs.map((x) => x.ms).join(' / '),
                    c.runs.map((x) => x.growthMb.toFixed(1)).join(' / '),
                    `${ok(c.pass ?? undefined)} ≤${c.maxRssGrowthMb} MB`,
                  ]
                : [c.name, '', '', '', 'skipped (route not served)', '–'],
            ),
          ]),
      );
    for (const k of skipped) console.log(`skipped: ${k.name} (${k.reason})`);
    const differing = results.flatMap((r) =>
      Object.entries(r.pages)
        .filter(([, p]) => !p.identical)
        .map(([k]) => `${r.name} ${k}`),
    );
    if (differing.length) console.log(`\nwarning: REST and bare bodies differ for ${differing.join(', ')}`);
    const checked = results.flatMap((r) => Object.entries(r.checks).map(([k, v]) => [`${r.name}: ${k}`, v] as const));
    for (const c of csvResults) if (c.pass !== null) checked.push([`${c.name}: rssGrowth`, c.pass]);
    const failures = checked.filter(([, v]) => !v).map(([k]) => k);
    console.log(failures.length ? `\nFAIL: ${failures.length} of ${checked.length} checks (${failures.join('; ')})` : `\nPASS: all ${checked.length} checks`);
    console.log(
      `load average (1/5/15 min): ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' / ')}`,
    );

    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(
      RESULTS_FILE,
      JSON.stringify(
        {
          benchmark: 'lists',
          finishedAt: new Date().toISOString(),
          environment: {
            node: process.version,
            postgres: pgVersion,
            cpus: cpus().length,
            cpuModel: cpus()[0]?.model ?? 'unknown',
            loadAverage1m: r2(loadavg()[0]),
            loadAverageAtStart1m: loadAtStart,
            platform: process.platform,
          },
          database: {
            url: bench.url.replace(/\/\/[^@]*@/, '//'),
            seededThisRun: bench.seeded !== null,
            seedSeconds: bench.seedSeconds,
            seedTotals: bench.seeded?.totals ?? null,
          },
          settings: {
            samples: SAMPLES,
            samples3000: SAMPLES_3000,
            warmup: WARMUP,
            connections: CONNECTIONS,
            durationS: DURATION_S,
            warmupS: WARMUP_S,
            rounds: ROUNDS,
            syncRuns: SYNC_RUNS,
            csvRuns: CSV_RUNS,
            only: ONLY ?? null,
          },
          timing:
            'server time: from the request reaching the HTTP server to the response being handed to the socket, in the same process; sequential requests, REST and bare interleaved',
          csvMemory:
            'app in a child process (support/csv-server.ts); before each download /proc/<pid>/clear_refs is reset (5) and VmRSS read; after it, VmHWM (peak) − that VmRSS; VmRSS also sampled every 5 ms',
          results,
          csv: csvResults,
          skipped,
          failures,
          bodiesDiffer: differing,
          wallClockS: Math.round((Date.now() - started) / 1000),
        },
        null,
        2,
      ) + '\n',
    );
    console.log(`results written to ${RESULTS_FILE} (${Math.round((Date.now() - started) / 1000)} s)`);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
}

main().catch((e) => {
  console.error('bench:lists failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
