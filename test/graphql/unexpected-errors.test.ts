import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { graphqlMiddleware } from '../../src/server/graphql.js';
import { requestId } from '../../src/server/request-id.js';
import type { GraphContext } from '../../src/graph/shared/context.js';

/** /graphql over a two-field schema whose resolvers fail as a bug and as a database outage do. */
describe('/graphql unexpected errors', () => {
  const lines: Record<string, unknown>[] = [];
  let server: Server;
  let url: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: {
          bug: {
            type: GraphQLString,
            resolve: () => {
              throw new TypeError("Cannot read properties of undefined (reading 'id')");
            },
          },
          outage: {
            type: GraphQLString,
            resolve: () => {
              throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
            },
          },
        },
      }),
    });
    const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(JSON.parse(String(chunk))), done()) });
    const graphql = await graphqlMiddleware(schema, 'sandbox', () => ({}) as GraphContext, pino({ level: 'info' }, sink));
    stop = graphql.stop;
    const app = express();
    app.use(requestId, express.json(), graphql.middleware);
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
      // fetch reuses the connection between tests: on a loaded machine a gap over Node's 5 s default let the server
      // close it just as the next request went out (ECONNRESET in CI).
      s.keepAliveTimeout = 60_000;
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await stop();
    await new Promise((r) => server.close(r));
  });
  beforeEach(() => void (lines.length = 0));

  const post = (query: string, operationName?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer secret-token-value', 'x-request-id': 'req-123' },
      body: JSON.stringify({ query, operationName }),
    });

  it('a bug: INTERNAL_SERVER_ERROR with no detail, and exactly one log line with the operation name and request id, never the token', async () => {
    const res = await post('query Broken { bug }', 'Broken');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { bug: null }, errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 50,
      msg: 'graphql internal error',
      operationName: 'Broken',
      requestId: 'req-123',
      status: 500,
      err: { message: "Cannot read properties of undefined (reading 'id')" },
    });
    expect(JSON.stringify(lines)).not.toContain('secret-token-value');
  });

  it('the database unavailable: 503 + Retry-After and SERVICE_UNAVAILABLE, logged once', async () => {
    const res = await post('{ outage }');
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({
      data: { outage: null },
      errors: [{ message: 'The service cannot reach its database just now; retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'database unavailable', status: 503, requestId: 'req-123', err: { code: 'ECONNREFUSED' } });
  });

  it('client errors are not logged', async () => {
    const res = await post('{ nope }');
    expect(res.status).toBe(400);
    expect(lines).toEqual([]);
  });
});
