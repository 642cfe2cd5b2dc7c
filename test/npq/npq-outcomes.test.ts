import { startTestApp, type TestApp } from '../support/test-app.js';
import { NPQ_OUTCOME_MESSAGES as M } from '../../src/domain/npq/npq-outcome.messages.js';
import { createApplication, gql, sql, violations } from './npq-fixtures.js';
import { insertNpqDeclaration } from '../declarations/npq-declaration-fixtures.js';

// npq.md §6: outcome create (every rule and message, the idempotency rule), the two lists, isolation.

const FIELDS = 'id state completionDate courseIdentifier participantId createdAt updatedAt';
const CREATE = `mutation($p: ID!, $input: CreateNpqOutcomeInput!) { createNpqOutcome(participantId: $p, input: $input) { ${FIELDS} } }`;
const LIST = `query($filter: NpqOutcomeFilterInput, $page: PageInput) { npqOutcomes(filter: $filter, page: $page) { items { ${FIELDS} } hasNextPage } }`;
const PARTICIPANT_LIST = `query($p: ID!, $page: PageInput) { npqParticipantOutcomes(participantId: $p, page: $page) { items { ${FIELDS} } hasNextPage } }`;

let app: TestApp;
let ambition: string;
beforeAll(async () => {
  app = await startTestApp();
  ambition = app.token('Ambition Institute', 'npq');
});
afterAll(async () => app.close());

const create = (participant: string, input: Record<string, unknown>, token = ambition, headers: Record<string, string> = {}) =>
  gql(app, token, CREATE, { p: participant, input }, headers);
const created = async (participant: string, input: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const res = await create(participant, input, ambition, headers);
  expect(res.errors).toBeUndefined();
  return res.data.createNpqOutcome;
};
/** A participant with an accepted application for the course and an eligible `completed` declaration on it (npq.md §6.3). */
const participant = async (course = 'npq-headship', o: { provider?: string; cohort?: string; person?: string } = {}) => {
  const a = await createApplication(app, { status: 'accepted', course, cohort: o.cohort ?? '2023a', provider: o.provider, person: o.person });
  await insertNpqDeclaration(app, a.id, { type: 'completed' });
  return a.person;
};
const VALID = { courseIdentifier: 'npq-headship', state: 'passed', completionDate: '2025-01-09' };

