/**
 * ECF participant actions over REST (PUT /api/v3/participants/ecf/{id}/defer|resume|withdraw|change-schedule,
 * ecf.md §3): every rule and message, the state after each action (training status, reason, the period history
 * of §3.8, the audit row), updated_at for the acting provider only, cross-provider 404 with no change, retired
 * ids, and X-With-Server-Date as the action time.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import { gql, sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type Created, type PeriodSpec, type World } from './fixtures.js';

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app?.close());

const BASE = '/api/v3/participants/ecf';
const put = (id: string, action: string, attributes: Record<string, unknown>, o: { token?: string; date?: string } = {}): Promise<TestResponse> =>
  app.request('PUT', `${BASE}/${id}/${action}`, {
    token: o.token ?? w.P.token,
    body: { data: { type: `participant-${action}`, attributes } },
    headers: o.date ? { 'x-with-server-date': o.date } : {},
  });

const unprocessable = (...errors: [string, string][]) => ({ errors: errors.map(([title, detail]) => ({ title, detail })) });
const ect = async (period: Partial<PeriodSpec> = {}, extra: Partial<Parameters<typeof addParticipants>[1][number]> = {}): Promise<Created> =>
  (await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', ...period }] }], ...extra }]))[0];
const mentor = async (period: Partial<PeriodSpec> = {}): Promise<Created> =>
  (await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', ...period }] }] }]))[0];

interface PeriodRow {
  id: string;
  training_status: string;
  training_status_reason: string | null;
  induction_status: string;
  start_date: string;
  end_date: string | null;
  schedule: string;
  cohort: number;
  partnership_id: string;
}
const iso = (v: unknown): string => new Date(v as string).toISOString();
const periods = async (recordId: string) =>
  (
    await sql<PeriodRow>(
      app,
      `select tp.id, tp.training_status, tp.training_status_reason, tp.induction_status, tp.start_date, tp.end_date, sh.schedule_identifier as schedule,
            c.start_year as cohort, tp.partnership_id
       from training_periods tp join schedules sh on sh.id = tp.schedule_id join cohorts c on c.id = tp.cohort_id
      where tp.training_record_id = ? order by tp.start_date, tp.created_at`,
      [recordId],
    )
  ).map((r) => ({ ...r, start_date: iso(r.start_date), end_date: r.end_date === null ? null : iso(r.end_date) }));
const audits = async (participantId: string): Promise<Record<string, any>[]> =>
  (await sql<Record<string, any>>(app, `select * from participant_action_audits where participant_id = ? order by occurred_at, id`, [participantId])).map(
    (a) => ({ ...a, occurred_at: iso(a.occurred_at), request: typeof a.request === 'string' ? JSON.parse(a.request) : a.request }),
  );
const viewUpdatedAt = async (leadProviderId: string, participantId: string): Promise<string> => {
  const [row] = await sql<{ u: string }>(app, `select updated_at as u from participant_provider_views where lead_provider_id = ? and participant_id = ?`, [
    leadProviderId,
    participantId,
  ]);
  return iso(row.u);
};
const recordSchedule = async (recordId: string) =>
  (
    await sql<{ s: string; c: number }>(
      app,
      `select sh.schedule_identifier as s, c.start_year as c from training_records tr join schedules sh on sh.id = tr.schedule_id join cohorts c on c.id = sh.cohort_id where tr.id = ?`,
      [recordId],
    )
  )[0];
const enrolment = (res: TestResponse, type = 'ect') => res.body.data.attributes.ecf_enrolments.find((e: any) => e.participant_type === type);

/** Nothing about the participant changed: same periods, no audit row, same updated_at. */
async function expectUnchanged(c: Created, recordId: string, act: () => Promise<TestResponse>, status: number, body?: unknown): Promise<void> {
  const before = { periods: await periods(recordId), updated: await viewUpdatedAt(w.P.id, c.id) };
  const res = await act();
  expect([res.status, res.text]).toEqual([status, expect.any(String)]);
  if (body !== undefined) expect(res.body).toEqual(body);
  expect(await periods(recordId)).toEqual(before.periods);
  expect(await audits(c.id)).toEqual([]);
  expect(await viewUpdatedAt(w.P.id, c.id)).toBe(before.updated);
}

