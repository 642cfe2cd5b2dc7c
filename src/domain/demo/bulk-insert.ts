import type { EntityManager } from '@mikro-orm/postgresql';
import { sql } from 'kysely';

export type Row = Record<string, unknown>;

/** A small deterministic PRNG (mulberry32) so every seed run makes the same choices (and the same ids). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG of its own for one entity (FNV-1a of `key` mixed with `seed`), so its choices and timestamps do not
 * depend on how many other entities were generated before it, nor on the run date. */
export function prngFor(seed: number, key: string): () => number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return prng(h >>> 0);
}

/**
 * One INSERT per batch from a JSON array (`jsonb_to_recordset`); rows that already exist (same id or any
 * other unique key) are left alone. Returns the number of rows inserted.
 */
export async function insert(em: EntityManager, table: string, columns: Record<string, string>, rows: Row[], batchSize = 10_000): Promise<number> {
  const cols = Object.keys(columns);
  const spec = cols.map((c) => `"${c}" ${columns[c]}`).join(', ');
  const list = cols.map((c) => `"${c}"`).join(', ');
  let inserted = 0;
  // Through the transaction's Kysely instance so the JSON travels as a bound parameter: `em.execute` inlines
  // parameters into the SQL text, which costs about 6× more per batch at this size.
  const db = em.getKysely();
  for (let i = 0; i < rows.length; i += batchSize) {
    const res = await sql`insert into ${sql.raw(`"${table}" (${list})`)}
      select ${sql.raw(list)} from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + batchSize))}::jsonb) as r(${sql.raw(spec)})
      on conflict do nothing`.execute(db);
    inserted += Number(res.numAffectedRows ?? 0);
  }
  return inserted;
}
