import { Router, type Request, type Response } from 'express';
import type { ExecutionResult } from 'graphql';
import { badRequest, restErrorFrom, RestHttpError, type Family } from './errors.js';
import { cleanQuery, containsNul, NUL_DETAIL } from './params.js';
import { CsvResponse } from './csv.js';
import type { FacadeRuntime, Programme, SavedOperation } from './runtime.js';

/** One REST operation: which token programmes may call it, whose wording it follows, and its handler. */
export interface RestRoute {
  method: 'get' | 'post' | 'put' | 'patch';
  /** Express path, e.g. `/api/v3/partnerships/ecf/:id`. */
  path: string;
  programmes: Programme[];
  /** Fixed family, or `by-token` for paths ECF and NPQ share (ARCHITECTURE.md §2.2). */
  family: Family | 'by-token';
  handle(call: RouteCall): Promise<unknown>;
}

export interface RouteCall {
  req: Request;
  family: Family;
  programme: Programme;
  /** Runs a saved operation and returns its data (typed by the operation's document), or throws the mapped REST error. */
  run: <TResult, TVariables extends Record<string, unknown>>(
    operation: SavedOperation<TResult, TVariables>,
    variables: NoInfer<TVariables>,
  ) => Promise<TResult>;
}

const forbidden = (programme: Programme, allowed: Programme[]) => ({
  errors: [
    {
      title: 'Forbidden',
      detail: `This endpoint is part of the ${allowed.map((p) => p.toUpperCase()).join('/')} API; your token is for the ${programme.toUpperCase()} programme`,
    },
  ],
});

const ADMIN_FORBIDDEN = {
  errors: [{ title: 'Forbidden', detail: 'Admin tokens are for the GraphQL API (/graphql); use a lead provider token here' }],
};

function dataOrThrow<T>(result: ExecutionResult, family: Family): T {
  if (result.errors?.length) {
    const mapped = restErrorFrom(result.errors[0], family);
    // A server-side failure (database gone, a bug) goes to the app's error handler, which classifies it (503 or
    // 500) and logs it once with the request id; the facade only shapes client errors.
    if (mapped.status >= 500) throw result.errors[0];
    throw new RestHttpError(mapped.status, mapped.body);
  }
  return result.data as T;
}

/** Builds the express router for a route table: programme check → handler → 200 JSON, or the mapped error. */
export function buildRouter(routes: RestRoute[], runtime: FacadeRuntime): Router {
  const router = Router();
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response) => {
      const programme = runtime.programmeOf(req);
      // Only lead-provider tokens use the REST API (ecf.md §9: other tokens get 403).
      if (programme === null) {
        res.status(403).json(ADMIN_FORBIDDEN);
        return;
      }
      // The path decides which API (and programme) it belongs to. Checked before any parsing so a token of the
      // other programme gets 403, not a 400 about its query; GraphQL callers get the same rule from the domain.
      if (!route.programmes.includes(programme)) {
        res.status(403).json(forbidden(programme, route.programmes));
        return;
      }
      const family: Family = route.family === 'by-token' ? programme : route.family;
      try {
        // Handlers only ever see the documented query shapes (strings, flat filter/page objects); express would
        // otherwise re-parse the raw query string on every `req.query` read.
        Object.defineProperty(req, 'query', { value: cleanQuery(req.query as Record<string, unknown>, family), configurable: true, enumerable: true });
        // A NUL reaching PostgreSQL is a protocol error (08P01), not a value: refuse it here, once for every route.
        if (containsNul(req.params) || containsNul(req.query) || containsNul(req.body)) throw badRequest(NUL_DETAIL);
        const body = await route.handle({
          req,
          family,
          programme,
          run: async <TResult, TVariables extends Record<string, unknown>>(op: SavedOperation<TResult, TVariables>, vars: TVariables) =>
            dataOrThrow<TResult>(await runtime.run(op, vars, req), family),
        });
        if (body instanceof CsvResponse) {
          // Streamed after the first chunk was read; a later failure can only cut the response short.
          await body.send(res);
          return;
        }
        res.status(200).json(body);
      } catch (e) {
        if (e instanceof RestHttpError) {
          res.status(e.status).json(e.body);
          return;
        }
        throw e;
      }
    });
  }
  return router;
}
