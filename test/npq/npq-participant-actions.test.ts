import { NPQ_PARTICIPANT_MESSAGES as M } from '../../src/domain/npq/npq-participant.messages.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createApplication, gql, sql, violations, type GraphResult } from './npq-fixtures.js';
import { insertNpqDeclaration } from '../declarations/npq-declaration-fixtures.js';

// npq.md §4.2–4.6 through GraphQL: one test per rule and message, the state after each action (application,
// training-status history with who/when/why), updated_at fan-out (§9.6) and isolation.

const FIELDS = `id updatedAt enrolments { applicationId courseIdentifier scheduleIdentifier cohort cohortSuffix trainingStatus fundedPlace
  withdrawal { reason date } deferral { reason date } createdAt }`;
const DEFER = `mutation($id: ID!, $input: NpqParticipantActionInput) { deferNpqParticipant(id: $id, input: $input) { ${FIELDS} } }`;
const RESUME = `mutation($id: ID!, $input: NpqParticipantActionInput) { resumeNpqParticipant(id: $id, input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $input: NpqParticipantActionInput) { withdrawNpqParticipant(id: $id, input: $input) { ${FIELDS} } }`;
const CHANGE = `mutation($id: ID!, $input: ChangeNpqParticipantScheduleInput) { changeNpqParticipantSchedule(id: $id, input: $input) { ${FIELDS} } }`;
const SHOW = `query($id: ID!) { npqParticipant(id: $id) { ${FIELDS} } }`;
const LIST = `query($since: DateTime) { npqParticipants(filter: { updatedSince: $since }, page: { perPage: 3000 }) { items { id updatedAt } } }`;

const AMBITION = 'Ambition Institute';
const UCL = 'UCL Institute of Education';
const HEADSHIP = { courseIdentifier: 'npq-headship' };

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = app.token(AMBITION, 'npq');
});
afterAll(async () => app.close());

const run = (query: string, id: string, input: Record<string, unknown>, headers: Record<string, string> = {}, t = token) =>
  gql(app, t, query, { id, input }, headers);

/**
 * An accepted application with a voided `started` declaration: defer needs any declaration and withdraw a started
 * one, voided included (npq.md §4.3, §4.5); a voided one holds no slot, so no other rule sees it.
 */
async function accepted(cohort = '2023a', provider = AMBITION, person?: string) {
  const a = await createApplication(app, { provider, cohort, status: 'accepted', person });
  await insertNpqDeclaration(app, a.id, { type: 'started', state: 'voided' });
  return a;
}

async function applicationRow(id: string) {
  const [row] = await sql(
    app,
    `select a.training_status, a.funded_place, s.schedule_identifier, c.identifier as cohort, a.cohort_start_year, a.updated_at
       from npq_applications a left join schedules s on s.id = a.schedule_id left join npq_cohorts c on c.id = a.npq_cohort_id where a.id = ?`,
    [id],
  );
  return row;
}
const states = (applicationId: string) =>
  sql(
    app,
    `select state, reason, lead_provider_id, api_token_id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at
       from npq_application_states where application_id = ? order by created_at, id`,
    [applicationId],
  );
const tokenId = async () =>
  (await sql<{ id: string }>(app, `select id from api_tokens where lead_provider_id = ? and programme = 'npq' limit 1`, [app.leadProviderId(AMBITION)]))[0].id;

const ms = (d: unknown) => new Date(d as string).getTime();

function ok(res: GraphResult, field: string) {
  expect(res.errors).toBeUndefined();
  return res.data[field];
}

