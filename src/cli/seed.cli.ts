import { cliBootstrap } from './bootstrap.js';
import { seedDemoData } from '../domain/demo/seed-demo-data.js';
import { seedProductionData, type ProductionSeedReport } from '../domain/demo/seed-production.js';
import { fixedOffsetClock } from '../domain/shared/clock.js';

/**
 * `npm run seed [-- --scale small|production|<factor>]`
 *
 *   small (default)  the demo data (what `npm start` seeds on an empty database)
 *   production       live volume: 24,000 schools × 7 cohorts, ~50,000 partnerships, 200 delivery partners,
 *                    three years of statements per provider, programme and cohort, ~120,000 ECF participants,
 *                    ~50,000 NPQ applications and their declarations (for benchmarks and load tests)
 *   <factor>         production × factor, e.g. 0.05
 *
 * Running it again changes nothing (stable ids, `on conflict do nothing`). Refuses APP_ENV=production.
 */
const USAGE = 'Usage: npm run seed [-- --scale small|production|<factor between 0 and 1>]';

function parseScale(argv: string[]): 'small' | number {
  let value = 'small';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--scale') value = argv[++i] ?? '';
    else if (a.startsWith('--scale=')) value = a.slice('--scale='.length);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown argument "${a}". ${USAGE}`);
      process.exit(64);
    }
  }
  if (value === 'small') return 'small';
  if (value === 'production') return 1;
  const f = Number(value);
  if (value.trim() !== '' && Number.isFinite(f) && f > 0 && f <= 1) return f;
  console.error(`Invalid --scale "${value}". ${USAGE}`);
  process.exit(64);
}

function printReport(r: ProductionSeedReport): void {
  const rows = Object.keys(r.totals).map((t) => [t, String(r.inserted[t] ?? 0), String(r.totals[t])]);
  const w = [Math.max(5, ...rows.map((x) => x[0].length)), Math.max(8, ...rows.map((x) => x[1].length)), Math.max(5, ...rows.map((x) => x[2].length))];
  const line = (c: string[]) => `  ${c[0].padEnd(w[0])}  ${c[1].padStart(w[1])}  ${c[2].padStart(w[2])}`;
  console.log(`Seeded production-scale data (scale ${r.scale}):`);
  console.log(line(['table', 'inserted', 'total']));
  for (const row of rows) console.log(line(row));
  console.log('  partnerships per lead provider (confirmed incl. challenged / challenged / relationship rows):');
  for (const p of r.partnershipsByProvider) {
    console.log(
      `    ${p.leadProvider.padEnd(30)} ${String(p.confirmed).padStart(6)} ${String(p.challenged).padStart(6)} ${String(p.relationship).padStart(6)}`,
    );
  }
  console.log('  declarations per programme and state:');
  for (const d of r.declarationsByState) console.log(`    ${d.programme} ${d.state.padEnd(18)} ${String(d.declarations).padStart(8)}`);
  console.log("  declarations per lead provider and programme (submitted / listed, with other providers' it sees):");
  for (const d of r.declarationsByProvider) {
    console.log(`    ${d.leadProvider.padEnd(30)} ${d.programme} ${String(d.submitted).padStart(8)} ${String(d.listed).padStart(8)}`);
  }
  const t = r.timings;
  console.log(
    `  time: ${(t.total / 1000).toFixed(1)} s (generate ${t.generate} ms, insert ${t.insert} ms, NPQ applications ${t.npq ?? 0} ms, analyze ${t.analyze} ms, participants (with the projections) ${t.participants} ms, declarations ${t.declarations} ms, key check and commit ${t.keys ?? 0} ms, vacuum analyze ${t.vacuum ?? 0} ms)`,
  );
}

const scale = parseScale(process.argv.slice(2));
// Checked before connecting, and again on the loaded configuration below.
if ((process.env.APP_ENV ?? '').trim() === 'production') {
  console.error('Refusing to seed: APP_ENV=production. Seed data is for development, test and sandbox databases only.');
  process.exit(1);
}
const { config, db } = await cliBootstrap();
if (config.appEnv === 'production') {
  console.error('Refusing to seed: APP_ENV=production. Seed data is for development, test and sandbox databases only.');
  process.exit(1);
}
const clock = fixedOffsetClock(() => new Date());
try {
  if (scale === 'small') {
    await seedDemoData(db.orm.em.fork(), clock);
    const [row] = await db.orm.em.fork().execute<{ lps: string; schools: string; partnerships: string; statements: string }[]>(
      `select (select count(*) from lead_providers) lps, (select count(*) from schools) schools,
              (select count(*) from partnerships) partnerships, (select count(*) from statements) statements`,
    );
    console.log(`Seeded: ${row.lps} lead providers, ${row.schools} schools, ${row.partnerships} partnerships, ${row.statements} statements`);
  } else {
    printReport(await seedProductionData(db.orm.em.fork(), clock, { scale }));
  }
} finally {
  await db.close();
}
