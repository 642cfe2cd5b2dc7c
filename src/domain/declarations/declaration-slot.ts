import type { EntityManager } from '@mikro-orm/postgresql';

/** The partial unique index that holds one slot-holding declaration per slot and type (migration 20261217120000). */
const SLOT_INDEX = 'participant_declarations_one_billable';

/**
 * Takes the transaction-scoped advisory lock on a declaration slot (ARCHITECTURE.md §2.9) before the writer looks
 * for a declaration in it: concurrent posts for the same slot queue here, and each later one then finds the first
 * exactly as a sequential repeat would. `slotKey` is the `slot_key` column's value (ECF: `participant:course`; NPQ:
 * the application id).
 */
export async function lockDeclarationSlot(tx: EntityManager, slotKey: string, declarationType: string): Promise<void> {
  await tx.execute(`select pg_advisory_xact_lock(hashtextextended(? || '|' || ?, 0))`, [slotKey, declarationType]);
}

/** True when the error (or one it wraps) is the slot index refusing a second slot holder. */
export function isSlotViolation(e: unknown): boolean {
  for (let c: unknown = e, depth = 0; typeof c === 'object' && c !== null && depth < 5; depth++) {
    const err = c as { constraint?: unknown; message?: unknown; cause?: unknown };
    if (err.constraint === SLOT_INDEX || String(err.message).includes(SLOT_INDEX)) return true;
    c = err.cause;
  }
  return false;
}
