import { startTestApp, type TestApp } from '../support/test-app.js';
import { reproject, sql } from '../partnerships/fixtures.js';
import { badRequest, get, ids, PAGE_DETAIL, readAllPages, unpaged } from './list-fixtures.js';

// ecf.md §2.3, rect.md §2.4, npq.md §2.1: page[page] (default 1), page[per_page] (default 100, clamped to 3000),
// countless paging, overflow = {"data":[]}, values below 1 or not numbers (Ruby to_i) → 400.

type Family = 'ecf' | 'rect' | 'npq';
interface Route {
  name: string;
  path: string;
  query: string;
  programme: 'ecf' | 'npq';
  family: Family;
}

// UCL Institute of Education has the most seeded partnerships (more than 100) and delivers both programmes.
const PROVIDER = 'UCL Institute of Education';
const ROUTES: Route[] = [
  { name: 'ECF partnerships', path: '/api/v3/partnerships/ecf', query: '', programme: 'ecf', family: 'ecf' },
  { name: 'RECT partnerships', path: '/api/v3/partnerships', query: '', programme: 'ecf', family: 'rect' },
  { name: 'ECF schools', path: '/api/v3/schools/ecf', query: 'filter[cohort]=2024', programme: 'ecf', family: 'ecf' },
  { name: 'RECT schools', path: '/api/v3/schools', query: 'filter[cohort]=2024', programme: 'ecf', family: 'rect' },
  { name: 'delivery partners, ECF token', path: '/api/v3/delivery-partners', query: '', programme: 'ecf', family: 'ecf' },
  { name: 'delivery partners, NPQ token', path: '/api/v3/delivery-partners', query: '', programme: 'npq', family: 'npq' },
  { name: 'statements, ECF token', path: '/api/v3/statements', query: '', programme: 'ecf', family: 'ecf' },
  { name: 'statements, NPQ token', path: '/api/v3/statements', query: '', programme: 'npq', family: 'npq' },
  { name: 'ECF participants', path: '/api/v3/participants/ecf', query: '', programme: 'ecf', family: 'ecf' },
  { name: 'RECT participants', path: '/api/v3/participants', query: '', programme: 'ecf', family: 'rect' },
];
const LONG_ROUTES = ROUTES.filter((r) => /partnerships|schools/.test(r.name));

let app: TestApp;
const tokenOf = (r: Route) => app.token(PROVIDER, r.programme);
const withQuery = (r: Route, extra: string) => [r.query, extra].filter(Boolean).join('&');

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

describe('page size', () => {
  it.each(LONG_ROUTES)('$name: without page params a page holds 100 rows, the first 100 of the list', async (r) => {
    const all = await unpaged(app, r.path, tokenOf(r), r.query);
    expect(all.length).toBeGreaterThan(100);
    const res = await get(app, r.path, tokenOf(r), r.query);
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual(all.slice(0, 100));
  });

  it.each(LONG_ROUTES)('$name: page[page]=2 without per_page is rows 101 to 200', async (r) => {
    const all = await unpaged(app, r.path, tokenOf(r), r.query);
    const res = await get(app, r.path, tokenOf(r), withQuery(r, 'page[page]=2'));
    expect(ids(res)).toEqual(all.slice(100, 200));
  });

  it.each(ROUTES)('$name: page[per_page] sets the page size', async (r) => {
    const all = await unpaged(app, r.path, tokenOf(r), r.query);
    const res = await get(app, r.path, tokenOf(r), withQuery(r, 'page[page]=2&page[per_page]=3'));
    expect(ids(res)).toEqual(all.slice(3, 6));
  });

  it.each(ROUTES)('$name: a scalar page=2 (not nested) is ignored', async (r) => {
    const res = await get(app, r.path, tokenOf(r), withQuery(r, 'page=2'));
    expect(res.status).toBe(200);
    expect(ids(res)).toEqual((await unpaged(app, r.path, tokenOf(r), r.query)).slice(0, 100));
  });
});

describe('past the end', () => {
  it.each(ROUTES)('$name: a page past the last is exactly {"data":[]}', async (r) => {
    const res = await get(app, r.path, tokenOf(r), withQuery(r, 'page[page]=999&page[per_page]=100'));
    expect(res.status).toBe(200);
    expect(res.text).toBe('{"data":[]}');
  });
});

