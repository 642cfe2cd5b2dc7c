import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from './clock.js';
import { executePrepared } from './prepared.js';
import { pgArray } from './sql.js';

/** Tables whose `updated_at` is an API value that `filter[updated_since]` reads. */
export type StampedTable =
  | 'partnerships'
  | 'school_cohorts'
  | 'delivery_partners'
  | 'statements'
  | 'schools'
  | 'participant_provider_views'
  | 'npq_participants'
  | 'npq_applications'
  | 'npq_participant_listings'
  | 'npq_outcomes'
  | 'participant_declarations';

/**
 * The ECF v1/v2 list's key rows `k` (`training_record_keys`) of the projection rows `v` whose ids are the one
 * parameter. They carry their projection row's `updated_at` (participant-projection.ts): locked with it, before the
 * clock, and stamped with it.
 */
const KEYS_OF_VIEWS = `k.lead_provider_id = v.lead_provider_id and k.participant_id = v.participant_id and v.id = any(?::uuid[])`;

/** Projections whose refresh marks changed rows (`pending_stamp`) instead of returning their ids. */
const PENDING_STAMP_TABLES = ['participant_transfer_views', 'unfunded_mentor_views', 'participant_declaration_listings'] as const;

/**
 * The rows a write transaction changed in a way a provider can see. Services add ids as they write
 * (with the request time), then `stampWrite` gives them all one commit-ordered `updated_at` as the
 * transaction's last step.
 */
export class Touched {
  private readonly ids = new Map<StampedTable, Set<string>>();
  private readonly held = new Map<StampedTable, Set<string>>();

  add(table: StampedTable, ...ids: string[]): this {
    let set = this.ids.get(table);
    if (!set) this.ids.set(table, (set = new Set()));
    for (const id of ids) set.add(id);
    return this;
  }

  /**
   * Rows this transaction has itself inserted or updated (so it already holds their row locks): stamped like
   * `add`'s, without `stampWrite`'s locking statement for them (one round trip less on a hot write).
   */
  addWritten(table: StampedTable, ...ids: string[]): this {
    this.add(table, ...ids);
    let set = this.held.get(table);
    if (!set) this.held.set(table, (set = new Set()));
    for (const id of ids) set.add(id);
    return this;
  }

  /** The touched rows `stampWrite` still has to lock: those not added by `addWritten`. */
  toLock(): [StampedTable, string[]][] {
    return this.entries()
      .map(([table, ids]): [StampedTable, string[]] => [table, ids.filter((id) => !this.held.get(table)?.has(id))])
      .filter(([, ids]) => ids.length > 0);
  }

  get isEmpty(): boolean {
    return this.ids.size === 0;
  }

  entries(): [StampedTable, string[]][] {
    return [...this.ids].map(([table, set]) => [table, [...set]]);
  }
}

/**
 * Stamps the touched rows with an `updated_at` that is in commit order (README "Commit-safe updated_at").
 *
 * Why: with `updated_at` = request time, a transaction that stamps at t1 and commits after another that
 * stamped t2 > t1 becomes visible "in the past", and a poller that already moved its `updated_since` to
 * t2 never sees it. Here the stamp is read from the one-row `api_write_clock` with an UPDATE, whose row
 * lock is held until this transaction commits: a later writer's stamp is taken only after this one is
 * committed (PostgreSQL makes a transaction visible before it releases its locks), and is never smaller
 * (`greatest(now, last stamp)`). So every stamp a reader can see is ≤ every stamp still to become visible.
 *
 * Call it last, after every row this transaction writes has been flushed: all row locks are then already
 * held, so the clock lock is kept for two short statements and the commit, and no writer holding the clock
 * ever waits for a row lock (no deadlocks between writers).
 *
 * Time-travelled sandbox requests stamp their travelled time and leave the clock alone: they are outside the
 * guarantee (documented), and must not drag real stamps into the past or future.
 */
export async function stampWrite(em: EntityManager, clock: Clock, touched: Touched): Promise<Date> {
  if (!em.isInTransaction()) throw new Error('stampWrite must run inside the write transaction');
  // Every touched row locked first (in id order) and only then the clock: rows another slice of the write added to
  // `touched` without writing them itself (a partnership whose participants count changed, say) are held too,
  // so the clock holder never waits for a row lock. Rows the write inserted or updated itself (`addWritten`) are held.
  for (const [table, ids] of touched.toLock()) {
    await executePrepared(em, `select 1 from "${table}" where id = any(?::uuid[]) order by id for no key update`, [pgArray(ids)]);
  }
  // The ECF v1/v2 key rows of touched projection rows are stamped with them (training_record_keys): held too.
  for (const [table, ids] of touched.entries()) {
    if (table !== 'participant_provider_views') continue;
    await em.execute(
      `select 1 from training_record_keys k, participant_provider_views v where ${KEYS_OF_VIEWS}
        order by k.lead_provider_id, k.participant_id, k.ord for no key update of k`,
      [pgArray(ids)],
    );
  }
  // The clock, the touched rows and the marked projection rows in one statement (one round trip: the clock's row
  // lock is then held for this statement and the commit only). Every row it updates is already locked by this
  // transaction (above, or written by it), so it never waits for a row lock while holding the clock.
  const params: unknown[] = [];
  const clockSql = clock.travelled
    ? 'select ?::timestamptz as stamped_at'
    : 'update api_write_clock set stamped_at = greatest(?::timestamptz, stamped_at) where id = 1 returning stamped_at';
  params.push(clock.now());
  const updates: string[] = [];
  for (const [table, ids] of touched.entries()) {
    updates.push(`update "${table}" set updated_at = (select stamped_at from clock) where id = any(?::uuid[])`);
    params.push(pgArray(ids));
    if (table === 'participant_provider_views') {
      updates.push(`update training_record_keys k set updated_at = (select stamped_at from clock) from participant_provider_views v where ${KEYS_OF_VIEWS}`);
      params.push(pgArray(ids));
    }
  }
  // Projection rows their refresh marked as changed (src/domain/participants/listing-projection.ts): only this
  // transaction's marks are visible to it (another writer's are uncommitted, and committed rows are never marked).
  for (const table of PENDING_STAMP_TABLES) {
    updates.push(`update "${table}" set updated_at = (select stamped_at from clock), pending_stamp = false where pending_stamp`);
  }
  // Prepared (executePrepared): its shapes are few (which tables a write touches), and every write runs it.
  const [row] = await executePrepared<{ stamped_at: Date | string }>(
    em,
    `with clock as (${clockSql})${updates.map((u, i) => `, u${i} as (${u})`).join('')} select stamped_at from clock`,
    params,
  );
  const stamp = new Date(row.stamped_at);
  return stamp;
}
