import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, startTestApp, q, type TestApp, type TestDatabase } from '../support/test-app.js';
import { tokenDigest } from '../../src/domain/auth/token-digest.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

const UNAUTHORIZED = { error: 'HTTP Token: Access denied' };
const NPQ_ON_ECF_PATH = {
  errors: [{ title: 'Forbidden', detail: 'This endpoint is part of the ECF API; your token is for the NPQ programme' }],
};

async function graphql(app: TestApp, token: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await app.request('POST', '/graphql', { token, body: { query, variables } });
  expect(res.status).toBe(200);
  return res.body as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function issueToken(app: TestApp, leadProvider: string, programme: 'ecf' | 'npq'): Promise<{ id: string; token: string }> {
  const res = await graphql(
    app,
    app.tokens.admin.token,
    'mutation($lp: String!, $p: Programme!) { issueApiToken(leadProvider: $lp, programme: $p) { id token } }',
    {
      lp: leadProvider,
      p: programme,
    },
  );
  expect(res.errors).toBeUndefined();
  return res.data.issueApiToken;
}

/** Runs the token CLI as a child process against a database. */
function tokenCli(databaseUrl: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, APP_ENV: 'test' };
  delete env.NODE_OPTIONS; // Jest's --experimental-vm-modules is not for the CLI
  delete env.TOKEN_PEPPER;
  return new Promise((resolve) => {
    execFile(
      'node_modules/.bin/node',
      ['--import', '@swc-node/register/esm-register', 'src/cli/token.cli.ts', ...args],
      { env, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

describe('authentication', () => {
  let database: TestDatabase;
  let app: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestApp({ database });
    second = await startTestApp({ database, tokens: app.tokens });
  });
  afterAll(async () => {
    await second?.close();
    await app?.close();
    await database?.drop();
  });

  const ecf = () => app.token('Capita', 'ecf');
  const withAuthorization = (authorization: string) => app.request('GET', '/api/v3/delivery-partners', { headers: { authorization } });

  describe('401 with the live services body', () => {
    it('refuses a request without an Authorization header', async () => {
      const res = await app.request('GET', '/api/v3/delivery-partners');
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.text).toBe('{"error":"HTTP Token: Access denied"}');
    });

    it('refuses a malformed Authorization header (Basic x)', async () => {
      const res = await withAuthorization('Basic x');
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    });

    it('refuses a bearer keyword without a token', async () => {
      const res = await withAuthorization('Bearer ');
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    });

    it('refuses an unknown token', async () => {
      const res = await app.request('GET', '/api/v3/delivery-partners', { token: 'x'.repeat(43) });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    });

    it('refuses a token that is too short to be one', async () => {
      const res = await app.request('GET', '/api/v3/delivery-partners', { token: 'abc' });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    });

    it('refuses a token revoked through the admin GraphQL revokeApiToken (another instance at once, this one after invalidate)', async () => {
      const issued = await issueToken(app, 'Capita', 'ecf');
      expect((await app.request('GET', '/api/v3/delivery-partners', { token: issued.token })).status).toBe(200);

      const revoked = await graphql(app, app.tokens.admin.token, 'mutation($id: ID!) { revokeApiToken(id: $id) }', { id: issued.id });
      expect(revoked).toEqual({ data: { revokeApiToken: true } });

      const elsewhere = await second.request('GET', '/api/v3/delivery-partners', { token: issued.token });
      expect(elsewhere.status).toBe(401);
      expect(elsewhere.body).toEqual(UNAUTHORIZED);

      app.app.authenticator.invalidate();
      const here = await app.request('GET', '/api/v3/delivery-partners', { token: issued.token });
      expect(here.status).toBe(401);
      expect(here.body).toEqual(UNAUTHORIZED);
    });

    it('refuses a token revoked through the TokensService', async () => {
      const issued = await issueToken(app, 'Teach First', 'npq');
      expect((await second.request('GET', '/api/v3/statements', { token: issued.token })).status).toBe(200);
      await app.app.tokens.revoke(
        app.db.orm.em.fork(),
        fixedOffsetClock(() => new Date()),
        issued.id,
      );
      second.app.authenticator.invalidate();
      const res = await second.request('GET', '/api/v3/statements', { token: issued.token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    });
  });

  describe('accepted header forms', () => {
    it('accepts Authorization: Bearer <t>', async () => {
      expect((await withAuthorization(`Bearer ${ecf()}`)).status).toBe(200);
    });

    it('accepts Authorization: Token <t>', async () => {
      const res = await withAuthorization(`Token ${ecf()}`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
    });

    it('accepts Authorization: Token token="<t>"', async () => {
      const res = await withAuthorization(`Token token="${ecf()}"`);
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
    });
  });

  describe('programme of the token', () => {
    it.each([
      ['GET', q('/api/v3/schools/ecf?filter[cohort]=2024')],
      ['GET', q(`/api/v3/schools/ecf/${randomUUID()}?filter[cohort]=2024`)],
      ['GET', q('/api/v3/schools?filter[cohort]=2024')],
      ['GET', '/api/v3/partnerships/ecf'],
      ['GET', `/api/v3/partnerships/ecf/${randomUUID()}`],
      ['GET', '/api/v3/partnerships'],
      ['POST', '/api/v3/partnerships/ecf'],
      ['PUT', `/api/v3/partnerships/ecf/${randomUUID()}`],
      ['PATCH', `/api/v3/partnerships/${randomUUID()}`],
    ])('an NPQ token on the ECF-only path %s %s gets 403 with a JSON error', async (method, path) => {
      const res = await app.request(method, path, {
        token: app.token('Ambition Institute', 'npq'),
        body: method === 'GET' ? undefined : { data: { attributes: { cohort: '2024' } } },
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.body).toEqual(NPQ_ON_ECF_PATH);
    });

    it('answers the shared /statements path with the records of the token programme: ECF with type "ecf", NPQ without type', async () => {
      const ecfRes = await app.request('GET', '/api/v3/statements', { token: app.token('Ambition Institute', 'ecf') });
      const npqRes = await app.request('GET', '/api/v3/statements', { token: app.token('Ambition Institute', 'npq') });
      expect(ecfRes.status).toBe(200);
      expect(npqRes.status).toBe(200);
      expect(ecfRes.body.data.length).toBeGreaterThan(0);
      expect(npqRes.body.data.length).toBeGreaterThan(0);
      const ecfIds = new Set(ecfRes.body.data.map((s: any) => s.id));
      expect(npqRes.body.data.filter((s: any) => ecfIds.has(s.id))).toEqual([]);
      for (const s of ecfRes.body.data) expect(s.attributes.type).toBe('ecf');
      for (const s of npqRes.body.data) expect(Object.keys(s.attributes)).not.toContain('type');
    });

    it("does not show an ECF statement to the same provider's NPQ token", async () => {
      const ecfRes = await app.request('GET', '/api/v3/statements', { token: app.token('Ambition Institute', 'ecf') });
      const id = ecfRes.body.data[0].id;
      const res = await app.request('GET', `/api/v3/statements/${id}`, { token: app.token('Ambition Institute', 'npq') });
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'Resource not found' }); // the NPQ API's 404 body (npq.md §9.5)
    });

    it('answers the shared /delivery-partners path for an NPQ token with its NPQ partners', async () => {
      const res = await app.request('GET', '/api/v3/delivery-partners', { token: app.token('Church of England', 'npq') });
      expect(res.status).toBe(200);
      expect(res.body.data.length).toBeGreaterThan(0);
    });
  });

  describe('token storage', () => {
    it('stores tokens only as digests: no raw token appears anywhere in api_tokens', async () => {
      const raw = [app.tokens.admin.token, ...app.tokens.leadProviders.flatMap((lp) => Object.values(lp.tokens))];
      const rows = await app.db.orm.em.fork().execute<Record<string, unknown>[]>('select * from api_tokens');
      expect(rows.length).toBeGreaterThanOrEqual(raw.length);
      const dump = JSON.stringify(rows);
      for (const t of raw) expect(dump).not.toContain(t);
      const digests = new Set(rows.map((r) => r.digest));
      for (const t of raw) expect(digests.has(tokenDigest(t, app.config.tokenPepper))).toBe(true);
    });
  });

  describe('token CLI (npm run token)', () => {
    it('creates a token for a provider and programme; the token then works over HTTP', async () => {
      const out = await tokenCli(app.db.url, ['create', '--lead-provider', 'Capita', '--programme', 'ecf']);
      expect(out.code).toBe(0);
      const m = /^Token ([0-9a-f-]{36}) created\. It is shown only now; store it safely:\n([A-Za-z0-9_-]{43})$/m.exec(out.stdout.trim());
      expect(m).not.toBeNull();
      const res = await app.request('GET', '/api/v3/partnerships/ecf', { token: m![2] });
      expect(res.status).toBe(200);
    });

    it('lists tokens with owner and state, never their values', async () => {
      const created = await tokenCli(app.db.url, ['create', '--lead-provider', 'Capita', '--programme', 'ecf', '--description', 'listed']);
      const [, id, token] = /Token (\S+) created[^\n]*\n(\S+)/.exec(created.stdout)!;
      const out = await tokenCli(app.db.url, ['list']);
      expect(out.code).toBe(0);
      const line = out.stdout.split('\n').find((l) => l.startsWith(id));
      expect(line).toBeDefined();
      expect(line).toContain('Capita [ecf]');
      expect(line).toMatch(/active$/);
      expect(out.stdout).not.toContain(token);
      expect(out.stdout).not.toContain(app.tokens.admin.token);
    });

    it('revokes a token by id; the token then gets 401', async () => {
      const created = await tokenCli(app.db.url, ['create', '--lead-provider', 'LLSE', '--programme', 'npq']);
      const [, id, token] = /Token (\S+) created[^\n]*\n(\S+)/.exec(created.stdout)!;
      expect((await second.request('GET', '/api/v3/statements', { token })).status).toBe(200);
      const out = await tokenCli(app.db.url, ['revoke', id]);
      expect(out.code).toBe(0);
      expect(out.stdout.trim()).toBe(`Token ${id} revoked.`);
      second.app.authenticator.invalidate();
      const res = await second.request('GET', '/api/v3/statements', { token });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(UNAUTHORIZED);
    });

    it('fails with a message for an unknown lead provider', async () => {
      const out = await tokenCli(app.db.url, ['create', '--lead-provider', 'Nobody Ltd', '--programme', 'ecf']);
      expect(out.code).toBe(1);
      expect(out.stderr.trim()).toBe('Lead provider "Nobody Ltd" not found');
      expect(out.stdout).toBe('');
    });

    it('fails with a message for a programme the provider does not deliver', async () => {
      const out = await tokenCli(app.db.url, ['create', '--lead-provider', 'Capita', '--programme', 'npq']);
      expect(out.code).toBe(1);
      expect(out.stderr.trim()).toBe('programme: Capita does not deliver NPQ');
    });

    it('fails with the usage text for an unknown command', async () => {
      const out = await tokenCli(app.db.url, ['rotate']);
      expect(out.code).toBe(64);
      expect(out.stderr).toContain('Usage:');
    });
  });
});

describe('last_used_at', () => {
  let app: TestApp;
  const statements: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ onQuery: (sql) => statements.push(sql) });
  });
  afterAll(async () => app?.close());

  const updatesOfTokens = () => statements.filter((s) => /update\s+"?api_tokens"?/i.test(s));

  it('is recorded without a write per request, and set after the batch flush', async () => {
    const token = app.token('Capita', 'ecf');
    const id = (
      await app.db.orm.em.fork().execute<{ id: string }[]>('select id from api_tokens where digest = ?', [tokenDigest(token, app.config.tokenPepper)])
    )[0].id;
    const lastUsed = async () =>
      (await app.db.orm.em.fork().execute<{ last_used_at: Date | null }[]>('select last_used_at from api_tokens where id = ?', [id]))[0].last_used_at;

    statements.length = 0;
    const before = Date.now();
    for (let i = 0; i < 20; i++) {
      const res = await app.request('GET', i % 2 ? '/api/v3/delivery-partners' : '/api/v3/statements', { token });
      expect(res.status).toBe(200);
    }
    expect(statements.length).toBeGreaterThan(0);
    expect(updatesOfTokens()).toEqual([]);
    expect(await lastUsed()).toBeNull();

    await app.app.authenticator.flushLastUsed();
    expect(updatesOfTokens()).toHaveLength(1);
    const at = await lastUsed();
    expect(at).not.toBeNull();
    expect(new Date(at!).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(at!).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('is not set for tokens that were not used', async () => {
    await app.app.authenticator.flushLastUsed();
    const unused = tokenDigest(app.token('LLSE', 'npq'), app.config.tokenPepper);
    const [row] = await app.db.orm.em.fork().execute<{ last_used_at: Date | null }[]>('select last_used_at from api_tokens where digest = ?', [unused]);
    expect(row.last_used_at).toBeNull();
  });
});
