import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';
import { withoutForeignKeyTriggers } from '../../src/domain/demo/without-fk-triggers.js';

// The production seed's bulk load runs without PostgreSQL's per-row foreign key triggers and checks every key once at
// the end (the test database's user is a superuser, as the machine's PostgreSQL and the embedded one are).
describe('withoutForeignKeyTriggers (bulk loads)', () => {
  let db: TestDatabase;
  const em = () => db.db.orm.em.fork();
  const role = async (tx: EntityManager) => (await tx.execute<{ r: string }[]>(`select current_setting('session_replication_role') as r`))[0].r;
  const children = async () => (await em().execute<{ id: number }[]>('select id from bulk_child order by id')).map((r) => r.id);

  beforeAll(async () => {
    db = await createTestDatabase({ seed: false });
    await em().execute(`create table bulk_parent (id int primary key);
                        create table bulk_child (id int primary key, parent_id int references bulk_parent (id));
                        insert into bulk_parent values (1)`);
  });
  afterAll(async () => db?.drop());
  afterEach(async () => em().execute('delete from bulk_child'));

  it('loads with the triggers off inside the window and on again after it, keeping rows whose keys hold', async () => {
    const seen: string[] = [];
    await em().transactional(async (tx) => {
      await withoutForeignKeyTriggers(tx, async () => {
        seen.push(await role(tx));
        await tx.execute('insert into bulk_child values (10, 1), (11, null)');
      });
      seen.push(await role(tx));
    });
    expect(seen).toEqual(['replica', 'origin']);
    expect(await children()).toEqual([10, 11]);
  });

  it('names the broken key and rolls the whole transaction back when a loaded row references nothing', async () => {
    await expect(
      em().transactional(async (tx) => {
        await tx.execute('insert into bulk_child values (1, 1)');
        await withoutForeignKeyTriggers(tx, () => tx.execute('insert into bulk_child values (2, 1), (3, 99), (4, 98)'));
      }),
    ).rejects.toThrow('bulk load broke foreign keys: bulk_child_parent_id_fkey (2 rows of bulk_child)');
    expect(await children()).toEqual([]);
  });

  it('leaves the check to the outer window when nested', async () => {
    const seen: string[] = [];
    await expect(
      em().transactional(async (tx) => {
        await withoutForeignKeyTriggers(tx, async () => {
          await withoutForeignKeyTriggers(tx, () => tx.execute('insert into bulk_child values (5, 99)'));
          seen.push(await role(tx));
        });
      }),
    ).rejects.toThrow('bulk_child_parent_id_fkey (1 rows of bulk_child)');
    expect(seen).toEqual(['replica']);
  });

  it('refuses to skip a trigger that keeps something the load does not rebuild', async () => {
    await em().execute(`create function bulk_child_touch() returns trigger language plpgsql as $$ begin return null; end $$;
                        create trigger bulk_child_touch after insert on bulk_child for each statement execute function bulk_child_touch()`);
    try {
      await expect(em().transactional((tx) => withoutForeignKeyTriggers(tx, () => tx.execute('insert into bulk_child values (6, 1)')))).rejects.toThrow(
        'bulk load: triggers bulk_child_touch would not fire',
      );
      expect(await children()).toEqual([]);
    } finally {
      await em().execute('drop trigger bulk_child_touch on bulk_child; drop function bulk_child_touch()');
    }
  });
});
