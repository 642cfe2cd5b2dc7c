import { GetStatementDocument, ListStatementsDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: statements.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_STATEMENTS = savedOperation(ListStatementsDocument);
export const GET_STATEMENT = savedOperation(GetStatementDocument);
