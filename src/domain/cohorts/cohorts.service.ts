import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { CohortSchema, type Cohort } from './cohort.entity.js';

export interface CreateCohortInput {
  startYear: number;
  registrationStartDate: string;
  academicYearStartDate: string;
  automaticAssignmentPeriodEndDate?: string | null;
  paymentsFrozenAt?: Date | null;
  mentorFunding?: boolean;
  detailedEvidenceTypes?: boolean;
  npqFunding?: 'zero' | 'capped' | 'full';
}

/** Adds a cohort and a row for every school in it. */
export async function createCohort(em: EntityManager, clock: Clock, input: CreateCohortInput): Promise<Cohort> {
  if (!Number.isInteger(input.startYear) || input.startYear < 2020 || input.startYear > 2100) {
    throw DomainError.validation([{ field: 'startYear', message: 'Enter a year from 2020' }]);
  }
  return writeTransaction(em, async (tx) => {
    if (await tx.count(CohortSchema, { startYear: input.startYear })) throw new DomainError('conflict', `Cohort ${input.startYear} already exists`);
    const now = clock.now();
    const cohort = tx.create(CohortSchema, {
      id: randomUUID(),
      automaticAssignmentPeriodEndDate: null,
      paymentsFrozenAt: null,
      mentorFunding: false,
      detailedEvidenceTypes: false,
      npqFunding: 'full',
      ...input,
      createdAt: now,
      updatedAt: now,
    });
    await tx.flush();
    await tx.execute(
      `insert into school_cohorts (id, school_id, cohort_id, induction_programme_choice, created_at, updated_at)
       select gen_random_uuid(), s.id, ?, 'not_yet_known', ?, ? from schools s`,
      [cohort.id, now, now],
    );
    return cohort;
  });
}
