import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';
import { orderBy, probeLimitOffset, toPage, type CohortFilter, type Page, type PageRequest, type SortTerm } from '../shared/list-query.js';
import { isoDate, pgArray, rfc3339 } from '../shared/sql.js';
import type { ApplicationStatus, RejectionReason, TrainingStatus } from './npq-application.entity.js';

/** An NPQ application as the caller sees it (npq.md §2.2 "Application", with the v1/v2 and CSV raw values). */
export interface NpqApplicationView {
  id: string;
  courseIdentifier: string;
  email: string | null;
  emailValidated: boolean;
  employerName: string | null;
  employmentRole: string | null;
  fullName: string;
  fundingChoice: string | null;
  headteacherStatus: string | null;
  /** `previously-funded`, `establishment-ineligible` or null (npq.md §1.5). */
  ineligibleForFundingReason: 'previously-funded' | 'establishment-ineligible' | null;
  participantId: string;
  privateChildcareProviderUrn: string | null;
  /** v3: the TRN only once verified. */
  teacherReferenceNumber: string | null;
  /** v1/v2 and the CSV: the TRN as recorded, verified or not. */
  recordedTeacherReferenceNumber: string | null;
  teacherReferenceNumberValidated: boolean;
  schoolUrn: string | null;
  schoolUkprn: string | null;
  status: ApplicationStatus;
  reasonForRejection: RejectionReason | null;
  worksInSchool: boolean | null;
  cohort: number | null;
  cohortSuffix: string | null;
  cohortIdentifier: string | null;
  /** Derived: false when previously funded, unless marked funded by policy. */
  eligibleForFunding: boolean;
  /** The registration answer as stored (enrolments and the CSVs show this one). */
  recordedEligibleForFunding: boolean;
  targetedDeliveryFundingEligibility: boolean;
  /** Inside the UK. */
  teacherCatchment: boolean;
  teacherCatchmentCountry: string | null;
  teacherCatchmentIsoCountryCode: string | null;
  ittProvider: string | null;
  leadMentor: boolean;
  fundedPlace: boolean | null;
  createdAt: string;
  updatedAt: string;
  scheduleIdentifier: string | null;
  worksAsSenco: string | null;
  sencoStartDate: string | null;
  trainingStatus: TrainingStatus | null;
  acceptedAt: string | null;
}

export interface NpqApplicationFilter {
  /** Start years; every suffix of a year matches (npq.md §1.2). */
  cohorts?: CohortFilter;
  participantIds?: string[];
  updatedSince?: Date;
  /** Only these statuses (the enrolments export reads the accepted ones). */
  statuses?: ApplicationStatus[];
  /**
   * Keyset paging for full exports: only applications after this one in the default order (created_at, id).
   * The default order then applies whatever `sort` says.
   */
  afterId?: string;
}

const SORT_COLUMNS = { created_at: 'a.created_at', updated_at: 'a.updated_at' };
const DEFAULT_SORT: SortTerm[] = [{ field: 'created_at', direction: 'asc' }];
const UK_CATCHMENTS = `('england', 'scotland', 'wales', 'northern_ireland', 'jersey_guernsey_isle_of_man')`;

