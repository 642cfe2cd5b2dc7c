/**
 * The servers the benchmarks load, all in this process and on one ORM instance:
 *
 *   facade  the real app (createApp via startTestApp) on a throw-away database with the demo data
 *   direct  GET /direct/partnerships: express handler → listPartnerships(em.fork()) → serializeEcfPartnership
 *   apollo  GET /apollo/partnerships: the facade's own list route, its saved operation run by Apollo's
 *           server.executeOperation instead of graphql-js execute()
 *   extra   optional facade list routes over other schemas (what-if experiments), GET /<name>/partnerships
 *
 * direct, apollo and the extras sit on a second express app with createApp's settings and middleware chain
 * (access log, JSON body parser, the app's own Authenticator instance, the rate limiter, 401 check, request
 * clock). Keep that chain in step with src/server/app.ts, or the comparison drifts.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApolloServer } from '@apollo/server';
import depthLimit from 'graphql-depth-limit';
import type { ExecutionResult, GraphQLSchema } from 'graphql';
import { startTestApp, q, type TestApp } from '../../test/support/test-app.js';
import { graphSchema } from '../../src/graph/schema.js';
import type { GraphContext } from '../../src/graph/shared/context.js';
import { contextBuilder } from '../../src/server/context.js';
import { parseQueryString } from '../../src/server/query-string.js';
import { MAX_QUERY_DEPTH } from '../../src/server/graphql.js';
import { OperationRunner } from '../../src/server/operations.js';
import { stateOf } from '../../src/server/request-state.js';
import { listPartnerships } from '../../src/domain/partnerships/partnerships.query.js';
import { actingLeadProvider } from '../../src/domain/auth/caller.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import { savedOperations } from '../../src/rest-facade/index.js';
import { buildRouter, type RestRoute } from '../../src/rest-facade/shared/router.js';
import type { FacadeRuntime } from '../../src/rest-facade/shared/runtime.js';
import { RestHttpError } from '../../src/rest-facade/shared/errors.js';
import { collection } from '../../src/rest-facade/shared/envelope.js';
import { cohortList, commaList, filterOf, parsePage, sortTerms, updatedSince } from '../../src/rest-facade/shared/params.js';
import { partnershipsRoutes } from '../../src/rest-facade/partnerships/partnerships.routes.js';
import { serializeEcfPartnership } from '../../src/rest-facade/partnerships/partnership.serializers.js';

export const PROVIDER = 'Ambition Institute';
const FACADE_LIST_PATH = '/api/v3/partnerships/ecf';

export interface BenchServers {
  token: string;
  /** URL of each variant for one page of `perPage` partnerships. */
  urls: Record<string, string>;
  close(): Promise<void>;
}

const programmeOf: FacadeRuntime['programmeOf'] = (req) => {
  const caller = stateOf(req).caller;
  return caller.kind === 'lead_provider' ? caller.programme : null;
};

function facadeListRoute(path: string): RestRoute {
  const route = partnershipsRoutes.find((r) => r.method === 'get' && r.path === FACADE_LIST_PATH);
  if (!route) throw new Error(`the facade has no GET ${FACADE_LIST_PATH} route`);
  return { ...route, path };
}

