import { refreshDeclarationListings } from '../declarations/declaration-listings.js';
import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { FUNDING_CHOICES, HEADTEACHER_STATUSES, SENCO_IN_ROLE, type ApplicationStatus } from './npq-application.entity.js';
import type { NpqFunding } from './npq-cohort.entity.js';
import { Violations } from './npq-application.rules.js';
import { touchNpqPerson } from './npq-projection.js';

/**
 * The registration service's operations (issue 7 item 6; npq.md §1.5, §1.6): submit an application for a
 * person, change its eligibility and funding answers, move it to another provider. Admin callers only (checked
 * by the resolver). Each write is one transaction: rows, projections, then the commit stamp (npq.md §9.6).
 */

/** `funding_eligiblity_status_code` values (npq.md §1.5), with the two admin overrides. */
export const FUNDING_ELIGIBILITY_STATUS_CODES = [
  'funded',
  'subject_to_review',
  'ineligible_establishment_type',
  'ineligible_establishment_not_a_pp50',
  'ineligible_institution_type',
  'previously_funded',
  'referred_by_return_to_teaching_adviser',
  'not_new_headteacher_requesting_ehco',
  'early_years_invalid_npq',
  'not_entitled_childminder',
  'not_lead_mentor_course',
  'unfunded_cohort',
  'not_in_england',
  'marked_funded_by_policy',
  'marked_ineligible_by_policy',
] as const;

export const EMPLOYMENT_TYPES = [
  'hospital_school',
  'lead_mentor_for_accredited_itt_provider',
  'local_authority_supply_teacher',
  'local_authority_virtual_school',
  'young_offender_institution',
  'other',
] as const;

export const TEACHER_CATCHMENTS = ['england', 'scotland', 'wales', 'northern_ireland', 'jersey_guernsey_isle_of_man', 'another'] as const;

export const REGISTRATION_MESSAGES = {
  personRequired: 'Give either the participant id of an existing person or their full name and email',
  personNotFound: 'No NPQ participant has this id',
  fullNameRequired: 'Enter the full name',
  courseUnknown: 'Not an NPQ course identifier',
  providerNotNpq: 'Not a lead provider of the NPQ programme',
  cohortUnknown: 'No NPQ cohort has this identifier (a start year and suffix, e.g. 2025a)',
  notOneOf: (values: readonly string[]) => `Must be one of: ${values.join(', ')}`,
  sencoStartDate: 'Must be a date (YYYY-MM-DD)',
  fundedPlaceZero: 'Must be false in an unfunded cohort',
  fundedPlaceFull: 'Must be empty for an accepted application in a fully funded cohort',
  fundedPlaceCapped: 'Must be true or false for an accepted application in a cohort with capped funding',
  fundedPlaceNeedsEligibility: 'A funded place needs eligibility for funding',
  sameProvider: 'The application is already with this lead provider',
} as const;
const R = REGISTRATION_MESSAGES;

/** Eligibility and funding answers (npq.md §1.5), stored as given; an omitted one keeps its value (or default). */
export interface NpqEligibilityAnswers {
  eligibleForFunding?: boolean;
  fundingEligibilityStatusCode?: string | null;
  fundingChoice?: string | null;
  targetedDeliveryFundingEligibility?: boolean;
  targetedSupportFundingEligibility?: boolean;
}

/** The registration answers of a new application (npq.md §1.5). */
export interface NpqRegistrationAnswers extends NpqEligibilityAnswers {
  headteacherStatus?: string | null;
  teacherCatchment?: string | null;
  teacherCatchmentCountry?: string | null;
  teacherCatchmentIsoCountryCode?: string | null;
  employmentType?: string | null;
  worksInSchool?: boolean | null;
  employerName?: string | null;
  employmentRole?: string | null;
  schoolUrn?: string | null;
  privateChildcareProviderUrn?: string | null;
  ukprn?: string | null;
  ittProvider?: string | null;
  sencoInRole?: string | null;
  sencoStartDate?: string | null;
}

