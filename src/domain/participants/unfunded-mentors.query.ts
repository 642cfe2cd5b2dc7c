import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';
import { orderBy, probeLimitOffset, toPage, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { rfc3339 } from '../shared/sql.js';

/** A mentor of the provider's ECTs who does not train with the provider (ecf.md §8.2; `unfunded-mentor`, id = participant id). */
export interface UnfundedMentorView {
  id: string;
  fullName: string;
  email: string | null;
  teacherReferenceNumber: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UnfundedMentorFilter {
  updatedSince?: Date;
}

const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

const COLUMNS = `v.participant_id as id, v.full_name as "fullName", v.email, v.trn as "teacherReferenceNumber",
  ${rfc3339('v.participant_created_at')} as "createdAt", ${rfc3339('v.updated_at')} as "updatedAt"`;

/**
 * The caller's unfunded mentors: a key page from the projection's index of the requested order, then the page's
 * rows (the projection row is the response, so nothing else is joined), in one statement.
 */
export async function listUnfundedMentors(
  em: EntityManager,
  leadProviderId: string,
  filter: UnfundedMentorFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<UnfundedMentorView>> {
  const conditions = ['v.lead_provider_id = ?'];
  const params: unknown[] = [leadProviderId];
  if (filter.updatedSince) {
    conditions.push('v.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const inner = orderBy(sort, { created_at: 'v.participant_created_at', updated_at: 'v.updated_at' }, DEFAULT_SORT, 'v.participant_id');
  const outer = orderBy(sort, { created_at: 'k.participant_created_at', updated_at: 'k.updated_at' }, DEFAULT_SORT, 'k.participant_id');
  // The key page is an index-only range of the order's index (every column it reads is in the index); only the
  // page's rows are then read whole. EXPLAIN ANALYZE on 10,000 rows of one provider: page 1 under 1 ms, last page
  // 5–12 ms; reading whole rows in the same order made PostgreSQL sort them all (35–57 ms).
  const rows = await em.execute<UnfundedMentorView[]>(
    `with keys as (
       select v.participant_id, v.participant_created_at, v.updated_at from unfunded_mentor_views v
        where ${conditions.join(' and ')} order by ${inner} limit ? offset ?)
     select ${COLUMNS} from keys k join unfunded_mentor_views v on v.lead_provider_id = ? and v.participant_id = k.participant_id
      order by ${outer}`,
    [...params, limit, offset, leadProviderId],
  );
  return toPage(rows, perPage);
}

/** One unfunded mentor of the caller, by participant id; null otherwise (404). */
export async function findUnfundedMentor(em: EntityManager, leadProviderId: string, id: string): Promise<UnfundedMentorView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<UnfundedMentorView[]>(
    `select ${COLUMNS} from unfunded_mentor_views v where v.lead_provider_id = ? and v.participant_id = ?::uuid`,
    [leadProviderId, id],
  );
  return rows[0] ?? null;
}
