import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { seedDemoData } from '../../src/domain/demo/seed-demo-data.js';
import { seedReferenceData } from '../../src/domain/demo/reference-seed.js';
import { seedNpqProductionData } from '../../src/domain/demo/npq-production.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

// Issue 7 "Data": the demo seed covers every application status and funding mode, participants in each training
// status, and outcomes; the production seed makes ~50,000 applications (here 1/20), about 60% accepted.

describe('NPQ demo data', () => {
  let db: TestDatabase;
  const rows = <T = Record<string, unknown>>(sql: string) => db.db.orm.em.fork().execute<T[]>(sql);
  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await seedDemoData(
      db.db.orm.em.fork(),
      fixedOffsetClock(() => new Date()),
    );
  });
  afterAll(async () => db.drop());

  it('has the NPQ cohorts with suffixes and every funding mode', async () => {
    expect(await rows('select identifier, funding from npq_cohorts order by identifier')).toEqual([
      { identifier: '2021a', funding: 'full' },
      { identifier: '2022a', funding: 'full' },
      { identifier: '2023a', funding: 'full' },
      { identifier: '2024a', funding: 'capped' },
      { identifier: '2025a', funding: 'capped' },
      { identifier: '2026a', funding: 'zero' },
      { identifier: '2026b', funding: 'capped' },
    ]);
  });

  it('has applications in every status and rejection reason, in every funding mode', async () => {
    const statuses = await rows<{ status: string; reason: string | null }>(
      'select distinct status, reason_for_rejection as reason from npq_applications order by 1, 2',
    );
    expect(statuses).toEqual([
      { status: 'accepted', reason: null },
      { status: 'pending', reason: null },
      { status: 'rejected', reason: 'other_application_in_this_cohort_accepted' },
      { status: 'rejected', reason: 'registration_expired' },
      { status: 'rejected', reason: 'rejected_by_provider' },
    ]);
    const funding = await rows<{ funding: string }>(
      `select distinct c.funding from npq_applications a join npq_cohorts c on c.id = a.npq_cohort_id where a.status = 'accepted' order by 1`,
    );
    expect(funding.map((r) => r.funding)).toEqual(['capped', 'full', 'zero']);
  });

  it('has participants in each training status, with their history rows, and outcomes', async () => {
    const training = await rows<{ training_status: string; with_row: boolean }>(
      `select a.training_status, bool_and(exists (select 1 from npq_application_states s where s.application_id = a.id and s.state = a.training_status)) as with_row
         from npq_applications a where a.status = 'accepted' group by 1 order by 1`,
    );
    expect(training).toEqual([
      { training_status: 'active', with_row: true },
      { training_status: 'deferred', with_row: true },
      { training_status: 'withdrawn', with_row: true },
    ]);
    const [o] = await rows<{ passed: number; failed: number }>(
      `select count(*) filter (where state = 'passed')::int passed, count(*) filter (where state = 'failed')::int failed from npq_outcomes`,
    );
    expect(o.passed + o.failed).toBeGreaterThan(3);
    // Every provider has outcomes, among them a resit: failed, then passed later on the same application.
    const [r] = await rows<{ providers: number; resits: number }>(
      `select (select count(distinct lead_provider_id) from npq_outcomes)::int providers,
              (select count(*) from npq_outcomes f join npq_outcomes p on p.application_id = f.application_id
                where f.state = 'failed' and p.state = 'passed' and p.created_at > f.created_at)::int resits`,
    );
    expect(r.providers).toBe(8);
    expect(r.resits).toBeGreaterThanOrEqual(8);
  });

  it('gives every NPQ provider applications and participants, and projects the participants list', async () => {
    const [r] = await rows<{ providers: number; listed: number; accepted_people: number }>(
      `select (select count(distinct lead_provider_id) from npq_applications)::int providers,
              (select count(*) from npq_participant_listings where visible)::int listed,
              (select count(distinct (lead_provider_id, participant_id)) from npq_applications where status = 'accepted')::int accepted_people`,
    );
    expect(r.providers).toBe(8);
    expect(r.listed).toBe(r.accepted_people);
  });
});

describe('NPQ production data (1/20 scale)', () => {
  let db: TestDatabase;
  afterAll(async () => db?.drop());

  it('makes ~2,500 applications over the NPQ providers and cohorts, about 60% accepted, idempotently', async () => {
    db = await createTestDatabase({ seed: false });
    const em = db.db.orm.em.fork();
    const run = () =>
      em.transactional(async (tx) => {
        await seedReferenceData(tx, (s) => new Date(Date.UTC(2020, 10, 1) + s * 1000).toISOString());
        return seedNpqProductionData(tx, 0.05);
      });
    expect(await run()).toEqual({ npq_participants: 1800, npq_applications: 2500 });
    const [r] = await em.execute<{ accepted: number; providers: number; cohorts: number; capped_null: number }[]>(
      `select (count(*) filter (where status = 'accepted'))::float / count(*) accepted, count(distinct lead_provider_id)::int providers,
              count(distinct npq_cohort_id)::int cohorts,
              (count(*) filter (where a.status = 'accepted' and c.funding = 'capped' and a.funded_place is null))::int capped_null
         from npq_applications a join npq_cohorts c on c.id = a.npq_cohort_id`,
    );
    expect(r.accepted).toBeGreaterThan(0.55);
    expect(r.accepted).toBeLessThan(0.65);
    expect(r).toMatchObject({ providers: 8, cohorts: 7, capped_null: 0 });
    expect(await run()).toEqual({ npq_participants: 0, npq_applications: 0 });
  });
});