export interface SubmitNpqApplicationCommand extends NpqRegistrationAnswers {
  /** An existing person; otherwise the person is found by email (case-insensitive) or created. */
  participantId?: string | null;
  fullName?: string | null;
  email?: string | null;
  trn?: string | null;
  trnVerified?: boolean;
  leadProviderId: string;
  courseIdentifier: string;
  /** NPQ cohort identifier, e.g. `2025a`; null for an application without a cohort. */
  cohort?: string | null;
}

const oneOf = (v: Violations, field: string, value: string | null | undefined, values: readonly string[]) => {
  if (value !== undefined && value !== null && !values.includes(value)) v.add(field, R.notOneOf(values));
};

function answerViolations(v: Violations, a: NpqRegistrationAnswers): void {
  oneOf(v, 'fundingEligibilityStatusCode', a.fundingEligibilityStatusCode, FUNDING_ELIGIBILITY_STATUS_CODES);
  oneOf(v, 'fundingChoice', a.fundingChoice, FUNDING_CHOICES);
  oneOf(v, 'headteacherStatus', a.headteacherStatus, HEADTEACHER_STATUSES);
  oneOf(v, 'teacherCatchment', a.teacherCatchment, TEACHER_CATCHMENTS);
  oneOf(v, 'employmentType', a.employmentType, EMPLOYMENT_TYPES);
  oneOf(v, 'sencoInRole', a.sencoInRole, SENCO_IN_ROLE);
  if (a.sencoStartDate !== undefined && a.sencoStartDate !== null && !/^\d{4}-\d{2}-\d{2}$/.test(a.sencoStartDate)) v.add('sencoStartDate', R.sencoStartDate);
}

async function npqProvider(em: EntityManager, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await em.execute<{ id: string }[]>(`select id from lead_providers where id = ? and 'npq' = any(programmes)`, [id]);
  return rows.length > 0;
}

/**
 * Submits an application (npq.md §1.5): the person (by id, else by email, else new), the course, provider and
 * cohort, and the registration answers as given. It starts `pending` with no schedule (a schedule is set on
 * accept); `funded_place` is false in an unfunded cohort and null otherwise; `lead_mentor` follows the
 * employment type. The provider sees the new application; every provider's participant row of the person moves.
 */
