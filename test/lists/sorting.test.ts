import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  createDeliveryPartner,
  createProvider,
  createRelationship,
  createSchool,
  createStatement,
  insertPartnership,
  sql,
  unique,
} from '../partnerships/fixtures.js';
import { get, ids, pin, readAllPages } from './list-fixtures.js';

// ecf.md §2.5, §5, §8.1, §13; rect.md §2.5; npq.md §2.1, §7, §8; ARCHITECTURE.md §2.8.

let app: TestApp;
let P: { id: string; token: string };
let npq: { id: string; token: string };
/**
 * p1..p4: created on consecutive days; updated_at p4 < p2 = p3 < p1, so updated_at order differs
 * from created_at order and has one tie.
 */
const p: Record<1 | 2 | 3 | 4, string> = { 1: '', 2: '', 3: '', 4: '' };
const dps: Record<'bravo' | 'alpha' | 'charlie', string> = { bravo: '', alpha: '', charlie: '' };
/** Q: a provider whose partnerships all share the same created_at and updated_at. */
let Q: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp();
  P = await createProvider(app, 'ecf');
  Q = await createProvider(app, 'ecf');
  npq = await createProvider(app, 'npq');
  // Delivery partners created charlie (oldest), alpha, bravo; updated bravo (oldest), charlie, alpha.
  dps.bravo = await createDeliveryPartner(app, unique('Bravo'));
  dps.alpha = await createDeliveryPartner(app, unique('Alpha'));
  dps.charlie = await createDeliveryPartner(app, unique('Charlie'));
  for (const id of Object.values(dps)) {
    await createRelationship(app, P.id, id, 2024);
    await createRelationship(app, npq.id, id, 2024, 'npq');
  }
  await pin(app, 'delivery_partners', dps.charlie, '2025-01-01T00:00:00Z', '2025-02-02T00:00:00Z');
  await pin(app, 'delivery_partners', dps.alpha, '2025-01-02T00:00:00Z', '2025-02-03T00:00:00Z');
  await pin(app, 'delivery_partners', dps.bravo, '2025-01-03T00:00:00Z', '2025-02-01T00:00:00Z');

  const schools = await Promise.all([1, 2, 3, 4].map(() => createSchool(app)));
  const times: [string, string][] = [
    ['2025-01-01T00:00:00Z', '2025-03-01T00:00:00Z'],
    ['2025-01-02T00:00:00Z', '2025-02-01T00:00:00Z'],
    ['2025-01-03T00:00:00Z', '2025-02-01T00:00:00Z'],
    ['2025-01-04T00:00:00Z', '2025-01-15T00:00:00Z'],
  ];
  for (const [i, [created, updated]] of times.entries()) {
    const id = await insertPartnership(app, { schoolId: schools[i].id, leadProviderId: P.id, deliveryPartnerId: dps.alpha, cohort: 2024 });
    await pin(app, 'partnerships', id, created, updated);
    p[(i + 1) as 1 | 2 | 3 | 4] = id;
  }
  const tied = await Promise.all(Array.from({ length: 9 }, () => createSchool(app)));
  for (const s of tied) {
    await insertPartnership(app, { schoolId: s.id, leadProviderId: Q.id, deliveryPartnerId: dps.alpha, cohort: 2024, at: '2025-05-05T05:05:05Z' });
  }
});
afterAll(async () => app.close());

const PARTNERSHIPS = [
  ['ECF', '/api/v3/partnerships/ecf'],
  ['RECT', '/api/v3/partnerships'],
] as const;

