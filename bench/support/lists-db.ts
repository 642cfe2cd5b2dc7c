/**
 * The production-scale database the list benchmark reads: `DATABASE_URL` when set, else `lpapi_bench` on the
 * local PostgreSQL (127.0.0.1:5432, trust auth), created on first use and kept between runs. Migrations run on
 * open; the production seed (`npm run seed -- --scale production`) runs when the database has fewer schools
 * than the seed makes, or when asked (`--reseed` drops and recreates `lpapi_bench`; with DATABASE_URL it re-runs
 * the idempotent seed, which only adds missing rows).
 */
import 'reflect-metadata';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/server/database.js';
import { createLogger } from '../../src/server/logger.js';
import { PRODUCTION_SIZE, seedProductionData, type ProductionSeedReport } from '../../src/domain/demo/seed-production.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

export const BENCH_DATABASE = 'lpapi_bench';
const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  db: Database;
  /** The seed's report when this run seeded, else null. */
  seeded: ProductionSeedReport | null;
  seedSeconds: number | null;
}

export async function openBenchDatabase(opts: { reseed: boolean }): Promise<BenchDatabase> {
  if ((process.env.APP_ENV ?? '').trim() === 'production') throw new Error('Refusing to seed or benchmark with APP_ENV=production');
  const own = !process.env.DATABASE_URL;
  const url = process.env.DATABASE_URL ?? SERVER_URL.replace(/\/[^/]*$/, `/${BENCH_DATABASE}`);
  if (own) {
    const admin = new pg.Pool({ connectionString: SERVER_URL, max: 1 });
    try {
      if (opts.reseed) await admin.query(`drop database if exists "${BENCH_DATABASE}" with (force)`);
      const { rows } = await admin.query('select 1 from pg_database where datname = $1', [BENCH_DATABASE]);
      if (rows.length === 0) await admin.query(`create database "${BENCH_DATABASE}"`);
    } finally {
      await admin.end();
    }
  }
  const db = await openDatabase({ databaseUrl: url, dataDir: '.data/bench', log: createLogger('silent') });
  const [{ n }] = await db.orm.em.fork().execute<{ n: string }[]>('select count(*) as n from schools');
  let seeded: ProductionSeedReport | null = null;
  let seedSeconds: number | null = null;
  if (opts.reseed || Number(n) < PRODUCTION_SIZE.schools) {
    console.log(`seeding ${url.replace(/\/\/[^@]*@/, '//')} at production scale (npm run seed -- --scale production) …`);
    const started = performance.now();
    seeded = await seedProductionData(
      db.orm.em.fork(),
      fixedOffsetClock(() => new Date()),
      { scale: 1 },
    );
    seedSeconds = Math.round((performance.now() - started) / 100) / 10;
    console.log(
      `seeded in ${seedSeconds} s: ${seeded.totals.schools} schools, ${seeded.totals.school_cohorts} school-cohorts, ${seeded.totals.partnerships} partnerships`,
    );
  }
  return { url, db, seeded, seedSeconds };
}
