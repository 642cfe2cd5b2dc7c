import { randomUUID } from 'node:crypto';
import { isSlotViolation } from '../declaration-slot.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import { DomainError, type Violation } from '../../shared/domain-error.js';
import type { Touched } from '../../shared/write-stamp.js';
import { groupCommitOf } from '../../shared/group-commit.js';
import { RESOLVE_PARTICIPANT_SQL, resolveParticipant } from '../../participants/participant-actions.service.js';
import { isUuid } from '../../shared/ids.js';
import { executePrepared } from '../../shared/prepared.js';
import { newDeclarationListingsInsert } from '../declaration-listings.js';
import type { DeclarationState } from '../declaration.vocabulary.js';
import { castDeclarationDate } from './declaration-date.js';
import { loadEcfDeclarationFacts } from './ecf-declaration-facts.js';
import { recomputeMentorCompletion } from './mentor-completion.js';
import { ECF_DECLARATION_MESSAGES as M } from './record-ecf-declaration.messages.js';
import {
  ecfDeclarationViolations,
  periodAt,
  ROLE_OF_COURSE,
  storedEvidence,
  type EcfDeclarationFacts,
  type EcfDeclarationInput,
} from './record-ecf-declaration.rules.js';

export type { EcfDeclarationInput };

export interface RecordEcfDeclarationCommand extends EcfDeclarationInput {
  /** The caller (an ECF lead provider, or the provider an admin acts for). */
  leadProviderId: string;
}

/**
 * POST /participant-declarations with an ECF token (ecf.md §4.1–4.5): one declaration for an ECT (`ecf-induction`)
 * or a mentor (`ecf-mentor`). In one write transaction: the participant is resolved (a retired id finds its
 * successor), the slot (participant, course, type) is locked (ARCHITECTURE.md §2.9: a transaction-scoped advisory
 * lock taken before the slot is looked at, so concurrent identical posts queue and the later ones see the first as
 * the sequential repeat does), the rules run in the live order (all violations → one validation error, nothing
 * written), then the declaration is written in its state after `submitted` (TRN duplicate → `ineligible`; fundable →
 * `eligible`; else `submitted`), with a history row per transition, put on the next output-fee statement when not
 * `submitted`, mentor completion follows a mentor `completed`, and the
 * listings are refreshed and stamped. The partial unique index is the last guard: a violation of it answers the
 * same 422 as the slot rule. Every attempt whose participant resolves is recorded, a rejected one after the
 * rollback. Returns the declaration id.
 *
 * The transaction may be shared (group-commit.ts): posts that arrive while another is being written are checked
 * and written together, in arrival order, with one stamp and one commit (issue 8 item 9: the throughput target).
 * The check (resolve, lock, facts, rules) writes nothing, so a refused member leaves the others' work intact; a
 * member sees the earlier members' declarations exactly as a sequential repeat sees a committed one.
 */
export async function recordEcfDeclaration(em: EntityManager, clock: Clock, cmd: RecordEcfDeclarationCommand): Promise<string> {
  // The live controller refuses NPQ courses before the service runs: a 422, and no attempt recorded (ecf.md §4.1).
  if (cmd.courseIdentifier?.startsWith('npq-')) throw DomainError.validation([{ field: 'courseIdentifier', message: M.npqCourseNotSupported }]);
  let resolved: string | null = null;
  try {
    const lock = slotLock(cmd);
    return await groupCommitOf(em).run(em, clock, {
      lock,
      check: async (tx, locked) => {
        // Without a lockable slot the rules refuse the post; the participant is still resolved for the attempt record.
        resolved = lock ? ((locked as string | null) ?? null) : cmd.participantId ? await resolveParticipant(tx, cmd.participantId) : null;
        const facts = await loadEcfDeclarationFacts(tx, clock, cmd, resolved);
        const violations = ecfDeclarationViolations(facts);
        if (violations.length > 0) throw DomainError.validation(violations);
        return facts;
      },
      write: (tx, facts, touched) => create(tx, clock, cmd, facts, touched),
    });
  } catch (e) {
    const error = isSlotViolation(e) ? DomainError.validation([{ field: 'base', message: M.slotTaken }]) : e;
    // The write rolled back; the attempt is kept in a statement of its own (ecf.md §4.2: every attempt whose
    // participant resolves is recorded, failing ones included).
    if (error instanceof DomainError && resolved !== null) await recordRejectedAttempt(em, clock, cmd, error.violations);
    throw error;
  }
}

