import type { EntityManager } from '@mikro-orm/postgresql';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addParticipants, createWorld, type World } from './fixtures.js';
import { PARTICIPANT_LIST_DAY_MISMATCHES } from '../support/list-day-probes.js';
import { compactDayCounts, DAY_COUNT_TABLES } from '../../src/domain/shared/day-counts.js';

// Deep pages of the participant lists start at the day their offset falls in (src/domain/participants/list-days.ts,
// Migration20261218100000ParticipantListDays): the per-day counts must match the rows exactly, or a page would
// repeat or skip rows.
let app: TestApp;
let w: World;

const LISTS = ['/api/v1/participants/ecf', '/api/v2/participants/ecf', '/api/v3/participants/ecf', '/api/v3/participants'];

/** Row keys of one page: v1/v2 have a row per training record, so the id and the type. */
async function page(path: string, perPage: number, n: number, extra = ''): Promise<string[]> {
  const res = await app.request('GET', `${path}?page%5Bper_page%5D=${perPage}&page%5Bpage%5D=${n}${extra}`, { token: w.P.token });
  expect(res.status).toBe(200);
  return (res.body.data as { id: string; attributes: { participant_type?: string } }[]).map((d) => `${d.id}:${d.attributes.participant_type ?? ''}`);
}

async function walk(path: string, perPage: number, extra = ''): Promise<string[]> {
  const out: string[] = [];
  for (let n = 1; ; n++) {
    const rows = await page(path, perPage, n, extra);
    out.push(...rows);
    if (rows.length < perPage) return out;
  }
}