describe('create: rules and messages (npq.md §6.3)', () => {
  it('records a passed outcome on the completed declaration for the course, whose updated_at moves with it', async () => {
    const p = await participant();
    const [declaration] = await sql(app, `select id, updated_at from participant_declarations where participant_id = ?`, [p]);
    const o = await created(p, VALID);
    expect(o).toMatchObject({ state: 'passed', completionDate: '2025-01-09', courseIdentifier: 'npq-headship', participantId: p });
    expect(o.createdAt).toBe(o.updatedAt);
    const [row] = await sql(
      app,
      `select a.course_identifier, o.lead_provider_id, o.declaration_id, d.updated_at = o.updated_at as declaration_moved
         from npq_outcomes o join npq_applications a on a.id = o.application_id join participant_declarations d on d.id = o.declaration_id where o.id = ?`,
      [o.id],
    );
    expect(row).toEqual({
      course_identifier: 'npq-headship',
      lead_provider_id: app.leadProviderId('Ambition Institute'),
      declaration_id: declaration.id,
      declaration_moved: true,
    });
  });

  it('needs a completed declaration: another type, or a voided, awaiting-clawback or clawed-back one, is not one', async () => {
    const a = await createApplication(app, { status: 'accepted', course: 'npq-headship', cohort: '2023a' });
    await insertNpqDeclaration(app, a.id, { type: 'started' });
    for (const state of ['voided', 'awaiting_clawback', 'clawed_back']) await insertNpqDeclaration(app, a.id, { type: 'completed', state });
    expect(violations(await create(a.person, VALID))).toEqual([{ field: 'base', message: M.noCompletedDeclaration }]);
    // submitted and ineligible count.
    const id = await insertNpqDeclaration(app, a.id, { type: 'completed', state: 'ineligible' });
    const o = await created(a.person, VALID);
    expect((await sql(app, 'select declaration_id from npq_outcomes where id = ?', [o.id]))[0].declaration_id).toBe(id);
  });

  it('the outcome belongs to the newest eligible completed declaration', async () => {
    const a = await createApplication(app, { status: 'accepted', course: 'npq-headship', cohort: '2023a' });
    await insertNpqDeclaration(app, a.id, { type: 'completed', state: 'voided' });
    const older = await insertNpqDeclaration(app, a.id, { type: 'completed', state: 'paid' });
    await sql(app, `update participant_declarations set created_at = created_at - interval '1 day' where id = ?`, [older]);
    const newer = await insertNpqDeclaration(app, a.id, { type: 'completed', state: 'ineligible' });
    const o = await created(a.person, VALID);
    expect((await sql(app, 'select declaration_id from npq_outcomes where id = ?', [o.id]))[0].declaration_id).toBe(newer);
  });

  it("the application's provider may record it on another provider's declaration; the outcome is the submitter's", async () => {
    const a = await createApplication(app, { status: 'accepted', course: 'npq-headship', cohort: '2023a' });
    const declaration = await insertNpqDeclaration(app, a.id, { type: 'completed', provider: 'Teach First' });
    const o = await created(a.person, VALID);
    const [row] = await sql(app, 'select declaration_id, lead_provider_id from npq_outcomes where id = ?', [o.id]);
    expect(row).toEqual({ declaration_id: declaration, lead_provider_id: app.leadProviderId('Teach First') });
  });

  it('course_identifier missing', async () => {
    const p = await participant();
    for (const courseIdentifier of [undefined, null, '']) {
      expect(violations(await create(p, { ...VALID, courseIdentifier }))).toEqual([
        { field: 'courseIdentifier', message: M.courseIdentifierMissing },
        { field: 'base', message: M.noCompletedDeclaration },
      ]);
    }
  });

  it('course_identifier not a leadership or specialist course (EHCO, ASO, unknown)', async () => {
    const p = await participant('npq-early-headship-coaching-offer', { cohort: '2023a' });
    for (const courseIdentifier of ['npq-early-headship-coaching-offer', 'npq-additional-support-offer', 'npq-nope', 7]) {
      expect(violations(await create(p, { ...VALID, courseIdentifier }))).toEqual([
        { field: 'courseIdentifier', message: M.courseIdentifierNotRecognised },
        { field: 'base', message: M.noCompletedDeclaration },
      ]);
    }
  });

  it('state missing, and not passed or failed (voided included)', async () => {
    const p = await participant();
    expect(violations(await create(p, { ...VALID, state: undefined }))).toEqual([{ field: 'state', message: M.stateMissing }]);
    for (const state of ['voided', 'PASSED', true]) {
      expect(violations(await create(p, { ...VALID, state }))).toEqual([{ field: 'state', message: M.stateInvalid }]);
    }
  });

  it('completion_date missing, in another format, or not a real date', async () => {
    const p = await participant();
    expect(violations(await create(p, { ...VALID, completionDate: '' }))).toEqual([{ field: 'completionDate', message: M.completionDateMissing }]);
    for (const completionDate of ['09-01-2025', '2025/01/09', '2021-13-01', '2025-02-30']) {
      expect(violations(await create(p, { ...VALID, completionDate }))).toEqual([{ field: 'completionDate', message: M.completionDateFormat }]);
    }
  });

  it('a full timestamp passes the unanchored format check and is read as its date', async () => {
    const p = await participant();
    expect(await created(p, { ...VALID, completionDate: '2025-01-08T10:00:00Z' })).toMatchObject({ completionDate: '2025-01-08' });
  });

  it('completion_date in the future (request clock); today is allowed', async () => {
    const p = await participant();
    const at = { 'X-With-Server-Date': '2025-01-10T10:42:00Z' };
    expect(violations(await create(p, { ...VALID, completionDate: '2025-01-11' }, ambition, at))).toEqual([
      { field: 'completionDate', message: M.completionDateFuture },
    ]);
    expect(await created(p, { ...VALID, completionDate: '2025-01-10' }, at)).toMatchObject({ completionDate: '2025-01-10' });
  });

  it('the future-date check runs only when completion_date has no other error, after base', async () => {
    const p = await participant();
    expect(violations(await create(p, { courseIdentifier: 'npq-senco', state: 'x', completionDate: '2999-01-01' }))).toEqual([
      { field: 'state', message: M.stateInvalid },
      { field: 'base', message: M.noCompletedDeclaration },
      { field: 'completionDate', message: M.completionDateFuture },
    ]);
  });

  it('no completed declaration for exactly this course: the completed-declaration error', async () => {
    const p = await participant('npq-headship');
    expect(violations(await create(p, { ...VALID, courseIdentifier: 'npq-senior-leadership' }))).toEqual([
      { field: 'base', message: M.noCompletedDeclaration },
    ]);
    // A pending application for the course does not count either.
    await createApplication(app, { person: p, course: 'npq-leading-literacy', cohort: '2024a' });
    expect(violations(await create(p, { ...VALID, courseIdentifier: 'npq-leading-literacy' }))).toEqual([{ field: 'base', message: M.noCompletedDeclaration }]);
  });

  it('reports every failure together, by attribute in order, and writes nothing', async () => {
    const p = await participant();
    expect(violations(await create(p, {}))).toEqual([
      { field: 'courseIdentifier', message: M.courseIdentifierMissing },
      { field: 'state', message: M.stateMissing },
      { field: 'completionDate', message: M.completionDateMissing },
      { field: 'base', message: M.noCompletedDeclaration },
    ]);
    expect(await sql(app, 'select id from npq_outcomes where participant_id = ?', [p])).toEqual([]);
  });
});

