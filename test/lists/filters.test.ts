import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  challenge,
  createDeliveryPartner,
  createProvider,
  createRelationship,
  createSchool,
  createStatement,
  insertPartnership,
  sql,
  unique,
} from '../partnerships/fixtures.js';
import { badParameter, badRequest, get, ids, NOT_FOUND, pin } from './list-fixtures.js';

// ecf.md §2.4, §5, §6.1, §7, §8.1; rect.md §2.6; npq.md §2.1, §8.

let app: TestApp;
/** A fresh ECF provider, so every row it can see is made here. */
let P: { id: string; token: string };
let npq: { id: string; token: string };
const dp: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
/** Partnerships by cohort, created in this order (created_at ascending). */
const pt: Record<number, string> = {};
let challenged: string;
let schoolIds: string[] = [];
const st: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  P = await createProvider(app, 'ecf');
  npq = await createProvider(app, 'npq');
  dp.a = await createDeliveryPartner(app, unique('Alpha'));
  dp.b = await createDeliveryPartner(app, unique('Bravo'));
  dp.c = await createDeliveryPartner(app, unique('Charlie'));
  dp.d = await createDeliveryPartner(app, unique('Delta'));
  for (const [i, key] of (['a', 'b', 'c', 'd'] as const).entries()) await pin(app, 'delivery_partners', dp[key], `2025-01-0${i + 1}T00:00:00Z`);
  await createRelationship(app, P.id, dp.a, 2022);
  await createRelationship(app, P.id, dp.a, 2023);
  await createRelationship(app, P.id, dp.b, 2024);
  await createRelationship(app, P.id, dp.c, 2020); // before the default cohort set
  await createRelationship(app, P.id, dp.d, 2025);
  await sql(app, 'update provider_relationships set discarded_at = now() where delivery_partner_id = ?', [dp.d]);
  await createRelationship(app, npq.id, dp.a, 2023, 'npq');
  await createRelationship(app, npq.id, dp.b, 2024, 'npq');

  const schools = await Promise.all([0, 1, 2, 3, 4, 5, 6].map(() => createSchool(app)));
  schoolIds = schools.map((s) => s.id);
  const plan: [number, string][] = [
    [2020, dp.c],
    [2021, dp.a],
    [2022, dp.a],
    [2023, dp.a],
    [2024, dp.b],
    [2025, dp.b],
  ];
  for (const [i, [cohort, d]] of plan.entries()) {
    pt[cohort] = await insertPartnership(app, {
      schoolId: schoolIds[i],
      leadProviderId: P.id,
      deliveryPartnerId: d,
      cohort,
      at: `2025-01-0${i + 1}T00:00:00Z`,
    });
  }
  challenged = await insertPartnership(app, {
    schoolId: schoolIds[6],
    leadProviderId: P.id,
    deliveryPartnerId: dp.b,
    cohort: 2024,
    at: '2025-01-09T00:00:00Z',
  });
  await challenge(app, challenged, 'no_ects');
  // A hidden relationship row is never listed.
  await insertPartnership(app, { schoolId: schoolIds[0], leadProviderId: P.id, deliveryPartnerId: dp.a, cohort: 2022, relationship: true });

  for (const [key, cohort, month, outputFee] of [
    ['2021-11', 2021, 11, true],
    ['2022-11', 2022, 11, true],
    ['2023-11', 2023, 11, true],
    ['2023-12', 2023, 12, false],
    ['2020-11', 2020, 11, true],
  ] as const) {
    st[key] = await createStatement(app, {
      leadProviderId: P.id,
      cohort,
      month,
      year: cohort,
      deadlineDate: `${cohort}-${month}-30`,
      paymentDate: `${cohort + 1}-01-25`,
      outputFee,
    });
  }
});
afterAll(async () => app.close());

const PARTNERSHIPS = [
  ['ECF', '/api/v3/partnerships/ecf'],
  ['RECT', '/api/v3/partnerships'],
] as const;

