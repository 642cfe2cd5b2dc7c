import { isSlotViolation, lockDeclarationSlot } from '../declaration-slot.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import { DomainError, type Violation } from '../../shared/domain-error.js';
import type { Touched } from '../../shared/write-stamp.js';
import { groupCommitOf } from '../../shared/group-commit.js';
import { refreshDeclarationListings } from '../declaration-listings.js';
import type { DeclarationState } from '../declaration.vocabulary.js';
import { attachLineItem, nextOutputFeeStatement } from '../statement-attach.js';
import {
  BILLABLE_STATES,
  confirmedDeliveryPartners,
  courseFamilyOf,
  declaredApplication,
  deliveryPartnerOf,
  hasNpqContract,
  isParticipantOf,
  replacementOf,
  SLOT_STATES,
  type DeclaredApplication,
} from './npq-declaration-facts.js';
import { hasPassedOf, needsHasPassed, npqDeclarationViolations } from './npq-declaration.rules.js';
import { strictDeclarationDate } from './npq-declaration-date.js';
import { NPQ_DECLARATION_MESSAGES as M } from './npq-declaration.messages.js';

/** A provider's `POST /participant-declarations` with an NPQ token: the attributes exactly as sent (JSON values). */
export interface RecordNpqDeclarationCommand {
  leadProviderId: string;
  participantId?: unknown;
  declarationType?: unknown;
  declarationDate?: unknown;
  courseIdentifier?: unknown;
  hasPassed?: unknown;
  /** v3 only: v1 and v2 requests cannot carry delivery partners (docs/compatibility.md). */
  deliveryPartnerId?: unknown;
  secondaryDeliveryPartnerId?: unknown;
}

const given = (v: unknown) => v !== undefined && v !== null && v !== false;

/**
 * Records an NPQ declaration (npq.md §5.3–5.5) and returns its id. Every attempt is recorded: a created
 * declaration with its write, a refused one afterwards with its violations. The write transaction may be shared
 * with posts that arrive at the same time (group-commit.ts: `check` reads and may refuse, `create` writes).
 *
 * Concurrency (ARCHITECTURE.md §2.9): once the application is known, the transaction takes an advisory lock on
 * the slot (application and declaration type) before it looks at existing declarations, so concurrent identical
 * posts queue and each later one sees the earlier one committed: the step 13 422, exactly as a sequential repeat.
 * The partial unique index `participant_declarations_one_billable` backs this up.
 */
export async function recordNpqDeclaration(em: EntityManager, clock: Clock, cmd: RecordNpqDeclarationCommand): Promise<string> {
  try {
    const written = await groupCommitOf(em).run(em, clock, {
      check: (tx) => check(tx, clock, cmd),
      write: (tx, checked, touched) => create(tx, clock, cmd, checked, touched),
      afterStamp: (tx, stamp, w) => stampOutcome(tx, stamp, w.outcomeId),
    });
    return written.id;
  } catch (e) {
    // The index is the last guard (a writer that took no lock): its violation is the same answer as the slot rule.
    const error = isSlotViolation(e) ? DomainError.validation([{ field: 'base', message: M.slotTaken }]) : e;
    if (error instanceof DomainError) await recordAttempt(em, clock, cmd, 'rejected', error.violations, null);
    throw error;
  }
}

/** What `check` found for `create`: the application declared on, the parsed date and the resolved partners and statement. */
interface Checked {
  app: DeclaredApplication;
  date: Date;
  dp: string | null;
  secondary: string | null;
  statementId: string | null;
}

