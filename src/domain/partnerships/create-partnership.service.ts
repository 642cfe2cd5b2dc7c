import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { CohortSchema, type Cohort } from '../cohorts/cohort.entity.js';
import { SchoolSchema, type School } from '../schools/school.entity.js';
import { SchoolCohortSchema } from '../schools/school-cohort.entity.js';
import { DeliveryPartnerSchema } from '../delivery-partners/delivery-partner.entity.js';
import { ProviderRelationshipSchema } from '../delivery-partners/provider-relationship.entity.js';
import { PartnershipSchema, type Partnership } from './partnership.entity.js';
import { challengeDeadline, createPartnershipViolations, type CreatePartnershipFacts } from './partnership.rules.js';
import { PARTNERSHIP_MESSAGES } from './partnership.messages.js';
import { touchSchoolInCohort } from './partnership-touches.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { touchParticipantsOfPartnership } from '../participants/participant-touches.js';

export interface CreatePartnershipCommand {
  leadProviderId: string;
  cohort?: string | null;
  schoolId?: string | null;
  deliveryPartnerId?: string | null;
  /** RECT's rule: refuse a school whose participants in the cohort are all school-led (rect.md §7.8). */
  refuseSchoolLed?: boolean;
}

const FIP_CHOICES = ['full_induction_programme', 'school_funded_fip'];

/**
 * Confirms a partnership with a school for a cohort ("report", ecf.md §6.2). Returns the partnership id.
 * Confirmations for the same school and cohort are serialised by locking the school-in-cohort row, so the
 * rules always see every earlier confirmation; a unique index backs this up against other writers.
 */
export async function createPartnership(em: EntityManager, clock: Clock, cmd: CreatePartnershipCommand): Promise<string> {
  try {
    return await writeTransaction(em, async (tx) => {
      const facts = await loadFacts(tx, clock, cmd);
      const violations = createPartnershipViolations(facts);
      if (violations.length > 0) throw DomainError.validation(violations);
      return confirm(tx, clock, cmd.leadProviderId, facts);
    });
  } catch (e) {
    if (e instanceof UniqueConstraintViolationException) throw await conflictViolation(em, cmd);
    throw e;
  }
}

const year = (v: string | null | undefined) => (/^\d{4}$/.test(String(v ?? '').trim()) ? Number(String(v).trim()) : null);

async function loadFacts(em: EntityManager, clock: Clock, cmd: CreatePartnershipCommand): Promise<CreatePartnershipFacts> {
  const startYear = year(cmd.cohort);
  const [cohort, school, deliveryPartner] = await Promise.all([
    startYear === null ? null : em.findOne(CohortSchema, { startYear }),
    isUuid(cmd.schoolId) ? em.findOne(SchoolSchema, { id: cmd.schoolId }) : null,
    isUuid(cmd.deliveryPartnerId) ? em.findOne(DeliveryPartnerSchema, { id: cmd.deliveryPartnerId }) : null,
  ]);
  let schoolLeadProviderId: string | null = null;
  let awaitingSchoolConfirmation = false;
  let hasRelationship = false;
  let schoolLedOnly = false;
  if (cohort && school) {
    const [locked] = await em.execute<{ rect_training_route: string }[]>(
      'select rect_training_route from school_cohorts where school_id = ? and cohort_id = ? for update',
      [school.id, cohort.id],
    );
    schoolLedOnly = locked?.rect_training_route === 'school_led';
    schoolLeadProviderId = await activeLeadProvider(em, school.id, cohort.id);
    awaitingSchoolConfirmation = await awaitingConfirmation(em, school, cohort);
  }
  if (cohort && deliveryPartner) {
    hasRelationship =
      (await em.count(ProviderRelationshipSchema, {
        leadProviderId: cmd.leadProviderId,
        deliveryPartnerId: deliveryPartner.id,
        cohortId: cohort.id,
        programme: 'ecf',
        discardedAt: null,
      })) > 0;
  }
  return {
    input: cmd,
    today: clock.today(),
    now: clock.now(),
    cohort,
    school,
    deliveryPartner,
    schoolLeadProviderId,
    awaitingSchoolConfirmation,
    hasRelationship,
    callerLeadProviderId: cmd.leadProviderId,
    refuseSchoolLed: cmd.refuseSchoolLed ?? false,
    schoolLedOnly,
  };
}