/** The counts the tables hold that differ from the counts of the rows (empty: exact). */
const countMismatches = (em: EntityManager): Promise<unknown[]> => em.execute(PARTICIPANT_LIST_DAY_MISMATCHES);

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  // 40 participants over 8 days (several a day, two created in the same second), ECTs and mentors, 2024 and 2025,
  // some at the other provider, one with both records; then a second batch on earlier days than some of the first.
  const day = (d: number, h: number) => `2025-03-${String(10 + d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;
  await addParticipants(
    app,
    Array.from({ length: 40 }, (_, i) => ({
      createdAt: day(i % 8, i % 5 === 0 ? 9 : 8 + (i % 7)),
      records: [
        {
          type: i % 4 === 0 ? ('mentor' as const) : ('ect' as const),
          periods: [{ partnershipId: i % 9 === 0 ? w.qA : i % 3 === 0 ? w.p25 : i % 2 ? w.pA : w.pB, start: '2024-09-02T00:00:00Z' }],
        },
        ...(i % 10 === 7 ? [{ type: 'mentor' as const, periods: [{ partnershipId: w.pB, start: '2024-09-02T00:00:00Z' }] }] : []),
      ],
    })),
  );
  await addParticipants(
    app,
    Array.from({ length: 12 }, (_, i) => ({
      createdAt: day(i % 4, 20),
      records: [{ type: 'ect' as const, periods: [{ partnershipId: i % 2 ? w.pA : w.p25, start: '2024-09-02T00:00:00Z' }] }],
    })),
  );
});
afterAll(async () => app?.close());

describe('participant lists: deep pages from the per-day counts', () => {
  it('keeps the counts equal to the rows after the writes', async () => {
    expect(await countMismatches(app.db.orm.em.fork())).toEqual([]);
    const [{ days }] = await app.db.orm.em
      .fork()
      .execute<{ days: number }[]>(
        'select count(*)::int as days from (select day from participant_list_days where lead_provider_id = ? group by day having sum(n_visible) > 0) d',
        [w.P.id],
      );
    expect(days).toBeGreaterThanOrEqual(8);
  });

  it.each(LISTS)('%s: every page at per_page 1, 4 and 7 is the slice of the whole list at that offset', async (path) => {
    const all = await page(path, 3000, 1);
    expect(all.length).toBeGreaterThan(40);
    expect(new Set(all).size).toBe(all.length);
    for (const perPage of [1, 4, 7]) expect(await walk(path, perPage)).toEqual(all);
    // A page past the end is empty, and the page that ends exactly at the last row is full.
    expect(await page(path, 4, Math.ceil(all.length / 4) + 1)).toEqual([]);
    expect(await page(path, all.length, 1)).toEqual(all);
  });

  it('reads the cohort filter of v1/v2 from the counts of those cohorts only', async () => {
    for (const path of LISTS.slice(0, 2)) {
      const all = await page(path, 3000, 1, '&filter%5Bcohort%5D=2025');
      expect(all.length).toBeGreaterThan(5);
      expect(await walk(path, 3, '&filter%5Bcohort%5D=2025')).toEqual(all);
    }
  });

  it('keeps the counts exact through inserts, visibility changes, cohort changes and deletes (statement triggers)', async () => {
    const em = app.db.orm.em.fork();
    await em
      .transactional(async (tx) => {
        await tx.execute(
          `update participant_provider_views set api_visible = false where lead_provider_id = ? and participant_id in (
                            select participant_id from participant_provider_views where lead_provider_id = ? order by participant_id limit 5)`,
          [w.P.id, w.P.id],
        );
        await tx.execute(
          `update participant_provider_views set ect_cohort = 2019, mentor_cohort = null where ect_cohort is not null and lead_provider_id = ?
                             and participant_id in (select participant_id from participant_provider_views order by participant_id desc limit 3)`,
          [w.P.id],
        );
        await tx.execute(`update participant_provider_views set updated_at = updated_at + interval '1 second' where lead_provider_id = ?`, [w.P.id]);
        await tx.execute(`update training_record_keys set cohort = 2023 where ord = 1 and lead_provider_id = ?`, [w.P.id]);
        await tx.execute(
          `delete from training_record_keys where participant_id in (select participant_id from training_record_keys order by participant_id limit 4)`,
        );
        await tx.execute(
          `delete from participant_provider_views where participant_id in (select participant_id from participant_provider_views order by participant_id desc limit 2)`,
        );
        expect(await countMismatches(tx)).toEqual([]);
        throw new Error('roll back');
      })
      .catch((e: Error) => expect(e.message).toBe('roll back'));
    expect(await countMismatches(em)).toEqual([]);
  });

  it("never makes two writers wait for each other on a count: two transactions moving two providers' counts in opposite orders both commit", async () => {
    // Each transaction adds a key row for one provider, then for the other, on the same day and cohort. With one
    // count row per key (the previous design) the second statements waited on each other's rows: a deadlock.
    const day = '2025-03-01T12:00:00Z';
    const key = (lp: string) => [lp, crypto.randomUUID(), day];
    const insertKey = (tx: EntityManager, lp: string) =>
      tx.execute(
        `insert into training_record_keys (lead_provider_id, participant_id, ord, cohort, participant_created_at, updated_at)
                  values (?, ?, 0, 2024, ?, now())`,
        key(lp),
      );
    const a = app.db.orm.em.fork();
    const b = app.db.orm.em.fork();
    await a.begin();
    await b.begin();
    try {
      await insertKey(a, w.P.id);
      await insertKey(b, w.Q.id);
      const second = await Promise.race([
        Promise.all([insertKey(a, w.Q.id), insertKey(b, w.P.id)]).then(() => 'both'),
        new Promise((r) => setTimeout(() => r('waiting'), 3000)),
      ]);
      expect(second).toBe('both');
      await a.commit();
      await b.commit();
    } finally {
      if (a.isInTransaction()) await a.rollback();
      if (b.isInTransaction()) await b.rollback();
    }
    expect(await countMismatches(app.db.orm.em.fork())).toEqual([]);
    await app.db.orm.em.fork().execute(`delete from training_record_keys where participant_created_at = ? and cohort = 2024 and ord = 0`, [day]);
    expect(await countMismatches(app.db.orm.em.fork())).toEqual([]);
  });

  it("compaction folds each key's rows into one and changes no count nor any page", async () => {
    const em = app.db.orm.em.fork();
    const before = await Promise.all(LISTS.map((path) => page(path, 3000, 1)));
    const rowsPerKey = () =>
      em.execute<{ table: string; most: number }[]>(
        DAY_COUNT_TABLES.map(
          ({ table, keys }) =>
            `select '${table}' as table, coalesce(max(n), 0)::int as most from (select count(*) as n from ${table} group by ${keys.join(', ')}) x`,
        ).join(' union all '),
      );
    // A key row added and removed in two statements: its key's count is two rows that sum to zero.
    const day = '2025-03-02T12:00:00Z';
    await em.execute(
      `insert into training_record_keys (lead_provider_id, participant_id, ord, cohort, participant_created_at, updated_at) values (?, ?, 0, 2024, ?, now())`,
      [w.P.id, crypto.randomUUID(), day],
    );
    await em.execute(`delete from training_record_keys where participant_created_at = ?`, [day]);
    expect(Math.max(...(await rowsPerKey()).map((r) => r.most))).toBeGreaterThan(1);
    expect(await compactDayCounts(em)).toBeGreaterThan(0);
    expect((await rowsPerKey()).map((r) => r.most)).toEqual(DAY_COUNT_TABLES.map(() => 1));
    expect(await countMismatches(em)).toEqual([]);
    expect(await Promise.all(LISTS.map((path) => page(path, 3000, 1)))).toEqual(before);
    for (const [i, path] of LISTS.entries()) expect(await walk(path, 7)).toEqual(before[i]);
    // Nothing left to fold.
    expect(await compactDayCounts(em)).toBe(0);
  });
});
