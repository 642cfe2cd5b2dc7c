import { startTestApp, type TestApp } from '../support/test-app.js';
import { createDeliveryPartner, createProvider, createRelationship, createSchool, createStatement, insertPartnership, sql } from '../partnerships/fixtures.js';
import { badRequest, get, ids, pin, pinSchoolInCohort, UPDATED_SINCE_DETAIL } from './list-fixtures.js';

// ecf.md §2.4 (RCF3339 sic, decode retry), rect.md §2.6 and npq.md §2.1 (ISO 8601): updated_since is inclusive (>=).
//
// Every route below has exactly three rows with updated_at in 2031, which nothing else in the database reaches:
//   A 2031-03-01T10:00:00Z, B 2031-03-01T12:00:00Z, C 2031-03-02T00:00:00Z.
const A = '2031-03-01T10:00:00Z';
const B = '2031-03-01T12:00:00Z';
const C = '2031-03-02T00:00:00Z';

type Family = 'ecf' | 'rect' | 'npq';
interface Route {
  name: string;
  path: string;
  query: string;
  family: Family;
  token: () => string;
  rows: () => Record<'A' | 'B' | 'C', string>;
}

let app: TestApp;
let P: { id: string; token: string };
let N: { id: string; token: string };
const partnerships = { A: '', B: '', C: '' };
const schools = { A: '', B: '', C: '' };
const ecfStatements = { A: '', B: '', C: '' };
const npqStatements = { A: '', B: '', C: '' };

beforeAll(async () => {
  app = await startTestApp();
  P = await createProvider(app, 'ecf');
  N = await createProvider(app, 'npq');
  const dp = await createDeliveryPartner(app);
  await createRelationship(app, P.id, dp, 2024);
  for (const [i, [key, at]] of (
    [
      ['A', A],
      ['B', B],
      ['C', C],
    ] as const
  ).entries()) {
    const school = await createSchool(app);
    schools[key] = school.id;
    await pinSchoolInCohort(app, school.id, 2024, at);
    partnerships[key] = await insertPartnership(app, { schoolId: school.id, leadProviderId: P.id, deliveryPartnerId: dp, cohort: 2024 });
    await pin(app, 'partnerships', partnerships[key], `2025-01-0${i + 1}T00:00:00Z`, at);
    for (const [provider, programme, store] of [
      [P, 'ecf', ecfStatements],
      [N, 'npq', npqStatements],
    ] as const) {
      store[key] = await createStatement(app, {
        leadProviderId: provider.id,
        programme,
        cohort: 2024,
        month: i + 1,
        year: 2025,
        deadlineDate: `2025-0${i + 1}-20`,
        paymentDate: `2025-0${i + 2}-25`,
      });
      await pin(app, 'statements', store[key], '2024-08-01T00:00:00Z', at);
    }
  }
});
afterAll(async () => app.close());

const ROUTES: Route[] = [
  { name: 'ECF partnerships', path: '/api/v3/partnerships/ecf', query: '', family: 'ecf', token: () => P.token, rows: () => partnerships },
  { name: 'RECT partnerships', path: '/api/v3/partnerships', query: '', family: 'rect', token: () => P.token, rows: () => partnerships },
  { name: 'ECF schools', path: '/api/v3/schools/ecf', query: 'filter[cohort]=2024', family: 'ecf', token: () => P.token, rows: () => schools },
  { name: 'RECT schools', path: '/api/v3/schools', query: 'filter[cohort]=2024', family: 'rect', token: () => P.token, rows: () => schools },
  { name: 'statements, ECF token', path: '/api/v3/statements', query: '', family: 'ecf', token: () => P.token, rows: () => ecfStatements },
  { name: 'statements, NPQ token', path: '/api/v3/statements', query: '', family: 'npq', token: () => N.token, rows: () => npqStatements },
];

/** The rows a poll returns, by letter; the raw value is put on the wire as given (brackets encoded). */
async function poll(r: Route, value: string): Promise<{ status: number; rows: string[]; body: unknown }> {
  const query = [r.query, `filter[updated_since]=${value}`, 'page[per_page]=3000'].filter(Boolean).join('&');
  const res = await get(app, r.path, r.token(), query);
  const byId = Object.fromEntries(Object.entries(r.rows()).map(([k, v]) => [v, k]));
  return {
    status: res.status,
    rows: ids(res)
      .map((id) => byId[id] ?? `other:${id}`)
      .sort(),
    body: res.status === 200 ? undefined : res.body,
  };
}

