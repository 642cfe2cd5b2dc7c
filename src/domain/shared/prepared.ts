import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { createQueryId, RawNode, type CompiledQuery } from 'kysely';

/**
 * A named prepared statement for a hot read whose planning costs more than its execution (issue 8 item 9: the
 * ECF create's facts and the declaration show plan in ~2–3 ms and run in well under 1 ms).
 *
 * `em.execute` inlines every parameter into the SQL text, so PostgreSQL parses and plans the statement on every
 * call. This sends the statement through the `pg` driver as a named statement (`{ name, text, values }`) with
 * bind parameters: `pg` parses it once per connection (it remembers which names each connection has prepared)
 * and PostgreSQL then reuses the plan (after five custom plans it keeps the generic one when that is no worse:
 * `plan_cache_mode` auto). It runs on the entity manager's connection (the transaction's, inside one), through
 * MikroORM's Kysely instance, and is logged like `em.execute`'s statements (the text with `$n` placeholders).
 *
 * `sql` uses `?` placeholders like `em.execute` (none may appear in a literal or as a jsonb `?` operator); values
 * are passed as they are to `pg` (strings, numbers, booleans, null, Date). Every parameter must get its type
 * from its context (a comparison with a column, or an explicit cast). Keep `name` unique per text.
 */
export class PreparedStatement {
  readonly text: string;

  constructor(
    readonly name: string,
    sql: string,
  ) {
    let n = 0;
    this.text = sql.replace(/\?/g, () => `$${++n}`);
  }

  async execute<T>(em: EntityManager, params: unknown[]): Promise<T[]> {
    const query = { name: this.name, text: this.text, toString: () => this.text };
    // Kysely hands `sql` to pg's `client.query(sql, parameters)` as it is: a query config object makes it named.
    const compiled: CompiledQuery = { query: RawNode.createWithSql(this.text), queryId: createQueryId(), sql: query as unknown as string, parameters: params };
    (em.getConnection() as unknown as { logQuery(sql: string): void }).logQuery(this.text);
    const result = await em.getKysely().executeQuery<T>(compiled);
    return result.rows;
  }
}

const byText = new Map<string, PreparedStatement>();

/**
 * `em.execute(sql, params)` as a named prepared statement (see PreparedStatement), for hot statements whose text is
 * one of a few shapes built at run time: the statement is named after a hash of its text, so each shape is
 * prepared once per connection. Only for statements whose shapes are few (not for texts with values in them).
 */
export async function executePrepared<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  let statement = byText.get(sql);
  if (!statement) {
    statement = new PreparedStatement(`ps_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`, sql);
    if (byText.size < 1000) byText.set(sql, statement);
  }
  return statement.execute<T>(em, params);
}
