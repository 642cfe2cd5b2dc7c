import { startTestApp, q, type TestApp } from '../support/test-app.js';
import { eligibleSql } from '../../src/domain/schools/school-eligibility.js';
import { BAD_SERVER_DATE_BODY } from '../../src/server/clock.js';

const BAD_DATE = {
  errors: [{ title: 'Bad request', detail: "The header 'X-With-Server-Date' must be a valid RFC 3339 date-time, for example 2025-01-10T10:42:00Z" }],
};
const FUTURE_COHORT = { errors: [{ title: 'cohort', detail: 'You cannot create a partnership for a future cohort.' }] };
const PROVIDER = 'Capita';

/** Eligible schools with no partnership in 2025 or 2026, so a 2026 partnership can be confirmed for each. */
async function freeSchools(app: TestApp, count: number): Promise<string[]> {
  const rows = await app.db.orm.em.fork().execute<{ id: string }[]>(
    `select s.id from schools s
      where ${eligibleSql('s')}
        and not exists (select 1 from partnerships p join cohorts c on c.id = p.cohort_id where p.school_id = s.id and c.start_year in (2025, 2026))
      order by s.urn limit ?`,
    [count],
  );
  expect(rows).toHaveLength(count);
  return rows.map((r) => r.id);
}

async function partnerFor2026(app: TestApp): Promise<string> {
  const res = await app.request('GET', q('/api/v3/delivery-partners?filter[cohort]=2026'), { token: app.token(PROVIDER, 'ecf') });
  expect(res.status).toBe(200);
  return res.body.data[0].id;
}

function postPartnership(app: TestApp, schoolId: string, deliveryPartnerId: string, serverDate?: string) {
  return app.request('POST', '/api/v3/partnerships/ecf', {
    token: app.token(PROVIDER, 'ecf'),
    headers: serverDate === undefined ? {} : { 'x-with-server-date': serverDate },
    body: { data: { type: 'partnership', attributes: { cohort: '2026', school_id: schoolId, delivery_partner_id: deliveryPartnerId } } },
  });
}

/** `actual` (RFC 3339) is at or a few seconds after `expected`: a travelled clock keeps ticking. */
function expectAtTravelledTime(actual: string | Date, expected: string) {
  const delta = new Date(actual).getTime() - new Date(expected).getTime();
  expect(delta).toBeGreaterThanOrEqual(0);
  expect(delta).toBeLessThan(10_000);
}

