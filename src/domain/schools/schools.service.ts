import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError, type Violation } from '../shared/domain-error.js';
import { SchoolSchema, type School } from './school.entity.js';
import { refreshSchoolCohortProjection, schoolCohortIds } from './school-projection.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';

export interface CreateSchoolInput {
  urn: string;
  name: string;
  schoolTypeCode: number;
  schoolStatusCode: number;
  administrativeDistrictCode: string;
  section41Approved?: boolean;
  primaryContactEmail?: string | null;
  secondaryContactEmail?: string | null;
  inductionTutorName?: string | null;
  inductionTutorEmail?: string | null;
}

/** Adds a school (GIAS import) and its row in every cohort, so it is listed from the start. */
export async function createSchool(em: EntityManager, clock: Clock, input: CreateSchoolInput): Promise<School> {
  const violations: Violation[] = [];
  if (!/^\d{5,7}$/.test(input.urn)) violations.push({ field: 'urn', message: 'A URN is 5 to 7 digits' });
  if (input.name.trim() === '') violations.push({ field: 'name', message: 'Enter a name' });
  if (violations.length) throw DomainError.validation(violations);
  return writeTransaction(em, async (tx) => {
    if (await tx.count(SchoolSchema, { urn: input.urn })) throw new DomainError('conflict', `A school with URN ${input.urn} already exists`);
    const now = clock.now();
    const school = tx.create(SchoolSchema, {
      id: randomUUID(),
      section41Approved: false,
      primaryContactEmail: null,
      secondaryContactEmail: null,
      inductionTutorName: null,
      inductionTutorEmail: null,
      ...input,
      name: input.name.trim(),
      createdAt: now,
      updatedAt: now,
    });
    await tx.flush();
    await tx.execute(
      `insert into school_cohorts (id, school_id, cohort_id, induction_programme_choice, created_at, updated_at)
       select gen_random_uuid(), ?, c.id, 'not_yet_known', ?, ? from cohorts c`,
      [school.id, now, now],
    );
    await refreshSchoolCohortProjection(tx, { schoolIds: [school.id] });
    await stampWrite(tx, clock, new Touched().add('school_cohorts', ...(await schoolCohortIds(tx, school.id))));
    return school;
  });
}
