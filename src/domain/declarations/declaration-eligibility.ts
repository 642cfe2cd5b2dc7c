import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { lockNextOutputFeeStatement, recordDeclarationStates } from './declaration-transitions.js';
import { attachLineItem } from './statement-attach.js';

/**
 * ECF "participant becomes eligible later" (ecf.md §4.5 step 3, §4.7 submitted → eligible): when DfE marks a
 * training record eligible for funding, its `submitted` declarations become `eligible` and are attached to their
 * provider's next output-fee statement for the declaration's cohort, with an eligible line item and a history row.
 * A declaration whose provider has no such statement stays `submitted` (an eligible declaration is one on a statement;
 * docs/compatibility.md). The caller stamps the returned declarations and refreshes their listings.
 */
export async function markSubmittedDeclarationsEligible(tx: EntityManager, clock: Clock, trainingRecordId: string): Promise<string[]> {
  const submitted = await tx.execute<{ id: string; lead_provider_id: string; cohort_id: string }[]>(
    `select id, lead_provider_id, cohort_id from participant_declarations
      where training_record_id = ? and programme = 'ecf' and state = 'submitted' order by id for update`,
    [trainingRecordId],
  );
  const moved: string[] = [];
  for (const d of submitted) {
    const statement = await lockNextOutputFeeStatement(tx, d.lead_provider_id, d.cohort_id, clock.today(), 'ecf');
    if (!statement) continue;
    await tx.execute(`update participant_declarations set state = 'eligible', updated_at = ? where id = ?`, [clock.now(), d.id]);
    await attachLineItem(tx, { declarationId: d.id, statementId: statement.id, state: 'eligible', now: clock.now() });
    moved.push(d.id);
  }
  await recordDeclarationStates(tx, clock, moved, 'eligible');
  return moved;
}