describe('defer', () => {
  it('defers: training_status deferred with its deferral, the old period closed as changed and a copy from now (ecf.md §3.8), an audit row, updated_at moved', async () => {
    const c = await ect();
    const before = await viewUpdatedAt(w.P.id, c.id);
    const res = await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'parental-leave' });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(c.id);
    const e = enrolment(res);
    expect(e).toMatchObject({ training_status: 'deferred', withdrawal: null, deferral: { reason: 'parental-leave', date: expect.any(String) } });
    const rows = await periods(c.ect!);
    expect(rows.map((r) => [r.induction_status, r.training_status, r.training_status_reason])).toEqual([
      ['changed', 'active', null],
      ['active', 'deferred', 'parental-leave'],
    ]);
    expect(rows[0].end_date).toBe(rows[1].start_date);
    expect(rows[1].end_date).toBeNull();
    const [audit] = await audits(c.id);
    expect(audit).toMatchObject({
      training_record_id: c.ect,
      lead_provider_id: w.P.id,
      action: 'defer',
      rules: 'ecf',
      reason: 'parental-leave',
      request: { course_identifier: 'ecf-induction', reason: 'parental-leave' },
      before_training_status: 'active',
      after_training_status: 'deferred',
      before_period_id: rows[0].id,
      after_period_id: rows[1].id,
      before_schedule_identifier: 'ecf-standard-september',
      after_schedule_identifier: 'ecf-standard-september',
      before_cohort: 2024,
      after_cohort: 2024,
    });
    expect(audit.api_token_id).toEqual(expect.any(String));
    expect(audit.occurred_at).toBe(rows[1].start_date);
    expect(e.deferral.date).toBe(audit.occurred_at.replace(/\.\d{3}Z$/, 'Z'));
    const after = await viewUpdatedAt(w.P.id, c.id);
    expect(after > before).toBe(true);
    expect(res.body.data.attributes.updated_at).toBe(after.replace(/\.\d{3}Z$/, 'Z'));
  });

  it.each([
    ['blank', '', ["The property '#/reason' must be present, The property '#/reason' must be a valid reason"]],
    ['missing', undefined, ["The property '#/reason' must be present, The property '#/reason' must be a valid reason"]],
    ['not in the list', 'holiday', ["The property '#/reason' must be a valid reason"]],
    ['a withdrawal reason', 'moved-school', ["The property '#/reason' must be a valid reason"]],
  ])('refuses a reason that is %s (422 reason) and changes nothing', async (_label, reason, [detail]) => {
    const c = await ect();
    await expectUnchanged(c, c.ect!, () => put(c.id, 'defer', { course_identifier: 'ecf-induction', reason }), 422, unprocessable(['reason', detail]));
  });

  it('refuses a deferred participant: participant_profile "The participant is already deferred"', async () => {
    const c = await ect({ trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id });
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }),
      422,
      unprocessable(['participant_profile', 'The participant is already deferred']),
    );
  });

  it('refuses a withdrawn participant: participant_profile "The participant is already withdrawn"', async () => {
    const c = await ect({ trainingStatus: 'withdrawn', reason: 'other', byLeadProviderId: w.P.id });
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }),
      422,
      unprocessable(['participant_profile', 'The participant is already withdrawn']),
    );
  });

  it('updates a period that starts in the future in place (no history row)', async () => {
    const c = await ect({ start: '2030-09-01T00:00:00Z' });
    const res = await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'career-break' });
    expect(res.status).toBe(200);
    const rows = await periods(c.ect!);
    expect(rows.map((r) => [r.induction_status, r.training_status, r.start_date])).toEqual([['active', 'deferred', '2030-09-01T00:00:00.000Z']]);
    expect(enrolment(res).participant_status).toBe('joining');
  });

  it('acts on the mentor record when course_identifier is ecf-mentor, leaving the ECT record alone', async () => {
    const [c] = await addParticipants(app, [
      {
        records: [
          { type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] },
          { type: 'mentor', periods: [{ partnershipId: w.pA, start: '2025-01-02T00:00:00Z' }] },
        ],
      },
    ]);
    const res = await put(c.id, 'defer', { course_identifier: 'ecf-mentor', reason: 'bereavement' });
    expect(res.status).toBe(200);
    expect(enrolment(res, 'mentor').training_status).toBe('deferred');
    expect(enrolment(res, 'ect').training_status).toBe('active');
    expect(await periods(c.ect!)).toHaveLength(1);
  });
});

