import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError } from '../domain/shared/domain-error.js';
import { toGraphError } from '../graph/shared/errors.js';
import depthLimit from 'graphql-depth-limit';
import type { GraphQLSchema } from 'graphql';
import type { RequestHandler } from 'express';
import type { GraphContext } from '../graph/shared/context.js';
import type { AppEnv } from './config.js';
import { queryCostLimit } from './query-cost.js';

export const MAX_QUERY_DEPTH = 8;

/**
 * Apollo Server 5 on express 5: Sandbox landing page and introspection outside production only; a depth
 * limit and a cost limit (page size × fields) against expensive queries.
 */
export async function graphqlMiddleware(schema: GraphQLSchema, appEnv: AppEnv, context: (req: Parameters<RequestHandler>[0]) => GraphContext) {
  const production = appEnv === 'production';
  const server = new ApolloServer<GraphContext>({
    schema,
    introspection: !production,
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    plugins: [
      production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ embed: true }),
      queryCostLimit(schema),
    ],
    // Unexpected errors are not echoed to clients; domain errors carry their own code and message.
    formatError: (formatted, error) => {
      const cause = unwrapResolverError(error);
      if (cause instanceof DomainError) {
        const mapped = toGraphError(cause);
        return { ...formatted, message: mapped.message, extensions: mapped.extensions };
      }
      return formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' ? { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } } : formatted;
    },
  });
  await server.start();
  return { middleware: expressMiddleware(server, { context: async ({ req }) => context(req) }), stop: () => server.stop() };
}