/** The rules (npq.md §5.4), after the slot's lock: reads only (the lock is not a write); a violation is thrown. */
async function check(tx: EntityManager, clock: Clock, cmd: RecordNpqDeclarationCommand): Promise<Checked> {
  const lp = cmd.leadProviderId;
  const family = courseFamilyOf(cmd.courseIdentifier);
  const participantFound = await isParticipantOf(tx, lp, cmd.participantId);
  const person = participantFound ? (cmd.participantId as string) : null;
  const app = person && family ? await declaredApplication(tx, lp, person, family) : null;
  const type = typeof cmd.declarationType === 'string' ? cmd.declarationType : null;
  if (app && type) await lockDeclarationSlot(tx, app.id, type);

  const date = strictDeclarationDate(cmd.declarationDate);
  const [facts] = await tx.execute<{ accepted_for_course: boolean; withdrawn_at: Date | null; existing: string | null; slot_taken: boolean }[]>(
    `select exists (select 1 from npq_applications where participant_id = ? and course_family = ? and status = 'accepted') as accepted_for_course,
            (select case when st.state = 'withdrawn' then st.created_at end from npq_application_states st
              where st.application_id = ? and st.lead_provider_id = ? order by st.created_at desc, st.id desc limit 1) as withdrawn_at,
            (select case when d.state = 'submitted' then 'submitted' else 'billable' end from participant_declarations d
              where d.programme = 'npq' and d.participant_id = ? and d.course_identifier = ? and d.lead_provider_id = ?
                and d.declaration_type = ? and d.declaration_date = ? and (d.state = 'submitted' or d.state in ${BILLABLE_STATES}) limit 1) as existing,
            exists (select 1 from participant_declarations d where d.npq_application_id = ? and d.declaration_type = ? and d.state in ${SLOT_STATES}) as slot_taken`,
    [person, family, app?.id ?? null, lp, person, String(cmd.courseIdentifier), lp, type, date, app?.id ?? null, type],
  );
  const cohortId = app?.cohort_id ?? null;
  const statementId = cohortId ? ((await nextOutputFeeStatement(tx, lp, cohortId, clock.today(), 'npq'))?.id ?? null) : null;
  const dp = await deliveryPartnerOf(tx, cmd.deliveryPartnerId);
  const secondary = await deliveryPartnerOf(tx, cmd.secondaryDeliveryPartnerId);
  const violations = npqDeclarationViolations({
    participantId: cmd.participantId,
    declarationType: cmd.declarationType,
    declarationDate: cmd.declarationDate,
    courseIdentifier: cmd.courseIdentifier,
    hasPassed: cmd.hasPassed,
    replacedBy: await replacementOf(tx, cmd.participantId),
    participantFound,
    withdrawnAt: facts.withdrawn_at && new Date(facts.withdrawn_at),
    acceptedForCourse: facts.accepted_for_course,
    schedule: app?.schedule_id ? { appliesFrom: app.applies_from!, allowedTypes: app.allowed_declaration_types ?? [] } : null,
    cohortStartYear: app?.cohort_start_year ?? null,
    contractExists: cohortId !== null && (await hasNpqContract(tx, lp, cohortId)),
    fundable: app?.fundable ?? false,
    existingMatching: facts.existing as 'submitted' | 'billable' | null,
    hasOutputFeeStatement: statementId !== null,
    slotTaken: facts.slot_taken,
    deliveryPartnerGiven: given(cmd.deliveryPartnerId),
    deliveryPartnerExists: dp !== null,
    secondaryGiven: given(cmd.secondaryDeliveryPartnerId),
    secondaryExists: secondary !== null,
    deliveryPartners: {
      insideEngland: app?.inside_england ?? false,
      deliveryPartnerId: dp,
      secondaryDeliveryPartnerId: secondary,
      deliveryPartnerChanged: true,
      secondaryChanged: true,
      confirmed: cohortId ? await confirmedDeliveryPartners(tx, lp, cohortId) : new Set(),
    },
    now: clock.now(),
  });
  if (violations.length > 0) throw DomainError.validation(violations);
  return { app: app!, date: date!, dp, secondary, statementId };
}

/**
 * The effect of npq.md §5.5: insert, eligibility, statement, outcome, history, listings, attempt, the touched rows
 * added for the stamp that follows (group-commit.ts); returns the declaration id and the outcome's id, if any.
 */
