import express, { type Request, type RequestHandler, type Response } from 'express';
import { applyHeapGrowing } from './heap.js';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RedisClientType } from 'redis';
import { TokensService } from '../domain/auth/tokens.service.js';
import { graphSchema } from '../graph/schema.js';
import { restFacade, restRoutes, savedOperations } from '../rest-facade/index.js';
import { openApiYaml } from '../../spec/index.js';
import type { AppConfig } from './config.js';
import { DayCountCompactor } from './day-count-compactor.js';
import { Authenticator, requireCaller } from './auth.js';
import { requestClock } from './clock.js';
import { rateLimiter } from './rate-limit.js';
import { contextBuilder } from './context.js';
import { graphqlMiddleware } from './graphql.js';
import { OperationRunner } from './operations.js';
import { stateOf } from './request-state.js';
import { accessLog } from './access-log.js';
import { errorHandler } from './errors.js';
import { requestId } from './request-id.js';
import { parseQueryString } from './query-string.js';
import { healthRoutes } from './health.js';
import { optionsResponder, type RouteMethods } from './options.js';
import { createHttpServer } from './http-server.js';

export interface AppDeps {
  config: AppConfig;
  orm: MikroORM;
  log: Logger;
  redis?: RedisClientType;
}

export interface App {
  app: express.Express;
  authenticator: Authenticator;
  tokens: TokensService;
  /** What every request passes before routing: request id, drain, OPTIONS, probes, access log, JSON body. */
  requestChain: RequestHandler[];
  /** The guards every lead-provider REST request passes: authenticate, rate limit, 401, request clock. */
  apiGuards: RequestHandler[];
  /** SIGTERM: `/readyz` answers 503 and responses close their connection from now on. */
  beginDrain(): void;
  close(): Promise<void>;
}

const NOT_FOUND_ROUTE = { error: 'Resource not found' };

/**
 * Composition root. Request path: authenticate → rate limit → (401) → clock (400) → context → /graphql or the
 * REST facade (ARCHITECTURE.md §3). Docs are public and limited per IP.
 */
export async function createApp({ config, orm, log, redis }: AppDeps): Promise<App> {
  applyHeapGrowing(config.heapGrowingPercent);
  const tokens = new TokensService(config.tokenPepper);
  const authenticator = new Authenticator(orm, tokens, log);
  const compactor = new DayCountCompactor(orm, log);
  const schema = await graphSchema();
  const runner = new OperationRunner(schema, savedOperations);
  const buildContext = contextBuilder(orm, tokens, config.appEnv);
  const graphql = await graphqlMiddleware(schema, config.appEnv, buildContext, log);
  const limit = rateLimiter({ max: config.rateLimitMax, windowMs: config.rateLimitWindowMs, ipMax: config.rateLimitIpMax, redis, log });
  let draining = false;

  const app = express();
  app.disable('x-powered-by');
  // filter[cohort]=… and page[page]=… as one level of nesting; the facade admits only documented shapes.
  app.set('query parser', parseQueryString);
  app.set('trust proxy', false);
  // Everything a request passes before its route: request id, drain, OPTIONS, probes (no token, no rate limit,
  // no access-log line per probe), access log, JSON body. Exposed so the benchmark's baseline runs the same chain.
  const requestChain: RequestHandler[] = [
    requestId,
    (_req: Request, res: Response, next) => {
      if (draining) res.setHeader('Connection', 'close');
      next();
    },
    optionsResponder(servedMethods()),
    healthRoutes({ orm, redis, draining: () => draining }),
    accessLog(log),
    express.json({ limit: '1mb', type: ['application/json', 'application/vnd.api+json', 'text/x-json'] }),
  ];
  app.use(...requestChain);

  for (const v of ['v1', 'v2', 'v3'] as const) {
    const send = (_req: Request, res: Response) => void res.type('application/yaml').send(openApiYaml(v));
    app.get([`/api/docs/${v}/swagger.yaml`, `/lead-providers/api-docs/${v}/api_spec.yml`], limit, send);
  }

  const clock = requestClock(config.appEnv);
  app.use('/graphql', authenticator.middleware, limit, clock, graphql.middleware);

  const facade = restFacade({
    run: (op, vars, req) => runner.run(op, vars, buildContext(req)),
    programmeOf: (req) => {
      const caller = stateOf(req).caller;
      return caller.kind === 'lead_provider' ? caller.programme : null;
    },
  });
  const apiGuards: RequestHandler[] = [authenticator.middleware, limit, requireCaller, clock];
  app.use('/api', ...apiGuards);
  app.use(facade);

  app.use((_req: Request, res: Response) => void res.status(404).json(NOT_FOUND_ROUTE));
  app.use(errorHandler(log));

  // Every server for this app (main, tests, benchmarks) answers node-level errors (431, 400) with JSON.
  app.listen = (...args: unknown[]) => {
    const server = createHttpServer(app);
    return server.listen(...(args as Parameters<Server['listen']>));
  };

  return {
    app,
    authenticator,
    tokens,
    requestChain,
    apiGuards,
    beginDrain() {
      draining = true;
    },
    async close() {
      await compactor.close();
      await authenticator.close();
      await graphql.stop();
    },
  };
}

/** The methods each served path answers, for OPTIONS. */
function servedMethods(): RouteMethods[] {
  const byPath = new Map<string, Set<string>>();
  const add = (path: string, method: string) => byPath.set(path, (byPath.get(path) ?? new Set()).add(method.toUpperCase()));
  for (const r of restRoutes) add(r.path, r.method);
  add('/graphql', 'GET');
  add('/graphql', 'POST');
  add('/healthz', 'GET');
  add('/readyz', 'GET');
  for (const v of ['v1', 'v2', 'v3']) {
    add(`/api/docs/${v}/swagger.yaml`, 'GET');
    add(`/lead-providers/api-docs/${v}/api_spec.yml`, 'GET');
  }
  return [...byPath].map(([path, methods]) => ({ path, methods: [...methods] }));
}
