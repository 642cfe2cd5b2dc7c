/**
 * Where the facade's time goes: loads the variants of support/servers.ts, plus what-if facades over other
 * type-graphql schemas, and optionally CPU-profiles the servers' thread during each measured window.
 *
 *   npx node --import @swc-node/register/esm-register bench/profile-facade.ts [variant ...]
 *
 * Variants (default: direct facade):
 *   direct, facade, apollo   as in facade-vs-direct.bench.ts
 *   no-global-mw             the facade's route and runner over the same resolvers built without
 *                            `globalMiddlewares` (type-graphql then resolves plain fields synchronously)
 *   simple-resolvers         no global middleware and `simpleResolvers` on every object type (graphql-js'
 *                            default field resolver, no type-graphql wrapper per field)
 *
 * PROFILE_ROUNDS (default 1) interleaved rounds of PROFILE_SECONDS (default 8) after a 2 s warm-up each.
 * PROFILE_CPU=1 writes bench/profiles/<variant>-r<round>.cpuprofile (the main thread, measured window only;
 * open in Chrome DevTools or summarise with bench/support/summarize-cpuprofile.ts).
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Session } from 'node:inspector/promises';
import { buildSchema, getMetadataStorage } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { graphSchema } from '../src/graph/schema.js';
import { DeliveryPartnersResolver } from '../src/graph/delivery-partners/delivery-partners.resolver.js';
import { StatementsResolver } from '../src/graph/statements/statements.resolver.js';
import { SchoolsResolver } from '../src/graph/schools/schools.resolver.js';
import { PartnershipsResolver } from '../src/graph/partnerships/partnerships.resolver.js';
import { AdminResolver } from '../src/graph/admin/admin.resolver.js';
import { checkIdenticalBodies, startBenchServers } from './support/servers.js';
import { measure } from './support/load.js';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};
const ROUNDS = int('PROFILE_ROUNDS', 1);
const SECONDS = int('PROFILE_SECONDS', 8);
const CPU = process.env.PROFILE_CPU === '1';
const PROFILE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'profiles');
const KNOWN = ['direct', 'facade', 'apollo', 'no-global-mw', 'simple-resolvers'];

const resolvers = [DeliveryPartnersResolver, StatementsResolver, SchoolsResolver, PartnershipsResolver, AdminResolver] as const;

async function whatIfSchemas(wanted: string[]): Promise<Record<string, GraphQLSchema>> {
  await graphSchema(); // the app's schema first, from the untouched metadata
  const out: Record<string, GraphQLSchema> = {};
  if (wanted.includes('no-global-mw')) out['no-global-mw'] = await buildSchema({ resolvers, validate: false });
  if (wanted.includes('simple-resolvers')) {
    // Experiment only: flips the flag `@ObjectType({ simpleResolvers: true })` would set, for every type.
    for (const t of getMetadataStorage().objectTypes) (t as { simpleResolvers?: boolean }).simpleResolvers = true;
    out['simple-resolvers'] = await buildSchema({ resolvers, validate: false });
  }
  return out;
}

async function main(): Promise<void> {
  const variants = process.argv.slice(2).length ? process.argv.slice(2) : ['direct', 'facade'];
  const unknown = variants.filter((v) => !KNOWN.includes(v));
  if (unknown.length) throw new Error(`unknown variant(s) ${unknown.join(', ')}; known: ${KNOWN.join(', ')}`);
  const servers = await startBenchServers({ perPage: 20, extraSchemas: await whatIfSchemas(variants) });
  const session = new Session();
  try {
    await checkIdenticalBodies(servers);
    if (CPU) {
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      mkdirSync(PROFILE_DIR, { recursive: true });
    }
    const perVariant: Record<string, { rps: number[]; ms: number[] }> = {};
    for (let round = 1; round <= ROUNDS; round++) {
      const order = variants.map((_, i) => variants[(i + round - 1) % variants.length]);
      for (const v of order) {
        // Warm up without the profiler, then profile exactly the measured window.
        await measure(servers.urls[v], servers.token, { connections: 20, durationS: 2, warmupS: 0 });
        if (CPU) await session.post('Profiler.start');
        const m = await measure(servers.urls[v], servers.token, { connections: 20, durationS: SECONDS, warmupS: 0 });
        if (CPU) {
          const { profile } = await session.post('Profiler.stop');
          writeFileSync(join(PROFILE_DIR, `${v}-r${round}.cpuprofile`), JSON.stringify(profile));
        }
        (perVariant[v] ??= { rps: [], ms: [] }).rps.push(m.reqPerSec);
        perVariant[v].ms.push(m.cpuMsPerReq ?? m.busyMsPerReq);
        const flag = m.non2xx || m.errors ? ` (non-2xx ${m.non2xx}, errors ${m.errors})` : '';
        console.log(
          `round ${round}  ${v.padEnd(16)} ${m.reqPerSec.toFixed(0).padStart(6)} req/s  CPU ${m.cpuMsPerReq?.toFixed(3) ?? 'n/a'} ms/req  busy ${m.busyMsPerReq.toFixed(3)} ms/req${flag}`,
        );
      }
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const base = perVariant.direct ? { rps: med(perVariant.direct.rps), ms: med(perVariant.direct.ms) } : undefined;
    console.log('');
    for (const v of variants) {
      const rps = med(perVariant[v].rps);
      const ms = med(perVariant[v].ms);
      const vs = base ? `  vs direct: by req/s ${(rps / base.rps).toFixed(3)}, by CPU ${(base.ms / ms).toFixed(3)}` : '';
      console.log(`${v.padEnd(16)} median ${rps.toFixed(0).padStart(6)} req/s  ${ms.toFixed(3)} CPU ms/req${vs}`);
    }
    if (CPU) console.log(`\nprofiles in ${PROFILE_DIR}`);
  } finally {
    if (CPU) session.disconnect();
    await servers.close();
  }
}

main().catch((e) => {
  console.error('profile failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