describe('request clock (X-With-Server-Date) outside production', () => {
  let app: TestApp;
  let schools: string[];
  let partner: string;
  beforeAll(async () => {
    app = await startTestApp();
    schools = await freeSchools(app, 25);
    partner = await partnerFor2026(app);
  });
  afterAll(async () => app?.close());

  it('moves "now" for the request: a 2026 partnership as of 2026-01-01 is for a future cohort', async () => {
    const res = await postPartnership(app, schools[0], partner, '2026-01-01T00:00:00Z');
    expect(res.status).toBe(422);
    expect(res.body).toEqual(FUTURE_COHORT);
  });

  it('without the header, the same 2026 partnership is allowed (registration opened on 2026-05-10)', async () => {
    const res = await postPartnership(app, schools[0], partner);
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toMatchObject({ cohort: '2026', school_id: schools[0], delivery_partner_id: partner, status: 'active' });
  });

  it('echoes the travelled time in the X-With-Server-Date response header', async () => {
    const res = await app.request('GET', '/api/v3/statements', { token: app.token(PROVIDER, 'ecf'), headers: { 'x-with-server-date': '2026-01-01' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-with-server-date')).toBe('2026-01-01T00:00:00Z');
  });

  it('accepts an RFC 3339 value with an offset', async () => {
    const res = await app.request('GET', '/api/v3/statements', {
      token: app.token(PROVIDER, 'ecf'),
      headers: { 'x-with-server-date': '2026-01-01T10:00:00+01:00' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-with-server-date')).toBe('2026-01-01T09:00:00Z');
  });

  it('stamps rows written during a travelled request with the travelled time', async () => {
    const travelled = '2027-02-03T04:05:06Z';
    const res = await postPartnership(app, schools[1], partner, travelled);
    expect(res.status).toBe(200);
    expectAtTravelledTime(res.body.data.attributes.created_at, travelled);
    expectAtTravelledTime(res.body.data.attributes.updated_at, travelled);
    const [row] = await app.db.orm.em
      .fork()
      .execute<{ created_at: Date; updated_at: Date }[]>('select created_at, updated_at from partnerships where id = ?', [res.body.data.id]);
    expectAtTravelledTime(row.created_at, travelled);
    expectAtTravelledTime(row.updated_at, travelled);
  });

  it('stamps rows written by a travelled GraphQL mutation with the travelled time', async () => {
    const travelled = '2031-07-08T09:10:11Z';
    const res = await app.request('POST', '/graphql', {
      token: app.tokens.admin.token,
      headers: { 'x-with-server-date': travelled },
      body: { query: 'mutation { createDeliveryPartner(name: "Time Travel Partners") { id createdAt updatedAt } }' },
    });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expectAtTravelledTime(res.body.data.createDeliveryPartner.createdAt, travelled);
    expectAtTravelledTime(res.body.data.createDeliveryPartner.updatedAt, travelled);
  });

  it.each(['tomorrow', '2025-13-01T00:00:00Z', '2025-02-30', '2025-01-10T25:00:00Z', '2025-01-10T10:42:00', ''])(
    'answers an unparseable value (%p) with 400 and the documented body',
    async (value) => {
      const res = await app.request('GET', '/api/v3/statements', { token: app.token(PROVIDER, 'ecf'), headers: { 'x-with-server-date': value } });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toEqual(BAD_DATE);
      expect(res.body).toEqual(BAD_SERVER_DATE_BODY);
    },
  );

  it('checks the token before the header (ARCHITECTURE.md §3): no token and an unparseable value → 401', async () => {
    const res = await app.request('GET', '/api/v3/statements', { headers: { 'x-with-server-date': 'tomorrow' } });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'HTTP Token: Access denied' });
  });

  it('answers an unparseable value on /graphql with the same 400', async () => {
    const res = await app.request('POST', '/graphql', {
      token: app.tokens.admin.token,
      headers: { 'x-with-server-date': 'tomorrow' },
      body: { query: '{ leadProviders { id } }' },
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual(BAD_DATE);
  });

  it("never lets concurrent REST requests see each other's clock", async () => {
    // Twenty partnerships confirmed at once, each "as of" its own day in 2026-06 .. 2027-03.
    const dates = schools.slice(2, 22).map((_, i) => new Date(Date.UTC(2026, 5 + (i % 10), 1 + i, i, 2 * i, 3 * i)).toISOString().replace('.000Z', 'Z'));
    const responses = await Promise.all(schools.slice(2, 22).map((school, i) => postPartnership(app, school, partner, dates[i])));
    for (const [i, res] of responses.entries()) {
      expect({ i, status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ i, status: 200, body: 'ok' });
      expect(res.headers.get('x-with-server-date')).toBe(dates[i]);
      expectAtTravelledTime(res.body.data.attributes.created_at, dates[i]);
    }
    const rows = await app.db.orm.em
      .fork()
      .execute<{ id: string; updated_at: Date }[]>('select id, updated_at from partnerships where id in (?)', [responses.map((r) => r.body.data.id)]);
    const byId = new Map(rows.map((r) => [r.id, r.updated_at]));
    for (const [i, res] of responses.entries()) expectAtTravelledTime(byId.get(res.body.data.id)!, dates[i]);
  });

  it("never lets concurrent GraphQL mutations see each other's clock", async () => {
    const lp = app.leadProviderId(PROVIDER);
    const dates = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2030 + i, i % 12, 1 + i, i, i, i)).toISOString().replace('.000Z', 'Z'));
    const responses = await Promise.all(
      dates.map((date, i) =>
        app.request('POST', '/graphql', {
          token: app.tokens.admin.token,
          headers: { 'x-with-server-date': date },
          body: {
            query: `mutation($input: CreateStatementInput!) { createStatement(input: $input) { id createdAt updatedAt } }`,
            variables: {
              input: {
                leadProviderId: lp,
                programme: 'ecf',
                cohort: 2025,
                month: 1 + (i % 12),
                year: 2060 + i,
                deadlineDate: `${2060 + i}-01-31`,
                paymentDate: `${2060 + i}-02-25`,
              },
            },
          },
        }),
      ),
    );
    const ids: string[] = [];
    for (const [i, res] of responses.entries()) {
      expect(res.body.errors).toBeUndefined();
      expectAtTravelledTime(res.body.data.createStatement.updatedAt, dates[i]);
      ids.push(res.body.data.createStatement.id);
    }
    const rows = await app.db.orm.em
      .fork()
      .execute<{ id: string; created_at: Date; updated_at: Date }[]>('select id, created_at, updated_at from statements where id in (?)', [ids]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [i, id] of ids.entries()) {
      expectAtTravelledTime(byId.get(id)!.created_at, dates[i]);
      expectAtTravelledTime(byId.get(id)!.updated_at, dates[i]);
    }
  });
});

describe('request clock in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { APP_ENV: 'production', TOKEN_PEPPER: 'production-pepper-for-tests-0123456789abcdef' } });
  });
  afterAll(async () => app?.close());

  it('ignores X-With-Server-Date: a 2026 partnership "as of" 2026-01-01 is still allowed', async () => {
    const [school] = await freeSchools(app, 1);
    const res = await postPartnership(app, school, await partnerFor2026(app), '2026-01-01T00:00:00Z');
    expect(res.status).toBe(200);
    expect(res.body.data.attributes.cohort).toBe('2026');
    expect(res.headers.get('x-with-server-date')).toBeNull();
    const delta = Date.now() - new Date(res.body.data.attributes.created_at).getTime();
    expect(delta).toBeGreaterThanOrEqual(-1000);
    expect(delta).toBeLessThan(60_000);
  });

  it('does not answer an unparseable X-With-Server-Date with 400', async () => {
    const res = await app.request('GET', '/api/v3/statements', { token: app.token(PROVIDER, 'ecf'), headers: { 'x-with-server-date': 'tomorrow' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-with-server-date')).toBeNull();
  });
});
