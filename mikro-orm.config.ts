import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './src/domain/entities.js';
import { migrationsList } from './src/migrations/index.js';

/**
 * MikroORM configuration. The connection URL comes from the caller (DATABASE_URL or the embedded
 * server); the CLI falls back to DATABASE_URL. Entities and migrations are listed explicitly.
 */
/**
 * PostgreSQL session settings of every connection (libpq `options`). JIT off: the service's statements are short
 * OLTP reads and writes, and a page of 3000 hydrated rows is costed above jit_above_cost, so PostgreSQL compiled it
 * on every call (30–50 ms of a 200 ms page on this machine, measured with EXPLAIN ANALYZE) and gained nothing back.
 */
export const PG_SESSION_OPTIONS = '-c jit=off';

export function ormConfig(
  clientUrl: string | undefined = process.env.DATABASE_URL,
  opts: { onQuery?: (sql: string) => void; log?: (message: string) => void } = {},
) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    // Query logging feeds the SQL-statement counter used by tests; other ORM messages go to the app logger.
    debug: opts.onQuery ? ['query'] : false,
    logger: (message: string) => {
      if (opts.onQuery && message.startsWith('[query]')) opts.onQuery(message);
      else opts.log?.(message);
    },
    colors: false,
    pool: { min: 0, max: 10 },
    // TCP keepalive on every connection, so a peer that vanished without a reset (a dropped route, a failed-over
    // host) is noticed by the socket instead of leaving a query waiting for ever.
    driverOptions: { keepAlive: true, keepAliveInitialDelayMillis: 10_000, options: PG_SESSION_OPTIONS },
    // Request code always works on a fork of the entity manager (ARCHITECTURE.md §3).
    allowGlobalContext: false,
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      tableName: 'mikro_orm_migrations',
      // Migrations are hand-written; no schema snapshot files in the working directory.
      snapshot: false,
    },
  });
}

export default ormConfig();
