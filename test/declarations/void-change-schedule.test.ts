/**
 * ECF change-schedule rules that depend on declarations (ecf.md §3.7 rules 3 and 6 and the payments-frozen
 * migration), over REST (PUT /api/v3/participants/ecf/{id}/change-schedule): existing declarations that hold their
 * slot must fit the new schedule's milestones ("would invalidate", 422 schedule_identifier), no cohort change with
 * such declarations (422 cohort), and the frozen-cohort → 2024 move that skips both and sets
 * cohort_changed_after_payments_frozen. Voided declarations (void frees them) never block.
 */
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import { insertPartnership, sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type Created, type World } from '../participants/fixtures.js';
import { insertDeclaration } from './void-fixtures.js';
import { voidDeclaration } from '../../src/domain/declarations/void-declaration.service.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

let app: TestApp;
let w: World;
let p21: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  // 2021 has payments frozen (reference data); P works with school 0 in 2021 too.
  p21 = await insertPartnership(app, { schoolId: w.schools[0].id, leadProviderId: w.P.id, deliveryPartnerId: w.dp, cohort: 2021 });
});
afterAll(async () => app?.close());

const INVALIDATES = 'Changing schedule would invalidate existing declarations. Please void them first.';
const COHORT = "You cannot change the '#/cohort' field";

const change = (id: string, attributes: Record<string, unknown>): Promise<TestResponse> =>
  app.request('PUT', `/api/v3/participants/ecf/${id}/change-schedule`, {
    token: w.P.token,
    body: { data: { type: 'participant-change-schedule', attributes: { course_identifier: 'ecf-induction', ...attributes } } },
  });
const ect = async (partnershipId = w.pA, start = '2024-09-02T00:00:00Z'): Promise<Created> =>
  (await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId, start }] }] }]))[0];
const declare = (c: Created, type: string, date: string, state: 'submitted' | 'eligible' | 'paid' | 'voided' | 'ineligible' = 'submitted', cohort = 2024) =>
  insertDeclaration(app, { leadProviderId: w.P.id, participantId: c.id, trainingRecordId: c.ect, cohort, declarationType: type, declarationDate: date, state });
const unprocessable = (title: string, detail: string) => ({ errors: [{ title, detail }] });
const schedule = async (c: Created) =>
  (
    await sql<{ s: string; c: number; frozen: boolean }>(
      app,
      `select sh.schedule_identifier as s, co.start_year as c, tr.cohort_changed_after_payments_frozen as frozen
         from training_records tr join schedules sh on sh.id = tr.schedule_id join cohorts co on co.id = sh.cohort_id where tr.id = ?`,
      [c.ect],
    )
  )[0];

