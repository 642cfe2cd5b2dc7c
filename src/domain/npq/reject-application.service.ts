import { writeTransaction } from '../shared/write-transaction.js';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { lockApplication } from './accept-application.service.js';
import { rejectViolations } from './npq-application.rules.js';
import { touchNpqPerson } from './npq-projection.js';
import { applicationDeclarationFacts } from '../declarations/npq/npq-declaration-facts.js';

export interface RejectNpqApplicationCommand {
  leadProviderId: string;
  applicationId: string;
}

/**
 * Rejects a pending or accepted application (npq.md §3.2, §3.4) with the reason `rejected_by_provider`, unless it
 * has a submitted, eligible, payable or paid declaration. The
 * training status, schedule and `accepted_at` stay; no history row is written. The person and all their
 * applications move (npq.md §9.6), and the person leaves the provider's participants unless another application
 * there is accepted.
 */
export async function rejectNpqApplication(em: EntityManager, clock: Clock, cmd: RejectNpqApplicationCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const app = await lockApplication(tx, cmd.leadProviderId, cmd.applicationId);
    const violations = rejectViolations(app.status, (await applicationDeclarationFacts(tx, app.id)).slotHolding);
    if (violations.length > 0) throw DomainError.validation(violations);
    await tx.execute(`update npq_applications set status = 'rejected', reason_for_rejection = 'rejected_by_provider', updated_at = ? where id = ?`, [
      clock.now(),
      app.id,
    ]);
    const touched = new Touched();
    await touchNpqPerson(tx, touched, app.participant_id, 'approval');
    await stampWrite(tx, clock, touched);
    return app.id;
  });
}
