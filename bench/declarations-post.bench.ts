/**
 * POST /participant-declarations throughput with every ECF rule (issue 8 item 9: ≥ 200 declarations a second on
 * this machine, reported with the p95).
 *
 *   npm run bench:declarations-post
 *
 * Database: `DATABASE_URL` when set, else `lpapi_bench_post` on 127.0.0.1:5432 (created on first use and seeded
 * at production scale by support/lists-db.ts, as `npm run seed -- --scale production`). Each run first empties the
 * declaration tables of that database (it is the bench's own), gives the provider an open output-fee statement
 * (deadline 2099) in every cohort so fundable participants pass rule 8, then posts one distinct valid `started`
 * declaration per training record of the ECF provider with the most training records (dated at the start of its
 * schedule's `started` milestone), BENCH_CONNECTIONS (10) at a time, through the real app (createApp, rate limits
 * too large to trip) in this process. Reports declarations/s, p50/p95 latency (client side) and status counts;
 * writes bench/results/declarations-post-latest.json. Settings: BENCH_POSTS (2000), BENCH_CONNECTIONS (10),
 * BENCH_WARMUP (50).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadConfig } from '../src/server/config.js';
import { createLogger } from '../src/server/logger.js';
import { createApp } from '../src/server/app.js';
import { TokensService } from '../src/domain/auth/tokens.service.js';
import { fixedOffsetClock } from '../src/domain/shared/clock.js';
import { openBenchDatabase } from './support/lists-db.js';
import { startedDeclarationBody, type DeclarationCandidate } from './support/declaration-post-body.js';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const POSTS = int('BENCH_POSTS', 2000);
const CONNECTIONS = int('BENCH_CONNECTIONS', 10);
const WARMUP = int('BENCH_WARMUP', 50);
const DATABASE = 'lpapi_bench_post';
const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'declarations-post-latest.json');

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const r2 = (x: number) => Math.round(x * 100) / 100;

/** CPU seconds (user + system) of the PostgreSQL backends connected to the database, by pid (/proc; Linux, 100 ticks/s). */
async function backendCpu(em: { execute: <T>(sql: string, params?: unknown[]) => Promise<T> }, database: string): Promise<Map<number, number>> {
  const rows = await em.execute<{ pid: number }[]>(`select pid from pg_stat_activity where datname = ?`, [database]);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch {
      // another user's process or gone: not counted
    }
  }
  return out;
}

type Candidate = DeclarationCandidate;

