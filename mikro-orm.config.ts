import { defineConfig } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './src/domain/entities.js';
import { migrationsList } from './src/migrations/index.js';

/**
 * MikroORM configuration. The connection URL comes from the caller (DATABASE_URL or the embedded
 * server); the CLI falls back to DATABASE_URL. Entities and migrations are listed explicitly.
 */
export function ormConfig(clientUrl: string | undefined = process.env.DATABASE_URL, debug = false) {
  return defineConfig({
    clientUrl,
    entities,
    extensions: [Migrator],
    debug,
    pool: { min: 0, max: 10 },
    // Request code always works on a fork of the entity manager (ARCHITECTURE.md §3).
    allowGlobalContext: false,
    migrations: {
      migrationsList,
      transactional: true,
      allOrNothing: true,
      tableName: 'mikro_orm_migrations',
    },
  });
}

export default ormConfig();
