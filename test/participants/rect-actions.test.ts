/**
 * The RECT variants of the participant actions (rect.md §7.2–7.5) through GraphQL with `rules: rect`, as the RECT
 * paths will call them: RECT's messages, check order and effects (withdraw/defer end the period today, resume opens
 * a new one, change-schedule splits a started period), with the caller's own token.
 */
import { startTestApp, type TestApp } from '../support/test-app.js';
import { insertPartnership, sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type Created, type PeriodSpec, type World } from './fixtures.js';

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app?.close());

const INPUT: Record<string, string> = {
  deferEcfParticipant: 'DeferEcfParticipantInput',
  resumeEcfParticipant: 'ResumeEcfParticipantInput',
  withdrawEcfParticipant: 'WithdrawEcfParticipantInput',
  changeEcfParticipantSchedule: 'ChangeEcfParticipantScheduleInput',
};
type Mutation = keyof typeof INPUT;

interface Outcome {
  enrolments?: any[];
  violations?: { field: string; message: string }[];
  code?: string;
}

async function act(mutation: Mutation, id: string, input: Record<string, unknown>, o: { date?: string; token?: string } = {}): Promise<Outcome> {
  const res = await app.request('POST', '/graphql', {
    token: o.token ?? w.P.token,
    headers: o.date ? { 'x-with-server-date': o.date } : {},
    body: {
      query: `mutation($id: ID!, $input: ${INPUT[mutation]}!) { ${mutation}(id: $id, input: $input) {
        id ecfEnrolments { participantType trainingStatus participantStatus scheduleIdentifier cohort withdrawal { reason date } deferral { reason date } } } }`,
      variables: { id, input: { rules: 'rect', ...input } },
    },
  });
  expect(res.status).toBe(200);
  if (res.body.errors) return { violations: res.body.errors[0].extensions.violations, code: res.body.errors[0].extensions.code };
  return { enrolments: res.body.data[mutation].ecfEnrolments };
}

