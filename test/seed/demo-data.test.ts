import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { seedDemoData } from '../../src/domain/demo/seed-demo-data.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { ensureDemoData } from '../../src/server/demo-data.js';
import { loadConfig } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';
import { DECLARATIONS_HASH, failingProbes, statesByProgramme } from './declaration-probes.js';

const COUNTS = `select (select count(*) from lead_providers)::int lps, (select count(*) from cohorts)::int cohorts,
  (select count(*) from schools)::int schools, (select count(*) from school_cohorts)::int school_cohorts,
  (select count(*) from partnerships)::int partnerships, (select count(*) from statements)::int statements,
  (select count(*) from schedules)::int schedules, (select count(*) from provider_relationships)::int relationships,
  (select count(*) from participant_declarations)::int declarations, (select count(*) from participant_declaration_states)::int declaration_states,
  (select count(*) from statement_line_items)::int line_items, (select count(*) from participant_declaration_listings)::int declaration_listings,
  (select count(*) from npq_outcomes)::int outcomes`;
const ALL_STATES = ['awaiting_clawback', 'clawed_back', 'eligible', 'ineligible', 'paid', 'payable', 'submitted', 'voided'];

describe('demo data', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
  });
  afterAll(async () => db.drop());

  it('seeds every lead provider, cohort, a few hundred schools in every cohort, partnerships and three years of statements', async () => {
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
    // 15 provider-programme pairs (7 ECF, 8 NPQ) × 6 cohorts × 36 months
    expect(c.statements).toBe(15 * 6 * 36);
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

  it('keeps the statements of a cohort in progress open, payable and paid by their dates', async () => {
    const rows = await db.db.orm.em.fork().execute<{ programme: string; states: string[] }[]>(
      `select s.programme, array_agg(distinct s.state order by s.state) as states from statements s join cohorts c on c.id = s.cohort_id
        where s.output_fee and exists (select 1 from statements o where o.cohort_id = s.cohort_id and o.lead_provider_id = s.lead_provider_id
                                          and o.programme = s.programme and o.output_fee and o.deadline_date >= current_date)
        group by 1 order by 1`,
    );
    expect(rows).toEqual([
      { programme: 'ecf', states: ['open', 'paid', 'payable'] },
      { programme: 'npq', states: ['open', 'paid', 'payable'] },
    ]);
    const [bad] = await db.db.orm.em
      .fork()
      .execute<{ n: number }[]>(
        `select count(*)::int n from statements where (state = 'paid') <> (marked_as_paid_at is not null) or (state = 'open' and deadline_date < current_date)`,
      );
    expect(bad.n).toBe(0);
  });

  it('seeds ECF and NPQ declarations in every state, consistent with their statements, line items, history and listings', async () => {
    const em = db.db.orm.em.fork();
    expect(await statesByProgramme(em)).toEqual({ ecf: ALL_STATES, npq: ALL_STATES });
    expect(await failingProbes(em, new Date().toISOString())).toEqual([]);
    const [r] = await em.execute<Record<string, number>[]>(`select
        (select count(*)::int from participant_declarations where programme = 'ecf' and state = 'ineligible' and state_reason = 'duplicate') as ecf_duplicates,
        (select count(*)::int from participant_declarations where course_identifier = 'ecf-mentor') as mentor_declarations,
        (select count(*)::int from participant_declarations where mentor_participant_id is not null) as with_mentor,
        (select count(*)::int from participant_declarations where pupil_premium_uplift and declaration_type = 'started' and state = 'paid') as uplifted,
        (select count(*)::int from participant_declarations d join cohorts c on c.id = d.cohort_id
          where c.detailed_evidence_types and d.evidence_held like '75-percent%') as detailed_evidence,
        (select count(*)::int from participant_declarations where programme = 'npq' and delivery_partner_id is not null) as npq_with_partner,
        (select count(*)::int from participant_declarations where programme = 'npq' and secondary_delivery_partner_id is not null) as npq_with_secondary,
        (select count(*)::int from npq_outcomes where declaration_id is not null) as linked_outcomes,
        (select count(*)::int from participant_declarations where declaration_type = 'completed' and programme = 'npq' and has_passed is not null) as with_has_passed,
        (select count(distinct lead_provider_id)::int from participant_declarations where programme = 'ecf') as ecf_providers,
        (select count(distinct lead_provider_id)::int from participant_declarations where programme = 'npq') as npq_providers`);
    expect(r.ecf_duplicates).toBe(7);
    expect(r.ecf_providers).toBe(7);
    expect(r.npq_providers).toBe(8);
    for (const k of ['mentor_declarations', 'with_mentor', 'uplifted', 'detailed_evidence', 'npq_with_partner', 'npq_with_secondary', 'with_has_passed']) {
      expect([k, r[k] > 0]).toEqual([k, true]);
    }
    expect(r.linked_outcomes).toBe(30);
  });

  it("shows movers' declarations across providers (ecf.md §2.8 rules 2 and 3)", async () => {
    const rows = await db.db.orm.em.fork().execute<{ submitter: string; viewer: string; v3_only: boolean; n: number }[]>(
      `select s.name as submitter, v.name as viewer, l.v3_only, count(*)::int as n
         from participant_declaration_listings l join participant_declarations d on d.id = l.declaration_id
         join lead_providers s on s.id = d.lead_provider_id join lead_providers v on v.id = l.lead_provider_id
        where l.lead_provider_id <> d.lead_provider_id and d.programme = 'ecf' group by 1, 2, 3 order by 1, 2`,
    );
    // Each ECF provider P's two movers to the next provider Q: Q sees P's started and retained-1 (Q trains them now);
    // P sees Q's retained-2, dated before they left P, on v3 only.
    expect(rows.filter((r) => !r.v3_only).map((r) => r.n)).toEqual([4, 4, 4, 4, 4, 4, 4]);
    expect(rows.filter((r) => r.v3_only).map((r) => r.n)).toEqual([2, 2, 2, 2, 2, 2, 2]);
  });

  it('is idempotent: a second run adds nothing and keeps the ids', async () => {
    const em = db.db.orm.em.fork();
    const [before] = await em.execute(COUNTS);
    const [declarations] = await em.execute(DECLARATIONS_HASH);
    const ids = await em.execute('select id from partnerships order by id');
    await seedDemoData(
      em,
      fixedOffsetClock(() => new Date()),
    );
    const [after] = await em.execute(COUNTS);
    expect(after).toEqual(before);
    expect(await em.execute('select id from partnerships order by id')).toEqual(ids);
    expect(await em.execute(DECLARATIONS_HASH)).toEqual([declarations]);
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
