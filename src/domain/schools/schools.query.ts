import { isUuid } from '../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { limitOffset, orderBy, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { rfc3339 } from '../shared/sql.js';
import { eligibleSql } from './school-eligibility.js';
import type { InductionProgrammeChoice } from './school-cohort.entity.js';
import { trainingRouteSql, type TrainingRoute } from './training-route.js';

export interface SchoolView {
  id: string;
  name: string;
  urn: string;
  cohort: number;
  inPartnership: boolean;
  inductionProgrammeChoice: InductionProgrammeChoice;
  trainingRoute: TrainingRoute;
  /** True when the caller has a partnership with the school in this cohort (RECT). */
  expressionOfInterest: boolean;
  inductionTutorName: string | null;
  inductionTutorEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SchoolFilter {
  /** A single start year; required by the API (ecf.md §7). */
  cohort: number | null;
  urn?: string;
  updatedSince?: Date;
}

const SORT_COLUMNS = { created_at: 's.created_at', updated_at: 'sc.updated_at', name: 's.name', urn: 's.urn' };
const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

// An unchallenged partnership for the school in the row's cohort: confirmed ones only, unless
// `anyKind` (`in_partnership` also counts relationship-only rows, ecf.md §7).
const ACTIVE_PARTNERSHIP = (lpCondition: string, anyKind = false) => `exists (select 1 from partnerships p
   where p.school_id = s.id and p.cohort_id = sc.cohort_id ${anyKind ? '' : 'and p.relationship = false'}
     and p.challenged_at is null and p.challenge_reason is null ${lpCondition})`;

const SELECT = `
  select s.id, s.name, s.urn, c.start_year as cohort,
         ${ACTIVE_PARTNERSHIP('', true)} as "inPartnership",
         sc.induction_programme_choice as "inductionProgrammeChoice",
         ${trainingRouteSql('sc.induction_programme_choice')} as "trainingRoute",
         mine.eoi as "expressionOfInterest",
         -- The induction tutor is shown only to a provider working with the school (rect.md §3.3).
         case when mine.eoi then s.induction_tutor_name end as "inductionTutorName",
         case when mine.eoi then coalesce(s.induction_tutor_email, s.primary_contact_email, s.secondary_contact_email) end as "inductionTutorEmail",
         ${rfc3339('s.created_at')} as "createdAt", ${rfc3339('sc.updated_at')} as "updatedAt"
    from school_cohorts sc
    join schools s on s.id = sc.school_id
    join cohorts c on c.id = sc.cohort_id
    cross join lateral (select ${ACTIVE_PARTNERSHIP('and p.lead_provider_id = ?')} as eoi) mine`;

// Schools every provider sees in a cohort: eligible ones, and any school already in partnership (ecf.md §7).
const VISIBLE = `(${eligibleSql('s')} or ${ACTIVE_PARTNERSHIP('')})`;

/** Schools are not scoped to the caller: every lead provider sees the same list (ecf.md §7). */
export async function listSchools(
  em: EntityManager,
  leadProviderId: string,
  filter: SchoolFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<SchoolView[]> {
  if (filter.cohort === null) return [];
  const { limit, offset } = limitOffset(page);
  const conditions = ['c.start_year = ?', VISIBLE];
  const params: unknown[] = [leadProviderId, filter.cohort];
  if (filter.urn !== undefined) {
    conditions.push('s.urn = ?');
    params.push(filter.urn);
  }
  if (filter.updatedSince) {
    conditions.push('sc.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  return em.execute<SchoolView[]>(
    `${SELECT} where ${conditions.join(' and ')}
     order by ${orderBy(sort, SORT_COLUMNS, DEFAULT_SORT, 's.id')} limit ? offset ?`,
    [...params, limit, offset],
  );
}

export async function findSchool(em: EntityManager, leadProviderId: string, id: string, cohort: number | null): Promise<SchoolView | null> {
  if (cohort === null) return null;
  if (!isUuid(id)) return null;
  const rows = await em.execute<SchoolView[]>(`${SELECT} where s.id = ? and c.start_year = ? and ${VISIBLE}`, [leadProviderId, id, cohort]);
  return rows[0] ?? null;
}
