import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { seedProductionData, type ProductionSeedReport } from '../../src/domain/demo/seed-production.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

// Issue 6 "Data": about 120,000 participants (80,000 ECTs, 40,000 mentors) over the 7 ECF providers and 4 open
// cohorts, uneven, with history. Checked here at 1/20 of that volume.
const SCALE = 0.05;

describe('production-scale participants (at 1/20 scale)', () => {
  let db: TestDatabase;
  let report: ProductionSeedReport;
  const one = async <T>(sql: string): Promise<T> => (await db.db.orm.em.fork().execute<T[]>(sql))[0];

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    report = await seedProductionData(
      db.db.orm.em.fork(),
      fixedOffsetClock(() => new Date('2026-12-01T10:00:00Z')),
      { scale: SCALE },
    );
  });
  afterAll(async () => db?.drop());

  it('makes 4,000 ECTs and 2,000 mentors, one training record each, in the cohorts 2023 to 2026', async () => {
    expect(report.inserted).toMatchObject({ participants: 6000, training_records: 6000 });
    const rows = await db.db.orm.em.fork().execute<{ participant_type: string; n: number; cohorts: number[] }[]>(
      `select tr.participant_type, count(*)::int as n, array_agg(distinct c.start_year order by c.start_year) as cohorts from training_records tr join schedules s on s.id = tr.schedule_id join cohorts c on c.id = s.cohort_id
          where exists (select 1 from training_periods tp where tp.training_record_id = tr.id and tp.partnership_id is not null) group by 1 order by 1`,
    );
    expect(rows).toEqual([
      { participant_type: 'ect', n: 4000, cohorts: [2023, 2024, 2025, 2026] },
      { participant_type: 'mentor', n: 2000, cohorts: [2023, 2024, 2025, 2026] },
    ]);
  });

  it('spreads them unevenly over the 7 ECF providers, the largest seeing about a quarter', () => {
    expect(report.participantsByProvider).toHaveLength(7);
    const [largest] = report.participantsByProvider;
    expect(largest.leadProvider).toBe('Ambition Institute');
    expect(largest.participants / 6000).toBeGreaterThan(0.22);
    expect(largest.participants / 6000).toBeLessThan(0.3);
    expect(report.participantsByProvider.at(-1)!.participants / 6000).toBeLessThan(0.08);
  });

  it('gives them history: about 15% moved school, 5% withdrawn and 3% deferred, some joining, leaving and left', async () => {
    const h = await one<Record<string, number>>(`
      select count(*) filter (where school_transfer)::float / count(distinct training_record_id) as moved,
             count(*) filter (where training_status = 'withdrawn')::float / count(distinct training_record_id) as withdrawn,
             count(*) filter (where training_status = 'deferred')::float / count(distinct training_record_id) as deferred,
             count(*) filter (where start_date > '2026-11-30')::int as joining,
             count(*) filter (where end_date > '2026-11-30' and not school_transfer)::int as leaving,
             count(*) filter (where end_date <= '2026-11-30' and induction_status = 'leaving')::int as left
        from training_periods`);
    expect(h.moved).toBeGreaterThan(0.12);
    expect(h.moved).toBeLessThan(0.16);
    expect(h.withdrawn).toBeGreaterThan(0.04);
    expect(h.withdrawn).toBeLessThan(0.06);
    expect(h.deferred).toBeGreaterThan(0.02);
    expect(h.deferred).toBeLessThan(0.04);
    expect(h.joining).toBeGreaterThan(0);
    expect(h.leaving).toBeGreaterThan(0);
    expect(h.left).toBeGreaterThan(1000 * 0.1);
  });

  it('projects every participant: each provider row names the latest period of the provider, and every ECT with a mentor at its partnership has one', async () => {
    const p = await one<{ views: number; participants: number; unmentored: number }>(`
      select (select count(distinct participant_id)::int from participant_provider_views where api_visible) as participants,
             (select count(*)::int from participant_provider_views) as views,
             (select count(*)::int from training_periods tp join training_records tr on tr.id = tp.training_record_id
               where tr.participant_type = 'ect' and tp.mentor_training_record_id is null and tp.partnership_id is not null) as unmentored`);
    expect(p.participants).toBe(6000);
    expect(p.views).toBeGreaterThan(6000); // movers across providers are seen by both
    expect(p.unmentored).toBeLessThan(4000 * 0.2);
  });

  it("fills RECT's participant data: working patterns, induction periods, changed-lead-provider, school-led ECTs, training counts and expressions of interest", async () => {
    const r = await one<Record<string, number>>(`
      select (select count(*)::int from training_periods tp join training_records tr on tr.id = tp.training_record_id
               where tr.participant_type = 'ect' and tp.working_pattern is null) as ect_without_pattern,
             (select count(*)::int from training_periods where working_pattern = 'part_time') as part_time,
             (select count(*)::int from induction_periods) as induction_periods,
             (select count(*)::int from induction_periods where outcome = 'pass') as passed,
             (select count(*)::int from training_periods where training_status_reason = 'changed-lead-provider') as changed_lead_provider,
             (select count(*)::int from school_cohorts where rect_training_route = 'school_led') as school_led,
             (select count(*)::int from school_cohorts where rect_training_route = 'provider_led') as provider_led,
             (select count(distinct partnership_id)::int from partnership_training_steps) as partnerships_with_steps,
             (select count(*)::int from school_cohorts where cardinality(eoi_lead_provider_ids) > 0) as with_eoi`);
    expect(r.ect_without_pattern).toBe(0);
    expect(r.part_time).toBeGreaterThan(100);
    expect(r.induction_periods).toBeGreaterThan(4000);
    expect(r.passed).toBeGreaterThan(0);
    expect(r.changed_lead_provider).toBeGreaterThan(0);
    expect(r.school_led).toBeGreaterThan(0);
    expect(r.provider_led).toBeGreaterThan(1000);
    expect(r.partnerships_with_steps).toBeGreaterThan(1000);
    expect(r.with_eoi).toBeGreaterThan(r.provider_led);
  });

  it('is reproducible and idempotent: a second run adds no participant rows', async () => {
    const again = await seedProductionData(
      db.db.orm.em.fork(),
      fixedOffsetClock(() => new Date('2026-12-02T10:00:00Z')),
      { scale: SCALE, vacuum: false },
    );
    expect(again.inserted).toMatchObject({ participants: 0, training_records: 0, training_periods: 0, participant_id_changes: 0 });
  });
});
