import { startTestApp, type TestApp } from '../support/test-app.js';
import { NPQ_APPLICATION_MESSAGES as M } from '../../src/domain/npq/npq-application.messages.js';
import { ACCEPT, createApplication, createPerson, gql, REJECT, SHOW, sql, violations } from './npq-fixtures.js';

// npq.md §3.3: accept's checks in order with the live messages, schedule selection, auto-reject and fan-out.

let app: TestApp;
let ambition: string;
let ucl: string;
beforeAll(async () => {
  app = await startTestApp();
  ambition = app.token('Ambition Institute', 'npq');
  ucl = app.token('UCL Institute of Education', 'npq');
});
afterAll(async () => app.close());

const accept = (id: string, input?: Record<string, unknown>, token = ambition, headers: Record<string, string> = {}) =>
  gql(app, token, ACCEPT, { id, input }, headers);
const accepted = async (id: string, input?: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const res = await accept(id, input, ambition, headers);
  expect(res.errors).toBeUndefined();
  return res.data.acceptNpqApplication;
};

describe('funded place by cohort funding mode', () => {
  it('capped: funded_place is required', async () => {
    const { id } = await createApplication(app, { cohort: '2025a' });
    expect(violations(await accept(id))).toEqual([{ field: 'fundedPlace', message: M.fundedPlaceRequired }]);
  });

  it('capped: a string "true" is not a boolean', async () => {
    const { id } = await createApplication(app, { cohort: '2025a' });
    expect(violations(await accept(id, { fundedPlace: 'true' }))).toEqual([{ field: 'fundedPlace', message: M.fundedPlaceRequired }]);
  });

  it('capped: true is stored for an eligible person', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', eligible: true });
    expect(await accepted(id, { fundedPlace: true })).toMatchObject({ status: 'accepted', fundedPlace: true });
  });

  it('capped: false is stored', async () => {
    const { id } = await createApplication(app, { cohort: '2024a', eligible: true });
    expect(await accepted(id, { fundedPlace: false })).toMatchObject({ status: 'accepted', fundedPlace: false });
  });

  it('capped: true needs the person to be eligible for funding', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', eligible: false });
    expect(violations(await accept(id, { fundedPlace: true }))).toEqual([{ field: 'application', message: M.notEligibleForFundedPlace }]);
  });

  it('zero: funded_place must be sent as false', async () => {
    const { id } = await createApplication(app, { cohort: '2026a' });
    expect(violations(await accept(id))).toEqual([{ field: 'fundedPlace', message: M.fundedPlaceUnfundedCohort }]);
  });

  it('zero: true is refused', async () => {
    const { id } = await createApplication(app, { cohort: '2026a' });
    expect(violations(await accept(id, { fundedPlace: true }))).toEqual([{ field: 'fundedPlace', message: M.fundedPlaceUnfundedCohort }]);
  });

  it('zero: false is accepted and stays false', async () => {
    const { id } = await createApplication(app, { cohort: '2026a' });
    expect(await accepted(id, { fundedPlace: false })).toMatchObject({ status: 'accepted', fundedPlace: false, scheduleIdentifier: 'npq-leadership-spring' });
  });

  it('full: funded_place may be omitted and stays null', async () => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    expect(await accepted(id)).toMatchObject({ status: 'accepted', fundedPlace: null });
  });

  it('full: a sent funded_place is ignored', async () => {
    const { id } = await createApplication(app, { cohort: '2022a' });
    expect(await accepted(id, { fundedPlace: true })).toMatchObject({ status: 'accepted', fundedPlace: null });
  });
});

describe('status rules', () => {
  it('an accepted application cannot be accepted again', async () => {
    const { id } = await createApplication(app, { cohort: '2023a', status: 'accepted' });
    expect(violations(await accept(id))).toEqual([{ field: 'application', message: M.alreadyAccepted }]);
  });

  it('a rejected application cannot change state', async () => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    await gql(app, ambition, REJECT, { id });
    expect(violations(await accept(id))).toEqual([{ field: 'application', message: M.rejectedCannotChange }]);
  });

  it('reports every failed check together, grouped by attribute in order', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', eligible: false });
    await gql(app, ambition, REJECT, { id });
    // funded_place missing, rejected, and no schedule with that identifier; the eligibility check needs no earlier error.
    expect(violations(await accept(id, { scheduleIdentifier: 'npq-nope' }))).toEqual([
      { field: 'fundedPlace', message: M.fundedPlaceRequired },
      { field: 'application', message: M.rejectedCannotChange },
      { field: 'scheduleIdentifier', message: M.scheduleNotFoundInCohort },
    ]);
  });

  it('the funded-place eligibility check runs only when nothing else failed', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', eligible: false, status: 'accepted' });
    expect(violations(await accept(id, { fundedPlace: true }))).toEqual([{ field: 'application', message: M.alreadyAccepted }]);
  });
});