// previously funded: another accepted application of the same person for this course (ASO = EHCO) that was
// eligible and not refused a funded place (npq.md §1.5). Per row of the page only.
const SELECT = `
  select a.id, a.course_identifier as "courseIdentifier", p.email, true as "emailValidated",
         a.employer_name as "employerName", a.employment_role as "employmentRole", p.full_name as "fullName",
         a.funding_choice as "fundingChoice", a.headteacher_status as "headteacherStatus",
         case when pf.yes then 'previously-funded' when not a.eligible_for_funding then 'establishment-ineligible' end as "ineligibleForFundingReason",
         a.participant_id as "participantId", a.private_childcare_provider_urn as "privateChildcareProviderUrn",
         case when p.trn_verified then p.trn end as "teacherReferenceNumber", p.trn as "recordedTeacherReferenceNumber",
         p.trn_verified as "teacherReferenceNumberValidated", a.school_urn as "schoolUrn", a.ukprn as "schoolUkprn",
         a.status, a.reason_for_rejection as "reasonForRejection", a.works_in_school as "worksInSchool",
         c.start_year as cohort, c.suffix as "cohortSuffix", c.identifier as "cohortIdentifier",
         case when pf.yes and a.funding_eligibility_status_code is distinct from 'marked_funded_by_policy' then false
              else a.eligible_for_funding end as "eligibleForFunding",
         a.eligible_for_funding as "recordedEligibleForFunding",
         a.targeted_delivery_funding_eligibility as "targetedDeliveryFundingEligibility",
         coalesce(a.teacher_catchment in ${UK_CATCHMENTS}, false) as "teacherCatchment",
         a.teacher_catchment_country as "teacherCatchmentCountry", a.teacher_catchment_iso_country_code as "teacherCatchmentIsoCountryCode",
         a.itt_provider as "ittProvider", a.lead_mentor as "leadMentor", a.funded_place as "fundedPlace",
         ${rfc3339('a.created_at')} as "createdAt", ${rfc3339('a.updated_at')} as "updatedAt",
         s.schedule_identifier as "scheduleIdentifier", a.senco_in_role as "worksAsSenco", ${isoDate('a.senco_start_date')} as "sencoStartDate",
         a.training_status as "trainingStatus", ${rfc3339('a.accepted_at')} as "acceptedAt"
    from npq_applications a
    join npq_participants p on p.id = a.participant_id
    left join npq_cohorts c on c.id = a.npq_cohort_id
    left join schedules s on s.id = a.schedule_id
    cross join lateral (select exists (select 1 from npq_applications o
                                        where o.participant_id = a.participant_id and o.id <> a.id and o.status = 'accepted'
                                          and o.eligible_for_funding and o.funded_place is not false and o.course_family = a.course_family) as yes) pf`;

/**
 * The caller's applications, every status and cohort (npq.md §3.1), by created_at unless sorted. A key page from
 * the provider's index of the requested order (it covers the cohort, participant and updated_at filters; the
 * application row's updated_at already includes its person's, see npq-projection.ts), then the page hydrated:
 * one statement.
 */
export async function listNpqApplications(
  em: EntityManager,
  leadProviderId: string,
  filter: NpqApplicationFilter,
  page: PageRequest,
  sort?: SortTerm[],
): Promise<Page<NpqApplicationView>> {
  const conditions = ['a.lead_provider_id = ?'];
  const params: unknown[] = [leadProviderId];
  if (filter.cohorts !== undefined) {
    conditions.push('a.cohort_start_year = any(?::int[])');
    params.push(pgArray(filter.cohorts));
  }
  if (filter.participantIds !== undefined) {
    conditions.push('a.participant_id = any(?::uuid[])');
    params.push(pgArray(filter.participantIds.filter(isUuid)));
  }
  if (filter.updatedSince) {
    conditions.push('a.updated_at >= ?');
    params.push(filter.updatedSince);
  }
  if (filter.statuses !== undefined) {
    conditions.push('a.status = any(?::text[])');
    params.push(pgArray(filter.statuses));
  }
  if (filter.afterId !== undefined) {
    // An unknown id matches nothing (the row comparison with null is null).
    conditions.push('(a.created_at, a.id) > (select x.created_at, x.id from npq_applications x where x.id = ? and x.lead_provider_id = a.lead_provider_id)');
    params.push(isUuid(filter.afterId) ? filter.afterId : null);
  }
  const { limit, offset, perPage } = probeLimitOffset(page);
  const order = orderBy(filter.afterId !== undefined ? undefined : sort, SORT_COLUMNS, DEFAULT_SORT, 'a.id');
  const rows = await em.execute<NpqApplicationView[]>(
    `with keys as (select a.id from npq_applications a where ${conditions.join(' and ')} order by ${order} limit ? offset ?)
     ${SELECT} join keys k on k.id = a.id order by ${order}`,
    [...params, limit, offset],
  );
  return toPage(rows, perPage);
}

/** One of the caller's applications; null for an unknown id or another provider's (npq.md §3.1: a 404). */
export async function findNpqApplication(em: EntityManager, leadProviderId: string, id: string): Promise<NpqApplicationView | null> {
  if (!isUuid(id)) return null;
  const rows = await em.execute<NpqApplicationView[]>(`${SELECT} where a.id = ? and a.lead_provider_id = ?`, [id, leadProviderId]);
  return rows[0] ?? null;
}
