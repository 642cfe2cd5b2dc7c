import { isUuid } from '../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rfc3339 } from '../shared/sql.js';
import { cohortCondition } from '../cohorts/cohort-filter.sql.js';
import { orderBy, probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import type { Programme } from '../shared/programme.js';

export interface DeliveryPartnerView {
  id: string;
  name: string;
  /** Start years in which this partner works with the caller, ascending (not limited by the filter). */
  cohorts: number[];
  /** RFC 3339 UTC. */
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryPartnerScope {
  leadProviderId: string;
  programme: Programme;
}

const SORT_COLUMNS = { created_at: 'dp.created_at', updated_at: 'dp.updated_at', name: 'dp.name' };
// ECF and RECT order by created_at; NPQ by name (npq.md §8).
const DEFAULT_SORT: Record<Programme, SortTerm[]> = {
  ecf: [{ field: 'created_at', direction: 'asc' }],
  npq: [{ field: 'name', direction: 'asc' }],
};

// One statement per page whatever its size: the cohort list is a correlated aggregate on an index.
const SELECT = `
  select dp.id, dp.name, ${rfc3339('dp.created_at')} as "createdAt", ${rfc3339('dp.updated_at')} as "updatedAt",
         array(select distinct c.start_year from provider_relationships pr join cohorts c on c.id = pr.cohort_id
                where pr.delivery_partner_id = dp.id and pr.lead_provider_id = ? and pr.programme = ?
                  and pr.discarded_at is null order by c.start_year) as cohorts
    from delivery_partners dp`;

export async function listDeliveryPartners(
  em: EntityManager,
  scope: DeliveryPartnerScope,
  filter: { cohorts: CohortFilter },
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<DeliveryPartnerView>> {
  const cohort = cohortCondition('c', filter.cohorts);
  const { limit, offset, perPage } = probeLimitOffset(page);
  const rows = await em.execute<DeliveryPartnerView[]>(
    `${SELECT}
    where dp.discarded_at is null
      and exists (select 1 from provider_relationships pr join cohorts c on c.id = pr.cohort_id
                   where pr.delivery_partner_id = dp.id and pr.lead_provider_id = ? and pr.programme = ?
                     and pr.discarded_at is null and ${cohort.sql})
    order by ${orderBy(sort, SORT_COLUMNS, DEFAULT_SORT[scope.programme], 'dp.id')}
    limit ? offset ?`,
    [scope.leadProviderId, scope.programme, scope.leadProviderId, scope.programme, ...cohort.params, limit, offset],
  );
  return toPage(rows, perPage);
}

/** A delivery partner the caller works with in any cohort, else null (ecf.md §8.1). */
export async function findDeliveryPartner(em: EntityManager, scope: DeliveryPartnerScope, id: string): Promise<DeliveryPartnerView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<DeliveryPartnerView[]>(
    `${SELECT}
    where dp.id = ? and dp.discarded_at is null
      and exists (select 1 from provider_relationships pr where pr.delivery_partner_id = dp.id
                   and pr.lead_provider_id = ? and pr.programme = ? and pr.discarded_at is null)`,
    [scope.leadProviderId, scope.programme, id, scope.leadProviderId, scope.programme],
  );
  return rows[0] ?? null;
}