describe('filter must be a hash', () => {
  const ecfLists = ['/api/v3/partnerships/ecf', '/api/v3/partnerships', '/api/v3/delivery-partners', '/api/v3/statements'];
  it.each(ecfLists)('%s?filter=abc is a 400 "Filter must be a hash" (ECF token)', async (path) => {
    const res = await get(app, path, P.token, 'filter=abc');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(badParameter('Filter must be a hash'));
  });

  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])('%s?filter=2024 is a 400 "Filter must be a hash"', async (path) => {
    const res = await get(app, path, P.token, 'filter=2024');
    expect(res.status).toBe(400);
    expect(res.body).toEqual(badParameter('Filter must be a hash'));
  });

  it.each(['/api/v3/delivery-partners', '/api/v3/statements'])(
    '%s with an NPQ token: filter=abc and filter= are a 400 "\'#/filter\' is not a valid field"',
    async (path) => {
      for (const query of ['filter=abc', 'filter=']) {
        const res = await get(app, path, npq.token, query);
        expect({ query, status: res.status, body: res.body }).toEqual({ query, status: 400, body: badRequest("'#/filter' is not a valid field") });
      }
    },
  );

  it('unknown filter keys are ignored', async () => {
    for (const [, path] of PARTNERSHIPS) {
      expect(ids(await get(app, path, P.token, 'filter[bogus]=1'))).toEqual(ids(await get(app, path, P.token)));
    }
  });
});

describe('schools require filter[cohort]', () => {
  const REQUIRED = badParameter("The filter '#/cohort' must be included in your request");
  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])('%s without filter[cohort] is a 400, list and show', async (path) => {
    for (const [target, query] of [
      [path, ''],
      [path, 'filter[urn]=100000'],
      [`${path}/${schoolIds[0]}`, ''],
    ]) {
      const res = await get(app, target, P.token, query);
      expect({ target, query, status: res.status, body: res.body }).toEqual({ target, query, status: 400, body: REQUIRED });
    }
  });

  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])(
    '%s: a cohort that is blank, not a number or unknown matches nothing (list) and 404 (show)',
    async (path) => {
      for (const cohort of ['', 'abc', '2019', '2099']) {
        const list = await get(app, path, P.token, `filter[cohort]=${cohort}`);
        const show = await get(app, `${path}/${schoolIds[1]}`, P.token, `filter[cohort]=${cohort}`);
        expect({ cohort, list: list.text, show: [show.status, show.body] }).toEqual({ cohort, list: '{"data":[]}', show: [404, NOT_FOUND] });
      }
    },
  );

  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])('%s: the cohort is a single year ("2024,2025" reads as 2024)', async (path) => {
    const res = await get(app, path, P.token, 'filter[cohort]=2024,2025&page[per_page]=3000');
    expect(ids(res)).toEqual(ids(await get(app, path, P.token, 'filter[cohort]=2024&page[per_page]=3000')));
    expect(new Set(res.body.data.map((d: any) => d.attributes.cohort))).toEqual(new Set(['2024']));
  });
});

describe('partnerships: filter[cohort]', () => {
  it.each(PARTNERSHIPS)('%s: absent or blank means every cohort after 2020, challenged ones included, relationship rows never', async (_f, path) => {
    const expected = [pt[2021], pt[2022], pt[2023], pt[2024], pt[2025], challenged];
    expect(ids(await get(app, path, P.token))).toEqual(expected);
    expect(ids(await get(app, path, P.token, 'filter[cohort]='))).toEqual(expected);
  });

  it.each(PARTNERSHIPS)('%s: a comma list selects those cohorts', async (_f, path) => {
    expect(ids(await get(app, path, P.token, 'filter[cohort]=2022,2023'))).toEqual([pt[2022], pt[2023]]);
    expect(ids(await get(app, path, P.token, 'filter[cohort]=2020'))).toEqual([pt[2020]]);
  });

  it.each(PARTNERSHIPS)('%s: values that are not whole numbers are dropped; none left matches nothing', async (_f, path) => {
    expect(ids(await get(app, path, P.token, 'filter[cohort]=2022,abc'))).toEqual([pt[2022]]);
    expect((await get(app, path, P.token, 'filter[cohort]=abc')).text).toBe('{"data":[]}');
  });

  it.each(PARTNERSHIPS)('%s: an unknown year matches nothing', async (_f, path) => {
    expect((await get(app, path, P.token, 'filter[cohort]=2019')).text).toBe('{"data":[]}');
    expect((await get(app, path, P.token, 'filter[cohort]=2099')).text).toBe('{"data":[]}');
  });
});

