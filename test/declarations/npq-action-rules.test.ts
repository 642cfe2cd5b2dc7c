import { NPQ_APPLICATION_MESSAGES as A, NPQ_FUNDED_PLACE_MESSAGES as F } from '../../src/domain/npq/npq-application.messages.js';
import { NPQ_PARTICIPANT_MESSAGES as M } from '../../src/domain/npq/npq-participant.messages.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { APPLICATION_FIELDS, createApplication, gql, REJECT, sql, violations } from '../npq/npq-fixtures.js';
import { AMBITION, insertNpqDeclaration, removeNpqStatements } from './npq-declaration-fixtures.js';

// The NPQ participant and application rules that read declarations (npq.md §3.4, §3.5, §4.3, §4.5, §4.6).

const FIELDS = 'id enrolments { courseIdentifier scheduleIdentifier cohort trainingStatus }';
const DEFER = `mutation($id: ID!, $input: NpqParticipantActionInput) { deferNpqParticipant(id: $id, input: $input) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!, $input: NpqParticipantActionInput) { withdrawNpqParticipant(id: $id, input: $input) { ${FIELDS} } }`;
const CHANGE = `mutation($id: ID!, $input: ChangeNpqParticipantScheduleInput) { changeNpqParticipantSchedule(id: $id, input: $input) { ${FIELDS} } }`;
const FUNDED = `mutation($id: ID!, $input: ChangeNpqFundedPlaceInput) { changeNpqFundedPlace(id: $id, input: $input) { ${APPLICATION_FIELDS} } }`;
const HEADSHIP = { courseIdentifier: 'npq-headship' };

let app: TestApp;
let token: string;
beforeAll(async () => {
  app = await startTestApp();
  token = app.token(AMBITION, 'npq');
});
afterAll(async () => app.close());

const run = (query: string, id: string, input?: Record<string, unknown>) => gql(app, token, query, { id, input });
const accepted = (cohort = '2023a') => createApplication(app, { cohort, status: 'accepted' });
const ok = (res: { errors?: unknown }) => expect(res.errors).toBeUndefined();

describe('defer (npq.md §4.3)', () => {
  it('an application without any declaration cannot be deferred', async () => {
    const a = await accepted();
    expect(violations(await run(DEFER, a.person, { ...HEADSHIP, reason: 'other' }))).toEqual([{ field: 'participantId', message: M.noDeclarations }]);
  });

  it('any declaration counts, a voided retained-1 included', async () => {
    const a = await accepted();
    await insertNpqDeclaration(app, a.id, { type: 'retained-1', state: 'voided' });
    ok(await run(DEFER, a.person, { ...HEADSHIP, reason: 'other' }));
  });

  it('is reported after the reason and status rules', async () => {
    const a = await accepted();
    expect(violations(await run(DEFER, a.person, { ...HEADSHIP, reason: 'holiday' }))).toEqual([
      { field: 'reason', message: M.invalidReason },
      { field: 'participantId', message: M.noDeclarations },
    ]);
  });
});

describe('withdraw (npq.md §4.5)', () => {
  it('needs a started declaration: another type is not enough', async () => {
    const a = await accepted();
    await insertNpqDeclaration(app, a.id, { type: 'retained-1' });
    expect(violations(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }))).toEqual([{ field: 'participantId', message: M.noStartedDeclaration }]);
  });

  it('a voided started declaration counts', async () => {
    const a = await accepted();
    await insertNpqDeclaration(app, a.id, { type: 'started', state: 'voided' });
    ok(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'other' }));
  });

  it('is checked only when nothing else failed', async () => {
    const a = await accepted();
    expect(violations(await run(WITHDRAW, a.person, { ...HEADSHIP, reason: 'holiday' }))).toEqual([{ field: 'reason', message: M.invalidReason }]);
  });
});

describe('change schedule (npq.md §4.6 rules 3, 5, 8)', () => {
  it('a schedule starting on or after a held declaration would invalidate it', async () => {
    const a = await accepted();
    await insertNpqDeclaration(app, a.id, { type: 'started', date: '2023-10-02T10:00:00Z' });
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring' }))).toEqual([
      { field: 'scheduleIdentifier', message: M.invalidatesDeclarations },
    ]);
  });

  it('voided declarations do not count', async () => {
    const a = await accepted();
    await insertNpqDeclaration(app, a.id, { type: 'started', state: 'voided', date: '2023-10-02T10:00:00Z' });
    ok(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-spring' }));
  });

  it('a cohort change with held declarations is refused', async () => {
    const a = await accepted();
    await insertNpqDeclaration(app, a.id, { type: 'started', date: '2024-10-05T10:00:00Z' });
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-autumn', cohort: 2024 }))).toEqual([
      { field: 'cohort', message: M.cohortChangeWithDeclarations },
    ]);
  });

  it('a cohort where the provider has no contract (no NPQ statement) is refused', async () => {
    const a = await accepted();
    await removeNpqStatements(app, app.leadProviderId(AMBITION), 2022);
    expect(violations(await run(CHANGE, a.person, { ...HEADSHIP, scheduleIdentifier: 'npq-leadership-autumn', cohort: 2022 }))).toEqual([
      { field: 'cohort', message: M.noContract },
    ]);
  });
});

describe('applications (npq.md §3.4, §3.5)', () => {
  it('reject refuses an application with a submitted, eligible, payable or paid declaration', async () => {
    for (const state of ['submitted', 'eligible', 'payable', 'paid']) {
      const a = await accepted();
      await insertNpqDeclaration(app, a.id, { state });
      expect(violations(await gql(app, token, REJECT, { id: a.id }))).toEqual([{ field: 'application', message: A.rejectWithDeclarations }]);
    }
  });

  it('reject accepts an application whose declarations are voided', async () => {
    const a = await accepted();
    await insertNpqDeclaration(app, a.id, { state: 'voided' });
    ok(await gql(app, token, REJECT, { id: a.id }));
  });

  it('change-funded-place refuses while such declarations exist', async () => {
    const a = await accepted('2025a');
    await insertNpqDeclaration(app, a.id, { state: 'eligible' });
    expect(violations(await run(FUNDED, a.id, { fundedPlace: false }))).toEqual([{ field: 'application', message: F.declarationsSubmitted }]);
    await sql(app, `update participant_declarations set state = 'voided' where npq_application_id = ?`, [a.id]);
    ok(await run(FUNDED, a.id, { fundedPlace: false }));
  });
});
