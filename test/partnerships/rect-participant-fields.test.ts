import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { challenge, createSchool, sql } from './fixtures.js';
import { addParticipants, createWorld, type World } from '../participants/fixtures.js';
import { refreshParticipantProjection } from '../../src/domain/participants/participant-projection.js';
import { stampWrite, Touched } from '../../src/domain/shared/write-stamp.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

// Issue 6 item 4: RECT's participant-dependent fields (rect.md §3.3–3.4, §7.8) — partnership
// participants_currently_training (a count that follows the clock), school induction_programme_choice derived from
// training periods, the sticky per-provider expression_of_interest, and the school-led partnership-create rule —
// kept in projections by the participant write path, moving the partnership's and school's updated_at.

const SCHOOL_LED = 'This school has only registered school-led participants. Contact the school for more information.';

let app: TestApp;
let w: World;

const get = (path: string, token: string, at?: string) => app.request('GET', path, { token, headers: at ? { 'x-with-server-date': at } : {} });
const partnership = async (id: string, at?: string) => {
  const res = await get(`/api/v3/partnerships/${id}`, w.P.token, at);
  expect(res.status).toBe(200);
  return res.body.data.attributes;
};
const school = async (schoolId: string, cohort: number, token = w.P.token) => {
  const res = await get(`/api/v3/schools/${schoolId}?filter[cohort]=${cohort}`, token);
  expect(res.status).toBe(200);
  return res.body.data.attributes;
};
const tick = () => new Promise((r) => setTimeout(r, 1100));

/** A school-led ECT (no partnership) at a school in a cohort, written as a participant write path does. */
async function addSchoolLedEct(schoolId: string, cohort: number): Promise<void> {
  const em = app.db.orm.em.fork();
  await em.transactional(async (tx) => {
    const id = randomUUID();
    const recordId = randomUUID();
    await tx.execute(`insert into participants (id, trn, full_name, email, created_at, updated_at) values (?, '1234567', 'School Led', null, now(), now())`, [
      id,
    ]);
    await tx.execute(
      `insert into training_records (id, participant_id, participant_type, schedule_id, created_at, updated_at)
       select ?, ?, 'ect', s.id, now(), now() from schedules s join cohorts c on c.id = s.cohort_id
        where s.programme = 'ecf' and s.schedule_identifier = 'ecf-standard-september' and c.start_year = ?`,
      [recordId, id, cohort],
    );
    await tx.execute(
      `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, start_date, created_at, updated_at)
       select gen_random_uuid(), tr.id, ?, c.id, null, tr.schedule_id, 'active', '2025-09-01T00:00:00Z', now(), now()
         from training_records tr, cohorts c where tr.id = ? and c.start_year = ?`,
      [schoolId, recordId, cohort],
    );
    const touched = new Touched();
    touched.add('participant_provider_views', ...(await refreshParticipantProjection(tx, { participantIds: [id] }, touched)));
    await stampWrite(
      tx,
      fixedOffsetClock(() => new Date()),
      touched,
    );
  });
}

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app.close());

describe('RECT partnership participants_currently_training', () => {
  it('counts the periods in training at the request time, and a participant write moves the partnership updated_at', async () => {
    const before = await partnership(w.pA);
    expect(before.participants_currently_training).toBe(0);
    await tick();
    await addParticipants(app, [
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] },
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: '2025-03-01T00:00:00Z' }] }] },
      {
        records: [
          {
            type: 'mentor',
            periods: [
              {
                partnershipId: w.pA,
                start: '2024-09-02T00:00:00Z',
                trainingStatus: 'withdrawn',
                reason: 'other',
                changedAt: '2025-01-05T10:00:00Z',
                byLeadProviderId: w.P.id,
              },
            ],
          },
        ],
      },
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2030-01-10T00:00:00Z' }] }] },
    ]);
    const after = await partnership(w.pA);
    expect(after.updated_at > before.updated_at).toBe(true);
    expect((await partnership(w.pA, '2024-09-01T00:00:00Z')).participants_currently_training).toBe(0);
    expect((await partnership(w.pA, '2024-12-01T00:00:00Z')).participants_currently_training).toBe(3);
    expect((await partnership(w.pA, '2025-02-01T00:00:00Z')).participants_currently_training).toBe(2);
    expect((await partnership(w.pA, '2025-06-01T00:00:00Z')).participants_currently_training).toBe(1);
    expect((await partnership(w.pA, '2030-02-01T00:00:00Z')).participants_currently_training).toBe(2);
    // The list shows the same count; other partnerships are untouched.
    const listed = await get('/api/v3/partnerships?page[per_page]=100', w.P.token, '2024-12-01T00:00:00Z');
    const rows = listed.body.data as { id: string; attributes: { participants_currently_training: number; updated_at: string } }[];
    expect(rows.find((p) => p.id === w.pA)!.attributes.participants_currently_training).toBe(3);
    expect(rows.find((p) => p.id === w.pB)!.attributes.participants_currently_training).toBe(0);
  });
});

