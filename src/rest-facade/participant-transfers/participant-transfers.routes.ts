import { collection, single } from '../shared/envelope.js';
import { notFound, type Family } from '../shared/errors.js';
import { filterOf, parsePage, sortTerms, updatedSince } from '../shared/params.js';
import type { RestRoute } from '../shared/router.js';
import { graphSort } from '../shared/runtime.js';
import { GET_PARTICIPANT_TRANSFERS, LIST_PARTICIPANT_TRANSFERS, TRANSFER_SORT_FIELDS } from './participant-transfers.operations.js';
import { serializeParticipantTransfers } from './participant-transfer.serializers.js';

/**
 * Participant transfers (ecf.md §8.3, rect.md §3.8) on `base` (`/api/v3/participants/ecf` or `/api/v3/participants`).
 * The list's literal path must be registered before `${base}/:id` (src/rest-facade/index.ts puts these first).
 * ECF takes no `sort`: its order is `updated_at` when `filter[updated_since]` is given, else `created_at`
 * (ecf.md §2.5); RECT sorts on `created_at` / `updated_at`.
 */
function transferRoutes(base: string, family: Exclude<Family, 'npq'>): RestRoute[] {
  return [
    {
      method: 'get',
      path: `${base}/transfers`,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const filter = filterOf(req.query, family);
        const page = parsePage(req.query, family);
        const since = updatedSince(filter.updated_since, family);
        const sort =
          family === 'rect'
            ? graphSort(sortTerms(req.query.sort), TRANSFER_SORT_FIELDS)
            : since
              ? [{ field: 'updatedAt' as const, direction: 'asc' as const }]
              : undefined;
        const data = await run(LIST_PARTICIPANT_TRANSFERS, { filter: { updatedSince: since }, page, sort });
        return collection(data.participantTransfers.items.map(serializeParticipantTransfers));
      },
    },
    {
      method: 'get',
      path: `${base}/:id/transfers`,
      programmes: ['ecf'],
      family,
      async handle({ req, run }) {
        const data = await run(GET_PARTICIPANT_TRANSFERS, { id: String(req.params.id) });
        if (!data.participantTransfer) throw notFound(family);
        return single(serializeParticipantTransfers(data.participantTransfer));
      },
    },
  ];
}

export const participantTransferRoutes: RestRoute[] = [...transferRoutes('/api/v3/participants/ecf', 'ecf'), ...transferRoutes('/api/v3/participants', 'rect')];