describe('shared rules (npq.md §4.2)', () => {
  it('an unknown course is reported on course_identifier, also when missing; the accepted-application check then does not run', async () => {
    const a = await accepted();
    expect(violations(await run(RESUME, a.person, { courseIdentifier: 'npq-unknown' }))).toEqual([
      { field: 'courseIdentifier', message: M.courseNotRecognised },
    ]);
    expect(violations(await run(RESUME, a.person, {}))).toEqual([{ field: 'courseIdentifier', message: M.courseNotRecognised }]);
  });

  it('needs an application accepted by the caller for exactly that course (ASO and EHCO not merged)', async () => {
    const a = await createApplication(app, { provider: AMBITION, cohort: '2021a', course: 'npq-additional-support-offer', status: 'accepted' });
    const res = await run(RESUME, a.person, { courseIdentifier: 'npq-early-headship-coaching-offer' });
    expect(violations(res)).toEqual([{ field: 'participantId', message: M.noAcceptedApplication }]);
    // A pending application for the course is not an enrolment either.
    await createApplication(app, { provider: AMBITION, cohort: '2023a', course: 'npq-senco', person: a.person });
    expect(violations(await run(RESUME, a.person, { courseIdentifier: 'npq-senco' }))).toEqual([{ field: 'participantId', message: M.noAcceptedApplication }]);
  });

  it('reports the shared violation and the reason together, in that order', async () => {
    const a = await accepted();
    expect(violations(await run(DEFER, a.person, { courseIdentifier: 'npq-bad', reason: 'holiday' }))).toEqual([
      { field: 'courseIdentifier', message: M.courseNotRecognised },
      { field: 'reason', message: M.invalidReason },
    ]);
    expect(violations(await run(DEFER, a.person, { courseIdentifier: 'npq-senco', reason: 'holiday' }))).toEqual([
      { field: 'participantId', message: M.noAcceptedApplication },
      { field: 'reason', message: M.invalidReason },
    ]);
  });

  it('another provider’s participant, a pending applicant, an unknown or malformed id: NOT_FOUND and no change', async () => {
    const theirs = await accepted('2023a', UCL);
    const pending = await createApplication(app, { provider: AMBITION, cohort: '2023a' });
    for (const id of [theirs.person, pending.person, '00000000-0000-4000-8000-000000000000', 'nope']) {
      for (const [query, input] of [
        [DEFER, { ...HEADSHIP, reason: 'other' }],
        [RESUME, HEADSHIP],
        [WITHDRAW, { ...HEADSHIP, reason: 'other' }],
        [CHANGE, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring' }],
      ] as const) {
        const res = await run(query, id, input);
        expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
      expect((await gql(app, token, SHOW, { id })).data.npqParticipant).toBeNull();
    }
    expect(await applicationRow(theirs.id)).toMatchObject({ training_status: 'active', schedule_identifier: 'npq-leadership-autumn' });
    expect(await states(theirs.id)).toEqual([]);
  });
});

describe('defer (npq.md §4.3)', () => {
  it('defers with a reason: status, history row (who, when, why), deferral shown', async () => {
    const a = await accepted();
    const res = await run(DEFER, a.person, { ...HEADSHIP, reason: 'parental-leave' }, { 'X-With-Server-Date': '2025-01-10T10:42:00Z' });
    const p = ok(res, 'deferNpqParticipant');
    expect(p.enrolments[0]).toMatchObject({
      trainingStatus: 'deferred',
      deferral: { reason: 'parental-leave', date: '2025-01-10T10:42:00Z' },
      withdrawal: null,
    });
    expect((await applicationRow(a.id)).training_status).toBe('deferred');
    expect(await states(a.id)).toEqual([
      {
        state: 'deferred',
        reason: 'parental-leave',
        lead_provider_id: app.leadProviderId(AMBITION),
        api_token_id: await tokenId(),
        at: '2025-01-10T10:42:00Z',
      },
    ]);
  });

  it.each(['bereavement', 'long-term-sickness', 'parental-leave', 'career-break', 'other'])('accepts the reason %s', async (reason) => {
    const a = await accepted();
    expect(ok(await run(DEFER, a.person, { ...HEADSHIP, reason }), 'deferNpqParticipant').enrolments[0].deferral.reason).toBe(reason);
  });

  it('refuses a missing or unknown reason', async () => {
    const a = await accepted();
    expect(violations(await run(DEFER, a.person, HEADSHIP))).toEqual([{ field: 'reason', message: M.invalidReason }]);
    expect(violations(await run(DEFER, a.person, { ...HEADSHIP, reason: 'started-in-error' }))).toEqual([{ field: 'reason', message: M.invalidReason }]);
  });

  it('refuses an already deferred and a withdrawn participant', async () => {
    const a = await accepted();
    ok(await run(DEFER, a.person, { ...HEADSHIP, reason: 'other' }), 'deferNpqParticipant');
    expect(violations(await run(DEFER, a.person, { ...HEADSHIP, reason: 'other' }))).toEqual([{ field: 'participantId', message: M.alreadyDeferred }]);
    const b = await accepted();
    ok(await run(WITHDRAW, b.person, { ...HEADSHIP, reason: 'other' }), 'withdrawNpqParticipant');
    expect(violations(await run(DEFER, b.person, { ...HEADSHIP, reason: 'other' }))).toEqual([{ field: 'participantId', message: M.alreadyWithdrawn }]);
    expect(await states(b.id)).toHaveLength(1);
  });
});

describe('resume (npq.md §4.4)', () => {
  it('refuses an active participant; resumes a deferred and a withdrawn one with a reasonless history row', async () => {
    const a = await accepted();
    expect(violations(await run(RESUME, a.person, { ...HEADSHIP, reason: 'other' }))).toEqual([{ field: 'participantId', message: M.alreadyActive }]);
    ok(await run(DEFER, a.person, { ...HEADSHIP, reason: 'other' }), 'deferNpqParticipant');
    expect(ok(await run(RESUME, a.person, { ...HEADSHIP, reason: 'ignored' }), 'resumeNpqParticipant').enrolments[0]).toMatchObject({
      trainingStatus: 'active',
      deferral: null,
    });
    ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }), 'withdrawNpqParticipant');
    ok(await run(RESUME, a.person, HEADSHIP), 'resumeNpqParticipant');
    expect((await states(a.id)).map((s) => [s.state, s.reason])).toEqual([
      ['deferred', 'other'],
      ['active', null],
      ['withdrawn', 'other'],
      ['active', null],
    ]);
  });
});