describe('one accepted application per course per cohort', () => {
  it('refuses when the person has another accepted application for the course in the cohort (any provider)', async () => {
    const other = await createApplication(app, { cohort: '2023a', provider: 'UCL Institute of Education', status: 'accepted' });
    const { id } = await createApplication(app, { cohort: '2023a', person: other.person });
    expect(violations(await accept(id))).toEqual([{ field: 'application', message: M.acceptedForThisCourse }]);
  });

  it('treats ASO and EHCO as the same course', async () => {
    const other = await createApplication(app, { cohort: '2021a', course: 'npq-additional-support-offer', status: 'accepted', provider: 'Teach First' });
    const { id } = await createApplication(app, { cohort: '2021a', course: 'npq-early-headship-coaching-offer', person: other.person });
    expect(violations(await accept(id))).toEqual([{ field: 'application', message: M.acceptedForThisCourse }]);
  });

  it('includes another person with the same TRN when this TRN is verified', async () => {
    const twin = await createPerson(app, { trn: '7654321', trnVerified: false });
    await createApplication(app, { cohort: '2023a', person: twin, status: 'accepted', provider: 'LLSE' });
    const me = await createPerson(app, { trn: '7654321', trnVerified: true });
    const { id } = await createApplication(app, { cohort: '2023a', person: me });
    expect(violations(await accept(id))).toEqual([{ field: 'application', message: M.acceptedForThisCourse }]);
  });

  it('ignores other people with the same TRN when this TRN is not verified', async () => {
    const twin = await createPerson(app, { trn: '7654322', trnVerified: true });
    await createApplication(app, { cohort: '2023a', person: twin, status: 'accepted', provider: 'LLSE' });
    const me = await createPerson(app, { trn: '7654322', trnVerified: false });
    const { id } = await createApplication(app, { cohort: '2023a', person: me });
    expect(await accepted(id)).toMatchObject({ status: 'accepted' });
  });

  it('does not count an accepted application in another cohort', async () => {
    const other = await createApplication(app, { cohort: '2022a', status: 'accepted', provider: 'LLSE' });
    const { id } = await createApplication(app, { cohort: '2023a', person: other.person });
    expect(await accepted(id)).toMatchObject({ status: 'accepted' });
  });

  it('does not count a withdrawn application', async () => {
    const other = await createApplication(app, { cohort: '2023a', status: 'accepted', trainingStatus: 'withdrawn', provider: 'LLSE' });
    const { id } = await createApplication(app, { cohort: '2023a', person: other.person });
    expect(await accepted(id)).toMatchObject({ status: 'accepted' });
  });
});

describe('schedule', () => {
  it('a schedule_identifier must exist in the application cohort', async () => {
    // 2024 has no spring leadership schedule (npq.md §1.4).
    const { id } = await createApplication(app, { cohort: '2024a' });
    expect(violations(await accept(id, { fundedPlace: false, scheduleIdentifier: 'npq-leadership-spring' }))).toEqual([
      { field: 'scheduleIdentifier', message: M.scheduleNotFoundInCohort },
    ]);
  });

  it('a schedule_identifier must be of the course group', async () => {
    const { id } = await createApplication(app, { cohort: '2025a' });
    expect(violations(await accept(id, { fundedPlace: false, scheduleIdentifier: 'npq-specialist-autumn' }))).toEqual([
      { field: 'scheduleIdentifier', message: M.scheduleNotValidForCourse },
    ]);
  });

  it('npq-senco is a leadership course', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', course: 'npq-senco' });
    expect(await accepted(id, { fundedPlace: false, scheduleIdentifier: 'npq-leadership-autumn' })).toMatchObject({
      scheduleIdentifier: 'npq-leadership-autumn',
    });
  });

  it('no default schedule: "Schedule cannot be determined"', async () => {
    // ASO always defaults to npq-aso-december, which only 2021 has.
    const { id } = await createApplication(app, { cohort: '2023a', course: 'npq-additional-support-offer' });
    expect(violations(await accept(id))).toEqual([{ field: 'schedule', message: M.scheduleCannotBeDetermined }]);
  });

  it.each([
    ['2026b', 'npq-headship', '2026-12-30', 'npq-leadership-autumn'],
    ['2025a', 'npq-headship', '2025-09-10', 'npq-leadership-autumn'],
    ['2025a', 'npq-leading-literacy', '2025-01-10', 'npq-specialist-spring'],
    ['2024a', 'npq-headship', '2025-01-10', 'npq-leadership-autumn'],
    ['2023a', 'npq-headship', '2023-12-27', 'npq-leadership-spring'],
    ['2023a', 'npq-headship', '2023-06-01', 'npq-leadership-autumn'],
    ['2025a', 'npq-early-headship-coaching-offer', '2025-12-15', 'npq-ehco-december'],
    ['2025a', 'npq-early-headship-coaching-offer', '2026-04-01', 'npq-ehco-march'],
    ['2025a', 'npq-early-headship-coaching-offer', '2025-10-01', 'npq-ehco-november'],
    ['2021a', 'npq-early-headship-coaching-offer', '2021-10-01', 'npq-ehco-june'],
    ['2021a', 'npq-additional-support-offer', '2021-10-01', 'npq-aso-december'],
  ])('default for %s %s on %s is %s', async (cohort, course, date, expected) => {
    const { id } = await createApplication(app, { cohort, course });
    const input = ['2021a', '2023a'].includes(cohort) ? undefined : { fundedPlace: false };
    expect(await accepted(id, input, { 'x-with-server-date': `${date}T12:00:00Z` })).toMatchObject({ scheduleIdentifier: expected });
  });
});