describe('invalid values', () => {
  const BAD = ['0', '-1', 'abc', '0.8'];

  it.each(ROUTES)('$name: page[page] of 0, -1, abc or 0.8 is a 400 in the $family wording', async (r) => {
    const got = [];
    for (const v of BAD) {
      const res = await get(app, r.path, tokenOf(r), withQuery(r, `page[page]=${v}`));
      got.push({ v, status: res.status, body: res.body });
    }
    expect(got).toEqual(BAD.map((v) => ({ v, status: 400, body: badRequest(PAGE_DETAIL[r.family]) })));
  });

  it.each(ROUTES)('$name: page[per_page] of 0, -1, abc or 0.8 is a 400 in the $family wording', async (r) => {
    const got = [];
    for (const v of BAD) {
      const res = await get(app, r.path, tokenOf(r), withQuery(r, `page[page]=1&page[per_page]=${v}`));
      got.push({ v, status: res.status, body: res.body });
    }
    expect(got).toEqual(BAD.map((v) => ({ v, status: 400, body: badRequest(PAGE_DETAIL[r.family]) })));
  });

  it.each(ROUTES)('$name: a leading number is read as that number ("2abc" is 2, "3x" per page is 3)', async (r) => {
    const loose = await get(app, r.path, tokenOf(r), withQuery(r, 'page[page]=2abc&page[per_page]=3x'));
    const strict = await get(app, r.path, tokenOf(r), withQuery(r, 'page[page]=2&page[per_page]=3'));
    expect(loose.status).toBe(200);
    expect(loose.body).toEqual(strict.body);
    expect(loose.body.data).toHaveLength(3);
  });
});

describe('a full paged read', () => {
  it.each(ROUTES)('$name: every id once, the same rows in the same order as the unpaged list', async (r) => {
    const all = await unpaged(app, r.path, tokenOf(r), r.query);
    const paged = await readAllPages(app, r.path, tokenOf(r), r.query, 7);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual(all);
  });

  it.each(LONG_ROUTES)('$name: sorted by -updated_at, every id once', async (r) => {
    const all = await unpaged(app, r.path, tokenOf(r), withQuery(r, 'sort=-updated_at'));
    const paged = await readAllPages(app, r.path, tokenOf(r), withQuery(r, 'sort=-updated_at'), 11);
    expect(new Set(paged).size).toBe(paged.length);
    expect(paged).toEqual(all);
  });

  it('the unpaged partnership list is every confirmed partnership of the caller after 2020', async () => {
    const expected = await sql<{ id: string }>(
      app,
      `select p.id from partnerships p join cohorts c on c.id = p.cohort_id
        where p.lead_provider_id = ? and not p.relationship and c.start_year > 2020`,
      [app.leadProviderId(PROVIDER)],
    );
    const all = await unpaged(app, '/api/v3/partnerships/ecf', app.token(PROVIDER, 'ecf'));
    expect([...all].sort()).toEqual(expected.map((e) => e.id).sort());
  });
});

describe('per_page is clamped to 3000', () => {
  let big: TestApp;
  beforeAll(async () => {
    big = await startTestApp();
    // 3,100 more eligible schools in cohort 2025, so the list is longer than the clamp.
    await sql(
      big,
      `with s as (
         insert into schools (id, urn, name, school_type_code, school_status_code, administrative_district_code, created_at, updated_at)
         select gen_random_uuid(), (8000000 + g)::text, 'Bulk school ' || g, 1, 1, 'E09000001', now(), now() from generate_series(1, 3100) g
         returning id)
       insert into school_cohorts (id, school_id, cohort_id, induction_programme_choice, created_at, updated_at)
       select gen_random_uuid(), s.id, c.id, 'not_yet_known', now(), now() from s, cohorts c where c.start_year = 2025`,
    );
    await reproject(big);
  });
  afterAll(async () => big.close());

  it.each([
    ['ECF', '/api/v3/schools/ecf'],
    ['RECT', '/api/v3/schools'],
  ])('%s schools: page[per_page]=5000 returns 3000 rows, and page 2 continues after row 3000', async (_f, path) => {
    const token = big.token(PROVIDER, 'ecf');
    const [{ n }] = await sql<{ n: number }>(
      big,
      `select count(*)::int as n from school_cohorts sc join cohorts c on c.id = sc.cohort_id join schools s on s.id = sc.school_id
      where c.start_year = 2025 and s.school_status_code in (1, 3) and (s.administrative_district_code ilike 'e%' or s.administrative_district_code = '9999')
        and (s.school_type_code not in (10, 11, 24, 25, 26, 27, 29, 30, 37, 49, 56) or s.section_41_approved)`,
    );
    expect(n).toBeGreaterThan(3000);
    const first = await get(big, path, token, 'filter[cohort]=2025&page[per_page]=5000');
    expect(first.status).toBe(200);
    expect(first.body.data).toHaveLength(3000);
    const second = await get(big, path, token, 'filter[cohort]=2025&page[page]=2&page[per_page]=5000');
    const third = await get(big, path, token, 'filter[cohort]=2025&page[page]=2&page[per_page]=3000');
    expect(second.body.data.length).toBeGreaterThan(100);
    expect(ids(second)).toEqual(ids(third));
    expect(new Set([...ids(first), ...ids(second)]).size).toBe(first.body.data.length + second.body.data.length);
  });
});
