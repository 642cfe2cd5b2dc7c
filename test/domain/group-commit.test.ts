/**
 * Group commit (src/domain/shared/group-commit.ts): writes that arrive while another runs share one transaction,
 * in arrival order, each seeing the earlier ones; a member's rule violation is its own; any other failure rolls the
 * group back and runs every member alone, so no member's outcome depends on another's failure.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { GroupCommit, type GroupedWrite } from '../../src/domain/shared/group-commit.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';

let database: TestDatabase;
const clock = fixedOffsetClock(() => new Date());
const em = () => database.db.orm.em.fork();

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  await em().execute(`create table group_commit_probe (id text primary key, txid bigint not null)`);
});
afterAll(async () => database?.drop());
beforeEach(async () => em().execute(`truncate group_commit_probe`));

const rows = async () =>
  (await em().execute<{ id: string; txid: string }[]>(`select id, txid::text from group_commit_probe order by id`)).map((r) => ({ id: r.id, txid: r.txid }));

/** Inserts `id` with its transaction id; refuses (a rule violation) when `id` is already there, as a slot rule does. */
const insert = (id: string, opts: { slow?: boolean; failWrite?: boolean } = {}): GroupedWrite<null, string> => ({
  async check(tx: EntityManager) {
    if (opts.slow) await tx.execute(`select pg_sleep(0.3)`);
    const [found] = await tx.execute<{ n: number }[]>(`select count(*)::int as n from group_commit_probe where id = ?`, [id]);
    if (found.n > 0) throw DomainError.validation([{ field: 'base', message: `${id} is taken` }]);
    return null;
  },
  async write(tx: EntityManager) {
    await tx.execute(`insert into group_commit_probe (id, txid) values (?, txid_current())`, [id]);
    if (opts.failWrite) await tx.execute(`select 1 / 0`);
    return id;
  },
});

/** Starts a slow lone write, then the others while it runs: they queue and form one group behind it. */
async function behindASlowWrite(g: GroupCommit, writes: GroupedWrite<null, string>[]) {
  const first = g.run(em(), clock, insert('a0', { slow: true }));
  await new Promise((r) => setTimeout(r, 100));
  const rest = writes.map((w) =>
    g.run(em(), clock, w).then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error: error instanceof Error ? error.message : String(error) }),
    ),
  );
  return { first: await first, rest: await Promise.all(rest) };
}

it('writes queued behind a running one commit together, in arrival order, each seeing the earlier ones', async () => {
  const g = new GroupCommit();
  const { first, rest } = await behindASlowWrite(g, [insert('b1'), insert('b2'), insert('b1'), insert('b3')]);
  expect(first).toBe('a0');
  expect(rest).toEqual([
    { ok: true, value: 'b1' },
    { ok: true, value: 'b2' },
    // The repeat sees the first b1 (same transaction, later statement), as a sequential repeat would.
    { ok: false, error: 'base: b1 is taken' },
    { ok: true, value: 'b3' },
  ]);
  const stored = await rows();
  expect(stored.map((r) => r.id)).toEqual(['a0', 'b1', 'b2', 'b3']);
  const txOf = Object.fromEntries(stored.map((r) => [r.id, r.txid]));
  // The lone first write had its own transaction; the three that queued behind it shared one.
  expect(new Set([txOf.b1, txOf.b2, txOf.b3]).size).toBe(1);
  expect(txOf.a0).not.toBe(txOf.b1);
});

it('a failing write rolls the group back and every member runs alone: the failure stays its own, the others commit', async () => {
  const g = new GroupCommit();
  const { rest } = await behindASlowWrite(g, [insert('c1'), insert('c2', { failWrite: true }), insert('c3')]);
  expect(rest).toEqual([
    { ok: true, value: 'c1' },
    { ok: false, error: expect.stringContaining('division by zero') },
    { ok: true, value: 'c3' },
  ]);
  const stored = await rows();
  // c2's insert rolled back both times; c1 and c3 committed alone, each in its own transaction.
  expect(stored.map((r) => r.id)).toEqual(['a0', 'c1', 'c3']);
  expect(stored[1].txid).not.toBe(stored[2].txid);
});

it('a time-travelled write never joins a group', async () => {
  const g = new GroupCommit();
  const travelled = fixedOffsetClock(() => new Date(), new Date('2025-01-01T00:00:00Z'));
  const first = g.run(em(), clock, insert('d0', { slow: true }));
  await new Promise((r) => setTimeout(r, 100));
  const results = await Promise.all([g.run(em(), travelled, insert('d1')), g.run(em(), clock, insert('d2')), g.run(em(), clock, insert('d3'))]);
  await first;
  expect(results).toEqual(['d1', 'd2', 'd3']);
  const txOf = Object.fromEntries((await rows()).map((r) => [r.id, r.txid]));
  expect(txOf.d2).toBe(txOf.d3);
  expect(txOf.d1).not.toBe(txOf.d2);
  expect(txOf.d1).not.toBe(txOf.d0);
});

it("a group takes its members' locks in one statement before any check, and hands each member its lock's value", async () => {
  const g = new GroupCommit();
  const seen: unknown[] = [];
  const locking = (id: string): GroupedWrite<null, string> => ({
    ...insert(id),
    lock: { sql: `select ?::text || ':' || pg_try_advisory_xact_lock(hashtext(?::text))::text`, params: [id, id] },
    async check(tx, locked) {
      // Held by this transaction: another session cannot take it now.
      const [other] = await em().execute<{ free: boolean }[]>(`select pg_try_advisory_lock(hashtext(?::text)) as free`, [id]);
      seen.push([locked, other.free]);
      return insert(id).check(tx, undefined);
    },
  });
  const { rest } = await behindASlowWrite(g, [locking('e1'), insert('e2'), locking('e3')]);
  expect(rest.map((r) => r.ok)).toEqual([true, true, true]);
  expect(seen).toEqual([
    ['e1:true', false],
    ['e3:true', false],
  ]);
});

it("after the group's one stamp, each written member's afterStamp runs with that stamp and its own write result", async () => {
  const g = new GroupCommit();
  const calls: { written: string; stamp: string }[] = [];
  const stamped = (id: string): GroupedWrite<null, string> => ({
    ...insert(id),
    afterStamp(_tx, stamp, written) {
      calls.push({ written, stamp: stamp.toISOString() });
      return Promise.resolve();
    },
  });
  const { rest } = await behindASlowWrite(g, [stamped('f1'), stamped('f1'), stamped('f2')]);
  expect(rest.map((r) => r.ok)).toEqual([true, false, true]);
  expect(calls.map((c) => c.written)).toEqual(['f1', 'f2']);
  expect(calls[0].stamp).toBe(calls[1].stamp);
  const [clockRow] = await em().execute<{ stamped_at: Date }[]>(`select stamped_at from api_write_clock where id = 1`);
  expect(calls[0].stamp).toBe(new Date(clockRow.stamped_at).toISOString());
});
