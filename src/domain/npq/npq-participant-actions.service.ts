import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError, type Violation } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import type { TrainingStatus } from './npq-application.entity.js';
import type { NpqFunding } from './npq-cohort.entity.js';
import { changeScheduleViolations, deferViolations, resumeViolations, withdrawViolations, type ActionFacts } from './npq-participant.rules.js';
import { touchNpqPerson } from './npq-projection.js';
import { applicationDeclarationFacts, hasNpqContract, SLOT_STATES } from '../declarations/npq/npq-declaration-facts.js';

/** Who acts and on whom: the provider (its token) and the participant id of the path. */
export interface NpqParticipantActionTarget {
  leadProviderId: string;
  /** The token making the change, recorded on the training-status history row (the audit's "who"). */
  apiTokenId: string | null;
  participantId: string;
  /** The request's `course_identifier` as sent; null when missing. */
  courseIdentifier: string | null;
}

interface LockedEnrolment {
  id: string;
  participant_id: string;
  course_family: string;
  npq_cohort_id: string | null;
  training_status: TrainingStatus;
  course_identifier: string;
  schedule_id: string | null;
  schedule_year: number | null;
  schedule_npq_cohort_id: string | null;
  funding: NpqFunding | null;
  eligible_for_funding: boolean;
}

/**
 * Locks the person, when they are the caller's participant (an accepted application with the caller: npq.md
 * §4.2 rule 1; anything else, a retired id included, is not found), and then the caller's accepted application
 * for exactly the requested course (ASO and EHCO not merged), the most recently accepted one if the person has
 * several (one per cohort). Null when there is none (rule 3 reports it).
 */
async function lockEnrolment(em: EntityManager, t: NpqParticipantActionTarget): Promise<LockedEnrolment | null> {
  const [person] = isUuid(t.participantId)
    ? await em.execute<{ id: string }[]>(
        `select p.id from npq_participants p
          where p.id = ? and exists (select 1 from npq_applications a where a.participant_id = p.id and a.lead_provider_id = ? and a.status = 'accepted')
          for update`,
        [t.participantId, t.leadProviderId],
      )
    : [];
  if (!person) throw DomainError.notFound('NPQ participant');
  if (t.courseIdentifier === null) return null;
  const [row] = await em.execute<LockedEnrolment[]>(
    `select a.id, a.participant_id, a.course_family, a.npq_cohort_id, a.training_status, a.course_identifier, a.schedule_id, sc.start_year as schedule_year, s.npq_cohort_id as schedule_npq_cohort_id, c.funding, a.eligible_for_funding
       from npq_applications a
       left join npq_cohorts c on c.id = a.npq_cohort_id
       left join schedules s on s.id = a.schedule_id
       left join npq_cohorts sc on sc.id = s.npq_cohort_id
      where a.participant_id = ? and a.lead_provider_id = ? and a.status = 'accepted' and a.course_identifier = ?
      order by a.accepted_at desc, a.id desc limit 1
      for update of a`,
    [t.participantId, t.leadProviderId, t.courseIdentifier],
  );
  return row ?? null;
}

const facts = (t: NpqParticipantActionTarget, app: LockedEnrolment | null): ActionFacts => ({
  courseIdentifier: t.courseIdentifier,
  application: app && { trainingStatus: app.training_status },
});

function refuse(violations: Violation[]): void {
  if (violations.length > 0) throw DomainError.validation(violations);
}

/**
 * Sets the training status, writes its history row (state, reason, provider, token, time) and moves the
 * application and every provider's view of the person (npq.md §1.7, §9.6), stamped last.
 */
async function changeTrainingStatus(
  tx: EntityManager,
  clock: Clock,
  t: NpqParticipantActionTarget,
  app: LockedEnrolment,
  state: TrainingStatus,
  reason: string | null,
): Promise<void> {
  const now = clock.now();
  await tx.execute('update npq_applications set training_status = ?, updated_at = ? where id = ?', [state, now, app.id]);
  await tx.execute(
    `insert into npq_application_states (id, application_id, lead_provider_id, state, reason, api_token_id, created_at) values (?, ?, ?, ?, ?, ?, ?)`,
    [randomUUID(), app.id, t.leadProviderId, state, reason, t.apiTokenId, now],
  );
  const touched = new Touched();
  await touchNpqPerson(tx, touched, t.participantId, [app.id]);
  await stampWrite(tx, clock, touched);
}

/** Defer (npq.md §4.3). Returns the participant id. */
export async function deferNpqParticipant(em: EntityManager, clock: Clock, cmd: NpqParticipantActionTarget & { reason: string | null }): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const app = await lockEnrolment(tx, cmd);
    const declarations = app && (await applicationDeclarationFacts(tx, app.id));
    refuse(deferViolations({ ...facts(cmd, app), declarations, reason: cmd.reason }));
    await changeTrainingStatus(tx, clock, cmd, app!, 'deferred', cmd.reason);
    return cmd.participantId;
  });
}

/** Resume (npq.md §4.4): from deferred or withdrawn back to active; the history row has no reason. */
export async function resumeNpqParticipant(em: EntityManager, clock: Clock, cmd: NpqParticipantActionTarget): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const app = await lockEnrolment(tx, cmd);
    const reenters = app !== null && app.training_status === 'withdrawn';
    refuse(resumeViolations({ ...facts(cmd, app), acceptedElsewhere: reenters && (await acceptedElsewhere(tx, app, app.npq_cohort_id)) }));
    await changeTrainingStatus(tx, clock, cmd, app!, 'active', null);
    return cmd.participantId;
  });
}

