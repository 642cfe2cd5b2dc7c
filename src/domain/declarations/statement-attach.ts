import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Programme } from '../shared/programme.js';
import type { Touched } from '../shared/write-stamp.js';
import type { LineItemState } from './declaration.vocabulary.js';

/**
 * The "next output-fee statement" of a lead provider and cohort (ecf.md §4.6, rect.md §3.6, npq.md §1.9): the
 * provider's open statement of that cohort and programme with `output_fee`, whose deadline is today or later (the
 * request clock's date: a time-travelled sandbox request picks the statement of its travelled date), earliest
 * deadline first. Used for new eligible/ineligible declarations, for clawbacks and as the "funding contract for
 * this cohort has ended" check. Null when there is none.
 */
export async function nextOutputFeeStatement(
  em: EntityManager,
  leadProviderId: string,
  cohortId: string,
  today: string,
  programme: Programme,
): Promise<{ id: string } | null> {
  const [row] = await em.execute<{ id: string }[]>(nextOutputFeeStatementSql('?'), [leadProviderId, cohortId, programme, today]);
  return row ?? null;
}

/**
 * `nextOutputFeeStatement`'s statement, for a caller that folds it into a statement of its own (as a scalar
 * subquery): the cohort is `cohortExpr` (a `?` placeholder or a column of the outer query); the placeholders, in
 * order, are the lead provider id, the cohort id (when `cohortExpr` is `?`), the programme and today.
 */
export function nextOutputFeeStatementSql(cohortExpr: string): string {
  return `select id from statements
      where lead_provider_id = ? and cohort_id = ${cohortExpr} and programme = ? and output_fee and state = 'open' and deadline_date >= ?::date
      order by deadline_date, id limit 1`;
}

const REFUNDABLE: readonly LineItemState[] = ['awaiting_clawback', 'clawed_back'];

export interface AttachLineItem {
  declarationId: string;
  statementId: string;
  /** The line item's state: the declaration's (eligible, ineligible) or `awaiting_clawback` for a clawback. */
  state: LineItemState;
  /** The request clock's now (rows written during a travelled request carry the travelled time). */
  now: Date;
  /** The write's touched set: the declaration's `statement_id` / `clawback_statement_id` is provider-visible. */
  touched?: Touched;
}

/**
 * Puts a declaration on a statement: inserts the line item and sets the declaration's mirror column in the same
 * statement order — `clawback_statement_id` for a refundable item (awaiting_clawback, clawed_back), otherwise
 * `payment_statement_id` (migration 20261217120000: writers keep both in step with the line items). The partial
 * unique indexes allow one billable-side and one refundable item per declaration. Returns the line item id.
 */
export async function attachLineItem(em: EntityManager, a: AttachLineItem): Promise<string> {
  const id = randomUUID();
  await em.execute(`insert into statement_line_items (id, statement_id, declaration_id, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`, [
    id,
    a.statementId,
    a.declarationId,
    a.state,
    a.now,
    a.now,
  ]);
  const column = REFUNDABLE.includes(a.state) ? 'clawback_statement_id' : 'payment_statement_id';
  await em.execute(`update participant_declarations set ${column} = ?, updated_at = ? where id = ?`, [a.statementId, a.now, a.declarationId]);
  a.touched?.add('participant_declarations', a.declarationId);
  return id;
}
