import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { seedDemoData } from '../../src/domain/demo/seed-demo-data.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { ensureDemoData } from '../../src/server/demo-data.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';

const COUNTS = `select (select count(*) from lead_providers)::int lps, (select count(*) from cohorts)::int cohorts,
  (select count(*) from schools)::int schools, (select count(*) from school_cohorts)::int school_cohorts,
  (select count(*) from partnerships)::int partnerships, (select count(*) from statements)::int statements,
  (select count(*) from schedules)::int schedules, (select count(*) from provider_relationships)::int relationships`;

describe('demo data', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(async () => db.drop());

  it('seeds every lead provider, cohort, a few hundred schools in every cohort, partnerships and a year of statements', async () => {
    const em = db.db.orm.em.fork();
    await seedDemoData(
      em,
      fixedOffsetClock(() => new Date()),
    );
    const [c] = await em.execute(COUNTS);
    expect(c).toMatchObject({ lps: 10, cohorts: 7, schools: 300, school_cohorts: 2100 });
    // 12 ECF schedules per cohort (7) + the NPQ schedules of each NPQ cohort (npq.md §1.4): 2021 9, 2022 and
    // 2023 8 each, 2024 5, 2025, 2026a and 2026b 8 each
    expect(c.schedules).toBe(7 * 12 + (9 + 8 + 8 + 5 + 8 + 8 + 8));
    // 15 provider-programme pairs (7 ECF, 8 NPQ) × 6 cohorts × 12 months
    expect(c.statements).toBe(15 * 6 * 12);
    expect(c.partnerships).toBeGreaterThan(300);
    const perCohort = await em.execute<
      { start_year: number; n: number; challenged: number }[]
    >(`select c.start_year, count(p.id)::int n, count(*) filter (where p.challenge_reason is not null)::int challenged
      from cohorts c left join partnerships p on p.cohort_id = c.id group by c.start_year order by 1`);
    for (const row of perCohort.filter((r) => r.start_year >= 2021)) {
      expect(row.n).toBeGreaterThan(50);
    }
    expect(perCohort.some((r) => r.challenged > 0)).toBe(true);
  });

  it('is idempotent: a second run adds nothing and keeps the ids', async () => {
    const em = db.db.orm.em.fork();
    const [before] = await em.execute(COUNTS);
    const ids = await em.execute('select id from partnerships order by id');
    await seedDemoData(
      em,
      fixedOffsetClock(() => new Date()),
    );
    const [after] = await em.execute(COUNTS);
    expect(after).toEqual(before);
    expect(await em.execute('select id from partnerships order by id')).toEqual(ids);
  });

  it('writes demo tokens once, for each provider and programme it delivers, plus an admin token', async () => {
    const fresh = await createTestDatabase({ seed: false });
    const dir = mkdtempSync(join(tmpdir(), 'lpapi-demo-'));
    try {
      const config = loadConfig({ APP_ENV: 'test', DATABASE_URL: fresh.url, DATA_DIR: dir });
      const tokens = await ensureDemoData(fresh.db.orm, config, createLogger('silent'));
      const file = JSON.parse(readFileSync(join(dir, 'demo-tokens.json'), 'utf8'));
      expect(file).toEqual(tokens);
      expect(file.leadProviders).toHaveLength(10);
      const ambition = file.leadProviders.find((p: { name: string }) => p.name === 'Ambition Institute');
      expect(ambition.programmes).toEqual(['ecf', 'npq']);
      expect(Object.keys(ambition.tokens)).toEqual(['ecf', 'npq']);
      expect(file.admin.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // A second start on the same database issues nothing new.
      expect(await ensureDemoData(fresh.db.orm, config, createLogger('silent'))).toBeNull();
      const [{ n }] = await fresh.db.orm.em.fork().execute('select count(*)::int n from api_tokens');
      expect(n).toBe(16); // 7 ECF + 8 NPQ provider tokens + admin
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await fresh.drop();
    }
  });
});