async function main(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const admin = new pg.Pool({ connectionString: SERVER_URL, max: 1 });
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (rows.length === 0) await admin.query(`create database "${DATABASE}"`);
    await admin.end();
    process.env.DATABASE_URL = SERVER_URL.replace(/\/[^/]*$/, `/${DATABASE}`);
  }
  const bench = await openBenchDatabase({ reseed: false });
  const em = bench.db.orm.em.fork();
  const clock = fixedOffsetClock(() => new Date());
  await em.execute(
    `truncate participant_declaration_listings, statement_line_items, participant_declaration_states, participant_declaration_attempts, participant_declarations`,
  );
  const [provider] = await em.execute<{ id: string; name: string }[]>(
    `select lp.id, lp.name from lead_providers lp join partnerships p on p.lead_provider_id = lp.id join training_periods tp on tp.partnership_id = p.id
      where 'ecf' = any(lp.programmes) group by lp.id, lp.name order by count(*) desc, lp.id limit 1`,
  );
  await em.execute(
    `insert into statements (id, lead_provider_id, cohort_id, programme, month, year, deadline_date, payment_date, output_fee, state, created_at, updated_at)
     select gen_random_uuid(), ?, c.id, 'ecf', 1, 2099, '2099-01-31', '2099-02-25', true, 'open', now(), now() from cohorts c
     on conflict do nothing`,
    [provider.id],
  );
  const candidates = await em.execute<Candidate[]>(
    `select tr.participant_id, tr.participant_type, to_char(m.start_date, 'YYYY-MM-DD') as start
       from training_records tr join milestones m on m.schedule_id = tr.schedule_id and m.declaration_type = 'started'
      where tr.funding_eligibility = 'eligible' and m.start_date <= current_date
        and exists (select 1 from training_periods tp join partnerships p on p.id = tp.partnership_id
                     where tp.training_record_id = tr.id and p.lead_provider_id = ? and tp.schedule_id = tr.schedule_id)
        and not exists (select 1 from training_periods tp where tp.training_record_id = tr.id and tp.training_status <> 'active'
                           and tp.training_status_lead_provider_id = ?)
      order by tr.id limit ?`,
    [provider.id, provider.id, POSTS + WARMUP],
  );
  if (candidates.length < POSTS + WARMUP) throw new Error(`only ${candidates.length} candidate training records for ${provider.name}`);

  const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_IP_MAX: '1000000000' });
  const tokens = new TokensService(config.tokenPepper);
  const issued = await tokens.issueLeadProviderToken(em, clock, provider.id, 'ecf', `bench:declarations-post ${randomUUID()}`);
  const app = await createApp({ config, orm: bench.db.orm, log: createLogger('silent') });
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/participant-declarations`;

  // The client: node:http over a keep-alive agent with one socket per connection (fetch's undici and web streams
  // cost this process about 1 ms of CPU a request, which the server under test then could not use on 2 cores).
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const target = new URL(url);
  const post = (c: Candidate): Promise<{ status: number; ms: number; body: string }> => {
    const t0 = performance.now();
    const payload = startedDeclarationBody(c);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          headers: {
            authorization: `Bearer ${issued.token}`,
            'content-type': 'application/json',
            accept: 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
  const run = async (list: Candidate[]) => {
    const results: { status: number; ms: number; body: string }[] = [];
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (next < list.length) results.push(await post(list[next++]));
      }),
    );
    return { results, seconds: (performance.now() - t0) / 1000 };
  };

  try {
    await run(candidates.slice(0, WARMUP));
    const dbName = new URL(bench.url).pathname.slice(1);
    const pgBefore = await backendCpu(em, dbName);
    const cpuBefore = process.cpuUsage();
    const { results, seconds } = await run(candidates.slice(WARMUP));
    const cpu = process.cpuUsage(cpuBefore);
    const pgAfter = await backendCpu(em, dbName);
    let pgSeconds = 0;
    for (const [pid, after] of pgAfter) pgSeconds += after - (pgBefore.get(pid) ?? 0);
    const nodeSeconds = (cpu.user + cpu.system) / 1e6;
    const ms = results.map((r) => r.ms);
    const statuses: Record<string, number> = {};
    for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    const firstError = results.find((r) => r.status !== 200);
    const report = {
      at: new Date().toISOString(),
      provider: provider.name,
      posts: results.length,
      connections: CONNECTIONS,
      seconds: r2(seconds),
      perSecond: r2(results.length / seconds),
      p50Ms: r2(quantile(ms, 0.5)),
      p95Ms: r2(quantile(ms, 0.95)),
      maxMs: r2(Math.max(...ms)),
      statuses,
      // CPU per declaration, whatever the machine's load: this process (server and client) and the PostgreSQL backends.
      cpuMsPerPost: { node: r2((nodeSeconds * 1000) / results.length), postgres: r2((pgSeconds * 1000) / results.length) },
      firstError: firstError ? `${firstError.status} ${firstError.body.slice(0, 300)}` : null,
      loadAverage: r2(loadavg()[0]),
      target: { perSecond: 200, pass: results.length / seconds >= 200 },
    };
    console.log(JSON.stringify(report, null, 2));
    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
  } finally {
    agent.destroy();
    await new Promise((r) => server.close(r));
    server.closeAllConnections();
    await app.close();
    await bench.db.orm.em.fork().execute(`delete from api_tokens where id = ?`, [issued.id]);
    await bench.db.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