describe('withdraw (npq.md §4.5)', () => {
  it('withdraws with a reason (the one with a trailing full stop included) and shows the withdrawal', async () => {
    const a = await accepted();
    const res = await run(
      WITHDRAW,
      a.person,
      { ...HEADSHIP, reason: 'quality-of-programme-structure-not-suitable.' },
      { 'X-With-Server-Date': '2025-02-01T09:00:00Z' },
    );
    expect(ok(res, 'withdrawNpqParticipant').enrolments[0]).toMatchObject({
      trainingStatus: 'withdrawn',
      withdrawal: { reason: 'quality-of-programme-structure-not-suitable.', date: '2025-02-01T09:00:00Z' },
    });
    expect((await states(a.id))[0]).toMatchObject({ state: 'withdrawn', reason: 'quality-of-programme-structure-not-suitable.' });
  });

  it('refuses the reason without its full stop, a deferral reason, and an already withdrawn participant', async () => {
    const a = await accepted();
    for (const reason of ['quality-of-programme-structure-not-suitable', 'career-break']) {
      expect(violations(await run(WITHDRAW, a.person, { ...HEADSHIP, reason }))).toEqual([{ field: 'reason', message: M.invalidReason }]);
    }
    ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'non-payment-of-invoice' }), 'withdrawNpqParticipant');
    expect(violations(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }))).toEqual([{ field: 'participantId', message: M.alreadyWithdrawn }]);
  });

  it('shows the latest withdrawal by the caller only while withdrawn', async () => {
    const a = await accepted();
    ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }, { 'X-With-Server-Date': '2025-02-01T09:00:00Z' }), 'withdrawNpqParticipant');
    ok(await run(RESUME, a.person, HEADSHIP, { 'X-With-Server-Date': '2025-02-02T09:00:00Z' }), 'resumeNpqParticipant');
    const again = ok(
      await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'change-in-career' }, { 'X-With-Server-Date': '2025-02-03T09:00:00Z' }),
      'withdrawNpqParticipant',
    );
    expect(again.enrolments[0].withdrawal).toEqual({ reason: 'change-in-career', date: '2025-02-03T09:00:00Z' });
  });
});

