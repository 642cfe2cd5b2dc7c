import { randomUUID } from 'node:crypto';
import { startTestApp, q, type TestApp } from '../support/test-app.js';
import { MAX_QUERY_DEPTH } from '../../src/server/graphql.js';

interface GraphResult {
  data?: any;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

async function gql(
  app: TestApp,
  token: string | null,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphResult> {
  const res = await app.request('POST', '/graphql', { token, body: { query, variables }, headers });
  expect(res.status).toBe(200);
  return res.body;
}

/** Data of a successful call; fails the test with the errors otherwise. */
async function ok(app: TestApp, token: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<any> {
  const res = await gql(app, token, query, variables, headers);
  expect(res.errors).toBeUndefined();
  return res.data;
}

/** `{ __type(name: "Query") { fields { type { fields { type { … } } } } } }` nested `levels` times. */
function deepIntrospection(levels: number): string {
  let inner = 'name';
  for (let i = 0; i < levels; i++) inner = `fields { type { ofType { name } ${inner} } }`;
  return `{ __type(name: "Query") { ${inner} } }`;
}

const ADMIN_MUTATIONS: [string, string][] = [
  ['createLeadProvider', 'mutation { createLeadProvider(input: { name: "Sneaky Ltd", programmes: [ecf] }) { id } }'],
  ['createDeliveryPartner', 'mutation { createDeliveryPartner(name: "Sneaky Partner") { id } }'],
  ['issueApiToken', 'mutation { issueApiToken(leadProvider: "Capita", programme: ecf) { token } }'],
  ['revokeApiToken', `mutation { revokeApiToken(id: "${randomUUID()}") }`],
  ['markStatementPaid', `mutation { markStatementPaid(id: "${randomUUID()}") { id } }`],
  ['apiTokens', '{ apiTokens { id } }'],
  ['leadProviders', '{ leadProviders { id } }'],
];

describe('/graphql outside production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  const ecf = () => app.token('Capita', 'ecf');
  const admin = () => app.tokens.admin.token;

  describe('the endpoint', () => {
    it('serves the Apollo Sandbox landing page to a browser (GET, accept: text/html)', async () => {
      const res = await app.request('GET', '/graphql', { headers: { accept: 'text/html' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.text).toMatch(/<!DOCTYPE html>/i);
      expect(res.text).toContain('<div id="embeddableSandbox"></div>');
      expect(res.text).toContain('new window.EmbeddedSandbox(');
    });

    it('answers introspection', async () => {
      const data = await ok(app, ecf(), '{ __schema { queryType { name } mutationType { name } } }');
      expect(data).toEqual({ __schema: { queryType: { name: 'Query' }, mutationType: { name: 'Mutation' } } });
    });

    it(`rejects a query nested deeper than MAX_QUERY_DEPTH (${MAX_QUERY_DEPTH}) through introspection`, async () => {
      const res = await app.request('POST', '/graphql', { token: ecf(), body: { query: deepIntrospection(MAX_QUERY_DEPTH + 1) } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        errors: [expect.objectContaining({ message: 'Maximum introspection depth exceeded', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })],
      });
    });

    it('answers shallow introspection of a type', async () => {
      const data = await ok(app, ecf(), deepIntrospection(1));
      expect(data.__type.fields.map((f: any) => f.type.ofType?.name ?? f.type.name)).toContain('Statement');
    });

    it('answers an anonymous caller (no token) with UNAUTHENTICATED "A valid API token is required"', async () => {
      const res = await gql(app, null, '{ statements { items { id } } }');
      expect(res).toEqual({
        data: null,
        errors: [expect.objectContaining({ message: 'A valid API token is required', extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) })],
      });
    });

    it('answers an unknown token like no token: UNAUTHENTICATED', async () => {
      const res = await gql(app, 'u'.repeat(43), '{ partnerships { items { id } } }');
      expect(res.errors![0]).toMatchObject({ message: 'A valid API token is required', extensions: { code: 'UNAUTHENTICATED' } });
    });

    it('answers an anonymous caller on an admin operation with UNAUTHENTICATED, not FORBIDDEN', async () => {
      const res = await gql(app, null, 'mutation { createDeliveryPartner(name: "Anonymous Partner") { id } }');
      expect(res.errors![0]).toMatchObject({ message: 'A valid API token is required', extensions: { code: 'UNAUTHENTICATED' } });
    });

    it('answers an NPQ token on an ECF-only query with FORBIDDEN', async () => {
      const res = await gql(app, app.token('Ambition Institute', 'npq'), '{ partnerships { items { id } } }');
      expect(res.errors![0]).toMatchObject({
        message: 'This endpoint is part of the ECF API; your token is for the NPQ programme',
        extensions: { code: 'FORBIDDEN' },
      });
    });
  });

  describe("lead-provider queries return the caller's data, as REST does", () => {
    it('deliveryPartners', async () => {
      const data = await ok(app, ecf(), '{ deliveryPartners { items { id name cohorts createdAt updatedAt } } }');
      const rest = await app.request('GET', '/api/v3/delivery-partners', { token: ecf() });
      expect(data.deliveryPartners.items.length).toBeGreaterThan(0);
      expect(
        data.deliveryPartners.items.map((dp: any) => ({
          id: dp.id,
          name: dp.name,
          cohort: dp.cohorts.map(String),
          created_at: dp.createdAt,
          updated_at: dp.updatedAt,
        })),
      ).toEqual(
        rest.body.data.map((dp: any) => ({
          id: dp.id,
          name: dp.attributes.name,
          cohort: dp.attributes.cohort,
          created_at: dp.attributes.created_at,
          updated_at: dp.attributes.updated_at,
        })),
      );
    });

    it('schools(filter: { cohort: 2024 })', async () => {
      const data = await ok(app, ecf(), '{ schools(filter: { cohort: 2024 }) { items { id name urn cohort inPartnership updatedAt } } }');
      const rest = await app.request('GET', q('/api/v3/schools/ecf?filter[cohort]=2024'), { token: ecf() });
      expect(data.schools.items.length).toBeGreaterThan(0);
      expect(
        data.schools.items.map((s: any) => ({
          id: s.id,
          name: s.name,
          urn: s.urn,
          cohort: String(s.cohort),
          in_partnership: s.inPartnership,
          updated_at: s.updatedAt,
        })),
      ).toEqual(
        rest.body.data.map((s: any) => ({
          id: s.id,
          name: s.attributes.name,
          urn: s.attributes.urn,
          cohort: s.attributes.cohort,
          in_partnership: s.attributes.in_partnership,
          updated_at: s.attributes.updated_at,
        })),
      );
    });

    it('partnerships', async () => {
      const data = await ok(app, ecf(), '{ partnerships { items { id cohort urn schoolId deliveryPartnerId status updatedAt } hasNextPage page perPage } }');
      const rest = await app.request('GET', '/api/v3/partnerships/ecf', { token: ecf() });
      expect(data.partnerships.items.length).toBeGreaterThan(0);
      const capita = app.leadProviderId('Capita');
      const [{ count }] = await app.db.orm.em
        .fork()
        .execute<{ count: string }[]>('select count(*) from partnerships where lead_provider_id = ? and relationship = false', [capita]);
      expect(data.partnerships.items.length).toBe(Math.min(100, Number(count)));
      expect(data.partnerships).toMatchObject({ hasNextPage: Number(count) > 100, page: 1, perPage: 100 });
      expect(
        data.partnerships.items.map((p: any) => ({
          id: p.id,
          cohort: String(p.cohort),
          urn: p.urn,
          school_id: p.schoolId,
          delivery_partner_id: p.deliveryPartnerId,
          status: p.status,
          updated_at: p.updatedAt,
        })),
      ).toEqual(
        rest.body.data.map((p: any) => ({
          id: p.id,
          cohort: p.attributes.cohort,
          urn: p.attributes.urn,
          school_id: p.attributes.school_id,
          delivery_partner_id: p.attributes.delivery_partner_id,
          status: p.attributes.status,
          updated_at: p.attributes.updated_at,
        })),
      );
    });

    it('statements', async () => {
      const data = await ok(app, ecf(), '{ statements { items { id month year cohort cutOffDate paymentDate paid programme } } }');
      const rest = await app.request('GET', '/api/v3/statements', { token: ecf() });
      expect(data.statements.items.length).toBeGreaterThan(0);
      for (const st of data.statements.items) expect(st.programme).toBe('ecf');
      expect(
        data.statements.items.map((s: any) => ({
          id: s.id,
          year: String(s.year),
          cohort: String(s.cohort),
          cut_off_date: s.cutOffDate,
          payment_date: s.paymentDate,
          paid: s.paid,
        })),
      ).toEqual(
        rest.body.data.map((s: any) => ({
          id: s.id,
          year: s.attributes.year,
          cohort: s.attributes.cohort,
          cut_off_date: s.attributes.cut_off_date,
          payment_date: s.attributes.payment_date,
          paid: s.attributes.paid,
        })),
      );
    });
  });

  describe('admin operations', () => {
    it.each(ADMIN_MUTATIONS)('refuses %s to a lead-provider token with FORBIDDEN', async (_name, query) => {
      const res = await gql(app, ecf(), query);
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ message: 'This operation needs an admin token', extensions: { code: 'FORBIDDEN' } });
    });

    it('createLeadProvider, createDeliveryPartner, createProviderRelationship and issueApiToken: the new provider sees its partner over REST', async () => {
      const { createLeadProvider: lp } = await ok(
        app,
        admin(),
        'mutation { createLeadProvider(input: { name: "  Northwind   Training ", programmes: [ecf, npq] }) { id name programmes } }',
      );
      expect(lp).toEqual({ id: expect.any(String), name: 'Northwind Training', programmes: ['ecf', 'npq'] });

      const { createDeliveryPartner: dp } = await ok(
        app,
        admin(),
        'mutation { createDeliveryPartner(name: "Harbour Learning Partnership") { id name createdAt updatedAt } }',
      );
      expect(dp).toMatchObject({ id: expect.any(String), name: 'Harbour Learning Partnership' });

      const { createProviderRelationship: rel } = await ok(
        app,
        admin(),
        'mutation($input: CreateProviderRelationshipInput!) { createProviderRelationship(input: $input) { id leadProviderId deliveryPartnerId programme } }',
        { input: { leadProviderId: lp.id, deliveryPartnerId: dp.id, cohort: 2025, programme: 'ecf' } },
      );
      expect(rel).toEqual({ id: expect.any(String), leadProviderId: lp.id, deliveryPartnerId: dp.id, programme: 'ecf' });

      const { issueApiToken: issued } = await ok(app, admin(), `mutation { issueApiToken(leadProvider: "${lp.id}", programme: ecf) { id token } }`);
      const rest = await app.request('GET', '/api/v3/delivery-partners', { token: issued.token });
      expect(rest.status).toBe(200);
      expect(rest.body.data).toEqual([
        { id: dp.id, type: 'delivery-partner', attributes: expect.objectContaining({ name: 'Harbour Learning Partnership', cohort: ['2025'] }) },
      ]);
    });

    it('createSchool: the school is then listed over REST in every cohort', async () => {
      const { createSchool: school } = await ok(app, admin(), 'mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id urn name } }', {
        input: { urn: '987654', name: 'Meadow Lane Primary', schoolTypeCode: 1, schoolStatusCode: 1, administrativeDistrictCode: 'E09000001' },
      });
      expect(school).toEqual({ id: expect.any(String), urn: '987654', name: 'Meadow Lane Primary' });
      for (const cohort of [2020, 2021, 2022, 2023, 2024, 2025, 2026]) {
        const res = await app.request('GET', q(`/api/v3/schools/ecf?filter[cohort]=${cohort}&filter[urn]=987654`), { token: ecf() });
        expect({ cohort, status: res.status, ids: res.body.data.map((s: any) => s.id) }).toEqual({ cohort, status: 200, ids: [school.id] });
        expect(res.body.data[0].attributes).toMatchObject({ name: 'Meadow Lane Primary', urn: '987654', cohort: String(cohort), in_partnership: false });
      }
    });

    it('createStatement, markStatementPayable (only after the cut-off date), markStatementPaid: REST then shows paid', async () => {
      const lp = app.leadProviderId('Capita');
      const { createStatement: st } = await ok(
        app,
        admin(),
        'mutation($input: CreateStatementInput!) { createStatement(input: $input) { id state paid cutOffDate paymentDate } }',
        { input: { leadProviderId: lp, programme: 'ecf', cohort: 2025, month: 1, year: 2030, deadlineDate: '2030-01-31', paymentDate: '2030-02-25' } },
      );
      expect(st).toEqual({ id: expect.any(String), state: 'open', paid: false, cutOffDate: '2030-01-31', paymentDate: '2030-02-25' });
      const before = await app.request('GET', `/api/v3/statements/${st.id}`, { token: ecf() });
      expect(before.status).toBe(200);
      expect(before.body.data.attributes).toMatchObject({
        month: 'January',
        year: '2030',
        type: 'ecf',
        cohort: '2025',
        cut_off_date: '2030-01-31',
        payment_date: '2030-02-25',
        paid: false,
      });

      const early = await gql(app, admin(), `mutation { markStatementPayable(id: "${st.id}") { id state } }`);
      expect(early.errors).toHaveLength(1);
      expect(early.errors![0]).toMatchObject({ message: 'A statement can be closed only after its cut-off date', extensions: { code: 'INVALID_TRANSITION' } });

      const onDeadline = await gql(
        app,
        admin(),
        `mutation { markStatementPayable(id: "${st.id}") { id state } }`,
        {},
        { 'x-with-server-date': '2030-01-31T23:00:00Z' },
      );
      expect(onDeadline.errors![0].extensions!.code).toBe('INVALID_TRANSITION');

      const payable = await ok(
        app,
        admin(),
        `mutation { markStatementPayable(id: "${st.id}") { id state paid } }`,
        {},
        { 'x-with-server-date': '2030-02-01T09:00:00Z' },
      );
      expect(payable.markStatementPayable).toEqual({ id: st.id, state: 'payable', paid: false });

      const paid = await ok(app, admin(), `mutation { markStatementPaid(id: "${st.id}") { id state paid } }`);
      expect(paid.markStatementPaid).toEqual({ id: st.id, state: 'paid', paid: true });

      const after = await app.request('GET', `/api/v3/statements/${st.id}`, { token: ecf() });
      expect(after.status).toBe(200);
      expect(after.body.data.attributes.paid).toBe(true);
    });

    it('markStatementPaid on an open statement is an INVALID_TRANSITION', async () => {
      const { createStatement: st } = await ok(app, admin(), 'mutation($input: CreateStatementInput!) { createStatement(input: $input) { id } }', {
        input: {
          leadProviderId: app.leadProviderId('Capita'),
          programme: 'ecf',
          cohort: 2025,
          month: 2,
          year: 2030,
          deadlineDate: '2030-02-28',
          paymentDate: '2030-03-25',
        },
      });
      const res = await gql(app, admin(), `mutation { markStatementPaid(id: "${st.id}") { id } }`);
      expect(res.errors![0]).toMatchObject({ message: 'A open statement cannot be marked paid', extensions: { code: 'INVALID_TRANSITION' } });
    });

    it('issueApiToken: the issued token works on REST for its provider and programme', async () => {
      const { issueApiToken: issued } = await ok(app, admin(), 'mutation { issueApiToken(leadProvider: "LLSE", programme: npq) { id token } }');
      expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const res = await app.request('GET', '/api/v3/statements', { token: issued.token });
      expect(res.status).toBe(200);
      const own = await app.request('GET', '/api/v3/statements', { token: app.token('LLSE', 'npq') });
      expect(res.body).toEqual(own.body);
    });

    it('apiTokens lists tokens without their values', async () => {
      const { issueApiToken: issued } = await ok(app, admin(), 'mutation { issueApiToken(leadProvider: "Capita", programme: ecf) { id token } }');
      const res = await app.request('POST', '/graphql', {
        token: admin(),
        body: { query: '{ apiTokens { id kind leadProviderId leadProviderName programme description createdAt lastUsedAt revokedAt } }' },
      });
      expect(res.status).toBe(200);
      const list = res.body.data.apiTokens;
      expect(list.find((t: any) => t.id === issued.id)).toMatchObject({ kind: 'lead_provider', leadProviderName: 'Capita', programme: 'ecf', revokedAt: null });
      expect(list.filter((t: any) => t.kind === 'admin')).toHaveLength(1);
      const raw = [issued.token, app.tokens.admin.token, ...app.tokens.leadProviders.flatMap((lp) => Object.values(lp.tokens))];
      for (const t of raw) expect(res.text).not.toContain(t);
    });
  });
});

describe('/graphql in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { APP_ENV: 'production', TOKEN_PEPPER: 'production-pepper-for-tests-0123456789abcdef' } });
  });
  afterAll(async () => app?.close());

  it('refuses introspection', async () => {
    const res = await app.request('POST', '/graphql', { token: app.token('Capita', 'ecf'), body: { query: '{ __schema { queryType { name } } }' } });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/introspection is not allowed/);
  });

  it('does not serve the Apollo Sandbox', async () => {
    const res = await app.request('GET', '/graphql', { headers: { accept: 'text/html' } });
    expect(res.text).not.toContain('EmbeddedSandbox');
    expect(decodeURIComponent(/window\.landingPage = "([^"]*)"/.exec(res.text)?.[1] ?? '')).toContain('"isProd":true');
  });

  it('still answers queries', async () => {
    const res = await app.request('POST', '/graphql', {
      token: app.token('Capita', 'ecf'),
      body: { query: '{ statements(page: { page: 1, perPage: 1 }) { items { id } } }' },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.statements.items).toHaveLength(1);
  });
});
