/**
 * EXPLAIN ANALYZE of one bare list's page statement in the bench database (a tool for the SQL behind a miss):
 * `node --import @swc-node/register/esm-register bench/support/explain-list.ts "participants/npq (v3)" <page> [per_page]`.
 * Reads as the list's largest provider, like the bench.
 */
import pg, { type Pool } from 'pg';
import { BARE_LISTS, withAppSessionOptions } from './bare-lists.js';

const [name, pageArg = '1', perPageArg = '100'] = process.argv.slice(2);
const list = BARE_LISTS.find((l) => l.name === name);
if (!list) throw new Error(`no list ${name}; one of: ${BARE_LISTS.map((l) => l.name).join(', ')}`);
const pool = new pg.Pool({ connectionString: withAppSessionOptions(process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/lpapi_bench'), max: 1 });
try {
  const { rows } = await pool.query<{ id: string }>(`select q.id from (${list.provider.sql} limit 1) q`);
  const perPage = Number(perPageArg);
  const explained = {
    query: async (sql: string, values: unknown[]) => {
      const plan = await pool.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, values);
      console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
      return { rows: [] };
    },
  } as unknown as Pool;
  await list.page(explained, rows[0].id, perPage, (Number(pageArg) - 1) * perPage, new Date());
} finally {
  await pool.end();
}