describe('course_identifier and participant checks (ecf.md §3.3)', () => {
  it('blank: course_identifier with both messages, in the live order', async () => {
    const c = await ect();
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'resume', { course_identifier: '' }),
      422,
      unprocessable([
        'course_identifier',
        "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again., Enter a '#/course_identifier' value for this participant.",
      ]),
    );
  });

  it('an unknown course, or a role the participant has no record in: course_identifier "not recognised"', async () => {
    const c = await ect();
    const detail = "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.";
    for (const course of ['npq-senco', 'ecf-mentor'])
      await expectUnchanged(c, c.ect!, () => put(c.id, 'resume', { course_identifier: course }), 422, unprocessable(['course_identifier', detail]));
  });

  it('a record in that role that another provider trains: participant_id "not recognised"', async () => {
    const [c] = await addParticipants(app, [
      {
        records: [
          { type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] },
          { type: 'mentor', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z' }] },
        ],
      },
    ]);
    await expectUnchanged(
      c,
      c.mentor!,
      () => put(c.id, 'withdraw', { course_identifier: 'ecf-mentor', reason: 'other' }),
      422,
      unprocessable(['participant_id', "Your update cannot be made as the '#/participant_id' is not recognised. Check participant details and try again."]),
    );
  });

  it('withdraw checks the reason only once a record was found; defer checks it anyway', async () => {
    const c = await ect();
    const course = "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again.";
    expect((await put(c.id, 'withdraw', { course_identifier: 'npq-senco', reason: 'nope' })).body).toEqual(unprocessable(['course_identifier', course]));
    expect((await put(c.id, 'defer', { course_identifier: 'npq-senco', reason: 'nope' })).body).toEqual(
      unprocessable(['course_identifier', course], ['reason', "The property '#/reason' must be a valid reason"]),
    );
  });
});

describe('resume', () => {
  it('resumes a deferred participant: active, deferral gone, a new period', async () => {
    const c = await ect({ trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id });
    const res = await put(c.id, 'resume', { course_identifier: 'ecf-induction' });
    expect(res.status).toBe(200);
    expect(enrolment(res)).toMatchObject({ training_status: 'active', deferral: null, withdrawal: null });
    expect((await periods(c.ect!)).map((r) => [r.induction_status, r.training_status])).toEqual([
      ['changed', 'deferred'],
      ['active', 'active'],
    ]);
    expect(await audits(c.id)).toEqual([
      expect.objectContaining({ action: 'resume', reason: null, before_training_status: 'deferred', after_training_status: 'active' }),
    ]);
  });

  it('resumes a withdrawn participant (allowed, ecf.md §3.5)', async () => {
    const c = await ect({ trainingStatus: 'withdrawn', reason: 'moved-school', byLeadProviderId: w.P.id });
    const res = await put(c.id, 'resume', { course_identifier: 'ecf-induction' });
    expect([res.status, enrolment(res).training_status]).toEqual([200, 'active']);
  });

  it('refuses an active participant: participant_profile "The participant is already active"', async () => {
    const c = await ect();
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'resume', { course_identifier: 'ecf-induction' }),
      422,
      unprocessable(['participant_profile', 'The participant is already active']),
    );
  });
});

