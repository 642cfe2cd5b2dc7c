import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { unwrapResolverError } from '@apollo/server/errors';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import depthLimit from 'graphql-depth-limit';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema, type ValidationContext } from 'graphql';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { DomainError } from '../domain/shared/domain-error.js';
import { toGraphError } from '../graph/shared/errors.js';
import type { GraphContext } from '../graph/shared/context.js';
import type { AppEnv } from './config.js';
import { queryCostLimit } from './query-cost.js';
import { DATABASE_RETRY_AFTER_SECONDS, errorForLog, isDatabaseUnavailable } from './errors.js';
import { stateOf } from './request-state.js';

export const MAX_QUERY_DEPTH = 8;
/** Aliased fields per operation (fragments included). Real tools alias a handful of lists; the cost limit prices them. */
export const MAX_ALIASES = 20;
/** Lexical tokens per document, enforced while parsing, so an oversized document never reaches validation. */
export const MAX_TOKENS = 3000;
/** Field selections per operation with fragments expanded (Apollo's recursive-selection limit). */
export const MAX_SELECTIONS = 1000;
/** Characters of the query document; checked before Apollo hashes or parses it. */
export const MAX_DOCUMENT_CHARS = 20_000;

const SUGGESTION = / ?Did you mean(.+?)\?$/;

/** An error no rule produced (a bug or an outage): it is logged once and shown only as a code. */
function isUnexpected(error: GraphQLError): boolean {
  const cause = unwrapResolverError(error);
  if (cause instanceof DomainError) return false;
  const code = error.extensions?.code;
  return code === undefined || code === 'INTERNAL_SERVER_ERROR' || isDatabaseUnavailable(error);
}

/**
 * One log line per unexpected error, with the operation name and the request id; never the request headers.
 * Database outages also turn the response into 503 + Retry-After, as on REST.
 */
function unexpectedErrors(log: Logger | undefined): ApolloServerPlugin<GraphContext> {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's plugin hooks are typed to return a Promise
    async requestDidStart() {
      let unavailable = false;
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's plugin hooks are typed to return a Promise
        async didEncounterErrors({ errors, operationName, contextValue }) {
          for (const error of errors) {
            if (!isUnexpected(error)) continue;
            const outage = isDatabaseUnavailable(error);
            unavailable ||= outage;
            log?.error(
              {
                err: errorForLog(unwrapResolverError(error)),
                status: outage ? 503 : 500,
                route: '/graphql',
                operationName: operationName ?? null,
                path: error.path,
                requestId: contextValue?.requestId,
              },
              outage ? 'database unavailable' : 'graphql internal error',
            );
          }
        },
        // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's plugin hooks are typed to return a Promise
        async willSendResponse({ response }) {
          if (!unavailable) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}

/** The alias cap as a later validation rule, reported (not thrown) as a validation error. */
const aliasLimit = (max: number) =>
  maxAliasesRule({
    n: max,
    allowList: [], // `a1: __typename` counts too
    propagateOnRejection: false,
    onReject: [(context, error) => (context as ValidationContext).reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')))],
  });

/**
 * Apollo Server 5 on express 5: Sandbox landing page and introspection outside production only. Limits, each a
 * 400 before any resolver runs: document size and token count (parse), field selections, then — only once the
 * standard validation passed, so a fragment cycle is a validation error, not a stack overflow — depth and
 * aliases, then the cost (page size × fields). Production hides "Did you mean" suggestions; only
 * development includes stack traces.
 */
export async function graphqlMiddleware(schema: GraphQLSchema, appEnv: AppEnv, context: (req: Request) => GraphContext, log?: Logger) {
  const production = appEnv === 'production';
  const server = new ApolloServer<GraphContext>({
    schema,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    // Stack traces help only a developer; the test suite asserts exact error bodies, and sandbox is public.
    includeStacktraceInErrorResponses: appEnv === 'development',
    parseOptions: { maxTokens: MAX_TOKENS },
    // Setting this also makes Apollo run `validationRules` after the specified rules have passed.
    maxRecursiveSelections: MAX_SELECTIONS,
    validationRules: [depthLimit(MAX_QUERY_DEPTH), aliasLimit(MAX_ALIASES)],
    plugins: [
      production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      queryCostLimit(schema),
      unexpectedErrors(log),
    ],
    // Unexpected errors are not echoed to clients; domain errors carry their own code and message.
    formatError: (formatted, error) => {
      const cause = unwrapResolverError(error);
      let out: GraphQLFormattedError = formatted;
      if (cause instanceof DomainError) {
        const mapped = toGraphError(cause);
        out = { ...formatted, message: mapped.message, extensions: mapped.extensions };
      } else if (isDatabaseUnavailable(error)) {
        out = { message: 'The service cannot reach its database just now; retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } };
      } else if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
        out = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      // Variable coercion messages suggest enum values and input fields too; production names none.
      return production && SUGGESTION.test(out.message) ? { ...out, message: out.message.replace(SUGGESTION, '') } : out;
    },
  });
  await server.start();
  const apollo = expressMiddleware(server, {
    // eslint-disable-next-line @typescript-eslint/require-await -- expressMiddleware's context function is typed to return a Promise
    context: async ({ req }) => {
      const ctx = context(req);
      ctx.requestId = stateOf(req).requestId;
      return ctx;
    },
  });
  const middleware: RequestHandler = (req, res, next) => {
    const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query?.query;
    if (typeof query === 'string' && query.length > MAX_DOCUMENT_CHARS) {
      res.status(400).json({
        errors: [
          {
            message: `The query document has ${query.length} characters, more than the limit of ${MAX_DOCUMENT_CHARS}`,
            extensions: { code: 'QUERY_TOO_LARGE' },
          },
        ],
      });
      return;
    }
    return apollo(req, res, next);
  };
  return { middleware, stop: () => server.stop() };
}
