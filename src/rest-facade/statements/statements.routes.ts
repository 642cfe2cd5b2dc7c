import { collection, single } from '../shared/envelope.js';
import { notFound } from '../shared/errors.js';
import { cohortList, filterOf, parsePage, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { GET_STATEMENT, LIST_STATEMENTS } from './statements.operations.js';
import { serializeStatement } from './statement.serializer.js';

/** GET /api/v3/statements(/{id}): shared by ECF, RECT and NPQ; the token decides the records and shape. */
export const statementRoutes: RestRoute[] = [
  {
    method: 'get',
    path: '/api/v3/statements',
    programmes: ['ecf', 'npq'],
    family: 'by-token',
    async handle({ req, family, programme, run }) {
      const filter = filterOf(req.query, family);
      const page = parsePage(req.query, family);
      const type = programme === 'ecf' && typeof filter.type === 'string' && filter.type.trim() !== '' ? filter.type.trim() : undefined;
      const data = await run(LIST_STATEMENTS, {
        filter: { cohorts: cohortList(filter.cohort), updatedSince: updatedSince(filter.updated_since, family), type },
        page,
      });
      return collection(data.statements.items.map((st) => serializeStatement(st, programme)));
    },
  },
  {
    method: 'get',
    path: '/api/v3/statements/:id',
    programmes: ['ecf', 'npq'],
    family: 'by-token',
    async handle({ req, family, programme, run }) {
      const data = await run(GET_STATEMENT, { id: String(req.params.id) });
      if (!data.statement) throw notFound(family);
      return single(serializeStatement(data.statement, programme));
    },
  },
];