/**
 * The slot's lock when the post names one (a participant id that is a uuid, an ECF course and a type): a scalar
 * subquery that resolves the participant (`resolveParticipant`: a retired id finds its successor) and takes the
 * advisory lock of `<participant>:<course>|<type>` (ARCHITECTURE.md §2.9), then, when the participant has a TRN, the
 * lock of `ecf-trn|<trn>|<course>|<type>`, yielding the resolved id (null when the id names nobody: no lock then).
 * The TRN lock serialises posts for two participants who share a TRN (ecf.md §4.5), wherever they run: without it,
 * two instances could each find no slot holder with that TRN and both write a billable declaration. The group runner
 * evaluates it before the facts are read (group-commit.ts), so the facts statement's snapshot is taken after the locks
 * are granted.
 */
function slotLock(cmd: RecordEcfDeclarationCommand): { sql: string; params: unknown[] } | undefined {
  const course = cmd.courseIdentifier ?? '';
  const type = cmd.declarationType?.trim() ? cmd.declarationType : null;
  if (!cmd.participantId || !isUuid(cmd.participantId) || !ROLE_OF_COURSE[course] || !type) return undefined;
  // The TRN lock reads `locked.n`, so it is taken after the slot lock: every writer takes them in that order.
  return {
    sql: `select r.id from (${RESOLVE_PARTICIPANT_SQL}) r
            cross join lateral (select count(*) as n from (select pg_advisory_xact_lock(hashtextextended(r.id::text || ':' || ?::text || '|' || ?::text, 0))
                                                             where r.id is not null) l) locked
            cross join lateral (select count(*) from (select pg_advisory_xact_lock(hashtextextended('ecf-trn|' || p.trn || '|' || ?::text || '|' || ?::text, 0))
                                                        from participants p where p.id = r.id and p.trn is not null and locked.n >= 0) t) trn_locked`,
    params: [cmd.participantId, cmd.participantId, course, type, course, type],
  };
}

/**
 * The declaration, its history, its line item, the `created` attempt and its listing rows in ONE statement
 * (data-modifying CTEs; the foreign keys are checked at its end): each round trip costs both processes CPU, and this
 * is the hot write (issue 8 item 9). The line item is `attachLineItem`'s (billable side: the declaration's state,
 * `payment_statement_id` set on the row as inserted); the listing rows are `refreshDeclarationListings`' for a new
 * declaration (`newDeclarationListingsInsert`).
 */