describe('withdraw', () => {
  it.each(['left-teaching-profession', 'moved-school', 'mentor-no-longer-being-mentor', 'switched-to-school-led', 'other'])(
    'withdraws with reason %s: withdrawal shown to the provider',
    async (reason) => {
      const c = await ect();
      const res = await put(c.id, 'withdraw', { course_identifier: 'ecf-induction', reason });
      expect(res.status).toBe(200);
      expect(enrolment(res)).toMatchObject({ training_status: 'withdrawn', withdrawal: { reason, date: expect.any(String) }, deferral: null });
      expect((await audits(c.id))[0]).toMatchObject({ action: 'withdraw', reason, after_training_status: 'withdrawn' });
    },
  );

  it('withdraws a deferred participant', async () => {
    const c = await ect({ trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id });
    expect(enrolment(await put(c.id, 'withdraw', { course_identifier: 'ecf-induction', reason: 'other' })).training_status).toBe('withdrawn');
  });

  it.each([['school-left-fip'], ['changed-lead-provider'], ['']])('refuses reason "%s"', async (reason) => {
    const c = await ect();
    const detail =
      reason === ''
        ? "The property '#/reason' must be present, The property '#/reason' must be a valid reason"
        : "The property '#/reason' must be a valid reason";
    await expectUnchanged(c, c.ect!, () => put(c.id, 'withdraw', { course_identifier: 'ecf-induction', reason }), 422, unprocessable(['reason', detail]));
  });

  it('refuses a withdrawn participant', async () => {
    const c = await ect({ trainingStatus: 'withdrawn', reason: 'other', byLeadProviderId: w.P.id });
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'withdraw', { course_identifier: 'ecf-induction', reason: 'other' }),
      422,
      unprocessable(['participant_profile', 'The participant is already withdrawn']),
    );
  });
});

describe('change-schedule', () => {
  it('moves the record and its period to another schedule of the cohort', async () => {
    const c = await ect();
    const res = await put(c.id, 'change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-january' });
    expect(res.status).toBe(200);
    expect(enrolment(res)).toMatchObject({ schedule_identifier: 'ecf-extended-january', cohort: '2024', training_status: 'active' });
    expect((await periods(c.ect!)).map((r) => [r.induction_status, r.schedule])).toEqual([
      ['changed', 'ecf-standard-september'],
      ['active', 'ecf-extended-january'],
    ]);
    expect(await recordSchedule(c.ect!)).toEqual({ s: 'ecf-extended-january', c: 2024 });
    expect((await audits(c.id))[0]).toMatchObject({
      action: 'change_schedule',
      reason: null,
      request: { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-january' },
      before_schedule_identifier: 'ecf-standard-september',
      after_schedule_identifier: 'ecf-extended-january',
    });
  });

  it('moves to another cohort with the partnership the provider has with the school there (cohort as text or a number)', async () => {
    for (const cohort of ['2025', 2025]) {
      const c = await ect();
      const res = await put(c.id, 'change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-standard-january', cohort });
      expect(res.status).toBe(200);
      expect(enrolment(res)).toMatchObject({ schedule_identifier: 'ecf-standard-january', cohort: '2025' });
      const rows = await periods(c.ect!);
      expect(rows.at(-1)).toMatchObject({ cohort: 2025, partnership_id: w.p25 });
      expect((await audits(c.id))[0]).toMatchObject({ before_cohort: 2024, after_cohort: 2025 });
    }
  });

  it('reads an unknown cohort as the current one', async () => {
    const c = await ect();
    const res = await put(c.id, 'change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-reduced-april', cohort: '1999' });
    expect([res.status, enrolment(res).cohort, enrolment(res).schedule_identifier]).toEqual([200, '2024', 'ecf-reduced-april']);
  });

  it('gives mentors replacement schedules', async () => {
    const c = await mentor();
    const res = await put(c.id, 'change-schedule', { course_identifier: 'ecf-mentor', schedule_identifier: 'ecf-replacement-april' });
    expect([res.status, enrolment(res, 'mentor').schedule_identifier]).toEqual([200, 'ecf-replacement-april']);
  });

  const invalid = "The property '#/schedule_identifier' must be present and correspond to a valid schedule";
  it.each([
    ['blank', '', [['schedule_identifier', invalid]]],
    ['unknown', 'ecf-standard-june', [['schedule_identifier', invalid]]],
    ['the current one', 'ecf-standard-september', [['schedule_identifier', 'Selected schedule is already on the profile']]],
    ['a replacement schedule for an ECT', 'ecf-replacement-september', [['schedule_identifier', 'Selected schedule is not valid for the course']]],
  ] as [string, string, [string, string][]][])('refuses a schedule that is %s', async (_label, schedule, errors) => {
    const c = await ect();
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: schedule }),
      422,
      unprocessable(...errors),
    );
  });

  it('refuses a withdrawn participant: participant_id "Cannot perform actions on a withdrawn participant"', async () => {
    const c = await ect({ trainingStatus: 'withdrawn', reason: 'other', byLeadProviderId: w.P.id });
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-april' }),
      422,
      unprocessable(['participant_id', 'Cannot perform actions on a withdrawn participant']),
    );
  });

  it('refuses a cohort where the provider has no partnership with the school', async () => {
    const c = await ect({ partnershipId: w.pB });
    await expectUnchanged(
      c,
      c.ect!,
      () => put(c.id, 'change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-standard-september', cohort: 2025 }),
      422,
      unprocessable([
        'cohort',
        'You cannot change a participant to this cohort as you do not have a partnership with the school for the cohort. Contact the DfE for assistance.',
      ]),
    );
  });
});

