import { startTestApp, type TestApp } from '../support/test-app.js';
import { bulkParticipants } from './bulk-fixtures.js';
import { createWorld, type World } from './fixtures.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '../partnerships/fixtures.js';
import { listEcfTrainingRecords, type EcfTrainingRecordFilter } from '../../src/domain/participants/training-records.query.js';
import type { PageRequest } from '../../src/domain/shared/list-query.js';

// Issue 6 item 3: `GET /participants/ecf.csv` streams, so serving the largest provider's list (about 32,700
// records at the production scale of 120,000 participants) grows the process by at most 64 MB. The app runs in
// this process; the body is consumed as it arrives (never held whole) and the resident set sampled meanwhile.
// At that size the key page of each order is also checked to be an index-only scan of its list index.

const ROWS = 33_000;
const LIMIT_MB = 64;

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  await bulkParticipants(app, ROWS, w.pA);
}, 180_000);
afterAll(async () => app.close());

/** Streams the CSV, counting lines and bytes, while sampling RSS every 10 ms; returns the peak growth. */
async function streamAndMeasure(): Promise<{ lines: number; bytes: number; peakGrowthMb: number; firstLine: string }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const res = await fetch(`${app.url}/api/v1/participants/ecf.csv`, { headers: { authorization: `Bearer ${w.P.token}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let lines = 0;
    let bytes = 0;
    let firstLine = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      if (firstLine === '' || !firstLine.endsWith('\n')) firstLine += decoder.decode(value).slice(0, 400);
      for (const b of value) if (b === 10) lines++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    return { lines, bytes, peakGrowthMb: (peak - baseline) / 2 ** 20, firstLine: firstLine.split('\n')[0] };
  } finally {
    clearInterval(timer);
  }
}

it(`streams ${ROWS} rows with at most ${LIMIT_MB} MB of resident memory growth`, async () => {
  await streamAndMeasure(); // warm-up: compiled code, connection pool, caches
  const { lines, bytes, peakGrowthMb, firstLine } = await streamAndMeasure();
  expect(firstLine.startsWith('id,email,full_name,')).toBe(true);
  expect(lines).toBe(ROWS + 1);
  expect(bytes).toBeGreaterThan(ROWS * 200);
  if (process.env.PRINT_CSV_MEMORY) process.stdout.write(`CSV: ${lines} lines, ${bytes} bytes, peak RSS growth ${peakGrowthMb.toFixed(1)} MB\n`);
  expect(peakGrowthMb).toBeLessThan(LIMIT_MB);
}, 180_000);

/** Every plan node of an EXPLAIN (FORMAT JSON) result. */
function nodesOf(plan: Record<string, any>): Record<string, any>[] {
  return [plan, ...((plan.Plans as Record<string, any>[] | undefined) ?? []).flatMap(nodesOf)];
}

/** The plan nodes of the statement's own row flow: `plan` and its children, without init plans and subplans (the
 * day skip's `days`/`start` CTEs, list-days.ts, are init plans of the key page's Limit). */
function flowOf(plan: Record<string, any>): Record<string, any>[] {
  const children = ((plan.Plans as Record<string, any>[] | undefined) ?? []).filter((c) => !['InitPlan', 'SubPlan'].includes(c['Parent Relationship']));
  return [plan, ...children.flatMap(flowOf)];
}

/** Runs the domain list with an entity manager that also EXPLAINs each statement it sends, with its parameters. */
async function planOf(filter: EcfTrainingRecordFilter, page: PageRequest, after?: string): Promise<{ plan: Record<string, any>; rows: string[] }> {
  const em = app.db.orm.em.fork();
  let plan: Record<string, any> = {};
  const explaining = {
    execute: async (text: string, params: unknown[]) => {
      const [row] = await em.execute<{ 'QUERY PLAN': { Plan: Record<string, any> }[] }[]>(`explain (format json) ${text}`, params);
      plan = row['QUERY PLAN'][0].Plan;
      return em.execute(text, params);
    },
  } as unknown as EntityManager;
  const result = await listEcfTrainingRecords(explaining, w.P.id, filter, page, after);
  return { plan, rows: result.items.map((r) => r.cursor) };
}

it.each([
  ['participant creation', {}, 'training_record_keys_created_index'],
  ['updated_at (updated_since given)', { updatedSince: new Date('2000-01-01T00:00:00Z') }, 'training_record_keys_updated_index'],
])('the key page in %s order is an index-only scan of its key index: page 1, page 300, and behind a cursor deep in the list', async (_order, f, index) => {
  // As the production seed leaves it (README): visibility map set, statistics current.
  await sql(app, 'vacuum analyze participant_provider_views, training_record_keys');
  const filter: EcfTrainingRecordFilter = { cohorts: undefined, ...f };
  const first = await planOf(filter, { page: 1, perPage: 100 });
  const deep = await planOf(filter, { page: 300, perPage: 100 });
  const behind = await planOf(filter, { page: 1, perPage: 1000 }, deep.rows[50]);
  expect(behind.rows[0]).toBe(deep.rows[51]);
  // The key table's index is the list's whole order, so page 1, a deep offset page and a cursor read (what the CSV
  // uses) all read a range of it with no sort; the hydration of the page's rows is the planner's choice.
  for (const { plan } of [first, deep, behind]) {
    const keyPage = nodesOf(plan).find((n) => n['Node Type'] === 'Limit' && flowOf(n).some((m) => m['Index Name'] === index))!;
    expect(flowOf(keyPage).map((n) => [n['Node Type'], n['Index Name']])).toEqual([
      ['Limit', undefined],
      ['Index Only Scan', index],
    ]);
  }
});
