import { isUuid } from '../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { isoDate, rfc3339 } from '../shared/sql.js';
import { cohortCondition } from '../cohorts/cohort-filter.sql.js';
import { probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest } from '../shared/list-query.js';
import type { Programme } from '../shared/programme.js';

export interface StatementView {
  id: string;
  month: number;
  year: number;
  programme: Programme;
  cohort: number;
  cutOffDate: string;
  paymentDate: string;
  paid: boolean;
  state: 'open' | 'payable' | 'paid';
  outputFee: boolean;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `
  select st.id, st.month, st.year, st.programme, c.start_year as cohort,
         ${isoDate('st.deadline_date')} as "cutOffDate", ${isoDate('st.payment_date')} as "paymentDate",
         st.state = 'paid' as paid, st.state, st.output_fee as "outputFee",
         ${rfc3339('st.created_at')} as "createdAt", ${rfc3339('st.updated_at')} as "updatedAt"
    from statements st join cohorts c on c.id = st.cohort_id`;

export interface StatementFilter {
  cohorts: CohortFilter;
  updatedSince?: Date;
  /** ECF's `filter[type]`: anything but the caller's programme matches nothing (ecf.md §5). */
  type?: string;
}

/** Output-fee statements of the caller, by payment date (ecf.md §5, npq.md §7, rect.md §3.6). */
export async function listStatements(
  em: EntityManager,
  scope: { leadProviderId: string; programme: Programme },
  filter: StatementFilter,
  page: PageRequest,
): Promise<Page<StatementView>> {
  if (filter.type !== undefined && filter.type !== scope.programme) return { items: [], hasNextPage: false };
  const cohort = cohortCondition('c', filter.cohorts);
  const { limit, offset, perPage } = probeLimitOffset(page);
  const since = filter.updatedSince ? 'and st.updated_at >= ?' : '';
  const rows = await em.execute<StatementView[]>(
    `${SELECT}
    where st.lead_provider_id = ? and st.programme = ? and st.output_fee and ${cohort.sql} ${since}
    order by st.payment_date asc, st.id asc limit ? offset ?`,
    [scope.leadProviderId, scope.programme, ...cohort.params, ...(filter.updatedSince ? [filter.updatedSince] : []), limit, offset],
  );
  return toPage(rows, perPage);
}

/**
 * One statement of the caller. ECF shows any of its statements; NPQ only output-fee ones
 * (ecf.md §5, npq.md §7).
 */
export async function findStatement(em: EntityManager, scope: { leadProviderId: string; programme: Programme }, id: string): Promise<StatementView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<StatementView[]>(
    `${SELECT} where st.id = ? and st.lead_provider_id = ? and st.programme = ? ${scope.programme === 'npq' ? 'and st.output_fee' : ''}`,
    [id, scope.leadProviderId, scope.programme],
  );
  return rows[0] ?? null;
}