describe('a participant whose period already ended (left the school)', () => {
  // No ECF rule refuses an action on a `left` participant (ecf.md §3.3–3.7): the change is recorded on the ended
  // period in place, which stays ended, so the provider sees them left with the new status (never joining/active).
  const LEFT = { end: '2025-01-10T00:00:00Z', inductionStatus: 'leaving' } as const;
  const keptEnded = async (c: Created, res: TestResponse, expected: Record<string, unknown>) => {
    expect(res.status).toBe(200);
    expect(enrolment(res)).toMatchObject({ participant_status: 'left', ...expected });
    const rows = await periods(c.ect!);
    expect(rows.map((r) => [r.induction_status, r.start_date, r.end_date])).toEqual([['leaving', '2024-09-02T00:00:00.000Z', '2025-01-10T00:00:00.000Z']]);
    const [audit] = await audits(c.id);
    expect([audit.before_period_id, audit.after_period_id]).toEqual([rows[0].id, rows[0].id]);
    return rows[0];
  };

  it('resumes a left, deferred participant on the ended period: training_status active, participant_status still left, no new period', async () => {
    const c = await ect({ ...LEFT, trainingStatus: 'deferred', reason: 'parental-leave', byLeadProviderId: w.P.id });
    const row = await keptEnded(c, await put(c.id, 'resume', { course_identifier: 'ecf-induction' }), { training_status: 'active', deferral: null });
    expect([row.training_status, row.training_status_reason]).toEqual(['active', null]);
  });

  it('defers a left participant on the ended period: deferred, still left, no new period', async () => {
    const c = await ect(LEFT);
    const row = await keptEnded(c, await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'career-break' }), {
      training_status: 'deferred',
      deferral: { reason: 'career-break', date: expect.any(String) },
    });
    expect([row.training_status, row.training_status_reason]).toEqual(['deferred', 'career-break']);
  });

  it('withdraws a left participant on the ended period: withdrawn, still left, no new period', async () => {
    const c = await ect(LEFT);
    const row = await keptEnded(c, await put(c.id, 'withdraw', { course_identifier: 'ecf-induction', reason: 'moved-school' }), {
      training_status: 'withdrawn',
      withdrawal: { reason: 'moved-school', date: expect.any(String) },
    });
    expect(row.training_status).toBe('withdrawn');
  });

  it('changes the schedule of a left participant on the ended period: new schedule, still left, no new period', async () => {
    const c = await ect(LEFT);
    const res = await put(c.id, 'change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-january' });
    const row = await keptEnded(c, res, { training_status: 'active', schedule_identifier: 'ecf-extended-january' });
    expect(row.schedule).toBe('ecf-extended-january');
    expect(await recordSchedule(c.ect!)).toEqual({ s: 'ecf-extended-january', c: 2024 });
  });

  it('a period ending later is still closed and copied (ecf.md §3.8): the copy keeps the end date', async () => {
    const c = await ect({ end: '2030-01-10T00:00:00Z', inductionStatus: 'leaving' });
    const res = await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'career-break' });
    expect([res.status, enrolment(res).participant_status, enrolment(res).training_status]).toEqual([200, 'leaving', 'deferred']);
    const rows = await periods(c.ect!);
    expect(rows.map((r) => [r.induction_status, r.training_status, r.end_date])).toEqual([
      ['changed', 'active', rows[1].start_date],
      ['leaving', 'deferred', '2030-01-10T00:00:00.000Z'],
    ]);
  });
});

