import { spawnSync } from 'node:child_process';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { DATA_AS_OF, generateProductionData, seedProductionData, type ProductionSeedReport } from '../../src/domain/demo/seed-production.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { CIP_ONLY_TYPE_CODES } from '../../src/domain/schools/school-eligibility.js';
import { DECLARATIONS_HASH, failingProbes, statesByProgramme } from './declaration-probes.js';

// The production generator at 1/20 of live volume: 1,200 schools, ~2,500 partnerships, 20 delivery partners.
const SCALE = 0.05;
const clockAt = (iso: string) => fixedOffsetClock(() => new Date(iso));
const RUN_AT = '2026-12-01T10:00:00Z';

const ORGANISATION_TABLES = ['delivery_partners', 'provider_relationships', 'schools', 'school_cohorts', 'partnerships'];
const tableHash = (t: string) => `select md5(string_agg(x::text, ',' order by x.id)) as h from "${t}" x`;

describe('production-scale seed (at 1/20 scale)', () => {
  let db: TestDatabase;
  let report: ProductionSeedReport;
  let schemaBefore: string[];
  const one = async <T>(sql: string): Promise<T> => (await db.db.orm.em.fork().execute<T[]>(sql))[0];
  // Every index and constraint of the schema, by definition (the bulk load drops some and builds them again).
  const schemaObjects = async () =>
    (
      await db.db.orm.em.fork().execute<{ d: string }[]>(
        `select indexdef as d from pg_indexes where schemaname = current_schema()
         union all
         select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = current_schema()::regnamespace
         order by 1`,
      )
    ).map((r) => r.d);

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    schemaBefore = await schemaObjects();
    report = await seedProductionData(db.db.orm.em.fork(), clockAt(RUN_AT), { scale: SCALE });
  });
  afterAll(async () => db?.drop());

  it('makes the scaled volumes: schools in every cohort, delivery partners, three years of statements per provider, programme and cohort', () => {
    expect(report.totals).toMatchObject({
      cohorts: 7,
      lead_providers: 10,
      schools: 1200,
      school_cohorts: 1200 * 7,
      delivery_partners: 20,
      statements: 15 * 6 * 36,
    });
    expect(report.totals.partnerships).toBeGreaterThan(2250);
    expect(report.totals.partnerships).toBeLessThan(2750);
    expect(report.totals.provider_relationships).toBeGreaterThan(100);
  });

  it('leaves every index and constraint as the migrations made them (the bulk load rebuilds the ones it dropped)', async () => {
    expect(schemaBefore.length).toBeGreaterThan(100);
    expect(await schemaObjects()).toEqual(schemaBefore);
  });

  it('inserts every generated row (no row silently dropped by a constraint)', () => {
    const data = generateProductionData({ scale: SCALE, nowMs: Date.parse(DATA_AS_OF) });
    expect(report.inserted).toMatchObject({
      schools: data.schools.length,
      school_cohorts: data.schoolCohorts.length,
      partnerships: data.partnerships.length,
      delivery_partners: data.deliveryPartners.length,
      provider_relationships: data.relationships.length,
    });
  });

  it('spreads partnerships unevenly: the largest provider holds about a fifth', () => {
    const confirmed = report.partnershipsByProvider.map((p) => p.confirmed);
    const total = confirmed.reduce((a, b) => a + b, 0);
    expect(report.partnershipsByProvider).toHaveLength(7);
    expect(confirmed[0] / total).toBeGreaterThan(0.17);
    expect(confirmed[0] / total).toBeLessThan(0.23);
    expect(confirmed[0] / confirmed[confirmed.length - 1]).toBeGreaterThan(1.3);
    const challenged = report.partnershipsByProvider.reduce((a, p) => a + p.challenged, 0);
    expect(challenged / total).toBeGreaterThan(0.03);
    expect(challenged / total).toBeLessThan(0.08);
    expect(report.partnershipsByProvider.every((p) => p.relationship > 0)).toBe(true);
  });

  it('makes GIAS-like schools: about 85% eligible, some closed, some Welsh, some CIP-only', async () => {
    const r = await one<Record<string, number>>(`select
        count(*) filter (where school_status_code = 2)::int closed,
        count(*) filter (where administrative_district_code like 'W%')::int welsh,
        count(*) filter (where school_type_code = any('{${CIP_ONLY_TYPE_CODES.join(',')}}'::int[]) and not section_41_approved)::int cip_only,
        count(distinct urn)::int urns
      from schools`);
    expect(r.closed).toBeGreaterThan(20);
    expect(r.welsh).toBeGreaterThan(10);
    expect(r.cip_only).toBeGreaterThan(30);
    expect(r.urns).toBe(1200);
    const v = await one<{ visible: number }>(`select count(*)::int visible from school_cohorts sc join cohorts c on c.id = sc.cohort_id
      where c.start_year = 2025 and sc.api_visible`);
    expect(v.visible / 1200).toBeGreaterThan(0.8);
    expect(v.visible / 1200).toBeLessThan(0.9);
  });

  it('keeps one active partnership per school and cohort, one confirmed per provider, and partners the provider works with', async () => {
    const r = await one<Record<string, number>>(`select
        (select count(*)::int from (select 1 from partnerships where not relationship and challenge_reason is null
           group by school_id, cohort_id having count(*) > 1) x) as two_active,
        (select count(*)::int from (select 1 from partnerships where not relationship
           group by lead_provider_id, school_id, cohort_id having count(*) > 1) x) as two_confirmed,
        (select count(*)::int from partnerships p where not exists (select 1 from provider_relationships pr
           where pr.lead_provider_id = p.lead_provider_id and pr.delivery_partner_id = p.delivery_partner_id
             and pr.cohort_id = p.cohort_id and pr.programme = 'ecf')) as without_relationship,
        (select count(*)::int from partnerships p join cohorts c on c.id = p.cohort_id where c.start_year = 2020) as in_2020`);
    expect(r).toEqual({ two_active: 0, two_confirmed: 0, without_relationship: 0, in_2020: 0 });
  });

  it('spreads timestamps over the past years, never before creation nor after the data date', async () => {
    for (const t of ORGANISATION_TABLES) {
      const r = await one<{ bad: number; years: number }>(`select count(*) filter (where updated_at < created_at or updated_at > '${DATA_AS_OF}')::int bad,
        count(distinct extract(year from created_at))::int years from "${t}"`);
      expect([t, r.bad]).toEqual([t, 0]);
      expect(r.years).toBeGreaterThanOrEqual(t === 'schools' ? 4 : 5);
    }
    const p = await one<{
      bad: number;
    }>(`select count(*)::int bad from partnerships p join school_cohorts sc on sc.school_id = p.school_id and sc.cohort_id = p.cohort_id
      where p.created_at < sc.created_at or p.challenged_at < p.created_at or sc.updated_at < p.created_at`);
    expect(p.bad).toBe(0);
  });

  it("lays the participant projection out in list order, so a page of a provider's participants reads adjacent heap pages", async () => {
    // Per provider, in the default list order (creation, id): how often the next row sits on the same heap page as
    // the previous one or the page after it. Random order (the layout before) gives about 1 page in 7 rows per page.
    const r = await one<{
      adjacent: number;
      rows: number;
    }>(`select avg(case when blk between prev and prev + 1 then 1 else 0 end)::float as adjacent, count(*)::int as rows
        from (select (ctid::text::point)[0] as blk,
                     lag((ctid::text::point)[0]) over (partition by lead_provider_id order by participant_created_at, participant_id) as prev
                from participant_provider_views) x
       where prev is not null`);
    expect(r.rows).toBeGreaterThan(5000);
    expect(r.adjacent).toBeGreaterThan(0.9);
  });

  it('mentors some ECTs outside their partnership: unfunded mentors trained by another provider or by none', async () => {
    const r = await one<Record<string, number>>(`select
        (select count(*)::int from unfunded_mentor_views) as unfunded,
        (select count(distinct lead_provider_id)::int from unfunded_mentor_views) as providers,
        (select count(*)::int from unfunded_mentor_views u where exists (select 1 from participant_provider_views v
           where v.participant_id = u.participant_id and v.mentor_period_id is not null)) as trained_elsewhere,
        (select count(*)::int from unfunded_mentor_views u where not exists (select 1 from training_records r
           join training_periods tp on tp.training_record_id = r.id where r.participant_id = u.participant_id)) as untrained,
        (select count(*)::int from training_periods where mentor_training_record_id is not null) as mentored`);
    expect(r.providers).toBe(7);
    expect(r.trained_elsewhere).toBeGreaterThan(50);
    expect(r.untrained).toBeGreaterThan(50);
    // A few percent of mentoring links, not most of them.
    expect(r.unfunded / r.mentored).toBeGreaterThan(0.05);
    expect(r.unfunded / r.mentored).toBeLessThan(0.2);
  });

  it('declares for ECF and NPQ participants: mostly paid, payable or eligible, some submitted, ~2% voided, a few clawbacks', async () => {
    const em = db.db.orm.em.fork();
    const states = await statesByProgramme(em);
    const common = ['awaiting_clawback', 'clawed_back', 'eligible', 'paid', 'payable', 'submitted', 'voided'];
    expect(states.ecf).toEqual(expect.arrayContaining(common));
    expect(states.npq).toEqual(expect.arrayContaining(common.filter((s) => s !== 'awaiting_clawback')));
    const byState = Object.fromEntries(report.declarationsByState.map((r) => [`${r.programme}:${r.state}`, r.declarations]));
    const ecf = report.declarationsByState.filter((r) => r.programme === 'ecf').reduce((a, r) => a + r.declarations, 0);
    const npq = report.declarationsByState.filter((r) => r.programme === 'npq').reduce((a, r) => a + r.declarations, 0);
    // ~600,000 ECF and ~150,000 NPQ declarations at scale 1.
    expect(ecf).toBeGreaterThan(20_000);
    expect(npq).toBeGreaterThan(2_500);
    expect((byState['ecf:paid'] + byState['ecf:payable'] + byState['ecf:eligible']) / ecf).toBeGreaterThan(0.8);
    expect(byState['ecf:voided'] / ecf).toBeGreaterThan(0.01);
    expect(byState['ecf:voided'] / ecf).toBeLessThan(0.04);
    // At most six per participant and course.
    const [r] = await em.execute<Record<string, number>[]>(`select
        (select max(n)::int from (select count(*) as n from participant_declarations where programme = 'ecf' and state <> 'voided'
                                   group by participant_id, course_identifier) x) as most,
        (select count(distinct participant_id)::int from participant_declarations where programme = 'ecf') as participants,
        (select count(*)::int from participant_declaration_listings l join participant_declarations d on d.id = l.declaration_id
          where l.lead_provider_id <> d.lead_provider_id) as seen_by_others,
        (select count(*)::int from npq_outcomes where declaration_id is not null) as outcomes`);
    expect(r.most).toBeLessThanOrEqual(6);
    expect(r.participants).toBeGreaterThan(4_000);
    expect(r.seen_by_others).toBeGreaterThan(100);
    expect(r.outcomes).toBeGreaterThan(50);
    expect(report.declarationsByProvider[0]).toMatchObject({ leadProvider: 'Ambition Institute', programme: 'ecf' });
  });

  it('keeps every declaration consistent with its statements, line items, history, schedule and listings', async () => {
    expect(await failingProbes(db.db.orm.em.fork(), DATA_AS_OF)).toEqual([]);
  });

  it('is idempotent: a second run adds nothing and keeps every id', async () => {
    const before = await Promise.all(ORGANISATION_TABLES.map((t) => one<{ h: string }>(tableHash(t))));
    const declarations = await one<{ h: string }>(DECLARATIONS_HASH);
    const again = await seedProductionData(db.db.orm.em.fork(), clockAt(RUN_AT), { scale: SCALE, vacuum: false });
    expect(Object.values(again.inserted).every((n) => n === 0)).toBe(true);
    expect(again.totals).toEqual(report.totals);
    expect(await Promise.all(ORGANISATION_TABLES.map((t) => one<{ h: string }>(tableHash(t))))).toEqual(before);
    expect(await one<{ h: string }>(DECLARATIONS_HASH)).toEqual(declarations);
  });

  it('is reproducible: a run on another day into another database writes the same rows and ids', async () => {
    const other = await createTestDatabase({ seed: false });
    try {
      await seedProductionData(other.db.orm.em.fork(), clockAt('2026-12-04T08:00:00Z'), { scale: SCALE, vacuum: false });
      for (const t of [...ORGANISATION_TABLES, 'statements']) {
        const sql = t === 'statements' ? "select md5(string_agg(id::text || state, ',' order by id)) as h from statements" : tableHash(t);
        const [a] = await db.db.orm.em.fork().execute<{ h: string }[]>(sql);
        const [b] = await other.db.orm.em.fork().execute<{ h: string }[]>(sql);
        expect([t, b.h]).toEqual([t, a.h]);
      }
      // Declarations, their history, line items and listings too (statement states follow the data date, not the run's).
      const [da] = await db.db.orm.em.fork().execute<{ h: string }[]>(DECLARATIONS_HASH);
      const [dbh] = await other.db.orm.em.fork().execute<{ h: string }[]>(DECLARATIONS_HASH);
      expect(da.h).toBeTruthy();
      expect(dbh.h).toBe(da.h);
      // The mentoring links, hence the unfunded mentors, come out the same too.
      const mentors = `select md5(string_agg(lead_provider_id::text || ':' || participant_id::text || ':' || trn, ',' order by lead_provider_id, participant_id)) as h
        from unfunded_mentor_views`;
      const [a] = await db.db.orm.em.fork().execute<{ h: string }[]>(mentors);
      const [b] = await other.db.orm.em.fork().execute<{ h: string }[]>(mentors);
      expect(a.h).toBeTruthy();
      expect(b.h).toBe(a.h);
    } finally {
      await other.drop();
    }
  });
});

describe('npm run seed', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', 'src/cli/seed.cli.ts', ...args], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('refuses to run with APP_ENV=production', () => {
    const r = run(['--scale', 'production'], { APP_ENV: 'production' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Refusing to seed: APP_ENV=production');
  });

  it('rejects an unknown scale', () => {
    const r = run(['--scale', 'huge'], { APP_ENV: 'development' });
    expect(r.status).toBe(64);
    expect(r.stderr).toContain('Invalid --scale "huge"');
  });
});
