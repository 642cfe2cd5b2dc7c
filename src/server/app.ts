import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { RedisClientType } from 'redis';
import { TokensService } from '../domain/auth/tokens.service.js';
import { graphSchema } from '../graph/schema.js';
import { restFacade, savedOperations } from '../rest-facade/index.js';
import { openApiYaml } from '../../spec/index.js';
import type { AppConfig } from './config.js';
import { Authenticator, requireCaller } from './auth.js';
import { requestClock } from './clock.js';
import { rateLimiter } from './rate-limit.js';
import { contextBuilder } from './context.js';
import { graphqlMiddleware } from './graphql.js';
import { OperationRunner } from './operations.js';
import { stateOf } from './request-state.js';
import { accessLog } from './access-log.js';

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
  /** The guards every lead-provider REST request passes: authenticate, rate limit, 401, request clock. */
  apiGuards: RequestHandler[];
  close(): Promise<void>;
}

const NOT_FOUND_ROUTE = { error: 'Resource not found' };

/**
 * Composition root. Request path: authenticate → rate limit → (401) → clock (400) → context → /graphql or the
 * REST facade (ARCHITECTURE.md §3). Docs are public and limited per IP.
 */
export async function createApp({ config, orm, log, redis }: AppDeps): Promise<App> {
  const tokens = new TokensService(config.tokenPepper);
  const authenticator = new Authenticator(orm, tokens, log);
  const schema = await graphSchema();
  const runner = new OperationRunner(schema, savedOperations);
  const buildContext = contextBuilder(orm, tokens);
  const graphql = await graphqlMiddleware(schema, config.appEnv, buildContext, log);
  const limit = rateLimiter({ max: config.rateLimitMax, windowMs: config.rateLimitWindowMs, ipMax: config.rateLimitIpMax, redis });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended'); // filter[cohort]=… and page[page]=… as nested objects
  app.set('trust proxy', false);
  app.use(accessLog(log));
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/vnd.api+json', 'text/x-json'] }));

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
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ title: 'Bad request', detail: 'The request body is not valid JSON' }] });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ title: 'Payload too large', detail: 'The request body is larger than 1 MB' }] });
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ errors: [{ title: 'Bad request', detail: e.message ?? 'Bad request' }] });
      return;
    }
    log.error({ err: e.message }, 'unhandled error');
    res.status(500).json({ error: 'Internal server error' });
  });

  return {
    app,
    authenticator,
    tokens,
    apiGuards,
    async close() {
      await authenticator.close();
      await graphql.stop();
    },
  };
}
