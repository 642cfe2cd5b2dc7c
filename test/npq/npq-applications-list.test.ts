import { startTestApp, type TestApp } from '../support/test-app.js';
import { NPQ_APPLICATION_MESSAGES as M } from '../../src/domain/npq/npq-application.messages.js';
import { ACCEPT, createApplication, createPerson, gql, REJECT, SHOW, sql, violations } from './npq-fixtures.js';

// npq.md §3.1 (visibility and listing), §3.4 (reject), §9.6 (updated_at), ARCHITECTURE.md §2.2 (programme tokens)
// and §3 (a fixed number of SQL statements per list page).

const LIST = `query($filter: NpqApplicationFilterInput, $page: PageInput, $sort: [NpqApplicationSortInput!]) {
  npqApplications(filter: $filter, page: $page, sort: $sort) { hasNextPage page perPage items { id cohort cohortSuffix participantId status createdAt updatedAt } } }`;

let app: TestApp;
let counting = false;
let statements: string[] = [];
let llse: string;
beforeAll(async () => {
  app = await startTestApp({
    onQuery: (text) => {
      if (counting && !/api_tokens/.test(text)) statements.push(text);
    },
  });
  llse = app.token('LLSE', 'npq');
});
afterAll(async () => app.close());

const list = async (variables: Record<string, unknown>, token = llse) => {
  const res = await gql(app, token, LIST, variables);
  expect(res.errors).toBeUndefined();
  return res.data.npqApplications;
};