describe('rule 3: declarations must fit the new schedule (2024 ecf-extended-january starts 2025-01-01, no cut-off)', () => {
  it.each(['submitted', 'eligible', 'paid'] as const)(
    'a %s started declaration dated before the new start → 422 schedule_identifier; nothing changes',
    async (state) => {
      const c = await ect();
      await declare(c, 'started', '2024-10-01T10:00:00Z', state);
      const res = await change(c.id, { schedule_identifier: 'ecf-extended-january' });
      expect([res.status, res.body]).toEqual([422, unprocessable('schedule_identifier', INVALIDATES)]);
      expect(await schedule(c)).toMatchObject({ s: 'ecf-standard-september', c: 2024 });
    },
  );

  it('the boundary is strictly after the start day’s midnight (unlike create): 00:00:00Z on the start day invalidates, a second later fits', async () => {
    const c = await ect();
    await declare(c, 'started', '2025-01-01T00:00:00Z');
    expect((await change(c.id, { schedule_identifier: 'ecf-extended-january' })).status).toBe(422);
    const d = await ect();
    await declare(d, 'started', '2025-01-01T00:00:01Z');
    const res = await change(d.id, { schedule_identifier: 'ecf-extended-january' });
    expect(res.status).toBe(200);
    expect(await schedule(d)).toMatchObject({ s: 'ecf-extended-january' });
  });

  it('a cut-off counts to the end of its day (2024 ecf-standard-january: started 2025-01-01..2025-03-31)', async () => {
    const late = await ect();
    await declare(late, 'started', '2025-04-01T00:00:00Z');
    expect((await change(late.id, { schedule_identifier: 'ecf-standard-january' })).body).toEqual(unprocessable('schedule_identifier', INVALIDATES));
    const inside = await ect();
    await declare(inside, 'started', '2025-03-31T23:59:59Z');
    expect((await change(inside.id, { schedule_identifier: 'ecf-standard-january' })).status).toBe(200);
  });

  it('a type the new schedule has no milestone for (extended-1 on a standard schedule) invalidates: 422, not the live 404', async () => {
    const c = await ect();
    await sql(
      app,
      `update training_records set schedule_id = (select s.id from schedules s join cohorts co on co.id = s.cohort_id
        where s.programme = 'ecf' and s.schedule_identifier = 'ecf-extended-september' and co.start_year = 2024) where id = ?`,
      [c.ect],
    );
    await declare(c, 'extended-1', '2025-06-01T10:00:00Z');
    const res = await change(c.id, { schedule_identifier: 'ecf-standard-january' });
    expect([res.status, res.body]).toEqual([422, unprocessable('schedule_identifier', INVALIDATES)]);
  });

  it('voided and ineligible declarations do not block; after voiding the blocking one the change goes through', async () => {
    const c = await ect();
    await declare(c, 'started', '2024-10-01T10:00:00Z', 'voided');
    await declare(c, 'retained-1', '2024-10-01T10:00:00Z', 'ineligible');
    expect((await change(c.id, { schedule_identifier: 'ecf-extended-january' })).status).toBe(200);

    const d = await ect();
    const blocking = await declare(d, 'started', '2024-10-01T10:00:00Z', 'submitted');
    expect((await change(d.id, { schedule_identifier: 'ecf-extended-january' })).status).toBe(422);
    await voidDeclaration(
      app.db.orm.em.fork(),
      fixedOffsetClock(() => new Date()),
      { leadProviderId: w.P.id, programme: 'ecf', declarationId: blocking },
    );
    expect((await change(d.id, { schedule_identifier: 'ecf-extended-january' })).status).toBe(200);
  });

  it("another provider's declarations on the record count too", async () => {
    const c = await ect();
    await insertDeclaration(app, {
      leadProviderId: w.Q.id,
      participantId: c.id,
      trainingRecordId: c.ect,
      cohort: 2024,
      declarationDate: '2024-10-01T10:00:00Z',
    });
    expect((await change(c.id, { schedule_identifier: 'ecf-extended-january' })).body).toEqual(unprocessable('schedule_identifier', INVALIDATES));
  });

  it('comes after the withdrawn check', async () => {
    const c = (
      await addParticipants(app, [
        {
          records: [
            {
              type: 'ect',
              periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', trainingStatus: 'withdrawn', reason: 'other', byLeadProviderId: w.P.id }],
            },
          ],
        },
      ])
    )[0];
    await declare(c, 'started', '2024-10-01T10:00:00Z');
    expect((await change(c.id, { schedule_identifier: 'ecf-extended-january' })).body).toEqual(
      unprocessable('participant_id', 'Cannot perform actions on a withdrawn participant'),
    );
  });
});

describe('rule 6: no cohort change with declarations that hold their slot', () => {
  it('a declaration that fits the new schedule still blocks a move to 2025 → 422 cohort', async () => {
    const c = await ect();
    await declare(c, 'started', '2025-10-01T10:00:00Z');
    const res = await change(c.id, { schedule_identifier: 'ecf-standard-september', cohort: 2025 });
    expect([res.status, res.body]).toEqual([422, unprocessable('cohort', COHORT)]);
    expect(await schedule(c)).toMatchObject({ c: 2024 });
  });

  it('a voided declaration does not; the same cohort never does', async () => {
    const c = await ect();
    await declare(c, 'started', '2025-10-01T10:00:00Z', 'voided');
    expect((await change(c.id, { schedule_identifier: 'ecf-standard-september', cohort: 2025 })).status).toBe(200);
    const d = await ect();
    await declare(d, 'started', '2025-10-01T10:00:00Z');
    expect((await change(d.id, { schedule_identifier: 'ecf-extended-september', cohort: 2024 })).status).toBe(200);
  });
});

