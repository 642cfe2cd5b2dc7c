import express from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { errorHandler } from '../../src/server/errors.js';
import { requestId } from '../../src/server/request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A raw HTTP/1.1 request (fetch refuses some of these headers), returning status, headers and body. */
function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP edges of the app', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  describe('X-Request-Id', () => {
    it('every response carries a generated one: 200, 401, 404, 400, OPTIONS, /healthz', async () => {
      const token = app.token('Ambition Institute', 'ecf');
      const responses = await Promise.all([
        app.request('GET', '/api/v3/statements', { token }),
        app.request('GET', '/api/v3/statements'),
        app.request('GET', '/nowhere'),
        app.request('GET', '/api/v3/partnerships/ecf?page%5Bpage%5D=0', { token }),
        app.request('OPTIONS', '/api/v3/statements'),
        app.request('GET', '/healthz'),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 401, 404, 400, 204, 200]);
      const ids = responses.map((r) => r.headers.get('x-request-id'));
      for (const id of ids) expect(id).toMatch(UUID);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('a well-formed incoming id is kept; a malformed one is replaced', async () => {
      const kept = await app.request('GET', '/healthz', { headers: { 'x-request-id': 'lb-7f3a.42:9_x' } });
      expect(kept.headers.get('x-request-id')).toBe('lb-7f3a.42:9_x');
      const replaced = await app.request('GET', '/healthz', { headers: { 'x-request-id': 'has spaces and "quotes"' } });
      expect(replaced.headers.get('x-request-id')).toMatch(UUID);
      const tooLong = await app.request('GET', '/healthz', { headers: { 'x-request-id': 'a'.repeat(129) } });
      expect(tooLong.headers.get('x-request-id')).toMatch(UUID);
    });
  });

  describe('OPTIONS', () => {
    it.each([
      ['/api/v3/partnerships/ecf', 'GET, HEAD, POST, OPTIONS'],
      ['/api/v3/partnerships/ecf/4a5b6c7d-0000-4000-8000-000000000000', 'GET, HEAD, PUT, PATCH, OPTIONS'],
      ['/api/v3/partnerships', 'GET, HEAD, POST, OPTIONS'],
      ['/api/v3/statements', 'GET, HEAD, OPTIONS'],
      ['/api/v3/statements/anything', 'GET, HEAD, OPTIONS'],
      ['/graphql', 'GET, HEAD, POST, OPTIONS'],
      ['/healthz', 'GET, HEAD, OPTIONS'],
      ['/api/docs/v3/swagger.yaml', 'GET, HEAD, OPTIONS'],
    ])('%s → 204 No Content, Allow: %s, no token needed', async (path, allow) => {
      const res = await app.request('OPTIONS', path);
      expect(res.status).toBe(204);
      expect(res.headers.get('allow')).toBe(allow);
      expect(res.text).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('an unknown path answers as GET does: the JSON 404, or the JSON 401 under /api without a token', async () => {
      const res = await app.request('OPTIONS', '/nothing-here');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ error: 'Resource not found' });
      const api = await app.request('OPTIONS', '/api/v3/nothing-here');
      expect(api.status).toBe(401);
      expect(api.body).toEqual({ error: 'HTTP Token: Access denied' });
    });
  });

  describe('headers over 16 KB', () => {
    it('→ 431 with a JSON body and a request id', async () => {
      const res = await raw(app.url, 'GET', '/api/v3/statements', { 'x-padding': 'x'.repeat(20_000) });
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.headers['x-request-id']).toMatch(UUID);
      expect(JSON.parse(res.body)).toEqual({ errors: [{ title: 'Request header fields too large', detail: 'The request headers are larger than 16 KB' }] });
    });

    it('a 15 KB header is still served', async () => {
      const res = await raw(app.url, 'GET', '/healthz', { 'x-padding': 'x'.repeat(15_000) });
      expect(res.status).toBe(200);
    });
  });

  describe('probes', () => {
    it('GET /healthz → 200 {"status":"ok"}, no token, no rate-limit headers', async () => {
      const res = await app.request('GET', '/healthz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
      expect(res.headers.get('ratelimit')).toBeNull();
      expect(res.headers.get('cache-control')).toBe('no-store');
    });

    it('GET /readyz → 200 with each check', async () => {
      const res = await app.request('GET', '/readyz');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', redis: 'not configured' } });
      expect(res.headers.get('ratelimit')).toBeNull();
    });

    it('GET /readyz → 503 while draining after SIGTERM', async () => {
      const drained = await startTestApp();
      try {
        drained.app.beginDrain();
        const res = await drained.request('GET', '/readyz');
        expect(res.status).toBe(503);
        expect(res.body).toEqual({ status: 'draining', checks: { database: 'ok', migrations: 'ok', redis: 'not configured' } });
        expect(res.headers.get('connection')).toBe('close');
      } finally {
        await drained.close();
      }
    });

    it('probes are outside the rate limit (more calls than RATE_LIMIT_IP_MAX)', async () => {
      const limited = await startTestApp({ env: { RATE_LIMIT_IP_MAX: '2' } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 5; i++) statuses.push((await limited.request('GET', '/healthz')).status, (await limited.request('GET', '/readyz')).status);
        expect(statuses).toEqual(Array(10).fill(200));
      } finally {
        await limited.close();
      }
    });
  });
});

describe('error handler', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    const app = express();
    app.use(requestId);
    app.get('/boom/:id', () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    app.get('/gone', () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    });
    app.use(errorHandler(pino({ level: 'info' }, sink)));
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => new Promise((r) => server.close(r)));
  beforeEach(() => void (lines.length = 0));

  it('a bug → 500 {"error":"Internal server error"} and exactly one log line with the error, route and request id, never the token', async () => {
    const res = await fetch(`${url}/boom/1?x=1`, { headers: { authorization: 'Bearer secret-token-value', 'x-request-id': 'req-500' } });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'Internal server error' });
    expect(res.headers.get('x-request-id')).toBe('req-500');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'unhandled error',
      status: 500,
      method: 'GET',
      route: '/boom/:id',
      requestId: 'req-500',
      err: { message: "Cannot read properties of undefined (reading 'x')" },
    });
    expect(JSON.stringify(lines)).not.toContain('secret-token-value');
  });

  it('a terminated database connection (57P01) → 503 + Retry-After, one line', async () => {
    const res = await fetch(`${url}/gone`, { headers: { authorization: 'Bearer secret-token-value' } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({
      errors: [
        { title: 'Service unavailable', detail: 'The service cannot reach its database just now; retry after the number of seconds in the Retry-After header' },
      ],
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'database unavailable', status: 503, route: '/gone', err: { code: '57P01' } });
    expect(JSON.stringify(lines)).not.toContain('secret-token-value');
  });
});
