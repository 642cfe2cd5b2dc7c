import { cliBootstrap } from './bootstrap.js';
import { seedDemoData } from '../domain/demo/seed-demo-data.js';
import { fixedOffsetClock } from '../domain/shared/clock.js';

/** `npm run seed`: creates the demo data; running it again changes nothing. */
const { config, db } = await cliBootstrap();
if (config.appEnv === 'production') {
  console.error('Refusing to seed demo data in production');
  process.exit(1);
}
await seedDemoData(db.orm.em.fork(), fixedOffsetClock(() => new Date()));
const [row] = await db.orm.em.fork().execute<{ lps: string; schools: string; partnerships: string; statements: string }[]>(
  `select (select count(*) from lead_providers) lps, (select count(*) from schools) schools,
          (select count(*) from partnerships) partnerships, (select count(*) from statements) statements`,
);
console.log(`Seeded: ${row.lps} lead providers, ${row.schools} schools, ${row.partnerships} partnerships, ${row.statements} statements`);
await db.close();
