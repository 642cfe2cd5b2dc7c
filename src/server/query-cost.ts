import { GraphQLError, getOperationAST, getVariableValues, type DocumentNode, type GraphQLSchema } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';

/**
 * One full 3000-row page of a resource of up to 50 fields per request, so a tool can read what one REST page
 * serves: the widest row today, an ECF participant with its enrolments and id changes, is 34 fields (102,000 for
 * 3000 rows). Two such pages, or six 3000-row pages of a 9-field partnership, are over the limit.
 */
export const MAX_QUERY_COST = 150_000;

/** The estimated cost of one operation with coerced variables (see queryCostLimit). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): number {
  return getComplexity({
    schema,
    query: document,
    operationName: operationName ?? undefined,
    variables,
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

/**
 * Apollo plugin rejecting operations whose estimated cost exceeds MAX_QUERY_COST, after validation and before
 * any resolver runs. Each paged list declares its cost in the schema (`complexity: pagedListComplexity`,
 * src/graph/shared/page.ts): the rows it will really return (its perPage, 100 when omitted) × the fields of a
 * row. Any other field costs 1.
 */
export function queryCostLimit(schema: GraphQLSchema, max = MAX_QUERY_COST): ApolloServerPlugin {
  return {
    // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's plugin hooks are typed to return a Promise
    async requestDidStart() {
      return {
        // eslint-disable-next-line @typescript-eslint/require-await -- Apollo's plugin hooks are typed to return a Promise
        async didResolveOperation({ request, document }) {
          const operation = getOperationAST(document, request.operationName);
          // Variables that do not coerce (missing, wrong type, out of Int range) are left to execution, which
          // answers 400 BAD_USER_INPUT before any resolver runs; the estimate needs coerced values.
          if (!operation || 'errors' in getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 1 })) return;
          const cost = queryCost(schema, document, request.variables, request.operationName);
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
