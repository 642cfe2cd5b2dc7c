import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import type { Programme } from '../shared/programme.js';
import type { LineItemState } from './declaration.vocabulary.js';

/** Line-item states that make the statement the declaration's `statement_id` (billable). */
const PAYMENT_SIDE: readonly LineItemState[] = ['eligible', 'payable', 'paid'];
/** Line-item states that make the statement the declaration's `clawback_statement_id` (refundable). */
const REFUND_SIDE: readonly LineItemState[] = ['awaiting_clawback', 'clawed_back'];

export interface StatementScope {
  leadProviderId: string;
  cohortId: string;
  programme: Programme;
}

/**
 * The provider's next output-fee statement for a cohort (ecf.md §4.6, npq.md §7): open, `output_fee`, deadline
 * today or later (the request clock's date), the earliest deadline first; null when there is none. The row is
 * locked FOR SHARE until the caller commits, so a statement cannot be closed (open → payable) between the look-up
 * and the line item that attaches to it; a statement a concurrent close moved on is skipped for the next one.
 */
export async function nextOutputFeeStatement(em: EntityManager, clock: Clock, scope: StatementScope): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>(
    `select id from statements
      where lead_provider_id = ? and cohort_id = ? and programme = ? and output_fee and state = 'open' and deadline_date >= ?::date
      order by deadline_date, id limit 1 for share`,
    [scope.leadProviderId, scope.cohortId, scope.programme, clock.today()],
  );
  return row?.id ?? null;
}

/**
 * Puts a declaration on a statement with a line item in `state`, and keeps the declaration's mirror column in
 * step: a billable item (eligible, payable, paid) sets `payment_statement_id`, a refundable one (awaiting_clawback,
 * clawed_back) `clawback_statement_id`; an ineligible item sets neither (`statement_id` names billable items only,
 * npq.md §5.5). The caller adds the declaration to its Touched set and refreshes its listings.
 */
export async function attachLineItem(em: EntityManager, clock: Clock, declarationId: string, statementId: string, state: LineItemState): Promise<string> {
  const id = randomUUID();
  const now = clock.now();
  await em.execute(
    `insert into statement_line_items (id, statement_id, declaration_id, state, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`,
    [id, statementId, declarationId, state, now, now],
  );
  if (PAYMENT_SIDE.includes(state)) {
    await em.execute(`update participant_declarations set payment_statement_id = ?, updated_at = ? where id = ?`, [statementId, now, declarationId]);
  } else if (REFUND_SIDE.includes(state)) {
    await em.execute(`update participant_declarations set clawback_statement_id = ?, updated_at = ? where id = ?`, [statementId, now, declarationId]);
  }
  return id;
}
