import type { SavedOperation } from '../shared/runtime.js';

const FIELDS = 'id month year cohort cutOffDate paymentDate paid createdAt updatedAt';

export const LIST_STATEMENTS: SavedOperation = {
  name: 'ListStatements',
  document: `query ListStatements($filter: StatementFilterInput, $page: PageInput) {
    statements(filter: $filter, page: $page) { items { ${FIELDS} } }
  }`,
};

export const GET_STATEMENT: SavedOperation = {
  name: 'GetStatement',
  document: `query GetStatement($id: ID!) { statement(id: $id) { ${FIELDS} } }`,
};

export interface StatementData {
  id: string;
  month: number;
  year: number;
  cohort: number;
  cutOffDate: string;
  paymentDate: string;
  paid: boolean;
  createdAt: string;
  updatedAt: string;
}
