import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import type { ApplicationStatus } from './npq-application.entity.js';
import type { NpqFunding } from './npq-cohort.entity.js';
import { acceptViolations, defaultSchedule } from './npq-application.rules.js';
import { touchNpqPerson } from './npq-projection.js';

export interface AcceptNpqApplicationCommand {
  leadProviderId: string;
  applicationId: string;
  /** `funded_place` exactly as sent (a JSON value); only true and false count as given. */
  fundedPlace?: unknown;
  scheduleIdentifier?: string | null;
}

export interface LockedApplication {
  id: string;
  participant_id: string;
  course_identifier: string;
  course_family: string;
  course_group: string | null;
  npq_cohort_id: string | null;
  cohort_identifier: string | null;
  start_year: number | null;
  funding: NpqFunding | null;
  status: ApplicationStatus;
  eligible_for_funding: boolean;
  trn: string | null;
  trn_verified: boolean;
}

/**
 * Locks the person (and any person sharing their verified TRN: "one accepted per course" looks at them too) and
 * then the caller's application, so concurrent actions on one person's applications run one after the other.
 * Another provider's application, or an unknown id, is not found (npq.md §3.1).
 */
export async function lockApplication(em: EntityManager, leadProviderId: string, applicationId: string): Promise<LockedApplication> {
  const [owner] = isUuid(applicationId)
    ? await em.execute<{ participant_id: string }[]>('select participant_id from npq_applications where id = ? and lead_provider_id = ?', [
        applicationId,
        leadProviderId,
      ])
    : [];
  if (!owner) throw DomainError.notFound('NPQ application');
  await em.execute(
    `select id from npq_participants
      where id = ? or trn = (select trn from npq_participants where id = ? and trn_verified)
      order by id for update`,
    [owner.participant_id, owner.participant_id],
  );
  const [row] = await em.execute<LockedApplication[]>(
    `select a.id, a.participant_id, a.course_identifier, a.course_family, co.course_group, a.npq_cohort_id, c.identifier as cohort_identifier,
            c.start_year, c.funding, a.status, a.eligible_for_funding, p.trn, p.trn_verified
       from npq_applications a
       join npq_participants p on p.id = a.participant_id
       join courses co on co.identifier = a.course_identifier
       left join npq_cohorts c on c.id = a.npq_cohort_id
      where a.id = ? and a.lead_provider_id = ?
      for update of a`,
    [applicationId, leadProviderId],
  );
  if (!row) throw DomainError.notFound('NPQ application');
  return row;
}

const blank = (v: string | null | undefined): v is null | undefined => v === null || v === undefined || v.trim() === '';

/**
 * Accepts an application (npq.md §3.3): every check in order, then in one transaction the application becomes
 * accepted with its schedule, `accepted_at`, training status `active` (and a history row) and, in capped cohorts
 * only, the requested `funded_place`; the person's other applications for exactly this course in this cohort,
 * with any provider, are rejected; and the person and all their applications move (npq.md §9.6).
 */
export async function acceptNpqApplication(em: EntityManager, clock: Clock, cmd: AcceptNpqApplicationCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const app = await lockApplication(tx, cmd.leadProviderId, cmd.applicationId);
    const scheduleIdentifier = blank(cmd.scheduleIdentifier) ? undefined : cmd.scheduleIdentifier;
    const schedule = await resolveSchedule(tx, clock, app, scheduleIdentifier);
    const violations = acceptViolations({
      fundedPlace: cmd.fundedPlace,
      scheduleIdentifier,
      status: app.status,
      funding: app.funding,
      eligibleForFunding: app.eligible_for_funding,
      acceptedElsewhere: await acceptedElsewhere(tx, app),
      schedule: schedule && { fitsCourse: schedule.course_identifiers.includes(app.course_identifier) },
    });
    if (violations.length > 0) throw DomainError.validation(violations);

    const now = clock.now();
    await tx.execute(
      `update npq_applications set status = 'accepted', schedule_id = ?, accepted_at = ?, training_status = 'active',
              funded_place = case when ? then ?::boolean else funded_place end, updated_at = ?
        where id = ?`,
      [schedule!.id, now, app.funding === 'capped', app.funding === 'capped' ? cmd.fundedPlace : null, now, app.id],
    );
    await tx.execute(
      `insert into npq_application_states (id, application_id, lead_provider_id, state, reason, created_at) values (?, ?, ?, 'active', null, ?)`,
      [randomUUID(), app.id, cmd.leadProviderId, now],
    );
    // Auto-reject: the same person and exact course (ASO and EHCO not merged) in the same cohort, any provider
    // and any status (npq.md §3.3, §10.3).
    await tx.execute(
      `update npq_applications set status = 'rejected', reason_for_rejection = 'other_application_in_this_cohort_accepted', updated_at = ?
        where participant_id = ? and course_identifier = ? and npq_cohort_id is not distinct from ? and id <> ?`,
      [now, app.participant_id, app.course_identifier, app.npq_cohort_id, app.id],
    );
    const touched = new Touched();
    await touchNpqPerson(tx, touched, app.participant_id, 'approval');
    await stampWrite(tx, clock, touched);
    return app.id;
  });
}

/**
 * Rule 5 (npq.md §3.3, §10.3): another accepted, not withdrawn application for this course (ASO = EHCO) in the
 * same cohort, by this person or, when this person's TRN is verified, anyone with the same TRN.
 */
async function acceptedElsewhere(em: EntityManager, app: LockedApplication): Promise<boolean> {
  const [row] = await em.execute<{ found: boolean }[]>(
    `select exists (
       select 1 from npq_applications o join npq_participants p on p.id = o.participant_id
        where o.id <> ? and o.status = 'accepted' and o.training_status is distinct from 'withdrawn'
          and o.course_family = ? and o.npq_cohort_id is not distinct from ?
          and (o.participant_id = ? or (?::boolean and p.trn = ?))) as found`,
    [app.id, app.course_family, app.npq_cohort_id, app.participant_id, app.trn_verified && app.trn !== null, app.trn],
  );
  return row.found;
}

interface ResolvedSchedule {
  id: string;
  course_identifiers: string[];
}

/** The requested schedule, or the default one (npq.md §1.4), always within the application's cohort. */
async function resolveSchedule(em: EntityManager, clock: Clock, app: LockedApplication, identifier: string | undefined): Promise<ResolvedSchedule | null> {
  if (app.npq_cohort_id === null) return null;
  let where: { sql: string; params: unknown[] };
  if (identifier !== undefined) {
    where = { sql: 'schedule_identifier = ?', params: [identifier] };
  } else {
    const choice = defaultSchedule(app.course_group, { identifier: app.cohort_identifier!, startYear: app.start_year! }, clock.today());
    if (choice === null) return null;
    // "The cohort's first (only) EHCO schedule": the earliest-starting one.
    where = 'identifier' in choice ? { sql: 'schedule_identifier = ?', params: [choice.identifier] } : { sql: 'type = ?', params: [choice.firstOfGroup] };
  }
  const [row] = await em.execute<ResolvedSchedule[]>(
    `select id, course_identifiers from schedules where programme = 'npq' and npq_cohort_id = ? and ${where.sql}
      order by applies_from, schedule_identifier limit 1`,
    [app.npq_cohort_id, ...where.params],
  );
  return row ?? null;
}