const ect = async (period: Partial<PeriodSpec> = {}): Promise<Created> =>
  (await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', ...period }] }] }]))[0];
const mentor = async (period: Partial<PeriodSpec> = {}): Promise<Created> =>
  (await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', ...period }] }] }]))[0];
const periods = (recordId: string) =>
  sql<{ training_status: string; end_date: string | null; schedule: string }>(
    app,
    `select tp.training_status, tp.end_date, sh.schedule_identifier as schedule from training_periods tp join schedules sh on sh.id = tp.schedule_id
      where tp.training_record_id = ? order by tp.start_date, tp.created_at`,
    [recordId],
  );
const fails = (field: string, message: string) => ({ violations: [{ field, message }], code: 'UNPROCESSABLE' });
const ECT = { courseIdentifier: 'ecf-induction' };

describe('RECT shared checks (rect.md §7.2)', () => {
  it('course_identifier blank: "Enter a \'#/course_identifier\'."; unknown: "not recognised"', async () => {
    const c = await ect();
    expect(await act('resumeEcfParticipant', c.id, { courseIdentifier: '' })).toEqual(fails('courseIdentifier', "Enter a '#/course_identifier'."));
    for (const course of ['npq-senco', 'ecf-mentor'])
      expect(await act('resumeEcfParticipant', c.id, { courseIdentifier: course })).toEqual(
        fails('courseIdentifier', "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again."),
      );
  });

  it("another provider's participant is not found", async () => {
    const [c] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z' }] }] }]);
    expect((await act('deferEcfParticipant', c.id, { ...ECT, reason: 'other' })).code).toBe('NOT_FOUND');
  });
});

describe('RECT withdraw (rect.md §7.3)', () => {
  it('ends the period today: withdrawn, participant_status left at once, no new period', async () => {
    const c = await ect();
    const out = await act('withdrawEcfParticipant', c.id, { ...ECT, reason: 'changed-lead-provider' });
    // The mutation answers the ECF participant, which shows RECT's `changed-lead-provider` as `other` (participants.query.ts);
    // the RECT show keeps it (test/contract/rect-participant-actions.test.ts).
    expect(out.enrolments![0]).toMatchObject({ trainingStatus: 'withdrawn', participantStatus: 'left', withdrawal: { reason: 'other' } });
    const [stored] = await sql<{ reason: string }>(app, `select training_status_reason as reason from training_periods where training_record_id = ?`, [c.ect]);
    expect(stored.reason).toBe('changed-lead-provider');
    const rows = await periods(c.ect!);
    expect(rows).toHaveLength(1);
    expect(rows[0].end_date).not.toBeNull();
  });

  it.each([
    ['blank', '', "Enter a '#/reason'."],
    ['unknown', 'holiday', "The entered '#/reason' is not recognised for the given participant. Check details and try again."],
  ])('refuses a %s reason', async (_l, reason, message) => {
    const c = await ect();
    expect(await act('withdrawEcfParticipant', c.id, { ...ECT, reason })).toEqual(fails('reason', message));
  });

  it('refuses an already withdrawn participant', async () => {
    const c = await ect({ trainingStatus: 'withdrawn', reason: 'other', byLeadProviderId: w.P.id });
    expect(await act('withdrawEcfParticipant', c.id, { ...ECT, reason: 'other' })).toEqual(
      fails('participantId', "The '#/participant_id' is already withdrawn."),
    );
  });

  it('refuses a period that starts in the future, and one that started today', async () => {
    const future = await ect({ start: '2030-09-01T00:00:00Z' });
    expect(await act('withdrawEcfParticipant', future.id, { ...ECT, reason: 'other' })).toEqual(
      fails('participantId', 'You cannot withdraw #/participant_id. This is because they have not been training with you for at least one day.'),
    );
    const today = await ect();
    expect(await act('withdrawEcfParticipant', today.id, { ...ECT, reason: 'other' }, { date: '2024-09-02T15:00:00Z' })).toEqual(
      fails(
        'participantId',
        'You cannot defer or withdraw this participant today. You need to try again tomorrow as the training was recently changed for this participant.',
      ),
    );
  });

  it('refuses mentor-no-longer-being-mentor for an ECT, allows it for a mentor', async () => {
    const c = await ect();
    expect(await act('withdrawEcfParticipant', c.id, { ...ECT, reason: 'mentor-no-longer-being-mentor' })).toEqual(
      fails('reason', 'You cannot withdraw an ECT for this reason. The ECT is not a mentor.'),
    );
    const m = await mentor();
    const out = await act('withdrawEcfParticipant', m.id, { courseIdentifier: 'ecf-mentor', reason: 'mentor-no-longer-being-mentor' });
    expect(out.enrolments![0].trainingStatus).toBe('withdrawn');
  });
});

describe('RECT defer (rect.md §7.3)', () => {
  it('defers: deferred, left at once', async () => {
    const c = await ect();
    const out = await act('deferEcfParticipant', c.id, { ...ECT, reason: 'career-break' });
    expect(out.enrolments![0]).toMatchObject({ trainingStatus: 'deferred', participantStatus: 'left', deferral: { reason: 'career-break' } });
  });

  it('checks in order: already deferred, already withdrawn, future start', async () => {
    const deferred = await ect({ trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id });
    expect(await act('deferEcfParticipant', deferred.id, { ...ECT, reason: 'other' })).toEqual(
      fails('participantId', "The '#/participant_id' is already deferred."),
    );
    const withdrawn = await ect({ trainingStatus: 'withdrawn', reason: 'other', byLeadProviderId: w.P.id });
    expect(await act('deferEcfParticipant', withdrawn.id, { ...ECT, reason: 'other' })).toEqual(
      fails('participantId', "The '#/participant_id' is already withdrawn."),
    );
    const future = await ect({ start: '2030-09-01T00:00:00Z' });
    expect(await act('deferEcfParticipant', future.id, { ...ECT, reason: 'other' })).toEqual(
      fails('participantId', 'You cannot defer #/participant_id. This is because they have not been training with you for at least one day.'),
    );
  });
});

describe('RECT resume (rect.md §7.4)', () => {
  it('refuses an active participant, and the day of the withdrawal; resumes the next day with a new period', async () => {
    const c = await ect();
    expect(await act('resumeEcfParticipant', c.id, ECT)).toEqual(fails('participantId', "The '#/participant_id' is already active."));
    await act('withdrawEcfParticipant', c.id, { ...ECT, reason: 'other' }, { date: '2026-02-10T09:00:00Z' });
    expect(await act('resumeEcfParticipant', c.id, ECT, { date: '2026-02-10T17:00:00Z' })).toEqual(
      fails('participantId', 'You cannot resume a participant on the same day they were withdrawn or deferred. Resume them tomorrow or later.'),
    );
    const out = await act('resumeEcfParticipant', c.id, ECT, { date: '2026-02-11T09:00:00Z' });
    expect(out.enrolments![0]).toMatchObject({ trainingStatus: 'active', participantStatus: 'active', withdrawal: null });
    expect((await periods(c.ect!)).map((p) => p.training_status)).toEqual(['withdrawn', 'active']);
  });

  it('stops the resumed period when it was still open (deferred through ECF): every later action acts on the period shown, a second withdraw is refused', async () => {
    const c = await ect({ trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id, changedAt: '2026-01-05T00:00:00Z' });
    const resumed = await act('resumeEcfParticipant', c.id, ECT, { date: '2026-02-10T09:00:00Z' });
    expect(resumed.enrolments![0]).toMatchObject({ trainingStatus: 'active', scheduleIdentifier: 'ecf-standard-september' });
    const moved = await act('changeEcfParticipantSchedule', c.id, { ...ECT, scheduleIdentifier: 'ecf-extended-april' }, { date: '2026-02-10T10:00:00Z' });
    expect(moved.enrolments![0]).toMatchObject({ trainingStatus: 'active', scheduleIdentifier: 'ecf-extended-april' });
    const deferred = await act('deferEcfParticipant', c.id, { ...ECT, reason: 'career-break' }, { date: '2026-02-11T09:00:00Z' });
    // The new period ended today: the shown period is still the new one (schedule kept), not the older deferral.
    expect(deferred.enrolments![0]).toMatchObject({
      trainingStatus: 'deferred',
      participantStatus: 'left',
      scheduleIdentifier: 'ecf-extended-april',
      deferral: { reason: 'career-break', date: '2026-02-11T09:00:00Z' },
    });
    const withdrawn = await act('withdrawEcfParticipant', c.id, { ...ECT, reason: 'other' }, { date: '2026-02-12T09:00:00Z' });
    expect(withdrawn.enrolments![0]).toMatchObject({
      trainingStatus: 'withdrawn',
      scheduleIdentifier: 'ecf-extended-april',
      withdrawal: { reason: 'other', date: '2026-02-12T09:00:00Z' },
    });
    expect(await act('withdrawEcfParticipant', c.id, { ...ECT, reason: 'other' }, { date: '2026-02-12T10:00:00Z' })).toEqual(
      fails('participantId', "The '#/participant_id' is already withdrawn."),
    );
    const rows = await periods(c.ect!);
    expect(rows.map((p) => [p.training_status, p.schedule])).toEqual([
      ['deferred', 'ecf-standard-september'],
      ['withdrawn', 'ecf-extended-april'],
    ]);
    // The old deferral stopped at the resume; the new period at the deferral (the withdrawal keeps the earlier end).
    expect(rows.map((p) => new Date(p.end_date!).toISOString().slice(0, 16))).toEqual(['2026-02-10T09:00', '2026-02-11T09:00']);
  });

  it('resumes a deferred period that has not started yet in place: the shown period becomes active', async () => {
    const c = await ect({ start: '2030-09-01T00:00:00Z', trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id });
    const out = await act('resumeEcfParticipant', c.id, ECT);
    expect(out.enrolments![0]).toMatchObject({ trainingStatus: 'active', participantStatus: 'joining', deferral: null });
    expect((await periods(c.ect!)).map((p) => [p.training_status, p.end_date])).toEqual([['active', null]]);
  });

  it('refuses a participant the school withdrew: no longer at the school', async () => {
    const c = await ect({ inductionStatus: 'withdrawn', trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id });
    expect(await act('resumeEcfParticipant', c.id, ECT)).toEqual(
      fails('participantId', 'The participant is no longer at the school. Please contact the induction tutor to resolve.'),
    );
  });

  it('refuses a participant active with another provider at the same school', async () => {
    // One confirmed partnership per school and cohort: P trains at school 3 in 2024, Q there in 2025.
    const p3 = await insertPartnership(app, { schoolId: w.schools[3].id, leadProviderId: w.P.id, deliveryPartnerId: w.dp, cohort: 2024 });
    const q3 = await insertPartnership(app, { schoolId: w.schools[3].id, leadProviderId: w.Q.id, deliveryPartnerId: w.dp, cohort: 2025 });
    const [c] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [
              {
                partnershipId: p3,
                start: '2024-09-02T00:00:00Z',
                end: '2025-01-01T00:00:00Z',
                trainingStatus: 'deferred',
                reason: 'other',
                byLeadProviderId: w.P.id,
              },
              { partnershipId: q3, start: '2025-01-02T00:00:00Z' },
            ],
          },
        ],
      },
    ]);
    expect(await act('resumeEcfParticipant', c.id, ECT)).toEqual(
      fails('participantId', 'This participant cannot be resumed because they are already active with another provider.'),
    );
  });
});