describe('who sees the change', () => {
  it('moves updated_at for the acting provider only: a provider that trained the participant before keeps its value', async () => {
    const [c] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [
              { partnershipId: w.qA, start: '2024-09-02T00:00:00Z', end: '2025-01-01T00:00:00Z', inductionStatus: 'leaving' },
              { partnershipId: w.pA, start: '2025-01-02T00:00:00Z', schoolTransfer: true },
            ],
          },
        ],
      },
    ]);
    const before = { P: await viewUpdatedAt(w.P.id, c.id), Q: await viewUpdatedAt(w.Q.id, c.id) };
    expect((await put(c.id, 'withdraw', { course_identifier: 'ecf-induction', reason: 'moved-school' })).status).toBe(200);
    expect(await viewUpdatedAt(w.P.id, c.id)).not.toBe(before.P);
    expect(await viewUpdatedAt(w.Q.id, c.id)).toBe(before.Q);
    const q = await app.request('GET', `${BASE}/${c.id}`, { token: w.Q.token });
    expect(q.body.data.attributes.ecf_enrolments[0]).toMatchObject({ training_status: 'active', withdrawal: null, participant_status: 'left' });
  });

  it("answers 404 to another provider's participant, an unknown id and a non-UUID, and changes nothing", async () => {
    const [c] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z' }] }] }]);
    const notFound = { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] };
    const before = { periods: await periods(c.ect!), updated: await viewUpdatedAt(w.Q.id, c.id) };
    for (const [action, attrs] of [
      ['defer', { course_identifier: 'ecf-induction', reason: 'other' }],
      ['resume', { course_identifier: 'ecf-induction' }],
      ['withdraw', { course_identifier: 'ecf-induction', reason: 'other' }],
      ['change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-april' }],
    ] as const) {
      for (const id of [c.id, randomUUID(), 'not-a-uuid']) {
        const res = await put(id, action, attrs);
        expect([action, res.status, res.body]).toEqual([action, 404, notFound]);
      }
    }
    expect(await periods(c.ect!)).toEqual(before.periods);
    expect(await viewUpdatedAt(w.Q.id, c.id)).toBe(before.updated);
    expect(await audits(c.id)).toEqual([]);
  });

  it('a retired participant id acts on the participant that took it over', async () => {
    const retired = randomUUID();
    const c = await ect({}, { retiredIds: [retired] });
    const res = await put(retired, 'defer', { course_identifier: 'ecf-induction', reason: 'other' });
    expect([res.status, res.body.data.id, enrolment(res).training_status]).toEqual([200, c.id, 'deferred']);
    expect(res.body.data.attributes.participant_id_changes[0].from_participant_id).toBe(retired);
    expect((await audits(c.id))[0].participant_id).toBe(c.id);
  });

  it('uses X-With-Server-Date as the action time (period dates, deferral date, audit)', async () => {
    const c = await ect();
    const at = '2026-03-04T05:06:07Z';
    const res = await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'long-term-sickness' }, { date: at });
    expect(res.status).toBe(200);
    expect(enrolment(res).deferral).toEqual({ reason: 'long-term-sickness', date: at });
    const rows = await periods(c.ect!);
    // The travelled clock keeps ticking from the header's instant (README "Sandbox"): same second.
    const second = (v: string | null) => v?.slice(0, 19);
    expect([rows[0].end_date, rows[1].start_date].map(second)).toEqual(['2026-03-04T05:06:07', '2026-03-04T05:06:07']);
    expect(second((await audits(c.id))[0].occurred_at)).toBe('2026-03-04T05:06:07');
    expect(second(await viewUpdatedAt(w.P.id, c.id))).toBe('2026-03-04T05:06:07');
  });
});

