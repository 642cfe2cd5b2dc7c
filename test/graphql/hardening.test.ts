import { startTestApp, q, type TestApp } from '../support/test-app.js';
import { MAX_ALIASES, MAX_DOCUMENT_CHARS, MAX_TOKENS } from '../../src/server/graphql.js';

const aliases = (n: number, field = '__typename') => Array.from({ length: n }, (_, i) => `a${i}:${field}`).join(' ');

describe('/graphql hostile input: a 400 with an error code, before any resolver runs', () => {
  let app: TestApp;
  const partnershipQueries: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ onQuery: (sql) => void (/from partnerships/i.test(sql) && partnershipQueries.push(sql)) });
  });
  afterAll(async () => app?.close());

  const token = () => app.token('Ambition Institute', 'ecf');
  const post = (query: string, variables?: Record<string, unknown>) => app.request('POST', '/graphql', { token: token(), body: { query, variables } });

  it('a fragment cycle is a validation error (NoFragmentCycles runs before the depth rule)', async () => {
    const res = await post('{ ...F } fragment F on Query { ...G } fragment G on Query { ...F }');
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'Cannot spread fragment "F" within itself via "G".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('a missing required variable is BAD_USER_INPUT', async () => {
    const res = await post('query($id: ID!){ partnership(id: $id){ id } }', {});
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({ message: 'Variable "$id" of required type "ID!" was not provided.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it.each([
    [1e12, 'Int cannot represent non 32-bit signed integer value: 1000000000000'],
    ['3000', 'Int cannot represent non-integer value: "3000"'],
  ])('perPage %p in a variable is BAD_USER_INPUT', async (perPage, reason) => {
    const res = await post('query($page: PageInput){ partnerships(page: $page){ items { id } } }', { page: { perPage } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toContain(reason);
    const asInt = await post('query($n: Int!){ partnerships(page: { perPage: $n }){ items { id } } }', { n: perPage });
    expect(asInt.status).toBe(400);
    expect(asInt.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it(`a document over ${MAX_DOCUMENT_CHARS} characters (10,000 __typename aliases) is QUERY_TOO_LARGE`, async () => {
    const query = `{ ${aliases(10_000)} }`;
    const res = await post(query);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      errors: [
        { message: `The query document has ${query.length} characters, more than the limit of ${MAX_DOCUMENT_CHARS}`, extensions: { code: 'QUERY_TOO_LARGE' } },
      ],
    });
  });

  it(`a document of more than ${MAX_TOKENS} tokens is refused while parsing`, async () => {
    const res = await post(`{ ${aliases(1100)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
    expect(res.body.errors[0].message).toMatch(new RegExp(`^Syntax Error: Document contains more tha[nt] ${MAX_TOKENS} tokens\\. Parsing aborted\\.$`));
  });

  it(`more than ${MAX_ALIASES} aliases (__typename included) is a validation error`, async () => {
    expect((await post(`{ ${aliases(MAX_ALIASES)} }`)).status).toBe(200);
    const res = await post(`{ ${aliases(MAX_ALIASES + 1)} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { message: `Aliases limit of ${MAX_ALIASES} exceeded, found ${MAX_ALIASES + 1}.`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });

  it('fragments that multiply selections are refused by the selection limit', async () => {
    const fragments = ['fragment F0 on Query { __typename }'];
    for (let i = 1; i <= 4; i++) fragments.push(`fragment F${i} on Query { ${Array.from({ length: 10 }, () => `...F${i - 1}`).join(' ')} }`);
    const res = await post(`{ ...F4 } ${fragments.join(' ')}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.body.errors[0].message).toMatch(/selections/i);
  });

  it('many selections are refused by the selection limit even when each list is small', async () => {
    const row = Array.from({ length: 60 }, () => 'id').join(' ');
    const res = await post(`{ ${Array.from({ length: 20 }, (_, i) => `a${i}: partnerships { items { ${row} } }`).join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0]).toMatchObject({
      message: 'Anonymous operation recursively requests too many selections.',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('abusive requests are all refused without reading a partnership, and a REST request meanwhile takes its normal time', async () => {
    const rest = async () => {
      const started = performance.now();
      const res = await app.request('GET', q('/api/v3/partnerships/ecf?page[per_page]=100'), { token: token() });
      expect(res.status).toBe(200);
      return performance.now() - started;
    };
    await rest();
    const normal = Math.max(...(await Promise.all([rest(), rest(), rest()])));
    partnershipQueries.length = 0;
    const abusive = [
      `{ ${aliases(4900, 'partnerships { items { id } }')} }`,
      `{ ${Array.from({ length: 20 }, (_, i) => `a${i}: partnerships(page: { perPage: 3000 }) { items { id cohort urn } }`).join(' ')} }`,
      `{ ${aliases(1100)} }`,
      '{ ...F } fragment F on Query { ...G } fragment G on Query { ...F }',
    ];
    const attacks = Array.from({ length: 40 }, (_, i) => post(abusive[i % abusive.length]));
    const [during, ...answers] = await Promise.all([rest(), ...attacks]);
    for (const a of answers) expect(a.status).toBe(400);
    expect(partnershipQueries).toHaveLength(1); // the REST request's one statement
    expect(during).toBeLessThan(Math.max(10 * normal, 1000));
  });
});

describe('/graphql in production hides schema details', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { APP_ENV: 'production', TOKEN_PEPPER: 'production-pepper-for-tests-0123456789abcdef' } });
  });
  afterAll(async () => app?.close());

  const post = (query: string, variables?: Record<string, unknown>) =>
    app.request('POST', '/graphql', { token: app.token('Capita', 'ecf'), body: { query, variables } });

  it('validation errors carry no "Did you mean" suggestion', async () => {
    const res = await post('mutation { issueApiTokn(leadProvider: "x", programme: ecf) { token } }');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { message: 'Cannot query field "issueApiTokn" on type "Mutation".', locations: [expect.any(Object)], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
    ]);
  });

  it('variable errors carry no suggestion and no stack trace', async () => {
    const res = await post('query($f: PartnershipFilterInput){ partnerships(filter: $f){ items { id } } }', { f: { cohort: [2025] } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        message: 'Variable "$f" got invalid value { cohort: [2025] }; Field "cohort" is not defined by type "PartnershipFilterInput".',
        locations: [expect.any(Object)],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
  });
});

describe('/graphql outside production keeps suggestions for QA', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { APP_ENV: 'sandbox' } });
  });
  afterAll(async () => app?.close());

  it('suggests the field, without a stack trace (only development shows those)', async () => {
    const res = await app.request('POST', '/graphql', { token: app.token('Capita', 'ecf'), body: { query: '{ partnership(id: "x") { idd } }' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        message: 'Cannot query field "idd" on type "Partnership". Did you mean "id"?',
        locations: [expect.any(Object)],
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      },
    ]);
  });
});