describe.each(ROUTES)('$name', (r) => {
  it('is inclusive: a row updated exactly at the given time is returned (>=)', async () => {
    expect(await poll(r, B)).toEqual({ status: 200, rows: ['B', 'C'], body: undefined });
    expect(await poll(r, '2031-03-01T12:00:01Z')).toEqual({ status: 200, rows: ['C'], body: undefined });
  });

  it('accepts a date without a time (midnight UTC)', async () => {
    expect(await poll(r, '2031-03-02')).toEqual({ status: 200, rows: ['C'], body: undefined });
    expect(await poll(r, '2031-03-01')).toEqual({ status: 200, rows: ['A', 'B', 'C'], body: undefined });
  });

  it('accepts fractional seconds and a time without an offset (UTC)', async () => {
    expect(await poll(r, '2031-03-01T11:59:59.500Z')).toEqual({ status: 200, rows: ['B', 'C'], body: undefined });
    expect(await poll(r, '2031-03-01T12:00:00')).toEqual({ status: 200, rows: ['B', 'C'], body: undefined });
  });

  it('accepts a negative offset (07:00-05:00 is 12:00Z)', async () => {
    expect(await poll(r, '2031-03-01T07:00:00-05:00')).toEqual({ status: 200, rows: ['B', 'C'], body: undefined });
  });

  it('accepts a double-encoded positive offset (%252B01:00) and double-encoded colons', async () => {
    expect(await poll(r, '2031-03-01T13:00:00%252B01:00')).toEqual({ status: 200, rows: ['B', 'C'], body: undefined });
    expect(await poll(r, '2031-03-01T12%253A00%253A00Z')).toEqual({ status: 200, rows: ['B', 'C'], body: undefined });
  });

  it('a blank value is no filter', async () => {
    const res = await get(app, r.path, r.token(), [r.query, 'filter[updated_since]=', 'page[per_page]=3000'].filter(Boolean).join('&'));
    const all = await get(app, r.path, r.token(), [r.query, 'page[per_page]=3000'].filter(Boolean).join('&'));
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(ids(all));
  });

  it(`an invalid value is a 400 in the ${r.family} wording`, async () => {
    const bad = ['abc', '2031-13-01', '2031-02-30', '01/03/2031', '2031-03-01T13:00:00+01:00' /* raw + arrives as a space */];
    const got = [];
    for (const value of bad) got.push({ value, ...(await poll(r, value)) });
    expect(got).toEqual(bad.map((value) => ({ value, status: 400, rows: [], body: badRequest(UPDATED_SINCE_DETAIL[r.family]) })));
  });
});

describe('ECF paths only (ecf.md §2.4: the value is decoded once more only when it fails)', () => {
  it.each(ROUTES.filter((r) => r.family === 'ecf'))('$name: a single-encoded positive offset (%2B01:00) works', async (r) => {
    expect(await poll(r, '2031-03-01T13:00:00%2B01:00')).toEqual({ status: 200, rows: ['B', 'C'], body: undefined });
  });
});

it('the 400 wins over the rows: an invalid updated_since with a valid cohort is still a 400', async () => {
  const res = await get(app, '/api/v3/partnerships', P.token, 'filter[cohort]=2024&filter[updated_since]=yesterday');
  expect(res.status).toBe(400);
  expect(res.body).toEqual(badRequest(UPDATED_SINCE_DETAIL.rect));
});

it('nothing outside the fixtures is updated in 2031 (guards the exact row sets above)', async () => {
  const [{ n }] = await sql<{ n: number }>(
    app,
    `select ((select count(*) from partnerships where updated_at >= '2031-01-01') + (select count(*) from school_cohorts where updated_at >= '2031-01-01')
           + (select count(*) from statements where updated_at >= '2031-01-01'))::int as n`,
  );
  expect(n).toBe(3 + 3 + 6);
});