describe('on success', () => {
  it('accepts with schedule, accepted_at and training status active, and records the history row', async () => {
    const { id } = await createApplication(app, { cohort: '2025a' });
    const res = await accepted(id, { fundedPlace: true, scheduleIdentifier: 'npq-leadership-spring' }, { 'x-with-server-date': '2025-10-01T09:30:00Z' });
    expect(res).toMatchObject({
      status: 'accepted',
      scheduleIdentifier: 'npq-leadership-spring',
      trainingStatus: 'active',
      acceptedAt: '2025-10-01T09:30:00Z',
    });
    expect(await sql(app, 'select state, reason, lead_provider_id from npq_application_states where application_id = ?', [id])).toEqual([
      { state: 'active', reason: null, lead_provider_id: app.leadProviderId('Ambition Institute') },
    ]);
  });

  it("rejects the person's other applications for exactly this course in this cohort, with any provider", async () => {
    const mine = await createApplication(app, { cohort: '2025a' });
    const theirs = await createApplication(app, { cohort: '2025a', person: mine.person, provider: 'UCL Institute of Education' });
    const otherCourse = await createApplication(app, { cohort: '2025a', person: mine.person, provider: 'UCL Institute of Education', course: 'npq-senco' });
    const otherCohort = await createApplication(app, { cohort: '2024a', person: mine.person, provider: 'UCL Institute of Education' });
    await accepted(mine.id, { fundedPlace: true });
    const seen = async (id: string) => (await gql(app, ucl, SHOW, { id })).data.npqApplication;
    expect(await seen(theirs.id)).toMatchObject({ status: 'rejected', reasonForRejection: 'other_application_in_this_cohort_accepted' });
    expect(await seen(otherCourse.id)).toMatchObject({ status: 'pending', reasonForRejection: null });
    expect(await seen(otherCohort.id)).toMatchObject({ status: 'pending', reasonForRejection: null });
  });

  it("moves the updated_at of the person and every one of the person's applications (npq.md §9.6)", async () => {
    const mine = await createApplication(app, { cohort: '2025a' });
    const sibling = await createApplication(app, { cohort: '2023a', person: mine.person, provider: 'UCL Institute of Education', course: 'npq-senco' });
    const before = (await gql(app, ucl, SHOW, { id: sibling.id })).data.npqApplication.updatedAt;
    const after = await accepted(mine.id, { fundedPlace: true });
    const siblingAfter = (await gql(app, ucl, SHOW, { id: sibling.id })).data.npqApplication.updatedAt;
    expect(siblingAfter).not.toBe(before);
    expect(siblingAfter).toBe(after.updatedAt);
    const rows = await sql<{ person: boolean; listings: boolean }>(
      app,
      `select (select updated_at from npq_participants where id = ?) = a.updated_at as person,
              (select bool_and(l.updated_at = a.updated_at) from npq_participant_listings l where l.participant_id = ?) as listings
         from npq_applications a where a.id = ?`,
      [mine.person, mine.person, mine.id],
    );
    expect(rows[0]).toEqual({ person: true, listings: true });
    expect(await sql(app, 'select lead_provider_id, visible from npq_participant_listings where participant_id = ? order by visible', [mine.person])).toEqual([
      { lead_provider_id: app.leadProviderId('UCL Institute of Education'), visible: false },
      { lead_provider_id: app.leadProviderId('Ambition Institute'), visible: true },
    ]);
  });
});
