import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../../shared/ids.js';
import { BILLABLE, BILLABLE_OR_CHANGEABLE } from '../declaration.vocabulary.js';

/** ASO and EHCO count as one course (npq.md §1.3): the value of `npq_applications.course_family`. */
export const courseFamilyOf = (course: unknown): string | null =>
  typeof course !== 'string' ? null : course === 'npq-additional-support-offer' ? 'npq-early-headship-coaching-offer' : course;

export const stateList = (states: readonly string[]): string => `(${states.map((s) => `'${s}'`).join(', ')})`;
export const SLOT_STATES = stateList(BILLABLE_OR_CHANGEABLE);
export const BILLABLE_STATES = stateList(BILLABLE);

/** The application a declaration is for (npq.md §5.3), with what the rules and the effect need. */
export interface DeclaredApplication {
  id: string;
  participant_id: string;
  course_identifier: string;
  course_family: string;
  schedule_id: string | null;
  applies_from: string | null;
  allowed_declaration_types: string[] | null;
  /** The schedule's cohort: the declaration's cohort (`cohorts` row and start year). */
  cohort_id: string | null;
  cohort_start_year: number | null;
  fundable: boolean;
  inside_england: boolean;
  trn: string | null;
}

/**
 * The caller's accepted application of the person for the course (ASO = EHCO), the most recently created if
 * several. `fundable` is the derived eligibility (false when previously funded, unless marked funded by policy)
 * with `funded_place` null or true (npq.md §1.5); "inside catchment" is England, or a pre-2024 cohort and a school
 * URN starting with 1.
 */
export async function declaredApplication(
  em: EntityManager,
  leadProviderId: string,
  participantId: string,
  family: string,
): Promise<DeclaredApplication | null> {
  const [row] = await em.execute<DeclaredApplication[]>(
    `select a.id, a.participant_id, a.course_identifier, a.course_family, a.schedule_id,
            to_char(s.applies_from, 'YYYY-MM-DD') as applies_from, s.allowed_declaration_types,
            sc.cohort_id, sc.start_year as cohort_start_year,
            (case when pf.yes and a.funding_eligibility_status_code is distinct from 'marked_funded_by_policy' then false else a.eligible_for_funding end)
              and a.funded_place is not false as fundable,
            coalesce(a.teacher_catchment = 'england' or (ac.start_year < 2024 and a.school_urn like '1%'), false) as inside_england,
            p.trn
       from npq_applications a
       join npq_participants p on p.id = a.participant_id
       left join npq_cohorts ac on ac.id = a.npq_cohort_id
       left join schedules s on s.id = a.schedule_id
       left join npq_cohorts sc on sc.id = s.npq_cohort_id
       cross join lateral (select exists (select 1 from npq_applications o
                                           where o.participant_id = a.participant_id and o.id <> a.id and o.status = 'accepted'
                                             and o.eligible_for_funding and o.funded_place is not false and o.course_family = a.course_family) as yes) pf
      where a.participant_id = ? and a.lead_provider_id = ? and a.status = 'accepted' and a.course_family = ?
      order by a.created_at desc, a.id desc limit 1`,
    [participantId, leadProviderId, family],
  );
  return row ?? null;
}

/** The person an id names when they are the caller's participant (an accepted application with the caller). */
export async function isParticipantOf(em: EntityManager, leadProviderId: string, participantId: unknown): Promise<boolean> {
  if (!isUuid(participantId)) return false;
  const [row] = await em.execute<{ found: boolean }[]>(
    `select exists (select 1 from npq_applications where participant_id = ? and lead_provider_id = ? and status = 'accepted') as found`,
    [participantId, leadProviderId],
  );
  return row.found;
}

/** The current id of a retired participant id (any provider's participant), or null. */
export async function replacementOf(em: EntityManager, participantId: unknown): Promise<string | null> {
  if (!isUuid(participantId)) return null;
  const [row] = await em.execute<{ to_participant_id: string }[]>(
    'select to_participant_id from npq_participant_id_changes where from_participant_id = ? order by created_at desc limit 1',
    [participantId],
  );
  return row?.to_participant_id ?? null;
}

/**
 * Stand-in for "a contract exists for (course, cohort, provider)" (npq.md §1.12): contracts hang off the provider's
 * statements for the cohort and are not modelled here, so a cohort where the provider has any NPQ statement counts
 * as contracted for every course (docs/compatibility.md).
 */
export async function hasNpqContract(em: EntityManager, leadProviderId: string, cohortId: string): Promise<boolean> {
  const [row] = await em.execute<{ found: boolean }[]>(
    `select exists (select 1 from statements where lead_provider_id = ? and cohort_id = ? and programme = 'npq') as found`,
    [leadProviderId, cohortId],
  );
  return row.found;
}

/** The provider's delivery partners for a cohort (its NPQ delivery partnerships, npq.md §1.11). */
export async function confirmedDeliveryPartners(em: EntityManager, leadProviderId: string, cohortId: string): Promise<Set<string>> {
  const rows = await em.execute<{ id: string }[]>(
    `select delivery_partner_id as id from provider_relationships
      where lead_provider_id = ? and cohort_id = ? and programme = 'npq' and discarded_at is null`,
    [leadProviderId, cohortId],
  );
  return new Set(rows.map((r) => r.id));
}

/** The id of an existing delivery partner, or null (unknown ids and values that are not UUIDs). */
export async function deliveryPartnerOf(em: EntityManager, id: unknown): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await em.execute<{ id: string }[]>('select id from delivery_partners where id = ?', [id]);
  return row?.id ?? null;
}

/** Which declarations an NPQ application has, for the participant and application actions' rules. */
export interface ApplicationDeclarationFacts {
  /** Any declaration, any type and state (voided included). */
  any: boolean;
  /** A `started` declaration in any state. */
  started: boolean;
  /** A declaration in submitted, eligible, payable or paid. */
  slotHolding: boolean;
}

export async function applicationDeclarationFacts(em: EntityManager, applicationId: string): Promise<ApplicationDeclarationFacts> {
  const [row] = await em.execute<ApplicationDeclarationFacts[]>(
    `select exists (select 1 from participant_declarations where npq_application_id = ?) as "any",
            exists (select 1 from participant_declarations where npq_application_id = ? and declaration_type = 'started') as started,
            exists (select 1 from participant_declarations where npq_application_id = ? and state in ${SLOT_STATES}) as "slotHolding"`,
    [applicationId, applicationId, applicationId],
  );
  return row;
}
