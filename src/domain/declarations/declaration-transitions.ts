import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { pgArray } from '../shared/sql.js';
import type { Programme } from '../shared/programme.js';
import type { DeclarationState } from './declaration.vocabulary.js';
import { nextOutputFeeStatement } from './statement-attach.js';

/**
 * One `participant_declaration_states` history row per declaration for a transition (ecf.md §4.5: "a
 * DeclarationState history row is written for every transition"). `leadProviderId` is the provider that moved
 * it (void); null for DfE and the system (statement close and payment, eligibility changes).
 */
export async function recordDeclarationStates(
  em: EntityManager,
  clock: Clock,
  declarationIds: readonly string[],
  state: DeclarationState,
  o: { leadProviderId?: string | null; reason?: 'duplicate' | null } = {},
): Promise<void> {
  if (declarationIds.length === 0) return;
  await em.execute(
    `insert into participant_declaration_states (id, declaration_id, state, state_reason, lead_provider_id, created_at)
     select gen_random_uuid(), d, ?, ?, ?, ? from unnest(?::uuid[]) as d`,
    [state, o.reason ?? null, o.leadProviderId ?? null, clock.now(), pgArray(declarationIds)],
  );
}

/**
 * The next output-fee statement (statement-attach.ts), held with a key-share lock until commit, so it is still open
 * when the line item attaches: closing a statement takes its row FOR UPDATE (statements.service.ts), which this lock
 * waits for; a statement that a close moved on meanwhile no longer matches, and the next one is looked up instead.
 */
export async function lockNextOutputFeeStatement(
  em: EntityManager,
  leadProviderId: string,
  cohortId: string,
  today: string,
  programme: Programme,
): Promise<{ id: string } | null> {
  for (;;) {
    const statement = await nextOutputFeeStatement(em, leadProviderId, cohortId, today, programme);
    if (!statement) return null;
    const [held] = await em.execute<{ id: string }[]>(`select id from statements where id = ? and state = 'open' for key share`, [statement.id]);
    if (held) return statement;
  }
}
