import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from './clock.js';
import { DomainError } from './domain-error.js';
import { executePrepared } from './prepared.js';
import { stampWrite, Touched } from './write-stamp.js';
import { writeTransaction } from './write-transaction.js';

/**
 * One write that may share its transaction with concurrent writes of the same kind (group commit).
 *
 * `check` reads and decides, and may throw a DomainError (a rule violation), but writes nothing: it may take
 * transaction-scoped advisory locks (a slot lock), which are not writes. `write` writes, adding what it changed to
 * `touched`; it must not throw a DomainError (any error there abandons the group, below). Neither calls
 * `stampWrite`: the group stamps once, last, with every member's touched rows.
 */
export interface GroupedWrite<C, T> {
  /**
   * The write's locks, taken before any member of its group reads (optional): a scalar subquery (`?` placeholders,
   * each typed by its context or a cast) that takes them as a side effect and yields a value for `check`. A group
   * evaluates every member's in one statement, so a member's `check` reads in a later statement, whose snapshot is
   * taken after all of the group's locks were granted.
   */
  lock?: { sql: string; params: unknown[] };
  /** `locked` is the value of `lock` (undefined without one). */
  check(tx: EntityManager, locked: unknown): Promise<C>;
  write(tx: EntityManager, checked: C, touched: Touched): Promise<T>;
  /**
   * After the stamp, before the commit (optional): for a row that carries the write's stamp in a column
   * `stampWrite` does not set (an NPQ outcome's `created_at`). `written` is this member's `write` result.
   */
  afterStamp?(tx: EntityManager, stamp: Date, written: T): Promise<void>;
}

/** A group's size limit: enough to share a commit among a burst, small enough to keep a group's locks short. */
const MAX_GROUP = 16;

interface Member {
  em: EntityManager;
  clock: Clock;
  work: GroupedWrite<unknown, unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit for a hot write (issue 8 item 9: POST /participant-declarations at ≥ 200 a second on 2 cores).
 *
 * Each write transaction pays a BEGIN, the write clock's stamp and a COMMIT (three round trips, a WAL flush, and
 * the clock row's lock from the stamp to the commit, which every API write queues on: write-stamp.ts). Writes that
 * arrive while a group is running wait and then run together, in arrival order, in ONE transaction: every member's
 * locks in one statement, then each member's `check` and (when it passed) its `write`, then one `stampWrite` and one
 * commit for all of them. A member sees the members before it exactly as a sequential request would see an earlier
 * one (same transaction, later statement), so a repeat of an earlier member's declaration is refused as the
 * sequential repeat is.
 *
 * A member whose `check` throws a DomainError gets that error and wrote nothing; the others go on. Any other error
 * (a failed statement, a deadlock) abandons the group: it is rolled back and each member runs again alone, in a
 * transaction of its own with writeTransaction's retries, as if it had never been grouped — so one member's failure
 * never changes another's outcome, and nothing of a rolled-back group is ever visible. A member alone (no
 * concurrency), and every time-travelled request (its own stamp, write-stamp.ts), run alone from the start: the
 * statements are then exactly those of an ungrouped write.
 *
 * One group runs at a time per database (per MikroORM driver): the members' slot locks are then never held by two
 * groups in opposite orders.
 */
export class GroupCommit {
  private readonly queue: Member[] = [];
  private running = false;

  run<C, T>(em: EntityManager, clock: Clock, work: GroupedWrite<C, T>): Promise<T> {
    if (clock.travelled) return runAlone(em, clock, work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ em, clock, work, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        if (group.length === 1) await settleAlone(group[0]);
        else await runGroup(group);
      }
    } finally {
      this.running = false;
    }
  }
}

/** One statement that takes the locks of the members that have any (`GroupedWrite.lock`), in member order. */
async function takeLocks(tx: EntityManager, works: GroupedWrite<unknown, unknown>[]): Promise<unknown[]> {
  const locking = works.flatMap((w, i) => (w.lock ? [{ i, lock: w.lock }] : []));
  const values: unknown[] = works.map(() => undefined);
  if (locking.length === 0) return values;
  // Prepared: its shapes are one per number of locking members (at most MAX_GROUP).
  const [row] = await executePrepared<Record<string, unknown>>(
    tx,
    `select ${locking.map(({ lock }, n) => `(${lock.sql}) as l${n}`).join(', ')}`,
    locking.flatMap(({ lock }) => lock.params),
  );
  locking.forEach(({ i }, n) => (values[i] = row[`l${n}`]));
  return values;
}

/**
 * The members' work in the transaction `tx`, in order: every lock in one statement, each member's check and (when
 * it passed) its write, then, when any member wrote, one stamp for all of them and each writer's `afterStamp`. A
 * member's DomainError from `check` is its outcome; any other error propagates (the caller rolls back).
 */
async function runMembers(tx: EntityManager, clock: Clock, works: GroupedWrite<unknown, unknown>[]): Promise<Outcome[]> {
  const touched = new Touched();
  const outcomes: Outcome[] = [];
  const locked = await takeLocks(tx, works);
  for (const [i, work] of works.entries()) {
    let checked: unknown;
    try {
      checked = await work.check(tx, locked[i]);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ ok: false, error });
      continue;
    }
    outcomes.push({ ok: true, value: await work.write(tx, checked, touched) });
  }
  if (!outcomes.some((o) => o.ok)) return outcomes;
  const stamp = await stampWrite(tx, clock, touched);
  for (const [i, work] of works.entries()) {
    const o = outcomes[i];
    if (o.ok) await work.afterStamp?.(tx, stamp, o.value);
  }
  return outcomes;
}

/** One write in a transaction of its own, with writeTransaction's retries; a refusal rolls it back. */
async function runAlone<C, T>(em: EntityManager, clock: Clock, work: GroupedWrite<C, T>): Promise<T> {
  return writeTransaction(em, async (tx) => {
    const [outcome] = await runMembers(tx, clock, [work]);
    if (!outcome.ok) throw outcome.error;
    return outcome.value as T;
  });
}

async function settleAlone(m: Member): Promise<void> {
  try {
    m.resolve(await runAlone(m.em, m.clock, m.work));
  } catch (e) {
    m.reject(e);
  }
}

async function runGroup(group: Member[]): Promise<void> {
  let outcomes: Outcome[];
  try {
    // The latest member's clock: live clocks all read the system time (travelled ones never join a group).
    const clock = group[group.length - 1].clock;
    outcomes = await group[0].em.fork().transactional((tx) =>
      runMembers(
        tx,
        clock,
        group.map((m) => m.work),
      ),
    );
  } catch {
    // Rolled back, nothing of it visible: each member again, alone (its own error, if any, is then its own).
    await Promise.all(group.map(settleAlone));
    return;
  }
  group.forEach((m, i) => {
    const o = outcomes[i];
    if (o.ok) m.resolve(o.value);
    else m.reject(o.error);
  });
}

const groups = new WeakMap<object, GroupCommit>();

/** The GroupCommit of the database `em` writes to (one per MikroORM driver: every fork of an ORM shares it). */
export function groupCommitOf(em: EntityManager): GroupCommit {
  const driver = em.getDriver() as object;
  let g = groups.get(driver);
  if (!g) groups.set(driver, (g = new GroupCommit()));
  return g;
}