describe('partnerships: filter[delivery_partner_id]', () => {
  it.each(PARTNERSHIPS)("%s: one id selects that partner's partnerships", async (_f, path) => {
    expect(ids(await get(app, path, P.token, `filter[delivery_partner_id]=${dp.a}`))).toEqual([pt[2021], pt[2022], pt[2023]]);
  });

  it.each(PARTNERSHIPS)('%s: a comma list selects several partners, combined with the cohort filter', async (_f, path) => {
    expect(ids(await get(app, path, P.token, `filter[delivery_partner_id]=${dp.a},${dp.b}&filter[cohort]=2023,2024`))).toEqual([
      pt[2023],
      pt[2024],
      challenged,
    ]);
  });

  it.each(PARTNERSHIPS)('%s: an unknown or malformed id matches nothing; blank is no filter', async (_f, path) => {
    expect((await get(app, path, P.token, 'filter[delivery_partner_id]=7f1c2b9e-3d4a-4e5f-8a6b-9c0d1e2f3a4b')).text).toBe('{"data":[]}');
    expect((await get(app, path, P.token, 'filter[delivery_partner_id]=nope')).text).toBe('{"data":[]}');
    expect(ids(await get(app, path, P.token, 'filter[delivery_partner_id]='))).toEqual(ids(await get(app, path, P.token)));
  });
});

describe('schools: scope and filter[urn]', () => {
  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])('%s: filter[urn] selects exactly that school; an unknown urn matches nothing', async (path) => {
    const [{ urn }] = await sql<{ urn: string }>(app, 'select urn from schools where id = ?', [schoolIds[2]]);
    expect(ids(await get(app, path, P.token, `filter[cohort]=2024&filter[urn]=${urn}`))).toEqual([schoolIds[2]]);
    expect((await get(app, path, P.token, 'filter[cohort]=2024&filter[urn]=999999')).text).toBe('{"data":[]}');
  });

  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])('%s: ineligible schools are listed only while in partnership in that cohort', async (path) => {
    const closed = await createSchool(app, { schoolStatusCode: 2 });
    const cipOnly = await createSchool(app, { schoolTypeCode: 11 });
    await insertPartnership(app, { schoolId: closed.id, leadProviderId: P.id, deliveryPartnerId: dp.b, cohort: 2024 });
    const listed = (cohort: number, urn: string) => get(app, path, P.token, `filter[cohort]=${cohort}&filter[urn]=${urn}`).then(ids);
    expect(await listed(2024, closed.urn)).toEqual([closed.id]);
    expect(await listed(2023, closed.urn)).toEqual([]);
    expect(await listed(2024, cipOnly.urn)).toEqual([]);
  });

  it('every provider sees the same schools', async () => {
    const mine = await get(app, '/api/v3/schools/ecf', P.token, 'filter[cohort]=2024&page[per_page]=3000');
    const theirs = await get(app, '/api/v3/schools/ecf', app.token('Capita', 'ecf'), 'filter[cohort]=2024&page[per_page]=3000');
    expect(ids(mine)).toEqual(ids(theirs));
  });
});

