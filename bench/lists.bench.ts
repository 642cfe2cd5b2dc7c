/**
 * List reads at production scale (issue 5 item 4): every v3 list endpoint of the real app against the
 * production dataset, next to a bare handler that answers the same page with one `pg` query and
 * JSON.stringify (support/bare-lists.ts), in one process.
 *
 *   npm run bench:lists [-- --reseed]
 *
 * Per endpoint: p50/p95 server time (request in → response handed to the socket, measured in the server)
 * of page 1, a middle page and the last page at per_page 100 and of page 1 at per_page 3000, sequential
 * requests with REST and bare interleaved; then throughput of page 1 of 100, REST vs bare, with autocannon
 * in a worker thread, interleaved rounds. Prints a table with PASS/FAIL per target and writes
 * bench/results/lists-latest.json. Exit code 0 whatever the figures (a report, not a test); 1 if the run broke.
 *
 * Database: see support/lists-db.ts (DATABASE_URL, or `lpapi_bench` on 127.0.0.1:5432, seeded once).
 * Settings: BENCH_SAMPLES (per page of 100, default 30), BENCH_SAMPLES_3000 (15), BENCH_WARMUP (5),
 * BENCH_DURATION_S (3), BENCH_WARMUP_S (1), BENCH_ROUNDS (2), BENCH_CONNECTIONS (10), BENCH_ONLY (comma
 * list of endpoint names, e.g. "schools/ecf,partnerships/ecf").
 */
import 'reflect-metadata';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
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
import { BARE_LISTS } from './support/bare-lists.js';
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
const ONLY = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const RESEED = process.argv.includes('--reseed');

const TARGETS = { page100P95Ms: 25, lastToFirst: 1.5, page3000P95Ms: 150, restToBare: 0.7 };
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
interface ListResult {
  name: string;
  path: string;
  token: string;
  total: number;
  pages: Record<PageKind, PageResult>;
  throughput: { rest: Measured[]; bare: Measured[]; restMedian: number; bareMedian: number; ratio: number };
  checks: { page100P95: boolean; lastToFirst: boolean; page3000P95: boolean; restToBare: boolean };
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

    // The largest ECF provider by partnerships, and an NPQ token for the same provider.
    const [largest] = await em.execute<{ id: string; name: string; programmes: string[]; n: string }[]>(
      `select lp.id, lp.name, lp.programmes, count(*) as n from partnerships p join lead_providers lp on lp.id = p.lead_provider_id
        where not p.relationship group by lp.id order by n desc, lp.name limit 1`,
    );
    if (!largest) throw new Error('the bench database has no partnerships: run with --reseed');
    const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_IP_MAX: '1000000000' });
    const tokensService = new TokensService(config.tokenPepper);
    const clock = fixedOffsetClock(() => new Date());
    const tokens: Record<string, string> = {};
    const tokenIds: string[] = [];
    for (const programme of ['ecf', 'npq'] as const) {
      if (!largest.programmes.includes(programme)) continue;
      const issued = await tokensService.issueLeadProviderToken(em, clock, largest.id, programme, `bench:lists ${programme}`);
      tokens[programme] = issued.token;
      tokenIds.push(issued.id);
    }
    cleanups.push(() => bench.db.orm.em.fork().execute(`delete from api_tokens where id in (${tokenIds.map(() => '?').join(', ')})`, tokenIds));

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
    const pool = new pg.Pool({ connectionString: bench.url, max: 10 });
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
        res.type('application/json').send(await list.page(pool, caller.leadProviderId, perPage, (page - 1) * perPage));
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
      `\nlists at production scale: ${bench.url.replace(/\/\/[^@]*@/, '//')} (PostgreSQL ${pgVersion}), provider "${largest.name}" ` +
        `(${largest.n} partnerships), ${SAMPLES} samples per page of 100, ${SAMPLES_3000} per page of 3000, ` +
        `${CONNECTIONS} connections × ${WARMUP_S}+${DURATION_S} s × ${ROUNDS} rounds for throughput, ${cpus().length} CPUs, Node ${process.version}, load ${loadavg()[0].toFixed(2)}\n`,
    );

    const get = async (variant: Variant, url: string, token: string): Promise<{ ms: number; body: string }> => {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${variant} ${url} → ${res.status}: ${body.slice(0, 300)}`);
      return { ms: (variant === 'rest' ? rest : bare).lastMs(), body };
    };

    const results: ListResult[] = [];
    for (const [i, list] of lists.entries()) {
      const token = tokens[list.programme];
      if (!token) {
        console.log(`skip ${list.name}: ${largest.name} has no ${list.programme} token`);
        continue;
      }
      const total = await list.count(pool, largest.id);
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
        `${list.name.padEnd(24)} ${String(total).padStart(6)} rows  p50/p95 ms  REST: p1 ${fmt(pages.first.rest)}  p${pages.middle.page} ${fmt(pages.middle.rest)}  p${pages.last.page} ${fmt(pages.last.rest)}  3000 ${fmt(pages.per3000.rest)}   bare: p1 ${fmt(pages.first.bare)}  last ${fmt(pages.last.bare)}  3000 ${fmt(pages.per3000.bare)}`,
      );
      results.push({
        name: list.name,
        path: list.restPath,
        token: `${largest.name} ${list.programme}`,
        total,
        pages,
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
          const m = await measure(urls[v], tokens[list.programme], { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S });
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
      r.checks = {
        page100P95: Math.max(p.first.rest.p95, p.middle.rest.p95, p.last.rest.p95) <= TARGETS.page100P95Ms,
        // A list of one page has no depth: its "last page" is page 1 again, so the ratio is noise.
        lastToFirst: p.last.page === 1 || p.last.rest.p50 / p.first.rest.p50 <= TARGETS.lastToFirst,
        page3000P95: p.per3000.rest.p95 <= TARGETS.page3000P95Ms,
        restToBare: r.throughput.ratio >= TARGETS.restToBare,
      };
    }

    const ok = (b: boolean) => (b ? 'PASS' : 'FAIL');
    const s = (x: Stats) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`;
    console.log(
      `\nREST server time, p50 / p95 ms (bare handler in brackets: p95); targets: page of 100 ≤ ${TARGETS.page100P95Ms} ms p95, last/first p50 ≤ ${TARGETS.lastToFirst}, per_page 3000 ≤ ${TARGETS.page3000P95Ms} ms p95, REST ≥ ${TARGETS.restToBare} × bare req/s\n`,
    );
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
          'p100 ≤25',
          'last/first',
          '3000 ≤150',
          'thru ≥0.7',
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
          ok(r.checks.page100P95),
          ok(r.checks.lastToFirst),
          ok(r.checks.page3000P95),
          ok(r.checks.restToBare),
        ]),
      ]),
    );
    const differing = results.flatMap((r) =>
      Object.entries(r.pages)
        .filter(([, p]) => !p.identical)
        .map(([k]) => `${r.name} ${k}`),
    );
    if (differing.length) console.log(`\nwarning: REST and bare bodies differ for ${differing.join(', ')}`);
    const failures = results.flatMap((r) =>
      Object.entries(r.checks)
        .filter(([, v]) => !v)
        .map(([k]) => `${r.name}: ${k}`),
    );
    console.log(
      failures.length ? `\nFAIL: ${failures.length} of ${results.length * 4} checks (${failures.join('; ')})` : `\nPASS: all ${results.length * 4} checks`,
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
            provider: largest.name,
          },
          timing:
            'server time: from the request reaching the HTTP server to the response being handed to the socket, in the same process; sequential requests, REST and bare interleaved',
          targets: TARGETS,
          results,
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