describe('RECT school induction_programme_choice and expression_of_interest', () => {
  it('is not_yet_known without training periods, provider_led once a participant trains with a provider, and updated_at moves', async () => {
    const [s] = [w.schools[1]];
    const before = await school(s.id, 2025);
    expect(before.induction_programme_choice).toBe('not_yet_known');
    await tick();
    const p25b = await sql<{ id: string }>(
      app,
      `insert into partnerships (id, school_id, lead_provider_id, delivery_partner_id, cohort_id, pending, relationship, created_at, updated_at)
       select gen_random_uuid(), ?, ?, ?, c.id, false, false, now(), now() from cohorts c where c.start_year = 2025 returning id`,
      [s.id, w.P.id, w.dp],
    );
    await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: p25b[0].id, start: '2025-09-01T00:00:00Z' }] }] }]);
    const after = await school(s.id, 2025);
    expect(after.induction_programme_choice).toBe('provider_led');
    expect(after.expression_of_interest).toBe(true);
    expect(after.updated_at > before.updated_at).toBe(true);
  });

  it('is school_led when only school-led ECTs train there; expression_of_interest stays false for every provider', async () => {
    const s = w.schools[3];
    const before = await school(s.id, 2025);
    await tick();
    await addSchoolLedEct(s.id, 2025);
    const after = await school(s.id, 2025);
    expect(after).toMatchObject({
      induction_programme_choice: 'school_led',
      expression_of_interest: false,
      induction_tutor_name: null,
      induction_tutor_email: null,
    });
    expect(after.updated_at > before.updated_at).toBe(true);
    expect((await school(s.id, 2025, w.Q.token)).expression_of_interest).toBe(false);
  });

  it('expression_of_interest is per provider and stays true after the partnership is challenged; the tutor is shown only then', async () => {
    const s = w.schools[0];
    expect(await school(s.id, 2024)).toMatchObject({ expression_of_interest: true, induction_tutor_email: expect.stringContaining('@school.example') });
    expect(await school(s.id, 2024, w.Q.token)).toMatchObject({ expression_of_interest: false, induction_tutor_email: null });
    await challenge(app, w.pA);
    expect((await school(s.id, 2024)).expression_of_interest).toBe(true);
  });
});

describe('RECT partnership create: the school-led rule (rect.md §7.8)', () => {
  const body = (schoolId: string) => ({ data: { type: 'partnership', attributes: { cohort: '2025', school_id: schoolId, delivery_partner_id: w.dp } } });

  it('refuses a school whose participants in the cohort are all school-led on the RECT path, with the live message', async () => {
    const s = await createSchool(app);
    await addSchoolLedEct(s.id, 2025);
    const res = await app.request('POST', '/api/v3/partnerships', { token: w.P.token, body: body(s.id) });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ errors: [{ title: 'school_id', detail: SCHOOL_LED }] });
    const [{ n }] = await sql<{ n: number }>(app, 'select count(*)::int as n from partnerships where school_id = ?', [s.id]);
    expect(n).toBe(0);
  });

  it('reports it together with the other attributes’ errors (RECT runs every validator)', async () => {
    const s = await createSchool(app);
    await addSchoolLedEct(s.id, 2025);
    const res = await app.request('POST', '/api/v3/partnerships', {
      token: w.P.token,
      body: { data: { attributes: { cohort: '2025', school_id: s.id, delivery_partner_id: randomUUID() } } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { title: 'school_id', detail: SCHOOL_LED },
      { title: 'delivery_partner_id', detail: "The '#/delivery_partner_id' you have entered is invalid. Check delivery partner details and try again." },
    ]);
  });

  it('accepts the same school on the ECF path, which switches it to provider-led (ECF behaviour)', async () => {
    const s = await createSchool(app);
    await addSchoolLedEct(s.id, 2025);
    const res = await app.request('POST', '/api/v3/partnerships/ecf', { token: w.P.token, body: body(s.id) });
    expect(res.status).toBe(200);
    expect((await school(s.id, 2025)).expression_of_interest).toBe(true);
    const [{ choice }] = await sql<{ choice: string }>(
      app,
      `select induction_programme_choice as choice from school_cohorts sc join cohorts c on c.id = sc.cohort_id where sc.school_id = ? and c.start_year = 2025`,
      [s.id],
    );
    expect(choice).toBe('full_induction_programme');
  });

  it('still partners a school with provider-led participants, or none, on the RECT path', async () => {
    const s = await createSchool(app);
    const res = await app.request('POST', '/api/v3/partnerships', { token: w.P.token, body: body(s.id) });
    expect(res.status).toBe(200);
  });
});