async function create(
  tx: EntityManager,
  clock: Clock,
  cmd: RecordNpqDeclarationCommand,
  o: Checked,
  touched: Touched,
): Promise<{ id: string; outcomeId: string | null }> {
  const { app, date } = o;
  const id = randomUUID();
  const now = clock.now();
  const type = cmd.declarationType as string;
  const withOutcome = needsHasPassed(cmd.courseIdentifier, type);
  const hasPassed = withOutcome ? hasPassedOf(cmd.hasPassed) : null;
  await tx.execute(
    `insert into participant_declarations (id, programme, lead_provider_id, participant_id, npq_application_id, course_identifier, declaration_type,
            declaration_date, cohort_id, schedule_id, has_passed, state, delivery_partner_id, secondary_delivery_partner_id, created_at, updated_at)
     values (?, 'npq', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?)`,
    [
      id,
      cmd.leadProviderId,
      app.participant_id,
      app.id,
      app.course_identifier,
      type,
      date,
      app.cohort_id,
      app.schedule_id,
      hasPassed,
      o.dp,
      o.secondary,
      now,
      now,
    ],
  );
  await recordState(tx, id, 'submitted', cmd.leadProviderId, now);

  // Eligibility (npq.md §5.5 step 2): another person with the same TRN holds this type for the course (ASO = EHCO).
  const original = await duplicateOf(tx, app, type, id);
  const state: DeclarationState = original ? 'ineligible' : app.fundable ? 'eligible' : 'submitted';
  if (state !== 'submitted') {
    await tx.execute('update participant_declarations set state = ?, superseded_by_id = ? where id = ?', [state, original, id]);
    await recordState(tx, id, state, null, now);
    // Ineligible items are not billable: readers show no `statement_id` for an ineligible declaration.
    if (o.statementId) await attachLineItem(tx, { declarationId: id, statementId: o.statementId, state, now });
  }

  touched.add('participant_declarations', id);
  let outcomeId: string | null = null;
  if (withOutcome) {
    outcomeId = randomUUID();
    await tx.execute(
      `insert into npq_outcomes (id, application_id, participant_id, lead_provider_id, declaration_id, state, completion_date, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [outcomeId, app.id, app.participant_id, cmd.leadProviderId, id, hasPassed ? 'passed' : 'failed', date.toISOString().slice(0, 10), now, now],
    );
    touched.add('npq_outcomes', outcomeId);
  }
  await tx.execute(
    `insert into participant_declaration_attempts (id, programme, lead_provider_id, participant_id, request, outcome, errors, declaration_id, created_at)
     values (?, 'npq', ?, ?, ?::jsonb, 'created', null, ?, ?)`,
    [randomUUID(), cmd.leadProviderId, app.participant_id, JSON.stringify(requestOf(cmd)), id, now],
  );
  await refreshDeclarationListings(tx, { declarationIds: [id] }, [id]);
  return { id, outcomeId };
}

/** The outcome's `created_at` is its write's stamp (commit-ordered, as its `updated_at`): set once the stamp is known. */
async function stampOutcome(tx: EntityManager, stamp: Date, outcomeId: string | null): Promise<void> {
  if (outcomeId) await tx.execute('update npq_outcomes set created_at = ? where id = ?', [stamp, outcomeId]);
}

/**
 * The oldest slot-holding, not superseded declaration of the same type and course (ASO = EHCO) of another person
 * with the same TRN, any provider. A transaction-scoped lock on (TRN, course, type) makes two people sharing a
 * TRN declare one after the other, so at most one of them is eligible.
 */
async function duplicateOf(tx: EntityManager, app: DeclaredApplication, type: string, id: string): Promise<string | null> {
  if (!app.trn) return null;
  await tx.execute(`select pg_advisory_xact_lock(hashtextextended('npq-trn|' || ? || '|' || ? || '|' || ?, 0))`, [app.trn, app.course_family, type]);
  const [row] = await tx.execute<{ id: string }[]>(
    `select d.id from participant_declarations d
       join npq_applications a on a.id = d.npq_application_id
       join npq_participants p on p.id = a.participant_id
      where d.programme = 'npq' and d.state in ${SLOT_STATES} and d.superseded_by_id is null and d.declaration_type = ?
        and a.course_family = ? and p.trn = ? and p.id <> ? and d.id <> ?
      order by d.created_at, d.id limit 1`,
    [type, app.course_family, app.trn, app.participant_id, id],
  );
  return row?.id ?? null;
}

async function recordState(tx: EntityManager, declarationId: string, state: DeclarationState, leadProviderId: string | null, at: Date): Promise<void> {
  await tx.execute(
    'insert into participant_declaration_states (id, declaration_id, state, state_reason, lead_provider_id, created_at) values (?, ?, ?, null, ?, ?)',
    [randomUUID(), declarationId, state, leadProviderId, at],
  );
}

const requestOf = (cmd: RecordNpqDeclarationCommand) => ({
  participant_id: cmd.participantId,
  declaration_type: cmd.declarationType,
  declaration_date: cmd.declarationDate,
  course_identifier: cmd.courseIdentifier,
  has_passed: cmd.hasPassed,
  delivery_partner_id: cmd.deliveryPartnerId,
  secondary_delivery_partner_id: cmd.secondaryDeliveryPartnerId,
});

/** A refused attempt (npq.md §5.4 errors), written after the refused transaction rolled back. */
async function recordAttempt(
  em: EntityManager,
  clock: Clock,
  cmd: RecordNpqDeclarationCommand,
  outcome: 'rejected',
  errors: Violation[],
  id: null,
): Promise<void> {
  await em.execute(
    `insert into participant_declaration_attempts (id, programme, lead_provider_id, participant_id, request, outcome, errors, declaration_id, created_at)
     values (?, 'npq', ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?)`,
    [
      randomUUID(),
      cmd.leadProviderId,
      cmd.participantId === undefined || cmd.participantId === null
        ? null
        : typeof cmd.participantId === 'string'
          ? cmd.participantId
          : JSON.stringify(cmd.participantId),
      JSON.stringify(requestOf(cmd)),
      outcome,
      JSON.stringify(errors),
      id,
      clock.now(),
    ],
  );
}