describe('RECT change-schedule (rect.md §7.5)', () => {
  it('splits a started period: the old one ends, a new one with the schedule starts now', async () => {
    const c = await ect();
    const out = await act('changeEcfParticipantSchedule', c.id, { ...ECT, scheduleIdentifier: 'ecf-extended-april' });
    expect(out.enrolments![0]).toMatchObject({ scheduleIdentifier: 'ecf-extended-april', trainingStatus: 'active', participantStatus: 'active' });
    expect((await periods(c.ect!)).map((p) => p.schedule)).toEqual(['ecf-standard-september', 'ecf-extended-april']);
  });

  it.each([
    ['blank', '', "The property '#/schedule_identifier' must be present and correspond to a valid schedule."],
    ['not one of the 12', 'ecf-standard-june', 'Enter a valid schedule identifier.'],
    ['the current one', 'ecf-standard-september', 'Selected schedule is already on the profile'],
    ['replacement for an ECT', 'ecf-replacement-april', 'Selected schedule is not valid for the course_identifier'],
  ])('refuses a schedule that is %s', async (_l, scheduleIdentifier, message) => {
    const c = await ect();
    expect(await act('changeEcfParticipantSchedule', c.id, { ...ECT, scheduleIdentifier })).toEqual(fails('scheduleIdentifier', message));
  });

  it('refuses a reduced schedule for a mentor', async () => {
    const m = await mentor();
    expect(await act('changeEcfParticipantSchedule', m.id, { courseIdentifier: 'ecf-mentor', scheduleIdentifier: 'ecf-reduced-april' })).toEqual(
      fails('scheduleIdentifier', 'Mentors cannot be placed on a reduced schedule. Assign them to a different schedule.'),
    );
  });

  it('refuses a cohort without a partnership at the school (the unmapped contract_period wording), and a payments-frozen cohort', async () => {
    const c = await ect({ partnershipId: w.pB });
    expect(await act('changeEcfParticipantSchedule', c.id, { ...ECT, scheduleIdentifier: 'ecf-standard-september', cohort: 2025 })).toEqual(
      fails(
        'cohort',
        'You cannot change a participant to this contract_period as you do not have a partnership with the school for the contract_period. Contact the DfE for assistance.',
      ),
    );
    await insertPartnership(app, { schoolId: w.schools[1].id, leadProviderId: w.P.id, deliveryPartnerId: w.dp, cohort: 2021 });
    expect(await act('changeEcfParticipantSchedule', c.id, { ...ECT, scheduleIdentifier: 'ecf-standard-september', cohort: 2021 })).toEqual(
      fails('cohort', 'You cannot move a participant to a payments frozen cohort unless they previously belonged to that cohort.'),
    );
  });

  it("refuses a 'left' participant, a withdrawn one still leaving, and a completed one", async () => {
    const left = await ect({ trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id, end: '2025-01-01T00:00:00Z' });
    expect(await act('changeEcfParticipantSchedule', left.id, { ...ECT, scheduleIdentifier: 'ecf-extended-april' })).toEqual(
      fails(
        'participantId',
        "You cannot change this participant's schedule. This is because the participant has a 'left' participant_status, so they are not training with you currently.",
      ),
    );
    const leaving = await ect({ trainingStatus: 'withdrawn', reason: 'other', byLeadProviderId: w.P.id, end: '2031-01-01T00:00:00Z' });
    expect(await act('changeEcfParticipantSchedule', leaving.id, { ...ECT, scheduleIdentifier: 'ecf-extended-april' })).toEqual(
      fails('participantId', 'Cannot perform actions on a withdrawn participant'),
    );
    const done = await ect();
    await sql(app, `update training_records set induction_end_date = '2025-07-01' where id = ?`, [done.ect]);
    expect(await act('changeEcfParticipantSchedule', done.id, { ...ECT, scheduleIdentifier: 'ecf-extended-april' })).toEqual(
      fails('participantId', "You cannot change this participant's schedule as they have completed their training or induction."),
    );
    // …unless an ECT moves to a reduced schedule.
    expect((await act('changeEcfParticipantSchedule', done.id, { ...ECT, scheduleIdentifier: 'ecf-reduced-april' })).enrolments).toBeDefined();
  });
});