describe('change schedule (npq.md §4.6)', () => {
  it('moves to another schedule of the same cohort year by default; no history row', async () => {
    const a = await accepted();
    const p = ok(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring' }), 'changeNpqParticipantSchedule');
    expect(p.enrolments[0]).toMatchObject({ scheduleIdentifier: 'npq-leadership-spring', cohort: 2023, cohortSuffix: 'a', fundedPlace: null });
    expect(await applicationRow(a.id)).toMatchObject({ schedule_identifier: 'npq-leadership-spring', cohort: '2023a' });
    expect(await states(a.id)).toEqual([]);
  });

  it('a blank or unknown schedule (in the target year) is "must be present", reported once', async () => {
    const a = await accepted();
    for (const input of [
      { ...HEADSHIP },
      { ...HEADSHIP, scheduleIdentifier: ' ' },
      { ...HEADSHIP, scheduleIdentifier: 'npq-nonsense' },
      { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring', cohort: 2019 },
      { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring', cohort: 0 },
    ]) {
      expect(violations(await run(CHANGE, a.person, input))).toEqual([{ field: 'scheduleIdentifier', message: M.scheduleMustBePresent }]);
    }
  });

  it('refuses the current schedule, a schedule of another course group, and a withdrawn participant', async () => {
    const a = await accepted();
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-autumn' }))).toEqual([
      { field: 'scheduleIdentifier', message: M.alreadyHasSchedule },
    ]);
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-specialist-autumn' }))).toEqual([
      { field: 'scheduleIdentifier', message: M.scheduleNotValidForCourse },
    ]);
    ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }), 'withdrawNpqParticipant');
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring' }))).toEqual([
      { field: 'participantId', message: M.alreadyWithdrawn },
    ]);
  });

  it('full → capped cohort: the place becomes the recorded eligibility; the cohort filter column follows', async () => {
    const a = await accepted('2023a');
    const p = ok(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-autumn', cohort: 2024 }), 'changeNpqParticipantSchedule');
    expect(p.enrolments[0]).toMatchObject({ cohort: 2024, scheduleIdentifier: 'npq-leadership-autumn', fundedPlace: true });
    expect(await applicationRow(a.id)).toMatchObject({ cohort: '2024a', cohort_start_year: 2024, funded_place: true });
  });

  it('capped → full is refused on cohort', async () => {
    const a = await accepted('2024a');
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring', cohort: 2023 }))).toEqual([
      { field: 'cohort', message: M.cappedToUncapped },
    ]);
    expect(await applicationRow(a.id)).toMatchObject({ cohort: '2024a', schedule_identifier: 'npq-leadership-autumn' });
  });

  it('unfunded → funded is refused on cohort; a year with several cohorts takes the latest suffix', async () => {
    const a = await accepted('2026a');
    expect((await applicationRow(a.id)).schedule_identifier).toBe('npq-leadership-autumn');
    // 2026 → 2026b (capped), not 2026a.
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring', cohort: 2026 }))).toEqual([
      { field: 'cohort', message: M.unfundedToFunded },
    ]);
  });
});

describe('one accepted application per course per cohort (beyond the live rules, docs/compatibility.md)', () => {
  it('a withdrawn enrolment cannot be resumed while the person is accepted for the course in the cohort elsewhere', async () => {
    const a = await accepted('2023a');
    ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }), 'withdrawNpqParticipant');
    await accepted('2023a', UCL, a.person);
    expect(violations(await run(RESUME, a.person, HEADSHIP))).toEqual([{ field: 'participantId', message: M.acceptedForThisCourse }]);
    expect((await applicationRow(a.id)).training_status).toBe('withdrawn');
  });

  it('an enrolment cannot move into a cohort where the person is accepted for the course elsewhere', async () => {
    const a = await accepted('2023a');
    await accepted('2024a', UCL, a.person);
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-autumn', cohort: 2024 }))).toEqual([
      { field: 'cohort', message: M.acceptedForThisCourse },
    ]);
    expect((await applicationRow(a.id)).cohort).toBe('2023a');
  });
});

