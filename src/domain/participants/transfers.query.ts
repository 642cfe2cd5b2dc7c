import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';
import { orderBy, probeLimitOffset, toPage, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { rfc3339 } from '../shared/sql.js';
import type { TransferRow, TransferSideRow } from './listing-projection.js';

export type TransferStatus = 'incomplete' | 'complete';
export type TransferType = TransferRow['transferType'];
/** One side (leaving or joining) of a transfer: the school, its provider's name (null: none) and the date. */
export type TransferSideView = TransferSideRow;

/** One transfer as the provider sees it (ecf.md §8.3). */
export interface TransferView {
  trainingRecordId: string;
  transferType: TransferType;
  status: TransferStatus;
  createdAt: string;
  leaving: TransferSideView;
  joining: TransferSideView | null;
}

/** A participant's transfers the provider sees (`participant-transfer`, id = participant id). */
export interface ParticipantTransfersView {
  id: string;
  updatedAt: string;
  transfers: TransferView[];
}

export interface TransferFilter {
  updatedSince?: Date;
}

const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

/**
 * The provider-visible `updated_at` of a `participant_transfer_views` row as of `now`: the stamp, or the latest
 * instant a transfer turned `complete` by itself if that is later and already past. Parameter: `now`.
 */
const effectiveUpdatedAtSql = (v: string): string => `greatest(${v}.updated_at, (select max(f) from unnest(${v}.flip_ats) f where f <= ?::timestamptz))`;

interface Row {
  id: string;
  updatedAt: string;
  transfers: TransferRow[];
}

/** `status`: `incomplete` while the leaving end or the joining start is still ahead (ecf.md §8.3), with the request clock. */
function shown(row: Row, now: Date): ParticipantTransfersView {
  return {
    id: row.id,
    updatedAt: row.updatedAt,
    transfers: row.transfers.map(({ flipAt, ...t }) => ({ ...t, status: flipAt !== null && new Date(flipAt) > now ? 'incomplete' : 'complete' })),
  };
}

/**
 * The caller's participants with transfers (ECF `/participants/ecf/transfers`, RECT `/participants/transfers`):
 * a key page from the projection's index of the requested order, the row itself being the response, in one
 * statement. `updatedSince` also matches rows whose transfer turned `complete` by itself in `[since, now]`: the
 * second branch is a range on `last_flip_at` (rows with a transfer completing at or after `since`: the in-progress
 * ones), rechecked against every flip instant of the row.
 */
export async function listParticipantTransfers(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  filter: TransferFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<ParticipantTransfersView>> {
  const conditions = ['v.lead_provider_id = ?'];
  const params: unknown[] = [now, leadProviderId];
  if (filter.updatedSince) {
    conditions.push('(v.updated_at >= ? or (v.last_flip_at >= ? and exists (select 1 from unnest(v.flip_ats) f where f between ? and ?)))');
    params.push(filter.updatedSince, filter.updatedSince, filter.updatedSince, now);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const inner = orderBy(sort, { created_at: 'v.participant_created_at', updated_at: 'updated_at' }, DEFAULT_SORT, 'v.participant_id');
  const outer = orderBy(sort, { created_at: 'k.participant_created_at', updated_at: 'k.updated_at' }, DEFAULT_SORT, 'k.participant_id');
  const rows = await em.execute<Row[]>(
    `with keys as (
       select v.id, v.participant_id, v.participant_created_at, ${effectiveUpdatedAtSql('v')} as updated_at
         from participant_transfer_views v where ${conditions.join(' and ')}
        order by ${inner} limit ? offset ?)
     select k.participant_id as id, ${rfc3339('k.updated_at')} as "updatedAt", v.transfers
       from keys k join participant_transfer_views v on v.id = k.id
      order by ${outer}`,
    [...params, limit, offset],
  );
  return toPage(
    rows.map((r) => shown(r, now)),
    perPage,
  );
}

/** One participant's transfers the caller sees, by participant id; null when there are none (404). */
export async function findParticipantTransfers(em: EntityManager, now: Date, leadProviderId: string, id: string): Promise<ParticipantTransfersView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<Row[]>(
    `select v.participant_id as id, ${rfc3339(effectiveUpdatedAtSql('v'))} as "updatedAt", v.transfers
       from participant_transfer_views v where v.lead_provider_id = ? and v.participant_id = ?::uuid`,
    [now, leadProviderId, id],
  );
  return rows[0] ? shown(rows[0], now) : null;
}