async function create(tx: EntityManager, clock: Clock, cmd: RecordEcfDeclarationCommand, f: EcfDeclarationFacts, touched: Touched): Promise<string> {
  const now = clock.now();
  const r = f.record!;
  const type = cmd.declarationType!;
  const at = castDeclarationDate(cmd.declarationDate)!;
  // ecf.md §4.5: the delivery partner and (ECTs) the mentor of the period relevant at the declaration date.
  const period = periodAt(f.ownPeriods, at);
  // Written `submitted`, then (in the same statement) moved on: the same TRN on another participant holding this
  // course and type's slot → ineligible (duplicate, superseded by the oldest); else fundable → eligible.
  const original = f.duplicateOfId ?? null;
  const state: DeclarationState = original ? 'ineligible' : r.fundable ? 'eligible' : 'submitted';
  // Not `submitted`: on the next output-fee statement (none: left off any statement, as attachLineItem's callers do).
  const statementId = state !== 'submitted' ? (f.statementId ?? null) : null;
  const id = randomUUID();
  // One history row per transition (submitted, then eligible or ineligible), in order.
  const history: [DeclarationState, string | null][] = [['submitted', null]];
  if (state !== 'submitted') history.push([state, original ? 'duplicate' : null]);
  const params: unknown[] = [
    id,
    cmd.leadProviderId,
    f.participantId,
    r.id,
    period?.id ?? null,
    cmd.courseIdentifier,
    type,
    at.date,
    r.cohortId,
    r.scheduleId,
    storedEvidence(r, type, cmd.evidenceHeld),
    state,
    original ? 'duplicate' : null,
    original,
    period?.deliveryPartnerId ?? null,
    r.role === 'ect' ? (period?.mentorParticipantId ?? null) : null,
    r.pupilPremiumUplift,
    r.sparsityUplift,
    statementId,
    now,
    now,
    ...history.flatMap(([s, reason], i) => [randomUUID(), id, s, reason, cmd.leadProviderId, now, i]),
  ];
  const lineItem = statementId
    ? `, li as (insert into statement_line_items (id, statement_id, declaration_id, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?))`
    : '';
  if (statementId) params.push(randomUUID(), statementId, id, state, now, now);
  params.push(...attemptValues(clock, cmd, 'created', null, id));
  // Prepared (executePrepared): three shapes (submitted; eligible or ineligible, with or without a statement).
  await executePrepared(
    tx,
    `with d as (
       insert into participant_declarations (id, programme, lead_provider_id, participant_id, training_record_id, training_period_id, course_identifier,
                                             declaration_type, declaration_date, cohort_id, schedule_id, evidence_held, state, state_reason, superseded_by_id,
                                             delivery_partner_id, mentor_participant_id, pupil_premium_uplift, sparsity_uplift, payment_statement_id,
                                             created_at, updated_at)
       values (?, 'ecf', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       returning *),
     h as (insert into participant_declaration_states (id, declaration_id, state, state_reason, lead_provider_id, created_at)
           values ${history.map(() => "(?, ?, ?, ?, ?, ?::timestamptz + ?::int * interval '1 microsecond')").join(', ')})${lineItem},
     a as (${ATTEMPT_INSERT}),
     l as (${newDeclarationListingsInsert('d')})
     select 1`,
    params,
  );
  // Inserted above: this transaction holds the row, stampWrite need not lock it.
  touched.addWritten('participant_declarations', id);
  if (r.role === 'mentor' && type === 'completed') await recomputeMentorCompletion(tx, r.id, clock, touched);
  return id;
}

const ATTEMPT_INSERT = `insert into participant_declaration_attempts (id, programme, lead_provider_id, participant_id, request, outcome, errors, declaration_id, created_at)
     values (?, 'ecf', ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?)`;

/** The attempt row's values (ATTEMPT_INSERT's placeholders): the request attributes as sent, the outcome and errors. */
function attemptValues(
  clock: Clock,
  cmd: RecordEcfDeclarationCommand,
  outcome: 'created' | 'rejected',
  errors: Violation[] | null,
  declarationId: string | null,
): unknown[] {
  const request = {
    participant_id: cmd.participantId,
    course_identifier: cmd.courseIdentifier,
    declaration_date: cmd.declarationDate,
    declaration_type: cmd.declarationType,
    evidence_held: cmd.evidenceHeld,
  };
  return [
    randomUUID(),
    cmd.leadProviderId,
    cmd.participantId,
    JSON.stringify(request),
    outcome,
    errors ? JSON.stringify(errors) : null,
    declarationId,
    clock.now(),
  ];
}

/** A rejected attempt, in a statement of its own (after the write rolled back). */
async function recordRejectedAttempt(em: EntityManager, clock: Clock, cmd: RecordEcfDeclarationCommand, errors: Violation[]): Promise<void> {
  await em.execute(ATTEMPT_INSERT, attemptValues(clock, cmd, 'rejected', errors, null));
}