describe('delivery partners: filter[cohort]', () => {
  const list = (query = '', token = P.token) => get(app, '/api/v3/delivery-partners', token, query).then(ids);

  it('absent or blank: partners the caller works with in any cohort after 2020 (discarded relationships and 2020-only partners excluded)', async () => {
    expect(await list()).toEqual([dp.a, dp.b]);
    expect(await list('filter[cohort]=')).toEqual([dp.a, dp.b]);
  });

  it('a comma list selects partners with a relationship in one of those cohorts', async () => {
    expect(await list('filter[cohort]=2022')).toEqual([dp.a]);
    expect(await list('filter[cohort]=2023,2024')).toEqual([dp.a, dp.b]);
    expect(await list('filter[cohort]=2020')).toEqual([dp.c]);
  });

  it('a non-numeric or unknown cohort matches nothing', async () => {
    expect(await list('filter[cohort]=abc')).toEqual([]);
    expect(await list('filter[cohort]=2099')).toEqual([]);
  });

  it('the cohort attribute lists every year the partner works with the caller, whatever the filter', async () => {
    const res = await get(app, '/api/v3/delivery-partners', P.token, 'filter[cohort]=2023');
    expect(res.body.data.map((d: any) => [d.id, d.attributes.cohort])).toEqual([[dp.a, ['2022', '2023']]]);
  });

  it('NPQ token: NPQ relationships only, and the cohort filter takes one year', async () => {
    expect(await list('', npq.token)).toEqual([dp.a, dp.b]);
    expect(await list('filter[cohort]=2023', npq.token)).toEqual([dp.a]);
    expect(await list('filter[cohort]=2023,2024', npq.token)).toEqual([dp.a]);
  });

  it('filter[updated_since] is not a delivery-partner filter: it is ignored, even when invalid', async () => {
    expect(await list('filter[updated_since]=abc')).toEqual([dp.a, dp.b]);
  });

  it('a partner the caller has never worked with is a 404 on show; one from any cohort is shown', async () => {
    const other = await createDeliveryPartner(app);
    expect((await get(app, `/api/v3/delivery-partners/${other}`, P.token)).body).toEqual(NOT_FOUND);
    expect((await get(app, `/api/v3/delivery-partners/${dp.c}`, P.token)).status).toBe(200);
  });
});

describe('statements: filters', () => {
  const list = (query = '', token = P.token) => get(app, '/api/v3/statements', token, query).then(ids);

  it('absent or blank cohort: output-fee statements of every cohort after 2020', async () => {
    expect(await list()).toEqual([st['2021-11'], st['2022-11'], st['2023-11']]);
    expect(await list('filter[cohort]=')).toEqual([st['2021-11'], st['2022-11'], st['2023-11']]);
  });

  it('a comma list of cohorts; non-numeric or unknown years match nothing', async () => {
    expect(await list('filter[cohort]=2022,2023')).toEqual([st['2022-11'], st['2023-11']]);
    expect(await list('filter[cohort]=abc')).toEqual([]);
    expect(await list('filter[cohort]=2099')).toEqual([]);
  });

  it('filter[type] blank or "ecf" lists the ECF statements; any other value lists nothing', async () => {
    const all = await list();
    expect(await list('filter[type]=')).toEqual(all);
    expect(await list('filter[type]=ecf')).toEqual(all);
    expect(await list('filter[type]=npq')).toEqual([]);
    expect(await list('filter[type]=other')).toEqual([]);
  });

  it("another provider's statements are never listed", async () => {
    const capita = await list('page[per_page]=3000', app.token('Capita', 'ecf'));
    expect(capita.filter((id) => Object.values(st).includes(id))).toEqual([]);
  });
});

describe('partnerships: what is listed and shown', () => {
  it('a challenged partnership is listed with its status, reason and time (ECF shape)', async () => {
    const res = await get(app, `/api/v3/partnerships/ecf/${challenged}`, P.token);
    expect(res.body.data.attributes).toMatchObject({ status: 'challenged', challenged_reason: 'no_ects' });
    expect(res.body.data.attributes.challenged_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it.each(PARTNERSHIPS)("%s: a hidden relationship row and another provider's partnership are a 404 on show", async (_f, path) => {
    const [{ id: hidden }] = await sql<{ id: string }>(app, 'select id from partnerships where lead_provider_id = ? and relationship', [P.id]);
    expect((await get(app, `${path}/${hidden}`, P.token)).body).toEqual(NOT_FOUND);
    expect((await get(app, `${path}/${pt[2022]}`, app.token('Capita', 'ecf'))).body).toEqual(NOT_FOUND);
  });
});

describe('filters on show endpoints are ignored', () => {
  it('a partnership is shown whatever filter[cohort] says', async () => {
    const res = await get(app, `/api/v3/partnerships/ecf/${pt[2021]}`, P.token, 'filter[cohort]=2099');
    expect(res.status).toBe(200);
  });

  it('a partnership of cohort 2020 is still shown by id', async () => {
    expect((await get(app, `/api/v3/partnerships/ecf/${pt[2020]}`, P.token)).status).toBe(200);
  });
});
