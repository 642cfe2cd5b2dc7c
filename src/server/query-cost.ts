import { GraphQLError, type GraphQLSchema } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';

/** About two full 3000-row pages of a 15-field resource per request. */
export const MAX_QUERY_COST = 100_000;

/**
 * A list field costs its page size times the cost of one row, so a query cannot ask for many large
 * pages at once (for example under aliases). Fields without paging cost 1.
 */
const pagedListEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const page = args.page as { perPage?: number } | undefined;
  if (!('page' in args) && !('filter' in args)) return undefined;
  const rows = Math.min(Math.max(page?.perPage ?? 100, 1), 3000);
  return rows * Math.max(childComplexity, 1);
};

/** Apollo plugin rejecting operations whose estimated cost exceeds MAX_QUERY_COST. */
export function queryCostLimit(schema: GraphQLSchema, max = MAX_QUERY_COST): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const cost = getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables,
            estimators: [pagedListEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (cost > max) {
            throw new GraphQLError(`The query costs ${cost}, more than the limit of ${max}; ask for fewer or smaller pages`, {
              extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
