import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../shared/sql.js';

/**
 * Runs `fn` with the non-unique indexes of `tables` dropped, then creates them again from their own definitions
 * (pg_indexes): building an index over sorted rows costs a fraction of half a million random inserts into it. Unique
 * indexes stay (the slot guard, and `on conflict do nothing` on a second run), unless `keys` is set: then the unique
 * indexes that back no constraint (the one-billable slot guards), and the primary key and unique constraints no
 * foreign key references, go too and come back from their definitions — rebuilding a unique index checks it, so a
 * duplicate still fails the load (a load that starts from an empty table and needs no `on conflict`; a random-uuid
 * primary key costs a random page per row).
 * For bulk loads only (the production seed).
 */
export async function withoutSecondaryIndexes<T>(tx: EntityManager, tables: string[], fn: () => Promise<T>, opts: { keys?: boolean } = {}): Promise<T> {
  const indexes = await tx.execute<{ name: string; def: string }[]>(
    `select i.indexname as name, i.indexdef as def
       from pg_indexes i join pg_index x on x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass
      where i.schemaname = current_schema() and i.tablename = any(?::text[]) and not x.indisprimary
        and (not x.indisunique or (?::boolean and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)))
      order by i.indexname`,
    [pgArray(tables), opts.keys === true],
  );
  const keys = opts.keys
    ? await tx.execute<{ table: string; name: string; def: string }[]>(
        `select c.conrelid::regclass::text as table, quote_ident(c.conname) as name, pg_get_constraintdef(c.oid) as def
           from pg_constraint c
          where c.contype in ('p', 'u') and c.connamespace = current_schema()::regnamespace and c.conrelid::regclass::text = any(?::text[])
            and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.confrelid = c.conrelid)
          order by c.contype, c.conname`,
        [pgArray(tables)],
      )
    : [];
  for (const k of keys) await tx.execute(`alter table ${k.table} drop constraint ${k.name}`);
  for (const i of indexes) await tx.execute(`drop index "${i.name}"`);
  const result = await fn();
  for (const k of keys) await tx.execute(`alter table ${k.table} add constraint ${k.name} ${k.def}`);
  for (const i of indexes) await tx.execute(i.def);
  return result;
}