describe('create: the latest outcome decides whether a new one is written', () => {
  it('passed then passed (another date): the existing outcome, unchanged', async () => {
    const p = await participant();
    const first = await created(p, VALID);
    expect(await created(p, { ...VALID, completionDate: '2024-12-01' })).toEqual(first);
  });

  it('the same state and date again: the existing outcome', async () => {
    const p = await participant();
    const first = await created(p, { ...VALID, state: 'failed' });
    expect(await created(p, { ...VALID, state: 'failed' })).toEqual(first);
  });

  it('failed then failed on another date, and failed then passed: new outcomes', async () => {
    const p = await participant();
    const a = await created(p, { ...VALID, state: 'failed', completionDate: '2024-11-01' });
    const b = await created(p, { ...VALID, state: 'failed', completionDate: '2024-12-01' });
    const c = await created(p, { ...VALID, state: 'passed' });
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    // passed after passed is now the no-op again
    expect(await created(p, { ...VALID, completionDate: '2020-01-01' })).toEqual(c);
  });

  it('commit-ordered created_at: a later outcome never has an earlier one', async () => {
    const p = await participant();
    const a = await created(p, { ...VALID, state: 'failed', completionDate: '2024-11-01' });
    const b = await created(p, { ...VALID, state: 'passed' });
    expect(b.createdAt >= a.createdAt).toBe(true);
    const [row] = await sql(app, 'select created_at = updated_at as same from npq_outcomes where id = ?', [b.id]);
    expect(row.same).toBe(true);
  });
});