/** The lead provider of the school's unchallenged confirmed partnership in the cohort ("the school's LP"). */
async function activeLeadProvider(em: EntityManager, schoolId: string, cohortId: string): Promise<string | null> {
  const [row] = await em.execute<{ lead_provider_id: string }[]>(
    `select lead_provider_id from partnerships where school_id = ? and cohort_id = ? and relationship = false
        and challenged_at is null and challenge_reason is null order by created_at, id limit 1`,
    [schoolId, cohortId],
  );
  return row?.lead_provider_id ?? null;
}

/** Partnered last year but has not said how it will train this year (ecf.md §6.2, "not yet confirmed"). */
async function awaitingConfirmation(em: EntityManager, school: School, cohort: Cohort): Promise<boolean> {
  const [row] = await em.execute<{ awaiting: boolean }[]>(
    `select exists (select 1 from partnerships p join cohorts c on c.id = p.cohort_id
                     where p.school_id = ? and c.start_year = ? and p.relationship = false and p.challenge_reason is null)
            and coalesce((select sc.induction_programme_choice = 'not_yet_known' from school_cohorts sc
                           where sc.school_id = ? and sc.cohort_id = ?), true) as awaiting`,
    [school.id, cohort.startYear - 1, school.id, cohort.id],
  );
  return row?.awaiting ?? false;
}

async function confirm(em: EntityManager, clock: Clock, leadProviderId: string, facts: CreatePartnershipFacts): Promise<string> {
  const cohort = facts.cohort!;
  const school = facts.school!;
  const dp = facts.deliveryPartner!;
  const now = clock.now();
  const key = { schoolId: school.id, cohortId: cohort.id, leadProviderId };
  // The rules passed, so any confirmed row of the caller here is a challenged one: reuse it (same id,
  // as the provider already knows it). Otherwise convert a hidden relationship row, or create a new one.
  const challenged = await em.findOne(PartnershipSchema, { ...key, relationship: false });
  // Re-checked at write time: a row written outside this flow after the rules ran must not be overwritten.
  if (challenged && challenged.challengeReason === null && challenged.challengedAt === null) {
    throw DomainError.validation([{ field: 'schoolId', message: PARTNERSHIP_MESSAGES.alreadyPartnered }]);
  }
  const relationshipRow = await em.findOne(PartnershipSchema, { ...key, deliveryPartnerId: dp.id, relationship: true });
  if (challenged && relationshipRow) {
    em.remove(relationshipRow); // hidden from the API; the challenged row takes its place
    await em.flush();
  }
  const partnership: Partnership =
    challenged ??
    relationshipRow ??
    em.create(PartnershipSchema, { id: randomUUID(), ...key, deliveryPartnerId: dp.id, createdAt: now, updatedAt: now, pending: false, relationship: false });
  Object.assign(partnership, {
    deliveryPartnerId: dp.id,
    relationship: false,
    pending: false,
    challengedAt: null,
    challengeReason: null,
    reportId: randomUUID(),
    challengeDeadline: challengeDeadline(cohort.academicYearStartDate, now),
    updatedAt: now,
  });
  const schoolCohort = await em.findOne(SchoolCohortSchema, { schoolId: school.id, cohortId: cohort.id });
  if (schoolCohort && !FIP_CHOICES.includes(schoolCohort.inductionProgrammeChoice)) {
    schoolCohort.inductionProgrammeChoice = 'full_induction_programme';
  }
  await em.flush();
  const touched = new Touched().add('partnerships', partnership.id);
  await touchSchoolInCohort(em, touched, school.id, cohort.id);
  // A challenged partnership confirmed again shows its participants again.
  await touchParticipantsOfPartnership(em, touched, partnership.id);
  await stampWrite(em, clock, touched);
  return partnership.id;
}

/** A write outside this flow got there first: say who holds the school now. */
async function conflictViolation(em: EntityManager, cmd: CreatePartnershipCommand): Promise<DomainError> {
  const startYear = year(cmd.cohort);
  const cohort = startYear === null ? null : await em.fork().findOne(CohortSchema, { startYear });
  const holder = cohort && isUuid(cmd.schoolId) ? await activeLeadProvider(em.fork(), cmd.schoolId, cohort.id) : null;
  const message = holder === null || holder === cmd.leadProviderId ? PARTNERSHIP_MESSAGES.alreadyPartnered : PARTNERSHIP_MESSAGES.otherProviderPartnered;
  return DomainError.validation([{ field: 'schoolId', message }]);
}
