import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { CohortSchema } from '../cohorts/cohort.entity.js';
import { SchoolSchema } from '../schools/school.entity.js';
import { SchoolCohortSchema } from '../schools/school-cohort.entity.js';
import { DeliveryPartnerSchema } from '../delivery-partners/delivery-partner.entity.js';
import { ProviderRelationshipSchema } from '../delivery-partners/provider-relationship.entity.js';
import { PartnershipSchema, type Partnership } from './partnership.entity.js';
import { challengeDeadline, createPartnershipViolations, type CreatePartnershipFacts } from './partnership.rules.js';
import { PARTNERSHIP_MESSAGES } from './partnership.messages.js';
import { touchSchoolInCohort } from './partnership-touches.js';
import { isUuid } from '../shared/ids.js';

export interface CreatePartnershipCommand {
  leadProviderId: string;
  cohort?: string | null;
  schoolId?: string | null;
  deliveryPartnerId?: string | null;
}

const FIP_CHOICES = ['full_induction_programme', 'school_funded_fip'];

/** Confirms a partnership with a school for a cohort ("report", ecf.md §6.2). Returns the partnership id. */
export async function createPartnership(em: EntityManager, clock: Clock, cmd: CreatePartnershipCommand): Promise<string> {
  try {
    return await em.transactional(async (tx) => {
      const facts = await loadFacts(tx, clock, cmd);
      const violations = createPartnershipViolations(facts);
      if (violations.length > 0) throw DomainError.validation(violations);
      return confirm(tx, clock, cmd.leadProviderId, facts);
    });
  } catch (e) {
    // Two concurrent confirmations for the same school: the partial unique index lets one win.
    if (e instanceof UniqueConstraintViolationException) {
      throw DomainError.validation([{ field: 'school_id', message: PARTNERSHIP_MESSAGES.alreadyPartnered }]);
    }
    throw e;
  }
}

async function loadFacts(em: EntityManager, clock: Clock, cmd: CreatePartnershipCommand): Promise<CreatePartnershipFacts> {
  const year = /^\d{4}$/.test(String(cmd.cohort ?? '').trim()) ? Number(String(cmd.cohort).trim()) : null;
  const [cohort, school, deliveryPartner] = await Promise.all([
    year === null ? null : em.findOne(CohortSchema, { startYear: year }),
    isUuid(cmd.schoolId) ? em.findOne(SchoolSchema, { id: cmd.schoolId }) : null,
    isUuid(cmd.deliveryPartnerId) ? em.findOne(DeliveryPartnerSchema, { id: cmd.deliveryPartnerId }) : null,
  ]);
  let schoolLeadProviderId: string | null = null;
  let awaitingSchoolConfirmation = false;
  let hasRelationship = false;
  if (cohort && school) {
    const [active] = await em.execute<{ lead_provider_id: string }[]>(
      `select lead_provider_id from partnerships where school_id = ? and cohort_id = ? and relationship = false
          and challenged_at is null and challenge_reason is null order by created_at, id limit 1 for update`,
      [school.id, cohort.id],
    );
    schoolLeadProviderId = active?.lead_provider_id ?? null;
    const [prev] = await em.execute<{ awaiting: boolean }[]>(
      `select exists (select 1 from partnerships p join cohorts c on c.id = p.cohort_id
                       where p.school_id = ? and c.start_year = ? and p.relationship = false and p.challenge_reason is null)
              and coalesce((select sc.induction_programme_choice = 'not_yet_known' from school_cohorts sc
                             where sc.school_id = ? and sc.cohort_id = ?), true) as awaiting`,
      [school.id, cohort.startYear - 1, school.id, cohort.id],
    );
    awaitingSchoolConfirmation = prev?.awaiting ?? false;
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
  };
}

async function confirm(em: EntityManager, clock: Clock, leadProviderId: string, facts: CreatePartnershipFacts): Promise<string> {
  const cohort = facts.cohort!;
  const school = facts.school!;
  const dp = facts.deliveryPartner!;
  const now = clock.now();
  // Reuse a hidden relationship row for this partner, else the provider's earlier (challenged) partnership.
  const existing =
    (await em.findOne(PartnershipSchema, { schoolId: school.id, cohortId: cohort.id, leadProviderId, deliveryPartnerId: dp.id, relationship: true })) ??
    (await em.findOne(PartnershipSchema, { schoolId: school.id, cohortId: cohort.id, leadProviderId, relationship: false }));
  const partnership: Partnership =
    existing ??
    em.create(PartnershipSchema, {
      id: randomUUID(),
      schoolId: school.id,
      cohortId: cohort.id,
      leadProviderId,
      deliveryPartnerId: dp.id,
      createdAt: now,
      updatedAt: now,
      pending: false,
      relationship: false,
    });
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
  await touchSchoolInCohort(em, school.id, cohort.id, now);
  return partnership.id;
}
