import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { Violations } from './npq-application.rules.js';
import { NPQ_OUTCOME_MESSAGES as M, OUTCOME_COURSES } from './npq-outcome.messages.js';
import { lockNpqParticipantOf, outcomeDeclarationOf } from './npq-outcome-participant.js';
import { refreshDeclarationListings } from '../declarations/declaration-listings.js';

export interface CreateNpqOutcomeCommand {
  leadProviderId: string;
  participantId: string;
  /** The request attributes as sent (JSON values). */
  courseIdentifier?: unknown;
  state?: unknown;
  completionDate?: unknown;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * `completion_date`: the first `dddd-dd-dd` in the text (the live check is unanchored, so a full timestamp passes),
 * and it must be a real date; `2021-13-01` is the format error (npq.md §6.3 quirk, answered with a 422).
 */
export function completionDateOf(v: unknown): string | null {
  const text = typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
  const m = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || y < 1900) return null;
  return m[0];
}

export interface OutcomeFacts {
  courseIdentifier: unknown;
  state: unknown;
  completionDate: unknown;
  /** An eligible completed declaration exists (npq.md §6.3). */
  hasCompletedDeclaration: boolean;
  today: string;
}

/** §6.3's checks in the table's order; the future-date check only when `completion_date` has no other error. */
export function outcomeViolations(f: OutcomeFacts): Violations {
  const v = new Violations();
  if (blank(f.courseIdentifier)) v.add('courseIdentifier', M.courseIdentifierMissing);
  else if (!(OUTCOME_COURSES as readonly unknown[]).includes(f.courseIdentifier)) v.add('courseIdentifier', M.courseIdentifierNotRecognised);
  if (blank(f.state)) v.add('state', M.stateMissing);
  else if (f.state !== 'passed' && f.state !== 'failed') v.add('state', M.stateInvalid);
  let date: string | null = null;
  if (blank(f.completionDate)) v.add('completionDate', M.completionDateMissing);
  else if ((date = completionDateOf(f.completionDate)) === null) v.add('completionDate', M.completionDateFormat);
  if (!f.hasCompletedDeclaration) v.add('base', M.noCompletedDeclaration);
  if (date !== null && date > f.today) v.add('completionDate', M.completionDateFuture);
  return v;
}

/**
 * Records a participant's outcome (npq.md §6.3). The participant must be the provider's (else not found). The
 * outcome belongs to the newest eligible completed declaration for the course (declaration or application provider
 * the caller); none is the "no completed declaration" error. If the latest outcome on that declaration already says
 * `passed` and `passed` is sent, or has the same state and date, it is returned unchanged; otherwise a new outcome
 * is written on the declaration (its provider is the declaration's submitter, who lists it), created and updated at
 * the commit stamp (so `created_since` polling sees outcomes in commit order), and the declaration's `updated_at`
 * moves to the same stamp. Returns the outcome's id.
 */
export async function createNpqOutcome(em: EntityManager, clock: Clock, cmd: CreateNpqOutcomeCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    if (!(await lockNpqParticipantOf(tx, cmd.leadProviderId, cmd.participantId))) throw DomainError.notFound('NPQ participant');
    const declaration =
      typeof cmd.courseIdentifier === 'string' && (OUTCOME_COURSES as readonly string[]).includes(cmd.courseIdentifier)
        ? await outcomeDeclarationOf(tx, cmd.leadProviderId, cmd.participantId, cmd.courseIdentifier)
        : null;
    const violations = outcomeViolations({
      courseIdentifier: cmd.courseIdentifier,
      state: cmd.state,
      completionDate: cmd.completionDate,
      hasCompletedDeclaration: declaration !== null,
      today: clock.today(),
    });
    if (violations.any) throw DomainError.validation(violations.list());
    const state = cmd.state as 'passed' | 'failed';
    const completionDate = completionDateOf(cmd.completionDate)!;

    const [latest] = await tx.execute<{ id: string; state: string; completion_date: string }[]>(
      `select id, state, to_char(completion_date, 'YYYY-MM-DD') as completion_date from npq_outcomes
        where declaration_id = ? order by created_at desc, id desc limit 1`,
      [declaration!.id],
    );
    if (latest && ((state === 'passed' && latest.state === 'passed') || (latest.state === state && latest.completion_date === completionDate))) {
      return latest.id;
    }

    const id = randomUUID();
    const now = clock.now();
    await tx.execute(
      `insert into npq_outcomes (id, application_id, participant_id, lead_provider_id, declaration_id, state, completion_date, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, declaration!.application_id, cmd.participantId, declaration!.lead_provider_id, declaration!.id, state, completionDate, now, now],
    );
    await refreshDeclarationListings(tx, { declarationIds: [declaration!.id] }, [declaration!.id]);
    const stamp = await stampWrite(tx, clock, new Touched().add('npq_outcomes', id).add('participant_declarations', declaration!.id));
    // The outcome is new: its created_at (the created_since filter) is the same commit-ordered stamp. The row is
    // this transaction's own, so this takes no further lock.
    await tx.execute('update npq_outcomes set created_at = ? where id = ?', [stamp, id]);
    return id;
  });
}
