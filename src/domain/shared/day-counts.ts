import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The lists' per-day counts (participant lists: src/domain/participants/list-days.ts; declarations:
 * declarations.query.ts) are append-only (Migration20261218110000AppendOnlyDayCounts): every write's statement-level
 * trigger inserts its deltas as new rows, so concurrent writers never lock the same count rows, and a key's count is
 * the sum of its rows. Readers sum them; this folds each key's rows into one, so the sums stay cheap to read.
 */
export const DAY_COUNT_TABLES: readonly { table: string; keys: string[]; counts: string[] }[] = [
  { table: 'participant_list_days', keys: ['lead_provider_id', 'day'], counts: ['n_visible', 'n_default'] },
  { table: 'training_record_key_days', keys: ['lead_provider_id', 'cohort', 'day'], counts: ['n'] },
  { table: 'participant_declaration_listing_days', keys: ['lead_provider_id', 'programme', 'day'], counts: ['n_all', 'n_v12'] },
];

/** Folds the day-count rows of keys that have more than one (into one row, none when the sum is zero); returns the rows removed. */
export async function compactDayCounts(em: EntityManager): Promise<number> {
  return em.transactional(async (tx) => {
    // One compaction at a time across instances; a second one has nothing to add and returns.
    const [lock] = await tx.execute<{ got: boolean }[]>(`select pg_try_advisory_xact_lock(hashtextextended('compact-day-counts', 0)) as got`);
    if (!lock.got) return 0;
    let removed = 0;
    for (const { table, keys, counts } of DAY_COUNT_TABLES) {
      const k = keys.join(', ');
      // One statement: the deleted rows and their sum commit together, so every snapshot sees the same count.
      const [row] = await tx.execute<{ removed: number }[]>(
        `with many as (select ${k} from ${table} group by ${k} having count(*) > 1),
              gone as (delete from ${table} t using many m where ${keys.map((c) => `t.${c} = m.${c}`).join(' and ')} returning t.*),
              folded as (insert into ${table} (${k}, ${counts.join(', ')})
                         select ${k}, ${counts.map((c) => `sum(${c})`).join(', ')} from gone group by ${k}
                         having ${counts.map((c) => `sum(${c}) <> 0`).join(' or ')}
                         returning 1)
         select ((select count(*) from gone) - (select count(*) from folded))::int as removed`,
      );
      removed += row.removed;
    }
    return removed;
  });
}

/** A day skip: CTEs (`days`, `start`) to put first in the statement's `with`, and what the key page uses of them. */
export interface DaySkip {
  /** `days as (…), start as (…)`: its parameters are `params` then the page's offset. */
  ctes: string;
  params: unknown[];
  /** A lower bound for the order column (`<column> >= ${floor}`). */
  floor: string;
  /** The OFFSET expression, with one parameter: the page's offset. */
  offset: string;
}

/**
 * The skip for a count source: `source` selects `day` and `n` (rows that day, > 0; a sum of the table's rows of that
 * day), one row per day, with `params`.
 * `start` is the last day whose running total before it is at most the offset; the page reads from that day and
 * skips the offset minus that total.
 */
export function daySkip(source: string, params: unknown[]): DaySkip {
  return {
    ctes: `days as (select day, sum(n) over (order by day) - n as before from (${source}) x),
     start as (select day, before from days where before <= ? order by day desc limit 1)`,
    params,
    floor: `coalesce((select day from start), '-infinity'::timestamptz)`,
    offset: `greatest(?::bigint - coalesce((select before from start), 0), 0)`,
  };
}