describe('concurrency', () => {
  it('two defers of one participant at once: one succeeds, the other sees it (already deferred), one new period', async () => {
    const c = await ect();
    const attrs = { course_identifier: 'ecf-induction', reason: 'other' };
    const results = await Promise.all([put(c.id, 'defer', attrs), put(c.id, 'defer', attrs)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 422]);
    expect(results.find((r) => r.status === 422)!.body).toEqual(unprocessable(['participant_profile', 'The participant is already deferred']));
    const rows = await periods(c.ect!);
    expect(rows.map((r) => [r.induction_status, r.training_status])).toEqual([
      ['changed', 'active'],
      ['active', 'deferred'],
    ]);
    expect(await audits(c.id)).toHaveLength(1);
  });
});

describe('request shape', () => {
  it('answers 400 to a body without data.attributes, and 403 to an NPQ token', async () => {
    const c = await ect();
    for (const body of [{}, { data: {} }, { data: { attributes: {} } }]) {
      const res = await app.request('PUT', `${BASE}/${c.id}/defer`, { token: w.P.token, body });
      expect([res.status, res.body]).toEqual([
        400,
        { errors: [{ title: 'Bad request', detail: 'correct json data structure required. See API docs for reference' }] },
      ]);
    }
    const npq = await app.request('PUT', `${BASE}/${c.id}/resume`, {
      token: app.token('Ambition Institute', 'npq'),
      body: { data: { attributes: { course_identifier: 'ecf-induction' } } },
    });
    expect(npq.status).toBe(403);
    expect(await audits(c.id)).toEqual([]);
  });
});

describe('audit (GraphQL, admin)', () => {
  it('lists the actions on a participant for admins, with the token that acted; providers get FORBIDDEN', async () => {
    const c = await ect();
    await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }, { date: '2026-05-01T08:00:00Z' });
    await put(c.id, 'resume', { course_identifier: 'ecf-induction' }, { date: '2026-05-02T08:00:00Z' });
    const query = `query($id: ID!) { ecfParticipantActionAudits(participantId: $id) {
      participantId trainingRecordId leadProviderId apiTokenId adminTokenId action rules reason request
      beforeTrainingStatus afterTrainingStatus beforeScheduleIdentifier afterScheduleIdentifier beforeCohort afterCohort occurredAt } }`;
    const data = await gql<{ ecfParticipantActionAudits: any[] }>(app, query, { id: c.id });
    const token = (await sql<{ id: string }>(app, `select id from api_tokens where lead_provider_id = ?`, [w.P.id]))[0].id;
    expect(data.ecfParticipantActionAudits).toEqual([
      expect.objectContaining({ action: 'defer', rules: 'ecf', reason: 'other', apiTokenId: token, adminTokenId: null, occurredAt: '2026-05-01T08:00:00Z' }),
      expect.objectContaining({
        action: 'resume',
        reason: null,
        beforeTrainingStatus: 'deferred',
        afterTrainingStatus: 'active',
        occurredAt: '2026-05-02T08:00:00Z',
      }),
    ]);
    expect(JSON.parse(data.ecfParticipantActionAudits[0].request)).toEqual({ course_identifier: 'ecf-induction', reason: 'other' });
    const res = await app.request('POST', '/graphql', { token: w.P.token, body: { query, variables: { id: c.id } } });
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