describe('updated_at fan-out (npq.md §9.6)', () => {
  it('an action moves the application and every provider’s view of the person, not the person’s other applications', async () => {
    const mine = await accepted('2023a');
    const theirs = await createApplication(app, { provider: UCL, cohort: '2023a', course: 'npq-leading-literacy', status: 'accepted', person: mine.person });
    await createApplication(app, { provider: UCL, cohort: '2024a', course: 'npq-senco', person: mine.person });
    const before = await sql<{ id: string; updated_at: Date }>(app, 'select id, updated_at from npq_applications where participant_id = ?', [mine.person]);
    const listings = await sql<{ lead_provider_id: string; updated_at: Date }>(
      app,
      'select lead_provider_id, updated_at from npq_participant_listings where participant_id = ?',
      [mine.person],
    );
    const [person] = await sql<{ updated_at: Date }>(app, 'select updated_at from npq_participants where id = ?', [mine.person]);

    const p = ok(await run(DEFER, mine.person, { ...HEADSHIP, reason: 'other' }), 'deferNpqParticipant');
    const after = await sql<{ id: string; updated_at: Date }>(app, 'select id, updated_at from npq_applications where participant_id = ?', [mine.person]);
    for (const row of after) {
      const was = ms(before.find((b) => b.id === row.id)!.updated_at);
      if (row.id === mine.id) expect(ms(row.updated_at)).toBeGreaterThan(was);
      else expect(ms(row.updated_at)).toBe(was);
    }
    const movedListings = await sql<{ lead_provider_id: string; updated_at: Date }>(
      app,
      'select lead_provider_id, updated_at from npq_participant_listings where participant_id = ?',
      [mine.person],
    );
    expect(movedListings).toHaveLength(2);
    for (const l of movedListings) expect(ms(l.updated_at)).toBeGreaterThan(ms(listings.find((x) => x.lead_provider_id === l.lead_provider_id)!.updated_at));
    const [personAfter] = await sql<{ updated_at: Date }>(app, 'select updated_at from npq_participants where id = ?', [mine.person]);
    expect(personAfter.updated_at).toEqual(person.updated_at);

    // The other provider polls from before the change and sees the person with the new updated_at.
    const seen = ok(await gql(app, app.token(UCL, 'npq'), LIST, { since: p.updatedAt }), 'npqParticipants').items;
    expect(seen).toContainEqual({ id: mine.person, updatedAt: p.updatedAt });
    expect(ok(await gql(app, app.token(UCL, 'npq'), SHOW, { id: mine.person }), 'npqParticipant').enrolments.map((e: any) => e.applicationId)).toEqual([
      theirs.id,
    ]);
  });

  it('the caller’s list with updatedSince = the action’s updatedAt returns the participant', async () => {
    const a = await accepted();
    const p = ok(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring' }), 'changeNpqParticipantSchedule');
    const items = ok(await gql(app, token, LIST, { since: p.updatedAt }), 'npqParticipants').items;
    expect(items).toContainEqual({ id: a.person, updatedAt: p.updatedAt });
  });
});

describe('list projection after actions (npq.md §4.1)', () => {
  const BY_STATUS = `query($status: NpqTrainingStatus) { npqParticipants(filter: { trainingStatus: $status }, page: { perPage: 3000 }) { items { id } } }`;
  const listed = async (status: string) => (ok(await gql(app, token, BY_STATUS, { status }), 'npqParticipants').items as { id: string }[]).map((p) => p.id);

  it('filter trainingStatus follows each action', async () => {
    const a = await accepted();
    expect(await listed('active')).toContain(a.person);
    ok(await run(DEFER, a.person, { ...HEADSHIP, reason: 'other' }), 'deferNpqParticipant');
    expect([(await listed('active')).includes(a.person), (await listed('deferred')).includes(a.person)]).toEqual([false, true]);
    ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }), 'withdrawNpqParticipant');
    expect([(await listed('deferred')).includes(a.person), (await listed('withdrawn')).includes(a.person)]).toEqual([false, true]);
    ok(await run(RESUME, a.person, HEADSHIP), 'resumeNpqParticipant');
    expect([(await listed('withdrawn')).includes(a.person), (await listed('active')).includes(a.person)]).toEqual([false, true]);
  });

  it('a zero-overlap poller sees the final training status of every participant changed concurrently', async () => {
    const people = await Promise.all(Array.from({ length: 12 }, () => accepted()));
    const POLL = `query($since: DateTime) { npqParticipants(filter: { updatedSince: $since }, page: { perPage: 3000 }, sort: [{ field: updatedAt }]) {
      items { id updatedAt enrolments { trainingStatus } } } }`;
    const seen = new Map<string, string>();
    let since: string | null = null;
    const poll = async () => {
      for (const p of ok(await gql(app, token, POLL, { since }), 'npqParticipants').items as {
        id: string;
        updatedAt: string;
        enrolments: { trainingStatus: string }[];
      }[]) {
        seen.set(p.id, p.enrolments[0]?.trainingStatus);
        if (since === null || p.updatedAt > since) since = p.updatedAt;
      }
    };
    await poll();
    let writing = true;
    const polling = (async () => {
      while (writing) await poll();
    })();
    await Promise.all(
      people.map(async (a, i) => {
        if (i % 3 === 0) ok(await run(DEFER, a.person, { ...HEADSHIP, reason: 'other' }), 'deferNpqParticipant');
        else if (i % 3 === 1) ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }), 'withdrawNpqParticipant');
        else ok(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring' }), 'changeNpqParticipantSchedule');
      }),
    );
    writing = false;
    await polling;
    await poll();
    expect(people.map((a) => seen.get(a.person))).toEqual(people.map((_, i) => ['deferred', 'withdrawn', 'active'][i % 3]));
  });
});

describe('GraphQL access', () => {
  it('an ECF token is FORBIDDEN; an admin acts for a provider with `as`', async () => {
    const a = await accepted();
    const res = await gql(app, app.token(AMBITION, 'ecf'), SHOW, { id: a.person });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const admin = await gql(
      app,
      app.tokens.admin.token,
      `mutation($id: ID!, $as: AsLeadProviderInput) { resumeNpqParticipant(id: $id, input: { courseIdentifier: "npq-headship" }, as: $as) { id } }`,
      { id: a.person, as: { leadProviderId: app.leadProviderId(AMBITION), programme: 'npq' } },
    );
    expect(admin.errors?.[0]?.extensions?.violations).toEqual([{ field: 'participantId', message: M.alreadyActive }]);
  });
});