describe('isolation', () => {
  it("another provider's application is not found on show, accept and reject", async () => {
    const { id } = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    expect((await gql(app, llse, SHOW, { id })).data.npqApplication).toBeNull();
    expect((await gql(app, llse, ACCEPT, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(app, llse, REJECT, { id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await sql(app, 'select status from npq_applications where id = ?', [id]))[0]).toEqual({ status: 'pending' });
  });

  it('an unknown or malformed id is not found', async () => {
    expect((await gql(app, llse, ACCEPT, { id: 'not-a-uuid' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await gql(app, llse, SHOW, { id: '00000000-0000-4000-8000-000000000000' })).data.npqApplication).toBeNull();
  });

  it('an ECF token is forbidden on every NPQ application operation', async () => {
    const ecf = app.token('Teach First', 'ecf');
    const { id } = await createApplication(app, { provider: 'Teach First' });
    for (const [query, variables] of [
      [LIST, {}],
      [SHOW, { id }],
      [ACCEPT, { id }],
      [REJECT, { id }],
    ] as const) {
      expect((await gql(app, ecf, query, variables)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('reject', () => {
  it('rejects a pending application with the reason rejected_by_provider', async () => {
    const { id } = await createApplication(app, { provider: 'LLSE' });
    expect((await gql(app, llse, REJECT, { id })).data.rejectNpqApplication).toMatchObject({ status: 'rejected', reasonForRejection: 'rejected_by_provider' });
  });

  it('rejects an accepted application, keeping its training status and schedule, and the person leaves the participants list', async () => {
    const { id, person } = await createApplication(app, { provider: 'LLSE', cohort: '2023a', status: 'accepted' });
    expect(await sql(app, 'select visible from npq_participant_listings where participant_id = ?', [person])).toEqual([{ visible: true }]);
    const res = (await gql(app, llse, REJECT, { id })).data.rejectNpqApplication;
    expect(res).toMatchObject({
      status: 'rejected',
      reasonForRejection: 'rejected_by_provider',
      trainingStatus: 'active',
      scheduleIdentifier: 'npq-leadership-autumn',
    });
    expect(await sql(app, 'select visible from npq_participant_listings where participant_id = ?', [person])).toEqual([{ visible: false }]);
  });

  it('an application cannot be rejected twice', async () => {
    const { id } = await createApplication(app, { provider: 'LLSE' });
    await gql(app, llse, REJECT, { id });
    expect(violations(await gql(app, llse, REJECT, { id }))).toEqual([{ field: 'application', message: M.alreadyRejected }]);
  });

  it("moves the person's applications with other providers", async () => {
    const { id, person } = await createApplication(app, { provider: 'LLSE' });
    const other = await createApplication(app, { provider: 'Church of England', person, course: 'npq-senco' });
    const coe = app.token('Church of England', 'npq');
    const before = (await gql(app, coe, SHOW, { id: other.id })).data.npqApplication.updatedAt;
    const rejected = (await gql(app, llse, REJECT, { id })).data.rejectNpqApplication;
    const after = (await gql(app, coe, SHOW, { id: other.id })).data.npqApplication.updatedAt;
    expect(after).not.toBe(before);
    expect(after).toBe(rejected.updatedAt);
  });
});

describe('list', () => {
  let person: string;
  beforeAll(async () => {
    person = await createPerson(app);
    await createApplication(app, { provider: 'School-Led Network', person, cohort: '2026a' });
    await createApplication(app, { provider: 'School-Led Network', person, cohort: '2026b', course: 'npq-senco' });
    await createApplication(app, { provider: 'School-Led Network', cohort: '2025a' });
    await createApplication(app, { provider: 'School-Led Network', cohort: null });
  });
  const sln = () => app.token('School-Led Network', 'npq');

  it('shows every status and cohort of the caller, oldest first, and only the caller', async () => {
    const page = await list({ page: { perPage: 3000 } }, sln());
    const [{ n }] = await sql<{ n: number }>(app, 'select count(*)::int n from npq_applications where lead_provider_id = ?', [
      app.leadProviderId('School-Led Network'),
    ]);
    expect(page.items).toHaveLength(n);
    expect(new Set(page.items.map((a: { status: string }) => a.status))).toEqual(new Set(['pending', 'accepted', 'rejected']));
    const created = page.items.map((a: { createdAt: string }) => a.createdAt);
    expect(created).toEqual([...created].sort());
    expect(page.items.some((a: { cohort: number | null }) => a.cohort === null)).toBe(true);
  });

  it('filters by cohort start year: every suffix of the year matches', async () => {
    const page = await list({ filter: { cohorts: [2026] }, page: { perPage: 3000 } }, sln());
    expect(new Set(page.items.map((a: { cohortSuffix: string }) => a.cohortSuffix))).toEqual(new Set(['a', 'b']));
    expect(page.items.every((a: { cohort: number }) => a.cohort === 2026)).toBe(true);
    expect((await list({ filter: { cohorts: [] } }, sln())).items).toEqual([]);
  });

  it('filters by participant id', async () => {
    const page = await list({ filter: { participantIds: [person, 'not-a-uuid'] } }, sln());
    expect(page.items.map((a: { participantId: string }) => a.participantId)).toEqual([person, person]);
  });

  it('filters by updatedSince (inclusive)', async () => {
    const all = (await list({ page: { perPage: 3000 } }, sln())).items as { updatedAt: string }[];
    const since = [...all.map((a) => a.updatedAt)].sort()[Math.floor(all.length / 2)];
    const page = await list({ filter: { updatedSince: since }, page: { perPage: 3000 } }, sln());
    expect(page.items.length).toBe(all.filter((a) => a.updatedAt >= since).length);
  });

  it('sorts by updatedAt descending, with the id breaking ties', async () => {
    const page = await list({ sort: [{ field: 'updatedAt', direction: 'desc' }], page: { perPage: 3000 } }, sln());
    const keys = page.items.map((a: { updatedAt: string }) => a.updatedAt);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('pages without repeating a row and says whether another page follows', async () => {
    const all = (await list({ page: { perPage: 3000 } }, sln())).items.map((a: { id: string }) => a.id);
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const p = await list({ page: { page, perPage: 4 } }, sln());
      seen.push(...p.items.map((a: { id: string }) => a.id));
      if (!p.hasNextPage) break;
    }
    expect(seen).toEqual(all);
  });

  it('runs the same number of SQL statements for 1 row and for 50 rows', async () => {
    const count = async (perPage: number) => {
      statements = [];
      counting = true;
      const page = await list({ page: { perPage } }, app.token('Ambition Institute', 'npq'));
      counting = false;
      return { rows: page.items.length, statements: statements.length };
    };
    for (let i = 0; i < 50; i++) await createApplication(app, { provider: 'Ambition Institute' });
    await count(1);
    const one = await count(1);
    const fifty = await count(50);
    expect(one.rows).toBe(1);
    expect(fifty.rows).toBe(50);
    expect(fifty.statements).toBe(one.statements);
    expect(one.statements).toBeLessThanOrEqual(1);
  });
});