describe('isolation', () => {
  it("another provider's participant, a person who only applied, an unknown id or a non-UUID: NOT_FOUND, nothing written", async () => {
    const theirs = await participant('npq-headship', { provider: 'Teach First' });
    const pending = (await createApplication(app, { cohort: '2023a' })).person;
    for (const p of [theirs, pending, '00000000-0000-4000-8000-000000000000', 'nope']) {
      const res = await create(p, VALID);
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const list = await gql(app, ambition, PARTICIPANT_LIST, { p });
      expect(list.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(await sql(app, 'select id from npq_outcomes where participant_id = ?', [theirs])).toEqual([]);
  });

  it('an ECF token is FORBIDDEN on every operation', async () => {
    const ecf = app.token('Ambition Institute', 'ecf');
    const p = await participant();
    for (const res of [await create(p, VALID, ecf), await gql(app, ecf, LIST), await gql(app, ecf, PARTICIPANT_LIST, { p })]) {
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });

  it('lists only the outcomes the caller submitted', async () => {
    const teachFirst = app.token('Teach First', 'npq');
    // The same person is a participant of both providers (different courses).
    const p = await participant('npq-headship');
    await participant('npq-senco', { person: p, provider: 'Teach First' });
    const mine = await created(p, VALID);
    const theirs = (await gql(app, teachFirst, CREATE, { p, input: { ...VALID, courseIdentifier: 'npq-senco' } })).data.createNpqOutcome;
    const listed = (await gql(app, ambition, PARTICIPANT_LIST, { p })).data.npqParticipantOutcomes.items.map((o: any) => o.id);
    expect(listed).toEqual([mine.id]);
    const all = (await gql(app, ambition, LIST, { page: { perPage: 3000 } })).data.npqOutcomes.items.map((o: any) => o.id);
    expect(all).toContain(mine.id);
    expect(all).not.toContain(theirs.id);
    const tf = (await gql(app, teachFirst, LIST, { page: { perPage: 3000 } })).data.npqOutcomes.items.map((o: any) => o.id);
    expect(tf).toContain(theirs.id);
    expect(tf).not.toContain(mine.id);
  });
});

describe('lists', () => {
  it('orders by createdAt then id, filters createdSince (inclusive), pages without repeats', async () => {
    const all = (await gql(app, ambition, LIST, { page: { perPage: 3000 } })).data.npqOutcomes.items as any[];
    expect(all.length).toBeGreaterThan(3);
    const stamps = all.map((o) => o.createdAt);
    expect(stamps).toEqual([...stamps].sort());
    const since = all[Math.floor(all.length / 2)].createdAt;
    const recent = (await gql(app, ambition, LIST, { filter: { createdSince: since }, page: { perPage: 3000 } })).data.npqOutcomes.items as any[];
    expect(recent.map((o) => o.id)).toEqual(all.filter((o) => o.createdAt >= since).map((o) => o.id));
    const p1 = (await gql(app, ambition, LIST, { page: { page: 1, perPage: 2 } })).data.npqOutcomes;
    const p2 = (await gql(app, ambition, LIST, { page: { page: 2, perPage: 2 } })).data.npqOutcomes;
    expect(p1.hasNextPage).toBe(true);
    expect([...p1.items, ...p2.items].map((o: any) => o.id)).toEqual(all.slice(0, 4).map((o) => o.id));
  });
});

describe('polling created_since', () => {
  it('a zero-overlap poller sees every outcome recorded concurrently (created_at is the commit-ordered stamp)', async () => {
    const people = await Promise.all(Array.from({ length: 16 }, () => participant()));
    const seen = new Set<string>();
    let since: string | null = null;
    const poll = async () => {
      const res = await gql(app, ambition, LIST, { filter: { createdSince: since }, page: { perPage: 3000 } });
      expect(res.errors).toBeUndefined();
      for (const o of res.data.npqOutcomes.items as { id: string; createdAt: string }[]) {
        seen.add(o.id);
        if (since === null || o.createdAt > since) since = o.createdAt;
      }
    };
    await poll();
    let writing = true;
    const polling = (async () => {
      while (writing) await poll();
    })();
    const ids = await Promise.all(people.map(async (p) => (await created(p, VALID)).id as string));
    writing = false;
    await polling;
    await poll();
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
  });
});