describe('partnerships', () => {
  const list = (path: string, sort?: string) => get(app, path, P.token, sort === undefined ? '' : `sort=${sort}`).then(ids);

  it.each(PARTNERSHIPS)('%s: the default order is created_at ascending', async (_f, path) => {
    expect(await list(path)).toEqual([p[1], p[2], p[3], p[4]]);
  });

  it.each(PARTNERSHIPS)('%s: sort=-created_at is created_at descending', async (_f, path) => {
    expect(await list(path, '-created_at')).toEqual([p[4], p[3], p[2], p[1]]);
  });

  it.each(PARTNERSHIPS)('%s: sort=updated_at and %%2Bupdated_at are updated_at ascending', async (_f, path) => {
    for (const sort of ['updated_at', '%2Bupdated_at']) {
      const got = await list(path, sort);
      expect([got[0], new Set(got.slice(1, 3)), got[3]]).toEqual([p[4], new Set([p[2], p[3]]), p[1]]);
    }
  });

  it.each(PARTNERSHIPS)('%s: several keys sort in turn (sort=updated_at,-created_at and -updated_at,created_at)', async (_f, path) => {
    expect(await list(path, 'updated_at,-created_at')).toEqual([p[4], p[3], p[2], p[1]]);
    expect(await list(path, 'updated_at,created_at')).toEqual([p[4], p[2], p[3], p[1]]);
    expect(await list(path, '-updated_at,created_at')).toEqual([p[1], p[2], p[3], p[4]]);
  });

  it.each(PARTNERSHIPS)('%s: unknown fields are dropped; with none left the default order applies', async (_f, path) => {
    expect(await list(path, 'bogus')).toEqual([p[1], p[2], p[3], p[4]]);
    expect(await list(path, 'name')).toEqual([p[1], p[2], p[3], p[4]]);
    expect(await list(path, 'bogus,-created_at')).toEqual([p[4], p[3], p[2], p[1]]);
    expect(await list(path, 'id;drop table partnerships')).toEqual([p[1], p[2], p[3], p[4]]);
  });

  it.each(PARTNERSHIPS)('%s: ties are broken deterministically: repeated and paged reads agree, every id once', async (_f, path) => {
    for (const sort of ['', 'sort=created_at', 'sort=-created_at', 'sort=-updated_at,created_at']) {
      const once = ids(await get(app, path, Q.token, sort));
      const again = ids(await get(app, path, Q.token, sort));
      const paged = await readAllPages(app, path, Q.token, sort, 1);
      expect(once).toHaveLength(9);
      expect(again).toEqual(once);
      expect(paged).toEqual(once);
    }
  });
});

describe('delivery partners', () => {
  const list = (token: string, sort?: string) => get(app, '/api/v3/delivery-partners', token, sort === undefined ? '' : `sort=${sort}`).then(ids);

  it('ECF token: the default order is created_at ascending', async () => {
    expect(await list(P.token)).toEqual([dps.charlie, dps.alpha, dps.bravo]);
  });

  it('NPQ token: the default order is name ascending', async () => {
    expect(await list(npq.token)).toEqual([dps.alpha, dps.bravo, dps.charlie]);
  });

  it.each([
    ['ECF', () => P.token],
    ['NPQ', () => npq.token],
  ])('%s token: sort=name, -name, -created_at, updated_at', async (_f, token) => {
    expect(await list(token(), 'name')).toEqual([dps.alpha, dps.bravo, dps.charlie]);
    expect(await list(token(), '-name')).toEqual([dps.charlie, dps.bravo, dps.alpha]);
    expect(await list(token(), '-created_at')).toEqual([dps.bravo, dps.alpha, dps.charlie]);
    expect(await list(token(), 'updated_at')).toEqual([dps.bravo, dps.charlie, dps.alpha]);
  });

  it('ECF token: unknown fields are dropped', async () => {
    expect(await list(P.token, 'bogus')).toEqual([dps.charlie, dps.alpha, dps.bravo]);
    expect(await list(P.token, 'bogus,-name')).toEqual([dps.charlie, dps.bravo, dps.alpha]);
  });
});

