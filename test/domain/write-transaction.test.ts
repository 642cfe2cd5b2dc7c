/**
 * writeTransaction retries a transaction PostgreSQL aborted as a deadlock victim (40P01): two real transactions
 * that lock two rows in opposite orders both complete, and the victim's work ran again from the start.
 */
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { writeTransaction } from '../../src/domain/shared/write-transaction.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  await database.db.orm.em.fork().execute(`create table deadlock_probe (id int primary key, n int not null); insert into deadlock_probe values (1, 0), (2, 0)`);
});
afterAll(async () => database?.drop());

it('runs the deadlock victim again, so both writers succeed and every increment lands once', async () => {
  const attempts = { a: 0, b: 0 };
  const writer = (name: 'a' | 'b', first: number, second: number) =>
    writeTransaction(database.db.orm.em.fork(), async (tx) => {
      attempts[name]++;
      await tx.execute('update deadlock_probe set n = n + 1 where id = ?', [first]);
      await tx.execute('select pg_sleep(0.3)');
      await tx.execute('update deadlock_probe set n = n + 1 where id = ?', [second]);
      return name;
    });
  await expect(Promise.all([writer('a', 1, 2), writer('b', 2, 1)])).resolves.toEqual(['a', 'b']);
  expect(attempts.a + attempts.b).toBe(3);
  const rows = await database.db.orm.em.fork().execute<{ id: number; n: number }[]>('select id, n from deadlock_probe order by id');
  expect(rows.map((r) => Number(r.n))).toEqual([2, 2]);
});

it('does not retry a rule violation', async () => {
  let attempts = 0;
  await expect(
    writeTransaction(database.db.orm.em.fork(), () => {
      attempts++;
      return Promise.reject(new DomainError('not_found', 'nope'));
    }),
  ).rejects.toBeInstanceOf(DomainError);
  expect(attempts).toBe(1);
});
