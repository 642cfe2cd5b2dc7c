import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';

/** How many line items of one declaration type are in one state on a statement. */
export interface StatementTotalView {
  declarationType: string;
  /** The line item's state (underscored, as stored): eligible … clawed_back. */
  state: string;
  count: number;
}

/**
 * A statement's totals (admin): its line items counted by declaration type and line-item state, so a clawback on
 * the statement counts as `awaiting_clawback` / `clawed_back` while the declaration's paid item stays on the
 * statement that paid it. Ordered by type and state. Null when there is no such statement.
 */
export async function statementTotals(em: EntityManager, statementId: string): Promise<StatementTotalView[] | null> {
  if (!isUuid(statementId)) return null;
  const [st] = await em.execute<{ id: string }[]>(`select id from statements where id = ?`, [statementId]);
  if (!st) return null;
  return em.execute<StatementTotalView[]>(
    `select d.declaration_type as "declarationType", li.state, count(*)::int as count
       from statement_line_items li join participant_declarations d on d.id = li.declaration_id
      where li.statement_id = ?
      group by d.declaration_type, li.state
      order by d.declaration_type, li.state`,
    [statementId],
  );
}
