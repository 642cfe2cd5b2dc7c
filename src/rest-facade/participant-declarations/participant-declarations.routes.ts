import type { Request } from 'express';
import type { ParticipantDeclarationFilterInput } from '../generated/graphql.js';
import { streamCsv } from '../shared/csv.js';
import { collection } from '../shared/envelope.js';
import type { Family } from '../shared/errors.js';
import { cohortList, commaList, filterOf, parsePage, updatedSince, uuidList } from '../shared/params.js';
import { STREAMED, type RestRoute } from '../shared/router.js';
import type { Programme } from '../shared/runtime.js';
import { declarationResponse } from './declaration-response.js';
import { LIST_PARTICIPANT_DECLARATIONS } from './participant-declarations.operations.js';
import { CSV_COLUMNS, csvRecord, serializeDeclaration, type DeclarationVersion } from './participant-declaration.serializer.js';

/** The live NPQ message for a `participant_id` filter that is not a comma list of UUIDs (npq.md §2.1). */
export const DECLARATION_PARTICIPANT_ID_DETAIL = "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs";

/** Rows per GraphQL read while streaming the CSV: memory holds one chunk. */
export const DECLARATIONS_CSV_CHUNK = 1000;

/**
 * The list filters of a version and programme:
 * - ECF v1/v2 (ecf.md §2.8): `participant_id` one id, exact; `updated_since` strictly after (`>`); nothing else.
 * - ECF v3: `cohort`, `participant_id` and `delivery_partner_id` comma lists, `updated_since` (`>=`).
 * - NPQ (npq.md §2.1, §5.1): `participant_id` a comma list of UUIDs (else 400), `updated_since` (`>=`); v3 also `cohort`.
 * Blank values do not filter; unknown keys are ignored.
 */
function filterInput(req: Request, family: Family, programme: Programme, version: DeclarationVersion): ParticipantDeclarationFilterInput {
  const filter = filterOf(req.query, family);
  const since = updatedSince(filter.updated_since, family);
  const v3 = version === 'v3';
  if (programme === 'npq') {
    return {
      participantIds: uuidList(filter.participant_id, DECLARATION_PARTICIPANT_ID_DETAIL),
      updatedSince: since,
      cohorts: v3 ? cohortList(filter.cohort) : undefined,
    };
  }
  if (!v3) {
    const participant = typeof filter.participant_id === 'string' ? filter.participant_id.trim() : '';
    return { participantIds: participant === '' ? undefined : [participant], updatedAfter: since };
  }
  return {
    participantIds: commaList(filter.participant_id),
    cohorts: cohortList(filter.cohort),
    deliveryPartnerIds: commaList(filter.delivery_partner_id),
    updatedSince: since,
  };
}

/**
 * `/api/{version}/participant-declarations` (ARCHITECTURE.md §2.2): one path for ECF (and RECT) and NPQ tokens; the
 * token's programme picks the records, the filters and the shape. List (paged, created_at then id), show, and on
 * v1/v2 the whole list as CSV.
 */
function declarationRoutesFor(version: DeclarationVersion): RestRoute[] {
  const base = `/api/${version}/participant-declarations`;
  const routes: RestRoute[] = [
    {
      method: 'get',
      path: base,
      programmes: ['ecf', 'npq'],
      family: 'by-token',
      async handle({ req, family, programme, run }) {
        const filter = filterInput(req, family, programme, version);
        const page = parsePage(req.query, family);
        const data = await run(LIST_PARTICIPANT_DECLARATIONS, { filter, page, version });
        return collection(data.participantDeclarations.items.map((d) => serializeDeclaration(d, programme, version)));
      },
    },
    {
      method: 'get',
      path: `${base}/:id`,
      programmes: ['ecf', 'npq'],
      family: 'by-token',
      handle: (call) => declarationResponse(call, String(call.req.params.id), version),
    },
  ];
  if (version !== 'v3') {
    const csvVersion = version;
    routes.push({
      method: 'get',
      path: `${base}.csv`,
      programmes: ['ecf', 'npq'],
      family: 'by-token',
      async handle({ req, res, family, programme, run }) {
        // Not paginated (ecf.md §2.3, npq.md §2.3): `page` is ignored; rows are read by cursor, a chunk at a time.
        // No rows → an empty body without a header, for both programmes.
        const filter = filterInput(req, family, programme, csvVersion);
        const read = async (after: string | null) => {
          const data = await run(LIST_PARTICIPANT_DECLARATIONS, { filter, page: { page: 1, perPage: DECLARATIONS_CSV_CHUNK }, after, version: csvVersion });
          return { rows: data.participantDeclarations.items, more: data.participantDeclarations.hasNextPage };
        };
        await streamCsv(
          res,
          CSV_COLUMNS[programme][csvVersion],
          await read(null),
          (last) => read(last.cursor),
          (d) => csvRecord(d, programme, csvVersion),
        );
        return STREAMED;
      },
    });
  }
  return routes;
}

export const participantDeclarationReadRoutes: RestRoute[] = [...declarationRoutesFor('v1'), ...declarationRoutesFor('v2'), ...declarationRoutesFor('v3')];
