/**
 * Where one POST /participant-declarations spends its database time (issue 8 item 9). Scratch-style tool:
 *
 *   node --import @swc-node/register/esm-register bench/support/profile-declarations-post.ts [posts=200] [--explain]
 *
 * Uses the bench database of declarations-post.bench.ts (lpapi_bench_post; run that bench once first). Empties the
 * declaration tables, then posts `posts` distinct valid declarations one at a time through the real app and times
 * every statement the `pg` driver sends (client side, localhost), grouped by its first 90 characters: count, mean
 * and total ms per post. `--explain` then runs each distinct statement's last text under EXPLAIN (ANALYZE, SUMMARY)
 * inside a rolled-back transaction and prints planning and execution time. PROFILE_DUMP=<file> writes each distinct
 * statement's last text there (JSON).
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import pgModule from 'pg';
import { startedDeclarationBody, type DeclarationCandidate } from './declaration-post-body.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { createApp } from '../../src/server/app.js';
import { TokensService } from '../../src/domain/auth/tokens.service.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { openBenchDatabase } from './lists-db.js';
import { refreshDeclarationListings } from '../../src/domain/declarations/declaration-listings.js';

const POSTS = Number(process.argv[2] ?? 200);
const EXPLAIN = process.argv.includes('--explain');
const CHECK_LISTINGS = process.argv.includes('--check-listings');
process.env.DATABASE_URL ??= 'postgresql://postgres@127.0.0.1:5432/lpapi_bench_post';

interface Stat {
  n: number;
  ms: number;
  last: string;
}
const stats = new Map<string, Stat>();
let recording = false;
interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<unknown>;
  end(): Promise<void>;
}
// The `pg` typings here declare the pool only; the client class is there at run time.
const pg = pgModule as unknown as { Client: { new (o: { connectionString: string }): PgClient; prototype: PgClient } };
// eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped and called with its client below
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: PgClient, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
  const t0 = performance.now();
  const res = original.apply(this, args);
  if (recording && res && typeof (res as Promise<unknown>).then === 'function') {
    (res as Promise<unknown>).then(
      () => {
        const key = text
          .replace(/'(?:[^']|'')*'/g, '?')
          .replace(/\s+/g, ' ')
          .slice(0, 110);
        const s = stats.get(key) ?? { n: 0, ms: 0, last: text };
        s.n++;
        s.ms += performance.now() - t0;
        s.last = text;
        stats.set(key, s);
      },
      () => undefined,
    );
  }
  return res;
};

async function main(): Promise<void> {
  const bench = await openBenchDatabase({ reseed: false });
  const em = bench.db.orm.em.fork();
  await em.execute(
    `truncate participant_declaration_listings, statement_line_items, participant_declaration_states, participant_declaration_attempts, participant_declarations`,
  );
  const [provider] = await em.execute<{ id: string }[]>(
    `select lp.id from lead_providers lp join partnerships p on p.lead_provider_id = lp.id join training_periods tp on tp.partnership_id = p.id
      where 'ecf' = any(lp.programmes) group by lp.id order by count(*) desc, lp.id limit 1`,
  );
  const candidates = await em.execute<DeclarationCandidate[]>(
    `select tr.participant_id, tr.participant_type, to_char(m.start_date, 'YYYY-MM-DD') as start
       from training_records tr join milestones m on m.schedule_id = tr.schedule_id and m.declaration_type = 'started'
      where tr.funding_eligibility = 'eligible' and m.start_date <= current_date
        and exists (select 1 from training_periods tp join partnerships p on p.id = tp.partnership_id
                     where tp.training_record_id = tr.id and p.lead_provider_id = ? and tp.schedule_id = tr.schedule_id)
        and not exists (select 1 from training_periods tp where tp.training_record_id = tr.id and tp.training_status <> 'active'
                           and tp.training_status_lead_provider_id = ?)
      order by tr.id limit ?`,
    [provider.id, provider.id, POSTS + 20],
  );
  const config = loadConfig({ APP_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: bench.url, RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_IP_MAX: '1000000000' });
  const issued = await new TokensService(config.tokenPepper).issueLeadProviderToken(
    em,
    fixedOffsetClock(() => new Date()),
    provider.id,
    'ecf',
    `profile ${randomUUID()}`,
  );
  const app = await createApp({ config, orm: bench.db.orm, log: createLogger('silent') });
  const server = app.app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3/participant-declarations`;
  const post = async (c: (typeof candidates)[number]) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${issued.token}`, 'content-type': 'application/json' },
      body: startedDeclarationBody(c),
    });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${res.status} ${body}`);
  };
  try {
    for (const c of candidates.slice(0, 20)) await post(c);
    recording = true;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (const c of candidates.slice(20)) await post(c);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    recording = false;
    let total = 0;
    const rows = [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms);
    for (const [key, s] of rows) {
      total += s.ms;
      console.log(`${(s.ms / POSTS).toFixed(3).padStart(7)} ms/post  ${String(s.n).padStart(5)}×  ${(s.ms / s.n).toFixed(3).padStart(7)} ms  ${key}`);
    }
    console.log(
      `statements: ${(total / POSTS).toFixed(2)} ms/post; wall ${(wall / POSTS).toFixed(2)} ms/post; node cpu ${((cpu.user + cpu.system) / 1000 / POSTS).toFixed(2)} ms/post`,
    );
    if (process.env.PROFILE_DUMP)
      writeFileSync(
        process.env.PROFILE_DUMP,
        JSON.stringify(
          rows.map(([key, st]) => ({ key, sql: st.last })),
          null,
          2,
        ),
      );
    if (CHECK_LISTINGS) {
      // The listing rows the create wrote must be the ones a full refresh derives: re-derive them (rolled back) and
      // count rows the refresh adds, changes (marked pending_stamp) or deletes.
      const check = bench.db.orm.em.fork();
      await check.begin();
      try {
        const [{ n: before }] = await check.execute<{ n: string }[]>(`select count(*) as n from participant_declaration_listings`);
        const ids = (await check.execute<{ id: string }[]>(`select id from participant_declarations`)).map((r) => r.id);
        await refreshDeclarationListings(check, { declarationIds: ids }, []);
        const [{ n: after, marked }] = await check.execute<{ n: string; marked: string }[]>(
          `select count(*) as n, count(*) filter (where pending_stamp) as marked from participant_declaration_listings`,
        );
        const [{ others }] = await check.execute<{ others: string }[]>(
          `select count(*) as others from participant_declaration_listings l join participant_declarations d on d.id = l.declaration_id where l.lead_provider_id <> d.lead_provider_id`,
        );
        console.log(`listings: ${before} rows before the refresh, ${after} after, ${marked} added or changed by it (${others} rows of other providers)`);
      } finally {
        await check.rollback();
      }
    }
    if (EXPLAIN) {
      const client = new pg.Client({ connectionString: bench.url });
      await client.connect();
      for (const [key, s] of rows) {
        if (!/^\s*(with|select|insert|update|delete)/i.test(s.last)) continue;
        await client.query('begin');
        try {
          const { rows: plan } = (await original.call(client, `explain (analyze, summary, format json) ${s.last}`)) as {
            rows: { 'QUERY PLAN': [{ 'Planning Time': number; 'Execution Time': number }] }[];
          };
          const p = plan[0]['QUERY PLAN'][0];
          console.log(`plan ${p['Planning Time'].toFixed(3)} exec ${p['Execution Time'].toFixed(3)}  ${key}`);
        } catch (e) {
          console.log(`explain failed (${(e as Error).message})  ${key}`);
        }
        await client.query('rollback');
      }
      await client.end();
    }
  } finally {
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
