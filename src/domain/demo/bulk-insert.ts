import type { EntityManager } from '@mikro-orm/postgresql';

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

/**
 * One INSERT per batch from a JSON array (`jsonb_to_recordset`); rows that already exist (same id or any
 * other unique key) are left alone. Returns the number of rows inserted.
 */
export async function insert(em: EntityManager, table: string, columns: Record<string, string>, rows: Row[], batchSize = 10_000): Promise<number> {
  const cols = Object.keys(columns);
  const spec = cols.map((c) => `"${c}" ${columns[c]}`).join(', ');
  const list = cols.map((c) => `"${c}"`).join(', ');
  let inserted = 0;
  for (let i = 0; i < rows.length; i += batchSize) {
    const res = await em.execute<{ affectedRows: number }>(
      `insert into "${table}" (${list})
       select ${list} from jsonb_to_recordset(?::jsonb) as r(${spec}) on conflict do nothing`,
      [JSON.stringify(rows.slice(i, i + batchSize))],
      'run',
    );
    inserted += res.affectedRows ?? 0;
  }
  return inserted;
}
