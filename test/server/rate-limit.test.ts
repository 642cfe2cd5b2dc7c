import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from 'redis';
import { createTestDatabase, startTestApp, TEST_REDIS_URL, type TestApp, type TestDatabase, type TestResponse } from '../support/test-app.js';
import { tokenDigest } from '../../src/domain/auth/token-digest.js';

const HOUR_MS = 3_600_000;
const tooMany = (windowMs: number) => ({
  errors: [
    {
      title: 'Too many requests',
      detail: `You have made too many requests. The limit resets within ${Math.ceil(windowMs / 1000)} seconds; see the Retry-After header.`,
    },
  ],
});

/** A cheap authenticated call: a statement that does not exist (404). */
const cheap = (app: TestApp, token: string) => app.request('GET', `/api/v3/statements/${randomUUID()}`, { token });
const graphqlCall = (app: TestApp, token: string) =>
  app.request('POST', '/graphql', { token, body: { query: '{ statements(page: { page: 1, perPage: 1 }) { items { id } } }' } });

async function times(n: number, call: () => Promise<TestResponse>): Promise<TestResponse[]> {
  const out: TestResponse[] = [];
  for (let i = 0; i < n; i++) out.push(await call());
  return out;
}

function expectThrottled(res: TestResponse, windowMs: number, name: 'token' | 'ip', limit: number) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.body).toEqual(tooMany(windowMs));
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(Math.ceil(windowMs / 1000));
  expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^"${name}"; r=0; t=\\d+$`));
  expect(res.headers.get('ratelimit-policy')).toMatch(new RegExp(`^"${name}"; q=${limit}; w=${Math.ceil(windowMs / 1000)}; pk=:[^:]+:$`));
}

describe('rate limit per token (memory store, 5 per hour)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: String(HOUR_MS), RATE_LIMIT_IP_MAX: '100' } });
  });
  afterAll(async () => app?.close());

  it('counts down the budget in the RateLimit header', async () => {
    const token = app.token('Capita', 'ecf');
    const responses = await times(5, () => cheap(app, token));
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expect(responses.map((r) => /r=(\d+)/.exec(r.headers.get('ratelimit') ?? '')?.[1])).toEqual(['4', '3', '2', '1', '0']);
    expect(responses[0].headers.get('ratelimit-policy')).toMatch(/^"token"; q=5; w=3600; pk=:[^:]+:$/);
  });

  it('answers the 6th request with the same token with 429, a JSON body, Retry-After and RateLimit headers', async () => {
    const token = app.token('Education Development Trust', 'ecf');
    await times(5, () => cheap(app, token));
    expectThrottled(await cheap(app, token), HOUR_MS, 'token', 5);
    // Still throttled: a throttled request does not reset the window.
    expectThrottled(await app.request('GET', '/api/v3/delivery-partners', { token }), HOUR_MS, 'token', 5);
  });

  it('keeps another token (of the same provider) working when one is throttled', async () => {
    const spent = app.token('Ambition Institute', 'ecf');
    await times(6, () => cheap(app, spent));
    expect((await cheap(app, spent)).status).toBe(429);
    const other = await app.request('GET', '/api/v3/statements', { token: app.token('Ambition Institute', 'npq') });
    expect(other.status).toBe(200);
  });

  it('shares one budget between REST and /graphql', async () => {
    const token = app.token('Teach First', 'ecf');
    const rest = await times(3, () => cheap(app, token));
    const graph = await times(2, () => graphqlCall(app, token));
    expect([...rest, ...graph].map((r) => r.status)).toEqual([404, 404, 404, 200, 200]);
    expectThrottled(await graphqlCall(app, token), HOUR_MS, 'token', 5);
    expectThrottled(await cheap(app, token), HOUR_MS, 'token', 5);
  });

  it('does not reset the budget for a request travelling in time (X-With-Server-Date)', async () => {
    const token = app.token('UCL Institute of Education', 'ecf');
    await times(5, () => cheap(app, token));
    const res = await app.request('GET', `/api/v3/statements/${randomUUID()}`, { token, headers: { 'x-with-server-date': '2099-01-01T00:00:00Z' } });
    expectThrottled(res, HOUR_MS, 'token', 5);
  });

  it('counts requests with an unparseable X-With-Server-Date: a spent token gets 429, not 400 (ARCHITECTURE.md §3: rate limit before input validation)', async () => {
    const token = app.token('Best Practice Network', 'ecf');
    await times(5, () => cheap(app, token));
    const res = await app.request('GET', `/api/v3/statements/${randomUUID()}`, { token, headers: { 'x-with-server-date': 'tomorrow' } });
    expectThrottled(res, HOUR_MS, 'token', 5);
  });
});

describe('rate limit per IP for calls without a valid token (RATE_LIMIT_IP_MAX=3)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: String(HOUR_MS), RATE_LIMIT_IP_MAX: '3' } });
  });
  afterAll(async () => app?.close());

  it('limits unauthenticated and bogus-token calls together per IP; a valid token is unaffected', async () => {
    const first = [
      await app.request('GET', '/api/v3/statements'),
      await app.request('GET', '/api/v3/statements', { token: 'bogus-token-number-one-0000000000000000000' }),
      await app.request('GET', '/api/v3/statements', { token: 'bogus-token-number-two-0000000000000000000' }),
    ];
    expect(first.map((r) => r.status)).toEqual([401, 401, 401]);
    expect(first[0].headers.get('ratelimit-policy')).toMatch(/^"ip"; q=3; w=3600; pk=:[^:]+:$/);
    expectThrottled(await app.request('GET', '/api/v3/statements'), HOUR_MS, 'ip', 3);
    expectThrottled(await app.request('GET', '/api/v3/statements', { token: 'bogus-token-number-three-00000000000000000' }), HOUR_MS, 'ip', 3);
    expectThrottled(await app.request('POST', '/graphql', { body: { query: '{ statements { id } }' } }), HOUR_MS, 'ip', 3);
    expect((await app.request('GET', '/api/v3/statements', { token: app.token('Capita', 'ecf') })).status).toBe(200);
  });
});

describe('rate limit with the Redis store (two instances)', () => {
  const windowMs = HOUR_MS + Math.floor(Math.random() * 100_000);
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let redis: RedisClientType;
  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW_MS: String(windowMs) };
    a = await startTestApp({ database, redis: true, env });
    b = await startTestApp({ database, tokens: a.tokens, redis: true, env });
    redis = createClient({ url: TEST_REDIS_URL });
    await redis.connect();
  });
  afterAll(async () => {
    // Only this run's keys: the buckets of this database's tokens.
    if (redis && a) {
      const raw = [a.tokens.admin.token, ...a.tokens.leadProviders.flatMap((lp) => Object.values(lp.tokens))];
      await redis.del(raw.map((t) => `rl:token:${tokenDigest(t, a.config.tokenPepper)}`));
      await redis.quit();
    }
    await b?.close();
    await a?.close();
    await database?.drop();
  });

  it('shares one budget between instances: 3 requests on A and 3 on B, the 6th overall is 429', async () => {
    const token = a.token('Capita', 'ecf');
    const onA = await times(3, () => cheap(a, token));
    const onB = await times(2, () => cheap(b, token));
    expect([...onA, ...onB].map((r) => r.status)).toEqual([404, 404, 404, 404, 404]);
    expectThrottled(await cheap(b, token), windowMs, 'token', 5);
    expectThrottled(await cheap(a, token), windowMs, 'token', 5);
  });

  it('keys buckets by token digest: no Redis key contains a raw token', async () => {
    const token = a.token('Best Practice Network', 'npq');
    expect((await a.request('GET', '/api/v3/statements', { token })).status).toBe(200);
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: 'rl:*', COUNT: 1000 })) keys.push(...(Array.isArray(batch) ? batch : [batch]));
    expect(keys).toContain(`rl:token:${tokenDigest(token, a.config.tokenPepper)}`);
    const raw = [a.tokens.admin.token, ...a.tokens.leadProviders.flatMap((lp) => Object.values(lp.tokens))];
    for (const key of keys) for (const t of raw) expect(key).not.toContain(t);
  });
});

describe('rate limit defaults (1000 per 5 minutes, memory store)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('answers the 1001st request with a token with 429 and Retry-After', async () => {
    expect(app.config.rateLimitMax).toBe(1000);
    expect(app.config.rateLimitWindowMs).toBe(300_000);
    const token = app.token('Capita', 'ecf');
    const started = Date.now();
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < 1000) {
        next++;
        const res = await cheap(app, token);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 404: 1000 });
    const res = await cheap(app, token);
    const elapsed = Date.now() - started;
    expectThrottled(res, 300_000, 'token', 1000);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(300);
    console.log(`1001 requests with the default limit took ${elapsed} ms`);
  }, 120_000);
});
