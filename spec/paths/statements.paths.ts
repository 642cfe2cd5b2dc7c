import { listOperation, showOperation, type PathGroup } from '../operations.js';

const TAG = 'Statements';

const SHAPE = 'An ECF token gets ECF statements (with `type: ecf`); an NPQ token gets NPQ statements (without `type`).';

export const statementPaths: PathGroup = {
  tags: [{ name: TAG, description: 'Financial statements on which DfE pays the lead provider.' }],
  paths: {
    '/api/v3/statements': {
      get: listOperation({
        operationId: 'listStatements',
        summary: 'List statements',
        description: `The lead provider's output-fee statements for the selected cohorts, by payment date. ${SHAPE}`,
        tag: TAG,
        audience: 'shared',
        body: 'StatementsResponse',
        filters: ['FilterCohortList', 'FilterStatementType', 'FilterUpdatedSince'],
      }),
    },
    '/api/v3/statements/{id}': {
      get: showOperation({
        operationId: 'getStatement',
        summary: 'Get a statement',
        description: `One of the lead provider's statements. ${SHAPE}`,
        tag: TAG,
        audience: 'shared',
        body: 'StatementResponse',
      }),
    },
  },
};