describe('schools', () => {
  const attrs = (res: any) => res.body.data.map((d: any) => d.attributes);

  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])('%s: the default order is created_at ascending, -created_at the reverse', async (path) => {
    const asc = await get(app, path, P.token, 'filter[cohort]=2023&page[per_page]=3000');
    const created = attrs(asc).map((a: any) => a.created_at);
    expect(created).toEqual([...created].sort());
    const desc = await get(app, path, P.token, 'filter[cohort]=2023&page[per_page]=3000&sort=-created_at');
    expect(attrs(desc).map((a: any) => a.created_at)).toEqual([...created].reverse());
  });

  it.each(['/api/v3/schools/ecf', '/api/v3/schools'])('%s: sort=updated_at orders by the school-in-cohort updated_at', async (path) => {
    const schools = await Promise.all([1, 2, 3].map(() => createSchool(app)));
    const stamps = ['2030-01-03T00:00:00Z', '2030-01-01T00:00:00Z', '2030-01-02T00:00:00Z'];
    for (const [i, s] of schools.entries()) {
      await sql(app, `update school_cohorts set updated_at = ? where school_id = ?`, [stamps[i], s.id]);
    }
    const res = await get(app, path, P.token, 'filter[cohort]=2023&filter[updated_since]=2030-01-01T00:00:00Z&sort=updated_at');
    expect(ids(res)).toEqual([schools[1].id, schools[2].id, schools[0].id]);
    const rev = await get(app, path, P.token, 'filter[cohort]=2023&filter[updated_since]=2030-01-01T00:00:00Z&sort=-updated_at');
    expect(ids(rev)).toEqual([schools[0].id, schools[2].id, schools[1].id]);
    // Leave the shared list as it was for other tests.
    await sql(
      app,
      `update school_cohorts set updated_at = now() where school_id in (?, ?, ?)`,
      schools.map((s) => s.id),
    );
  });
});

describe('statements', () => {
  let S: { id: string; token: string };
  const st: Record<string, string> = {};
  beforeAll(async () => {
    S = await createProvider(app, 'ecf');
    // Created out of payment-date order; one without an output fee.
    for (const [key, month, pay, outputFee] of [
      ['mar', 3, '2025-04-25', true],
      ['jan', 1, '2025-02-25', true],
      ['dec', 12, '2025-01-25', false],
      ['feb', 2, '2025-03-25', true],
    ] as const) {
      const year = month === 12 ? 2024 : 2025;
      st[key] = await createStatement(app, {
        leadProviderId: S.id,
        cohort: 2024,
        month,
        year,
        deadlineDate: `${year}-${String(month).padStart(2, '0')}-20`,
        paymentDate: pay,
        outputFee,
      });
    }
  });

  it('are ordered by payment_date ascending, output-fee statements only', async () => {
    expect(ids(await get(app, '/api/v3/statements', S.token))).toEqual([st.jan, st.feb, st.mar]);
  });

  it('take no sort parameter: sort=-payment_date and sort=-created_at change nothing', async () => {
    expect(ids(await get(app, '/api/v3/statements', S.token, 'sort=-payment_date'))).toEqual([st.jan, st.feb, st.mar]);
    expect(ids(await get(app, '/api/v3/statements', S.token, 'sort=-created_at'))).toEqual([st.jan, st.feb, st.mar]);
  });

  it('ECF show returns a statement without an output fee', async () => {
    const res = await get(app, `/api/v3/statements/${st.dec}`, S.token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      id: st.dec,
      type: 'statement',
      attributes: { month: 'December', year: '2024', type: 'ecf', cohort: '2024', cut_off_date: '2024-12-20', payment_date: '2025-01-25', paid: false },
    });
  });

  it('NPQ show of a statement without an output fee is a 404', async () => {
    const [{ id: npqStatement }] = await sql<{ id: string }>(
      app,
      `select st.id from statements st join lead_providers lp on lp.id = st.lead_provider_id
        where lp.name = 'Ambition Institute' and st.programme = 'npq' and not st.output_fee order by st.id limit 1`,
    );
    const res = await get(app, `/api/v3/statements/${npqStatement}`, app.token('Ambition Institute', 'npq'));
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Resource not found' }); // NPQ's 404 body (npq.md §9.5)
  });

  it("NPQ list: the provider's output-fee NPQ statements by payment date", async () => {
    const res = await get(app, '/api/v3/statements', app.token('Ambition Institute', 'npq'), 'page[per_page]=3000');
    const expected = await sql<{ id: string }>(
      app,
      `select st.id from statements st join lead_providers lp on lp.id = st.lead_provider_id join cohorts c on c.id = st.cohort_id
        where lp.name = 'Ambition Institute' and st.programme = 'npq' and st.output_fee and c.start_year > 2020 order by st.payment_date, st.id`,
    );
    expect(ids(res)).toEqual(expected.map((e) => e.id));
    const dates = res.body.data.map((d: any) => d.attributes.payment_date);
    expect(dates).toEqual([...dates].sort());
  });
});
