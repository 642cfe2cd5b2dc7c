import { isUuid } from '../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { cohortCondition } from '../cohorts/cohort-filter.sql.js';
import { orderBy, probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { pgArray, rfc3339, rfc3339Millis } from '../shared/sql.js';
import type { ChallengeReason } from './partnership.entity.js';
import { participantsCurrentlyTrainingSql } from './partnership-training.js';

export interface PartnershipView {
  id: string;
  cohort: number;
  urn: string;
  schoolId: string;
  deliveryPartnerId: string;
  deliveryPartnerName: string;
  status: 'active' | 'challenged';
  challengedReason: ChallengeReason | null;
  /** ECF renders this with milliseconds (generic JSON encoder, ecf.md §6.1). */
  challengedAt: string | null;
  inductionTutorName: string | null;
  inductionTutorEmail: string | null;
  /** Participants of this partnership training today (rect.md §3.4). */
  participantsCurrentlyTraining: number;
  createdAt: string;
  updatedAt: string;
}

export interface PartnershipFilter {
  cohorts: CohortFilter;
  deliveryPartnerIds?: string[];
  updatedSince?: Date;
}

const SORT_COLUMNS = { created_at: 'p.created_at', updated_at: 'p.updated_at' };
const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

// participants_currently_training: the partnership's training step at or before the request clock (one index
// probe per page row; partnership-training.ts). The one parameter is `now`.
const SELECT = `
  select p.id, c.start_year as cohort, s.urn, p.school_id as "schoolId", p.delivery_partner_id as "deliveryPartnerId",
         dp.name as "deliveryPartnerName",
         case when p.challenge_reason is not null then 'challenged' else 'active' end as status,
         p.challenge_reason as "challengedReason", ${rfc3339Millis('p.challenged_at')} as "challengedAt",
         s.induction_tutor_name as "inductionTutorName",
         coalesce(s.induction_tutor_email, s.primary_contact_email, s.secondary_contact_email) as "inductionTutorEmail",
         ${participantsCurrentlyTrainingSql('p')} as "participantsCurrentlyTraining",
         ${rfc3339('p.created_at')} as "createdAt", ${rfc3339('p.updated_at')} as "updatedAt"
    from partnerships p
    join schools s on s.id = p.school_id
    join delivery_partners dp on dp.id = p.delivery_partner_id
    join cohorts c on c.id = p.cohort_id`;

/**
 * The caller's confirmed partnerships, challenged ones included (ecf.md §6.1). A key page from the partial
 * index of the requested order (it covers the cohort, delivery-partner and updated_at filters), then the
 * page's rows hydrated: one statement.
 */
export async function listPartnerships(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  filter: PartnershipFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<PartnershipView>> {
  const cohort = cohortCondition('c', filter.cohorts);
  const conditions = ['p.lead_provider_id = ?', 'p.relationship = false', `p.cohort_id = any(array(select c.id from cohorts c where ${cohort.sql}))`];
  const params: unknown[] = [leadProviderId, ...cohort.params];
  if (filter.deliveryPartnerIds !== undefined) {
    conditions.push('p.delivery_partner_id::text = any(?::text[])');
    params.push(pgArray(filter.deliveryPartnerIds));
  }
  if (filter.updatedSince) {
    conditions.push('p.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const order = orderBy(sort, SORT_COLUMNS, DEFAULT_SORT, 'p.id');
  const rows = await em.execute<PartnershipView[]>(
    `with keys as (select p.id from partnerships p where ${conditions.join(' and ')} order by ${order} limit ? offset ?)
     ${SELECT} join keys k on k.id = p.id order by ${order}`,
    [...params, limit, offset, now],
  );
  return toPage(rows, perPage);
}

export async function findPartnership(em: EntityManager, now: Date, leadProviderId: string, id: string): Promise<PartnershipView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<PartnershipView[]>(`${SELECT} where p.id = ? and p.lead_provider_id = ? and p.relationship = false`, [now, id, leadProviderId]);
  return rows[0] ?? null;
}
