import { isUuid } from '../shared/ids.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import { orderBy, probeLimitOffset, toPage, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { rfc3339 } from '../shared/sql.js';
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
  /** RECT `induction_programme_choice`, derived from the training periods (rect.md §3.3). */
  rectTrainingRoute: Exclude<TrainingRoute, 'no_early_career_teachers'>;
  /** RECT: the caller has had a partnership with, or a participant training at, the school in this cohort (sticky). */
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

// Every list order is one partial index on school_cohorts (migration ListProjections), school id last.
const SORT_COLUMNS = { created_at: 'sc.school_created_at', updated_at: 'sc.updated_at', name: 'sc.school_name', urn: 'sc.school_urn' };
const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];

// Hydration of one page: RECT's `expression_of_interest` is the caller's id in the projected
// `eoi_lead_provider_ids`, and decides whether the induction tutor is shown (rect.md §3.3).
const HYDRATE = `
  select s.id, s.name, s.urn, c.start_year as cohort, sc.in_partnership as "inPartnership",
         sc.induction_programme_choice as "inductionProgrammeChoice",
         ${trainingRouteSql('sc.induction_programme_choice')} as "trainingRoute",
         sc.rect_training_route as "rectTrainingRoute",
         mine.eoi as "expressionOfInterest",
         case when mine.eoi then s.induction_tutor_name end as "inductionTutorName",
         case when mine.eoi then coalesce(s.induction_tutor_email, s.primary_contact_email, s.secondary_contact_email) end as "inductionTutorEmail",
         ${rfc3339('s.created_at')} as "createdAt", ${rfc3339('sc.updated_at')} as "updatedAt"
    from school_cohorts sc
    join schools s on s.id = sc.school_id
    join cohorts c on c.id = sc.cohort_id
    cross join lateral (select ?::uuid = any(sc.eoi_lead_provider_ids) as eoi) mine`;

/**
 * Schools are not scoped to the caller: every lead provider sees the same list (ecf.md §7). A narrow key
 * page from the index of the requested order, then the page's rows hydrated: one statement.
 */
export async function listSchools(
  em: EntityManager,
  leadProviderId: string,
  filter: SchoolFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<SchoolView>> {
  if (filter.cohort === null) return { items: [], hasNextPage: false };
  const { limit, offset, perPage } = probeLimitOffset(page);
  const conditions = ['sc.cohort_id = (select id from cohorts where start_year = ?)', 'sc.api_visible'];
  const params: unknown[] = [filter.cohort];
  if (filter.urn !== undefined) {
    conditions.push('sc.school_urn = ?');
    params.push(filter.urn);
  }
  if (filter.updatedSince) {
    conditions.push('sc.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  const order = orderBy(sort, SORT_COLUMNS, DEFAULT_SORT, 'sc.school_id');
  const rows = await em.execute<SchoolView[]>(
    `with keys as (
       select sc.school_id, sc.cohort_id from school_cohorts sc
        where ${conditions.join(' and ')} order by ${order} limit ? offset ?)
     ${HYDRATE} join keys k on k.school_id = sc.school_id and k.cohort_id = sc.cohort_id
     order by ${order}`,
    [...params, limit, offset, leadProviderId],
  );
  return toPage(rows, perPage);
}

export async function findSchool(em: EntityManager, leadProviderId: string, id: string, cohort: number | null): Promise<SchoolView | null> {
  if (cohort === null) return null;
  if (!isUuid(id)) return null;
  const rows = await em.execute<SchoolView[]>(`${HYDRATE} where s.id = ? and c.start_year = ? and sc.api_visible`, [leadProviderId, id, cohort]);
  return rows[0] ?? null;
}
