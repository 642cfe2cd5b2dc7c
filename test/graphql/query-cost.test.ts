import { parse } from 'graphql';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { graphSchema } from '../../src/graph/schema.js';
import { MAX_QUERY_COST, queryCost } from '../../src/server/query-cost.js';
import { PARTICIPANT, RECT_PARTICIPANT } from '../participants/fixtures.js';

describe('query cost of a paged list: the rows it will return × the fields of a row', () => {
  const cost = async (query: string, variables?: Record<string, unknown>) => queryCost(await graphSchema(), parse(query), variables);

  it('a list without a page argument costs its default 100 rows', async () => {
    expect(await cost('{ partnerships { items { id urn } } }')).toBe(200);
  });

  it('a page without perPage costs 100 rows', async () => {
    expect(await cost('{ schools(filter: { cohort: 2025 }, page: { page: 7 }) { items { id name urn } } }')).toBe(300);
  });

  it('perPage above 3000 costs 3000 rows, as the domain clamps it', async () => {
    expect(await cost('query($p: PageInput) { statements(page: $p) { items { id } } }', { p: { perPage: 5000 } })).toBe(3000);
  });

  it('the page fields are free, but a page costs at least one field per row', async () => {
    expect(await cost('{ deliveryPartners(page: { perPage: 10 }) { hasNextPage page perPage } }')).toBe(10);
    expect(await cost('{ deliveryPartners(page: { perPage: 10 }) { items { id name } hasNextPage } }')).toBe(20);
  });
});

const PAGE = (alias: string, perPage: number) =>
  `${alias}: partnerships(page: { page: 1, perPage: ${perPage} }) { items { id cohort urn schoolId deliveryPartnerId deliveryPartnerName status createdAt updatedAt } hasNextPage }`;

describe('GraphQL query cost limit', () => {
  let app: TestApp;
  let token: string;
  beforeAll(async () => {
    app = await startTestApp();
    token = app.token('Ambition Institute', 'ecf');
  });
  afterAll(async () => app.close());

  const post = (query: string) => app.request('POST', '/graphql', { token, body: { query } });

  it('runs a query asking for one full page of 3000 rows', async () => {
    const res = await post(`{ ${PAGE('a', 3000)} }`);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.a.items.length).toBeGreaterThan(0);
  });

  it('runs one full 3000-row page of the widest row, an ECF participant with every field (cost 102,000)', async () => {
    const query = `{ ecfParticipants(page: { perPage: 3000 }) { items { ${PARTICIPANT} } hasNextPage } }`;
    expect(queryCost(await graphSchema(), parse(query))).toBe(102_000);
    expect(MAX_QUERY_COST).toBe(150_000);
    const res = await post(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.ecfParticipants.items.length).toBeGreaterThan(0);
  });

  it('runs one full 3000-row page of RECT participants with every field (cost 108,000), the REST page size', async () => {
    const query = `{ rectParticipants(page: { perPage: 3000 }) { items { ${RECT_PARTICIPANT} } hasNextPage } }`;
    expect(queryCost(await graphSchema(), parse(query))).toBe(108_000);
    const res = await post(query);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.rectParticipants.items.length).toBeGreaterThan(0);
  });

  it('refuses two full participant pages under aliases', async () => {
    const page = (alias: string) => `${alias}: ecfParticipants(page: { perPage: 3000 }) { items { ${PARTICIPANT} } }`;
    const res = await post(`{ ${page('a')} ${page('b')} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].message).toBe('The query costs 204000, more than the limit of 150000; ask for fewer or smaller pages');
  });

  it('refuses many full pages under aliases with a 400 and a clear message', async () => {
    const res = await post(`{ ${['a', 'b', 'c', 'd', 'e', 'f'].map((x) => PAGE(x, 3000)).join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(res.body.errors[0].message).toBe('The query costs 162000, more than the limit of 150000; ask for fewer or smaller pages');
    expect(res.body.data).toBeUndefined();
  });

  it('counts the page size from variables too', async () => {
    const query = `query($n: Int!) { ${['a', 'b', 'c', 'd', 'e', 'f'].map((x) => PAGE(x, 0).replace('perPage: 0', 'perPage: $n')).join(' ')} }`;
    const small = await app.request('POST', '/graphql', { token, body: { query, variables: { n: 10 } } });
    expect(small.status).toBe(200);
    expect(small.body.data.f.items).toHaveLength(10);
    const large = await app.request('POST', '/graphql', { token, body: { query, variables: { n: 3000 } } });
    expect(large.status).toBe(400);
    expect(large.body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
  });
});