describe('payments-frozen migration (ECTs; 2021 has payments frozen)', () => {
  it('an unfinished ECT with billable, non-completed declarations moves from 2021 to 2024: rules 3 and 6 skipped, cohort_changed_after_payments_frozen set', async () => {
    const c = await ect(p21, '2021-09-02T00:00:00Z');
    await declare(c, 'started', '2021-10-01T10:00:00Z', 'paid', 2021);
    await declare(c, 'retained-1', '2021-12-01T10:00:00Z', 'eligible', 2021);
    const res = await change(c.id, { schedule_identifier: 'ecf-standard-september', cohort: 2024 });
    expect(res.status).toBe(200);
    expect(await schedule(c)).toEqual({ s: 'ecf-standard-september', c: 2024, frozen: true });
    const e = res.body.data.attributes.ecf_enrolments.find((x: any) => x.participant_type === 'ect');
    expect(e).toMatchObject({ cohort: '2024', cohort_changed_after_payments_frozen: true });

    // Back to 2021: no billable or changeable declarations in 2024, so allowed again, and the flag is cleared.
    const back = await change(c.id, { schedule_identifier: 'ecf-standard-september', cohort: 2021 });
    expect(back.status).toBe(200);
    expect(await schedule(c)).toEqual({ s: 'ecf-standard-september', c: 2021, frozen: false });
  });

  it('not for an ECT with a completed billable declaration, nor one with only submitted declarations, nor to another cohort than 2024', async () => {
    const completed = await ect(p21, '2021-09-02T00:00:00Z');
    await declare(completed, 'started', '2021-10-01T10:00:00Z', 'paid', 2021);
    await declare(completed, 'completed', '2023-03-01T10:00:00Z', 'paid', 2021);
    expect((await change(completed.id, { schedule_identifier: 'ecf-standard-september', cohort: 2024 })).body).toEqual(
      unprocessable('schedule_identifier', INVALIDATES),
    );
    const submittedOnly = await ect(p21, '2021-09-02T00:00:00Z');
    await declare(submittedOnly, 'started', '2021-10-01T10:00:00Z', 'submitted', 2021);
    expect((await change(submittedOnly.id, { schedule_identifier: 'ecf-standard-september', cohort: 2024 })).status).toBe(422);
    const to2025 = await ect(p21, '2021-09-02T00:00:00Z');
    await declare(to2025, 'started', '2021-10-01T10:00:00Z', 'paid', 2021);
    expect((await change(to2025.id, { schedule_identifier: 'ecf-standard-september', cohort: 2025 })).status).toBe(422);
    expect(await schedule(to2025)).toMatchObject({ c: 2021, frozen: false });
  });
});

describe('RECT (PUT /api/v3/participants/{id}/change-schedule): the same-day change-of-schedule/declaration rule (rect.md §7.5)', () => {
  const SAME_DAY =
    'The change of schedule cannot be applied because a previous change of schedule and a declaration were made on the same day. Applying another change of schedule would invalidate existing declarations. Please contact DfE for assistance.';
  const rectChange = (id: string, attributes: Record<string, unknown>) =>
    app.request('PUT', `/api/v3/participants/${id}/change-schedule`, {
      token: w.P.token,
      body: { data: { type: 'participant-change-schedule', attributes: { course_identifier: 'ecf-induction', ...attributes } } },
    });
  const withPeriodDeclaration = async (start: string, date: string) => {
    const c = await ect(w.pA, start);
    const [tp] = await sql<{ id: string }>(app, `select id from training_periods where training_record_id = ?`, [c.ect]);
    await insertDeclaration(app, {
      leadProviderId: w.P.id,
      participantId: c.id,
      trainingRecordId: c.ect,
      trainingPeriodId: tp.id,
      cohort: 2024,
      declarationDate: date,
    });
    return c;
  };
  const today = () => `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;

  it('a period that starts today whose declaration the new schedule would invalidate: 422 schedule_identifier', async () => {
    const c = await withPeriodDeclaration(today(), '2024-10-01T10:00:00Z');
    const res = await rectChange(c.id, { schedule_identifier: 'ecf-extended-january' });
    expect([res.status, res.body]).toEqual([422, unprocessable('schedule_identifier', SAME_DAY)]);
  });

  it('not for a period that started before today, nor when the declaration fits the new schedule', async () => {
    const older = await withPeriodDeclaration('2024-09-02T00:00:00Z', '2024-10-01T10:00:00Z');
    expect((await rectChange(older.id, { schedule_identifier: 'ecf-extended-january' })).status).toBe(200);
    const fits = await withPeriodDeclaration(today(), '2025-02-01T10:00:00Z');
    expect((await rectChange(fits.id, { schedule_identifier: 'ecf-extended-january' })).status).toBe(200);
  });
});