async function listen(app: express.Express): Promise<{ server: Server; url: string }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function startBenchServers(opts: { perPage: number; extraSchemas?: Record<string, GraphQLSchema> }): Promise<BenchServers> {
  let t: TestApp | undefined;
  let apollo: ApolloServer<GraphContext> | undefined;
  let baseline: Server | undefined;
  const close = async () => {
    if (baseline) {
      const b = baseline;
      baseline = undefined;
      await new Promise((r) => b.close(r));
      b.closeAllConnections?.();
    }
    await apollo?.stop();
    apollo = undefined;
    await t?.close(); // closes the app and drops the throw-away database
    t = undefined;
  };

  try {
    // A rate-limit budget nobody can spend: the limiter still runs on every variant, it just never says no.
    t = await startTestApp({ env: { RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_IP_MAX: '1000000000' } });
    const orm = t.db.orm;
    const buildContext = contextBuilder(orm, t.app.tokens, 'test');

    // Apollo as /graphql configures it (src/server/graphql.ts), minus the landing page.
    apollo = new ApolloServer<GraphContext>({
      schema: await graphSchema(),
      introspection: true,
      validationRules: [depthLimit(MAX_QUERY_DEPTH)],
      formatError: (f) =>
        f.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } } : f,
    });
    await apollo.start();
    const server = apollo;

    const extras = Object.entries(opts.extraSchemas ?? {});
    const app = express();
    app.disable('x-powered-by');
    app.set('query parser', parseQueryString);
    app.set('trust proxy', false);
    app.use(...t.app.requestChain); // the app's own pre-route chain (request id, probes, access log, JSON body)
    const prefixes = ['/direct', '/apollo', ...extras.map(([name]) => `/${name}`)];
    app.use(prefixes, ...t.app.apiGuards); // the app's own chain, so the variants differ only after it

    // direct: what the facade's list route and the partnerships resolver do together, minus GraphQL.
    app.get('/direct/partnerships', async (req: Request, res: Response) => {
      const caller = stateOf(req).caller;
      if (caller.kind !== 'lead_provider' || caller.programme !== 'ecf') {
        res.status(403).json({ errors: [{ title: 'Forbidden', detail: 'This endpoint is for ECF lead provider tokens' }] });
        return;
      }
      try {
        const filter = filterOf(req.query, 'ecf');
        const page = parsePage(req.query, 'ecf');
        const since = updatedSince(filter.updated_since, 'ecf');
        const { items: rows } = await listPartnerships(
          orm.em.fork(),
          new Date(),
          actingLeadProvider(caller, 'ecf').leadProviderId,
          { cohorts: cohortList(filter.cohort), deliveryPartnerIds: commaList(filter.delivery_partner_id), updatedSince: since ? new Date(since) : undefined },
          page,
          sortTerms(req.query.sort),
        );
        res.status(200).json(collection(rows.map(serializeEcfPartnership)));
      } catch (e) {
        if (e instanceof RestHttpError) {
          res.status(e.status).json(e.body);
          return;
        }
        if (e instanceof DomainError) {
          res.status(e.code === 'forbidden' ? 403 : 400).json({ errors: [{ title: 'Error', detail: e.message }] });
          return;
        }
        throw e;
      }
    });

    // apollo: the facade's own list route (parsing, saved operation, serializer), run through executeOperation.
    app.use(
      buildRouter([facadeListRoute('/apollo/partnerships')], {
        programmeOf,
        async run(op, variables, req): Promise<ExecutionResult> {
          const response = await server.executeOperation({ query: op.document, operationName: op.name, variables }, { contextValue: buildContext(req) });
          if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
          return response.body.singleResult as ExecutionResult;
        },
      }),
    );

    // extras: the facade's list route and runner exactly as createApp wires them, over another schema.
    for (const [name, schema] of extras) {
      const runner = new OperationRunner(schema, savedOperations);
      app.use(buildRouter([facadeListRoute(`/${name}/partnerships`)], { programmeOf, run: (op, vars, req) => runner.run(op, vars, buildContext(req)) }));
    }

    app.use((_req: Request, res: Response) => void res.status(404).json({ error: 'Resource not found' }));
    app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
      console.error('bench app error:', (err as Error).message);
      res.status(500).json({ error: 'Internal server error' });
    });
    const listening = await listen(app);
    baseline = listening.server;

    const query = q(`?page[per_page]=${opts.perPage}`);
    const urls: Record<string, string> = {
      direct: `${listening.url}/direct/partnerships${query}`,
      facade: `${t.url}${FACADE_LIST_PATH}${query}`,
      apollo: `${listening.url}/apollo/partnerships${query}`,
    };
    for (const [name] of extras) urls[name] = `${listening.url}/${name}/partnerships${query}`;
    return { token: t.token(PROVIDER, 'ecf'), urls, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Fetches every variant once: each must answer 200 with the same bytes. Returns the facade's body. */
export async function checkIdenticalBodies(s: BenchServers): Promise<string> {
  const bodies: Record<string, string> = {};
  for (const [name, url] of Object.entries(s.urls)) {
    const res = await fetch(url, { headers: { authorization: `Bearer ${s.token}`, accept: 'application/json' } });
    bodies[name] = await res.text();
    if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${bodies[name].slice(0, 200)}`);
  }
  const different = Object.keys(bodies).filter((n) => bodies[n] !== bodies.facade);
  if (different.length) throw new Error(`not the same body as the facade: ${different.join(', ')}`);
  return bodies.facade;
}