export async function submitNpqApplication(em: EntityManager, clock: Clock, cmd: SubmitNpqApplicationCommand): Promise<{ id: string; leadProviderId: string }> {
  return writeTransaction(em, async (tx) => {
    const v = new Violations();
    let personId: string | null = null;
    let newPerson = false;
    if (cmd.participantId) {
      const [row] = isUuid(cmd.participantId)
        ? await tx.execute<{ id: string }[]>('select id from npq_participants where id = ? for update', [cmd.participantId])
        : [];
      if (!row) throw DomainError.notFound('NPQ participant');
      personId = row.id;
    } else if (!cmd.email || cmd.email.trim() === '') {
      v.add('participantId', R.personRequired);
    } else {
      const [row] = await tx.execute<{ id: string }[]>(
        'select id from npq_participants where lower(email) = lower(?) order by created_at, id limit 1 for update',
        [cmd.email.trim()],
      );
      if (row) personId = row.id;
      else if (!cmd.fullName || cmd.fullName.trim() === '') v.add('fullName', R.fullNameRequired);
      else newPerson = true;
    }
    const [course] = await tx.execute<{ identifier: string }[]>(`select identifier from courses where identifier = ? and programme = 'npq'`, [
      cmd.courseIdentifier,
    ]);
    if (!course) v.add('courseIdentifier', R.courseUnknown);
    if (!(await npqProvider(tx, cmd.leadProviderId))) v.add('leadProviderId', R.providerNotNpq);
    let cohort: { id: string; start_year: number; funding: NpqFunding } | null = null;
    if (cmd.cohort !== undefined && cmd.cohort !== null) {
      [cohort = null] = await tx.execute<{ id: string; start_year: number; funding: NpqFunding }[]>(
        'select id, start_year, funding from npq_cohorts where identifier = ?',
        [cmd.cohort],
      );
      if (!cohort) v.add('cohort', R.cohortUnknown);
    }
    answerViolations(v, cmd);
    if (v.any) throw DomainError.validation(v.list());

    const now = clock.now();
    const touched = new Touched();
    if (newPerson) {
      personId = randomUUID();
      await tx.execute(`insert into npq_participants (id, full_name, email, trn, trn_verified, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)`, [
        personId,
        cmd.fullName!.trim(),
        cmd.email!.trim(),
        cmd.trn ?? null,
        cmd.trnVerified ?? false,
        now,
        now,
      ]);
      touched.add('npq_participants', personId);
    }
    const id = randomUUID();
    await tx.execute(
      `insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, cohort_start_year, status, funded_place,
         eligible_for_funding, funding_eligibility_status_code, funding_choice, headteacher_status, targeted_delivery_funding_eligibility,
         targeted_support_funding_eligibility, teacher_catchment, teacher_catchment_country, teacher_catchment_iso_country_code, employment_type,
         lead_mentor, works_in_school, employer_name, employment_role, school_urn, private_childcare_provider_urn, ukprn, itt_provider,
         senco_in_role, senco_start_date, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        personId,
        cmd.leadProviderId,
        cmd.courseIdentifier,
        cohort?.id ?? null,
        cohort?.start_year ?? null,
        cohort?.funding === 'zero' ? false : null,
        cmd.eligibleForFunding ?? false,
        cmd.fundingEligibilityStatusCode ?? null,
        cmd.fundingChoice ?? null,
        cmd.headteacherStatus ?? null,
        cmd.targetedDeliveryFundingEligibility ?? false,
        cmd.targetedSupportFundingEligibility ?? false,
        cmd.teacherCatchment ?? null,
        cmd.teacherCatchmentCountry ?? null,
        cmd.teacherCatchmentIsoCountryCode ?? null,
        cmd.employmentType ?? null,
        cmd.employmentType === 'lead_mentor_for_accredited_itt_provider',
        cmd.worksInSchool ?? null,
        cmd.employerName ?? null,
        cmd.employmentRole ?? null,
        cmd.schoolUrn ?? null,
        cmd.privateChildcareProviderUrn ?? null,
        cmd.ukprn ?? null,
        cmd.ittProvider ?? null,
        cmd.sencoInRole ?? null,
        cmd.sencoStartDate ?? null,
        now,
        now,
      ],
    );
    await touchNpqPerson(tx, touched, personId!, [id]);
    await stampWrite(tx, clock, touched);
    return { id, leadProviderId: cmd.leadProviderId };
  });
}

interface LockedForAdmin {
  id: string;
  participant_id: string;
  lead_provider_id: string;
  course_family: string;
  status: ApplicationStatus;
  funded_place: boolean | null;
  eligible_for_funding: boolean;
  funding: NpqFunding | null;
}

/** Locks the person, then the application (the order accept and reject use), whatever its provider. */
async function lockForAdmin(em: EntityManager, applicationId: string): Promise<LockedForAdmin> {
  const [owner] = isUuid(applicationId)
    ? await em.execute<{ participant_id: string }[]>('select participant_id from npq_applications where id = ?', [applicationId])
    : [];
  if (!owner) throw DomainError.notFound('NPQ application');
  await em.execute('select id from npq_participants where id = ? for update', [owner.participant_id]);
  const [row] = await em.execute<LockedForAdmin[]>(
    `select a.id, a.participant_id, a.lead_provider_id, a.course_family, a.status, a.funded_place, a.eligible_for_funding, c.funding
       from npq_applications a left join npq_cohorts c on c.id = a.npq_cohort_id where a.id = ? for update of a`,
    [applicationId],
  );
  return row;
}

export interface ChangeNpqEligibilityCommand extends NpqEligibilityAnswers {
  applicationId: string;
  /** Only when given (true, false or null); held to the funding-mode invariants (npq.md §1.5). */
  fundedPlace?: boolean | null;
}

/**
 * Changes an application's eligibility and funding answers (an admin edit, npq.md §9.6), and optionally its
 * funded place. The result must keep the model's invariants (npq.md §1.5): unfunded cohort → funded place false;
 * accepted in a fully funded cohort → null; accepted in a capped cohort → true or false, and true needs
 * eligibility. The application and the person's applications for the same course (their "previously funded"
 * reads this one's eligibility and funded place) move, with every provider's participant row of the person.
 */
export async function changeNpqApplicationEligibility(
  em: EntityManager,
  clock: Clock,
  cmd: ChangeNpqEligibilityCommand,
): Promise<{ id: string; leadProviderId: string }> {
  return writeTransaction(em, async (tx) => {
    const app = await lockForAdmin(tx, cmd.applicationId);
    const v = new Violations();
    answerViolations(v, cmd);
    const eligible = cmd.eligibleForFunding ?? app.eligible_for_funding;
    const fundedPlace = cmd.fundedPlace === undefined ? app.funded_place : cmd.fundedPlace;
    if (app.funding === 'zero' && fundedPlace !== false) v.add('fundedPlace', R.fundedPlaceZero);
    if (app.status === 'accepted' && app.funding === 'full' && fundedPlace !== null) v.add('fundedPlace', R.fundedPlaceFull);
    if (app.status === 'accepted' && app.funding === 'capped' && fundedPlace === null) v.add('fundedPlace', R.fundedPlaceCapped);
    if (app.funding === 'capped' && fundedPlace === true && !eligible) v.add('fundedPlace', R.fundedPlaceNeedsEligibility);
    if (v.any) throw DomainError.validation(v.list());

    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (column: string, value: unknown) => {
      if (value === undefined) return;
      sets.push(`${column} = ?`);
      params.push(value);
    };
    set('eligible_for_funding', cmd.eligibleForFunding);
    set('funding_eligibility_status_code', cmd.fundingEligibilityStatusCode);
    set('funding_choice', cmd.fundingChoice);
    set('targeted_delivery_funding_eligibility', cmd.targetedDeliveryFundingEligibility);
    set('targeted_support_funding_eligibility', cmd.targetedSupportFundingEligibility);
    set('funded_place', cmd.fundedPlace);
    await tx.execute(`update npq_applications set ${[...sets, 'updated_at = ?'].join(', ')} where id = ?`, [...params, clock.now(), app.id]);
    const related = await tx.execute<{ id: string }[]>('select id from npq_applications where participant_id = ? and course_family = ?', [
      app.participant_id,
      app.course_family,
    ]);
    const touched = new Touched();
    await touchNpqPerson(
      tx,
      touched,
      app.participant_id,
      related.map((r) => r.id),
    );
    await stampWrite(tx, clock, touched);
    return { id: app.id, leadProviderId: app.lead_provider_id };
  });
}

/**
 * Moves an application, in any status, to another NPQ provider (an admin transfer: npq.md §5.1 lets the new
 * owner see its declarations, so accepted applications move too). The old provider no longer sees it (as on the
 * live service, it leaves that provider's list without a final change); the new provider sees it with a new
 * `updated_at`; both providers' participant rows of the person move (npq.md §9.6) and the old provider's drops
 * out of its participants list when no accepted application is left there. Training history rows and outcomes
 * keep the provider that recorded them.
 */
export async function moveNpqApplication(
  em: EntityManager,
  clock: Clock,
  cmd: { applicationId: string; leadProviderId: string },
): Promise<{ id: string; leadProviderId: string }> {
  return writeTransaction(em, async (tx) => {
    const app = await lockForAdmin(tx, cmd.applicationId);
    const v = new Violations();
    if (!(await npqProvider(tx, cmd.leadProviderId))) v.add('leadProviderId', R.providerNotNpq);
    else if (app.lead_provider_id === cmd.leadProviderId) v.add('leadProviderId', R.sameProvider);
    if (v.any) throw DomainError.validation(v.list());
    await tx.execute('update npq_applications set lead_provider_id = ?, updated_at = ? where id = ?', [cmd.leadProviderId, clock.now(), app.id]);
    const touched = new Touched();
    await touchNpqPerson(tx, touched, app.participant_id, [app.id]);
    // The application's declarations become visible to the new provider (npq.md §5.1), new to its updated_since poll.
    await refreshDeclarationListings(tx, { npqApplicationIds: [app.id] });
    await stampWrite(tx, clock, touched);
    return { id: app.id, leadProviderId: cmd.leadProviderId };
  });
}
