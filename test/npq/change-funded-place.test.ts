import { startTestApp, type TestApp } from '../support/test-app.js';
import { NPQ_FUNDED_PLACE_MESSAGES as M } from '../../src/domain/npq/npq-application.messages.js';
import { APPLICATION_FIELDS, createApplication, gql, REJECT, SHOW, sql, violations } from './npq-fixtures.js';

// npq.md §3.5 and §1.2: change funded place — the checks in order with the live messages, the matrix by cohort
// funding mode, isolation, and which updated_at move (npq.md §9.6).

const CHANGE = `mutation($id: ID!, $input: ChangeNpqFundedPlaceInput) { changeNpqFundedPlace(id: $id, input: $input) { ${APPLICATION_FIELDS} } }`;

let app: TestApp;
let ambition: string;
beforeAll(async () => {
  app = await startTestApp();
  ambition = app.token('Ambition Institute', 'npq');
});
afterAll(async () => app.close());

const change = (id: string, fundedPlace?: unknown, token = ambition) =>
  gql(app, token, CHANGE, { id, input: fundedPlace === undefined ? undefined : { fundedPlace } });
const changed = async (id: string, fundedPlace: unknown) => {
  const res = await change(id, fundedPlace);
  expect(res.errors).toBeUndefined();
  return res.data.changeNpqFundedPlace;
};
const stored = async (id: string) => (await sql(app, 'select funded_place from npq_applications where id = ?', [id]))[0].funded_place as boolean | null;

describe('funding mode matrix (accepted, eligible applications)', () => {
  // capped: 2024a, 2025a, 2026b; full: 2021a–2023a; zero: 2026a (npq.md §1.2).
  it.each([
    ['capped', '2025a', true, { ok: true, stored: true }],
    ['capped', '2025a', false, { ok: true, stored: false }],
    ['capped', '2024a', false, { ok: true, stored: false }],
    ['capped', '2026b', true, { ok: true, stored: true }],
    ['full', '2023a', true, { ok: false, stored: null }],
    ['full', '2022a', false, { ok: false, stored: null }],
    ['zero', '2026a', false, { ok: false, stored: false }],
    ['zero', '2026a', true, { ok: false, stored: false }],
  ])('%s cohort %s, funded_place %s', async (_mode, cohort, fundedPlace, expected) => {
    const { id } = await createApplication(app, { cohort, status: 'accepted', eligible: true });
    if (expected.ok) {
      expect(await changed(id, fundedPlace)).toMatchObject({ fundedPlace: expected.stored });
    } else {
      expect(violations(await change(id, fundedPlace))).toEqual([{ field: 'application', message: M.notCapped }]);
    }
    expect(await stored(id)).toBe(expected.stored);
  });

  it('capped: true then false then true again', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', status: 'accepted', eligible: true });
    expect(await changed(id, false)).toMatchObject({ fundedPlace: false });
    expect(await changed(id, true)).toMatchObject({ fundedPlace: true });
  });
});

describe('checks in order', () => {
  it('1. funded_place must be true or false (missing, null, a string)', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    for (const value of [undefined, null, 'true', 1]) {
      expect(violations(await change(id, value))).toEqual([{ field: 'fundedPlace', message: M.fundedPlaceRequired }]);
    }
  });

  it('2. the application must be accepted (pending, rejected)', async () => {
    const pending = await createApplication(app, { cohort: '2025a' });
    expect(violations(await change(pending.id, false))).toEqual([{ field: 'application', message: M.notAccepted }]);
    const rejected = await createApplication(app, { cohort: '2025a' });
    await gql(app, ambition, REJECT, { id: rejected.id });
    expect(violations(await change(rejected.id, false))).toEqual([{ field: 'application', message: M.notAccepted }]);
  });

  it('3. a funded place needs the raw eligibility', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', status: 'accepted', eligible: false });
    expect(violations(await change(id, true))).toEqual([{ field: 'application', message: M.notEligible }]);
    expect(await changed(id, false)).toMatchObject({ fundedPlace: false });
  });

  it('reports 1–3 together; 4 (cohort not capped) only when nothing else failed', async () => {
    const pending = await createApplication(app, { cohort: '2023a', eligible: false });
    expect(violations(await change(pending.id, 'yes'))).toEqual([
      { field: 'fundedPlace', message: M.fundedPlaceRequired },
      { field: 'application', message: M.notAccepted },
    ]);
    expect(violations(await change(pending.id, true))).toEqual([
      { field: 'application', message: M.notAccepted },
      { field: 'application', message: M.notEligible },
    ]);
  });
});

describe('isolation', () => {
  it("another provider's application or an unknown id: NOT_FOUND and no change", async () => {
    const theirs = await createApplication(app, { cohort: '2025a', status: 'accepted', provider: 'Teach First' });
    const before = await stored(theirs.id);
    for (const id of [theirs.id, '00000000-0000-4000-8000-000000000000', 'nope']) {
      expect((await change(id, false)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await stored(theirs.id)).toBe(before);
  });

  it('an ECF token is FORBIDDEN', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    expect((await change(id, false, app.token('Ambition Institute', 'ecf'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('updated_at (npq.md §9.6)', () => {
  it("moves the application, the person's other applications for the course (their derived eligibility reads it) and every participant row; not unrelated ones", async () => {
    const ucl = app.token('UCL Institute of Education', 'npq');
    const mine = await createApplication(app, { cohort: '2025a', status: 'accepted', eligible: true });
    const sameCourse = await createApplication(app, { cohort: '2024a', person: mine.person, provider: 'UCL Institute of Education' });
    const otherCourse = await createApplication(app, { cohort: '2024a', person: mine.person, provider: 'UCL Institute of Education', course: 'npq-senco' });
    const show = async (id: string) => (await gql(app, ucl, SHOW, { id })).data.npqApplication;
    const otherBefore = (await show(otherCourse.id)).updatedAt;
    // The accepted, funded application makes the other one "previously funded".
    expect(await show(sameCourse.id)).toMatchObject({ ineligibleForFundingReason: 'previously_funded', eligibleForFunding: false });
    const after = await changed(mine.id, false);
    const same = await show(sameCourse.id);
    expect(same).toMatchObject({ ineligibleForFundingReason: null, eligibleForFunding: true, updatedAt: after.updatedAt });
    expect((await show(otherCourse.id)).updatedAt).toBe(otherBefore);
    const [row] = await sql(
      app,
      'select bool_and(l.updated_at = a.updated_at) as moved from npq_participant_listings l, npq_applications a where l.participant_id = ? and a.id = ?',
      [mine.person, mine.id],
    );
    expect(row.moved).toBe(true);
  });
});