/** Withdraw (npq.md §4.5). */
export async function withdrawNpqParticipant(em: EntityManager, clock: Clock, cmd: NpqParticipantActionTarget & { reason: string | null }): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const app = await lockEnrolment(tx, cmd);
    const declarations = app && (await applicationDeclarationFacts(tx, app.id));
    refuse(withdrawViolations({ ...facts(cmd, app), declarations, reason: cmd.reason }));
    await changeTrainingStatus(tx, clock, cmd, app!, 'withdrawn', cmd.reason);
    return cmd.participantId;
  });
}

export interface ChangeNpqScheduleCommand extends NpqParticipantActionTarget {
  scheduleIdentifier: string | null;
  /** The request's cohort start year; null when not given (0 for a value that is not a year: no schedule matches). */
  cohort: number | null;
}

interface TargetSchedule {
  id: string;
  npq_cohort_id: string;
  cohort_id: string;
  course_identifiers: string[];
  allowed_declaration_types: string[] | null;
  applies_from: string;
  funding: NpqFunding;
}

/**
 * Change schedule (npq.md §4.6). The target year is the request's `cohort`, else the year of the current
 * schedule's cohort, else the current cohort's (the latest whose registration has started by the request date);
 * the schedule is the one with the identifier in a cohort of that year, the latest suffix first. On success the
 * application takes the schedule and its cohort; `funded_place` becomes the registration's funding eligibility
 * when a fully funded cohort moves to a capped one, and false when the new cohort is unfunded. No history row.
 */
export async function changeNpqParticipantSchedule(em: EntityManager, clock: Clock, cmd: ChangeNpqScheduleCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const app = await lockEnrolment(tx, cmd);
    const identifier = cmd.scheduleIdentifier?.trim() ? cmd.scheduleIdentifier : null;
    let target: TargetSchedule | null = null;
    if (identifier !== null) {
      const year = cmd.cohort ?? app?.schedule_year ?? (await currentCohortYear(tx, clock));
      const rows = await tx.execute<TargetSchedule[]>(
        `select s.id, s.npq_cohort_id, c.cohort_id, s.course_identifiers, s.allowed_declaration_types, to_char(s.applies_from, 'YYYY-MM-DD') as applies_from, c.funding
           from schedules s join npq_cohorts c on c.id = s.npq_cohort_id
          where s.programme = 'npq' and s.schedule_identifier = ? and c.start_year = ?
          order by c.suffix desc limit 1`,
        [identifier, year ?? 0],
      );
      target = rows[0] ?? null;
    }
    // The application's submitted, eligible, payable or paid declarations (npq.md §4.6 rules 5 and 8).
    const held = app
      ? await tx.execute<{ declaration_type: string; declaration_date: Date }[]>(
          `select declaration_type, declaration_date from participant_declarations where npq_application_id = ? and state in ${SLOT_STATES}`,
          [app.id],
        )
      : [];
    const invalidates = (t: TargetSchedule) =>
      held.some(
        (d) => !(t.allowed_declaration_types ?? []).includes(d.declaration_type) || new Date(d.declaration_date) <= new Date(`${t.applies_from}T00:00:00Z`),
      );
    refuse(
      changeScheduleViolations({
        ...facts(cmd, app),
        scheduleIdentifier: cmd.scheduleIdentifier,
        current: app && { scheduleId: app.schedule_id, funding: app.funding },
        target: target
          ? {
              scheduleId: target.id,
              fitsCourse: app !== null && target.course_identifiers.includes(app.course_identifier),
              funding: target.funding,
              contracted: await hasNpqContract(tx, cmd.leadProviderId, target.cohort_id),
              invalidatesDeclarations: invalidates(target),
              movesCohortWithDeclarations: held.length > 0 && target.npq_cohort_id !== app?.schedule_npq_cohort_id,
            }
          : null,
        acceptedElsewhere:
          app !== null && target !== null && target.npq_cohort_id !== app.npq_cohort_id && (await acceptedElsewhere(tx, app, target.npq_cohort_id)),
      }),
    );
    const t = target!;
    const a = app!;
    const fundedPlace = t.funding === 'zero' ? 'false' : a.funding === 'full' && t.funding === 'capped' ? String(a.eligible_for_funding) : null;
    await tx.execute(
      `update npq_applications set schedule_id = ?, npq_cohort_id = ?, funded_place = case when ?::boolean is null then funded_place else ?::boolean end,
              updated_at = ? where id = ?`,
      [t.id, t.npq_cohort_id, fundedPlace, fundedPlace, clock.now(), a.id],
    );
    const touched = new Touched();
    await touchNpqPerson(tx, touched, cmd.participantId, [a.id]);
    await stampWrite(tx, clock, touched);
    return cmd.participantId;
  });
}

/**
 * Another accepted, not withdrawn application of the person for the course (ASO = EHCO) in the cohort, with any
 * provider: the database's "one accepted per course per cohort" (npq.md §3.3 rule 5) would refuse the change.
 */
async function acceptedElsewhere(em: EntityManager, app: LockedEnrolment, npqCohortId: string | null): Promise<boolean> {
  const [row] = await em.execute<{ found: boolean }[]>(
    `select exists (select 1 from npq_applications o
                     where o.participant_id = ? and o.id <> ? and o.status = 'accepted' and o.training_status <> 'withdrawn'
                       and o.course_family = ? and o.npq_cohort_id is not distinct from ?) as found`,
    [app.participant_id, app.id, app.course_family, npqCohortId],
  );
  return row.found;
}

/** `Cohort.current` (npq.md §1.2): the latest cohort whose registration has started by the request date. */
async function currentCohortYear(em: EntityManager, clock: Clock): Promise<number | null> {
  const [row] = await em.execute<{ start_year: number }[]>(
    'select start_year from npq_cohorts where registration_start_date <= ? order by start_year desc, suffix desc limit 1',
    [clock.today()],
  );
  return row?.start_year ?? null;
}
