import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../shared/sql.js';

/**
 * The tables whose own (non-constraint) triggers a bulk load may skip, because the code that loads them rebuilds
 * what the triggers keep: `participant_declaration_listings` (its per-day counts, `participant_declaration_listing_days`,
 * recomputed by the unscoped `refreshDeclarationListings`), `participant_provider_views` and `training_record_keys`
 * (the participant lists' per-day counts, recomputed by the unscoped participant projection refresh). A trigger on any other table makes `withoutForeignKeyTriggers`
 * refuse to skip triggers rather than silently lose what it maintains.
 */
const REBUILT_TRIGGER_TABLES = ['participant_declaration_listings', 'participant_provider_views', 'training_record_keys'];

interface ForeignKey {
  name: string;
  child: string;
  parent: string;
  childColumns: string[];
  parentColumns: string[];
}

/**
 * Runs a bulk load (`fn`) with PostgreSQL's foreign key triggers off, then checks every foreign key of the schema
 * once, set-wise: for the seed's half million rows per table the per-row checks (one index probe per row and key,
 * about 13 µs each here) cost more than a minute, while one anti-join per constraint over the loaded tables costs a
 * few seconds and finds the same violations. As `pg_restore --disable-triggers` does, it needs a superuser
 * (`session_replication_role = replica`, this transaction only); anyone else runs `fn` with the triggers on. Unique
 * and check constraints and indexes apply either way. A violation throws, so the caller's transaction rolls back.
 * Nested calls run inside the outer one's window and leave the check to it.
 */
export async function withoutForeignKeyTriggers<T>(tx: EntityManager, fn: () => Promise<T>): Promise<T> {
  const [{ superuser, role }] = await tx.execute<{ superuser: boolean; role: string }[]>(
    `select r.rolsuper as superuser, current_setting('session_replication_role') as role from pg_roles r where r.rolname = current_user`,
  );
  if (!superuser || role === 'replica') return fn();
  const others = await tx.execute<{ name: string }[]>(
    `select t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace and c.relname <> all(?::text[])`,
    [pgArray(REBUILT_TRIGGER_TABLES)],
  );
  if (others.length) throw new Error(`bulk load: triggers ${others.map((t) => t.name).join(', ')} would not fire; add what they keep to the load first`);
  await tx.execute(`set local session_replication_role = replica`);
  const result = await fn();
  await tx.execute(`set local session_replication_role = origin`);
  await verifyForeignKeys(tx);
  return result;
}

/** Every foreign key of the current schema holds (MATCH SIMPLE: a row with a null in the key is not checked). */
export async function verifyForeignKeys(tx: EntityManager): Promise<void> {
  const keys = await tx.execute<ForeignKey[]>(
    `select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
            array(select quote_ident(a.attname) from unnest(c.conkey) with ordinality k(n, i)
                    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as "childColumns",
            array(select quote_ident(a.attname) from unnest(c.confkey) with ordinality k(n, i)
                    join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as "parentColumns"
       from pg_constraint c
      where c.contype = 'f' and c.connamespace = current_schema()::regnamespace
      order by 1`,
  );
  const broken: string[] = [];
  for (const k of keys) {
    const present = k.childColumns.map((col) => `c.${col} is not null`).join(' and ');
    const match = k.childColumns.map((col, i) => `p.${k.parentColumns[i]} = c.${col}`).join(' and ');
    const [{ n }] = await tx.execute<{ n: number }[]>(
      `select count(*)::int as n from ${k.child} c where ${present} and not exists (select 1 from ${k.parent} p where ${match})`,
    );
    if (n > 0) broken.push(`${k.name} (${n} rows of ${k.child})`);
  }
  if (broken.length) throw new Error(`bulk load broke foreign keys: ${broken.join(', ')}`);
}
