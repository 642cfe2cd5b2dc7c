import { isUuid } from '../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { cohortCondition } from '../cohorts/cohort-filter.sql.js';
import { orderBy, probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { pgArray, rfc3339, rfc3339Millis } from '../shared/sql.js';
import type { ChallengeReason } from './partnership.entity.js';
import { participantsCurrentlyTrainingSql, rectUpdatedAtSql, trainingStepAtSql, trainingStepBetweenSql } from './partnership-training.js';

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

/**
 * Which API reads the partnership: ECF (`/partnerships/ecf`) shows the stamped `updated_at`; RECT (`/partnerships`)
 * also shows `participants_currently_training`, so its `updated_at` also moves when that count changes by itself
 * (`rectUpdatedAtSql`), for the attribute, `updatedSince` and the updated_at order alike.
 */
export type PartnershipShape = 'ecf' | 'rect';

const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

/** `updated_at` of partnership alias `p` in a shape, `st` being its `trainingStepAtSql` join. */
const updatedAtOf = (shape: PartnershipShape, p: string, st: string): string => (shape === 'rect' ? rectUpdatedAtSql(p, st) : `${p}.updated_at`);

// participants_currently_training: the partnership's training step at or before the request clock (one index
// probe per page row; partnership-training.ts). The one parameter is `now`.
const select = (shape: PartnershipShape): string => `
  select p.id, c.start_year as cohort, s.urn, p.school_id as "schoolId", p.delivery_partner_id as "deliveryPartnerId",
         dp.name as "deliveryPartnerName",
         case when p.challenge_reason is not null then 'challenged' else 'active' end as status,
         p.challenge_reason as "challengedReason", ${rfc3339Millis('p.challenged_at')} as "challengedAt",
         s.induction_tutor_name as "inductionTutorName",
         coalesce(s.induction_tutor_email, s.primary_contact_email, s.secondary_contact_email) as "inductionTutorEmail",
         ${participantsCurrentlyTrainingSql('st')} as "participantsCurrentlyTraining",
         ${rfc3339('p.created_at')} as "createdAt", ${rfc3339(updatedAtOf(shape, 'p', 'st'))} as "updatedAt"
    from partnerships p
    ${trainingStepAtSql('p', 'st')}
    join schools s on s.id = p.school_id
    join delivery_partners dp on dp.id = p.delivery_partner_id
    join cohorts c on c.id = p.cohort_id`;

/**
 * The caller's confirmed partnerships, challenged ones included (ecf.md §6.1). A key page from the partial
 * index of the requested order (it covers the cohort, delivery-partner and updated_at filters), then the
 * page's rows hydrated: one statement. In the RECT shape `updatedSince` and the updated_at order read the
 * clock-dependent `updated_at`: they probe the training steps of each of the provider's partnerships, not only of
 * the page's (docs/compatibility.md).
 */
export async function listPartnerships(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  filter: PartnershipFilter,
  page: PageRequest,
  sort?: SortTerm[],
  shape: PartnershipShape = 'ecf',
): Promise<Page<PartnershipView>> {
  // RECT's updated_at depends on the clock (rectUpdatedAtSql): the key page probes each candidate's training step
  // only when ordered by it; `updatedSince` is "stamped updated_at >= since, or a step in [since, now]", which is
  // exactly "RECT updated_at >= since" (the latest step at or before now is the last change of the count).
  const stepped = shape === 'rect' && (sort ?? []).some((t) => t.field === 'updated_at');
  const cohort = cohortCondition('c', filter.cohorts);
  const conditions = ['p.lead_provider_id = ?', 'p.relationship = false', `p.cohort_id = any(array(select c.id from cohorts c where ${cohort.sql}))`];
  const params: unknown[] = [...(stepped ? [now] : []), leadProviderId, ...cohort.params];
  if (filter.deliveryPartnerIds !== undefined) {
    conditions.push('p.delivery_partner_id::text = any(?::text[])');
    params.push(pgArray(filter.deliveryPartnerIds));
  }
  if (filter.updatedSince && shape === 'rect') {
    conditions.push(`(p.updated_at >= ? or ${trainingStepBetweenSql('p')})`);
    params.push(filter.updatedSince, filter.updatedSince, now);
  } else if (filter.updatedSince) {
    conditions.push('p.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  // The same order in the key page and the hydration: both name the partnership `p` and its step join `st`.
  const order = orderBy(sort, { created_at: 'p.created_at', updated_at: updatedAtOf(shape, 'p', 'st') }, DEFAULT_SORT, 'p.id');
  const rows = await em.execute<PartnershipView[]>(
    `with keys as (select p.id from partnerships p ${stepped ? trainingStepAtSql('p', 'st') : ''}
                    where ${conditions.join(' and ')} order by ${order} limit ? offset ?)
     ${select(shape)} join keys k on k.id = p.id order by ${order}`,
    [...params, limit, offset, now],
  );
  return toPage(rows, perPage);
}

export async function findPartnership(
  em: EntityManager,
  now: Date,
  leadProviderId: string,
  id: string,
  shape: PartnershipShape = 'ecf',
): Promise<PartnershipView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<PartnershipView[]>(`${select(shape)} where p.id = ? and p.lead_provider_id = ? and p.relationship = false`, [
    now,
    id,
    leadProviderId,
  ]);
  return rows[0] ?? null;
}
