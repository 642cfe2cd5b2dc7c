/**
 * Facade vs direct: what the in-process GraphQL hop of the REST facade costs (STACK.md "Measured cost of
 * the in-process GraphQL hop", ARCHITECTURE.md §3). One process, three variants of the same list read:
 *
 *   direct  GET /direct/partnerships          express handler → listPartnerships(em.fork()) → serializer
 *   facade  GET /api/v3/partnerships/ecf      the real app: REST router → saved operation → graphql-js execute()
 *   apollo  GET /apollo/partnerships          the facade's own list route, its saved operation run by Apollo's
 *                                             server.executeOperation instead of execute()
 *
 * All three sit behind the same middleware chain (access log, JSON body parser, the app's own Authenticator
 * instance, the rate limiter with a budget too large to trip, 401 check, request clock), use the same
 * ORM instance and return byte-identical bodies (checked before the load starts); see support/servers.ts.
 * Load comes from autocannon in a worker thread, 127.0.0.1 only; the variants are interleaved in a rotating
 * order for a few rounds so drift on a small noisy machine cancels out.
 *
 *   npm run bench        prints req/s per variant and round, medians, facade/direct and apollo/direct,
 *                        a PASS/FAIL line for facade/direct ≥ 0.85, and writes bench/results/latest.json.
 *                        Exit code 0 whatever the ratio (a report, not a test); 1 if the run itself broke.
 *
 * Tunable with BENCH_CONNECTIONS, BENCH_DURATION_S, BENCH_WARMUP_S, BENCH_ROUNDS, BENCH_PER_PAGE.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkIdenticalBodies, PROVIDER, startBenchServers, type BenchServers } from './support/servers.js';
import { measure, type Measured } from './support/load.js';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

const CONNECTIONS = int('BENCH_CONNECTIONS', 20);
const DURATION_S = int('BENCH_DURATION_S', 5);
const WARMUP_S = int('BENCH_WARMUP_S', 2);
const ROUNDS = int('BENCH_ROUNDS', 3);
const PER_PAGE = int('BENCH_PER_PAGE', 20);
const TARGET = 0.85;
/** Hard bound on the whole run (setup, rounds, clean-up). */
const WATCHDOG_MS = 30_000 + ROUNDS * 3 * (WARMUP_S + DURATION_S + 3) * 1000;

const VARIANTS = ['direct', 'facade', 'apollo'] as const;
type Variant = (typeof VARIANTS)[number];
type Run = Measured & { round: number; variant: Variant };

const RESULTS_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'latest.json');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round2 = (x: number) => Math.round(x * 100) / 100;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  let servers: BenchServers | undefined;
  const watchdog = setTimeout(() => {
    console.error(`bench: did not finish within ${WATCHDOG_MS / 1000} s; cleaning up and exiting`);
    void Promise.race([servers?.close(), new Promise((r) => setTimeout(r, 10_000))]).finally(() => process.exit(1));
  }, WATCHDOG_MS);
  watchdog.unref();

  try {
    servers = await startBenchServers({ perPage: PER_PAGE });
    const { token, urls } = servers;
    const body = await checkIdenticalBodies(servers);
    const rows = (JSON.parse(body) as { data: unknown[] }).data.length;
    if (rows < PER_PAGE) console.warn(`warning: ${PROVIDER} has only ${rows} partnerships (page size ${PER_PAGE})`);

    console.log(
      `facade vs direct: ${rows}-row page (${body.length} bytes, identical on all variants), ${CONNECTIONS} connections, ` +
        `${WARMUP_S} s warm-up + ${DURATION_S} s per run, ${ROUNDS} rounds, ${cpus().length} CPUs, Node ${process.version}, ` +
        `NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}, load average ${loadavg()[0].toFixed(2)}\n`,
    );

    const runs: Run[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate the order each round (a Latin square), so no variant always runs first or last.
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round - 1) % VARIANTS.length]);
      for (const variant of order) {
        const m = await measure(urls[variant], token, { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S });
        runs.push({ round, variant, ...m });
        const flag = m.non2xx || m.errors || m.timeouts ? `  (non-2xx ${m.non2xx}, errors ${m.errors}, timeouts ${m.timeouts})` : '';
        console.log(
          `round ${round}  ${variant.padEnd(6)}  ${m.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${m.latencyP50Ms} ms  p99 ${m.latencyP99Ms} ms  ` +
            `CPU ${m.cpuMsPerReq?.toFixed(3) ?? 'n/a'} ms/req  busy ${m.busyMsPerReq.toFixed(3)} ms/req${flag}`,
        );
      }
    }

    const of = (v: Variant) => runs.filter((r) => r.variant === v).sort((a, b) => a.round - b.round);
    const medianRps = Object.fromEntries(VARIANTS.map((v) => [v, round2(median(of(v).map((r) => r.reqPerSec)))])) as Record<Variant, number>;
    // Server-thread CPU per request (busy time where /proc is missing): steady even when other processes
    // compete for the cores, which throughput on a shared 2-core machine is not.
    const costOf = (r: Run) => r.cpuMsPerReq ?? r.busyMsPerReq;
    const costKind = runs.every((r) => r.cpuMsPerReq !== null) ? 'CPU' : 'busy';
    const medianMs = Object.fromEntries(VARIANTS.map((v) => [v, round3(median(of(v).map(costOf)))])) as Record<Variant, number>;
    const perRound = (v: Variant) => of(v).map((r, i) => round3(r.reqPerSec / of('direct')[i].reqPerSec));
    const ratios = {
      facadeToDirect: round3(medianRps.facade / medianRps.direct),
      apolloToDirect: round3(medianRps.apollo / medianRps.direct),
      facadePerRound: perRound('facade'),
      apolloPerRound: perRound('apollo'),
      /** The throughput ratio the per-request costs predict when the server thread is the bottleneck. */
      facadeToDirectByCost: round3(medianMs.direct / medianMs.facade),
      apolloToDirectByCost: round3(medianMs.direct / medianMs.apollo),
    };
    const addedMs = { facade: round3(medianMs.facade - medianMs.direct), apollo: round3(medianMs.apollo - medianMs.direct) };
    const anyFailures = runs.some((r) => r.non2xx || r.errors || r.timeouts);
    const pass = ratios.facadeToDirect >= TARGET;

    console.log(
      '\n' +
        table([
          ['variant', ...Array.from({ length: ROUNDS }, (_, i) => `round ${i + 1}`), 'median req/s', 'vs direct', `${costKind} ms/req`, 'vs direct by cost'],
          ...VARIANTS.map((v) => [
            v,
            ...of(v).map((r) => r.reqPerSec.toFixed(0)),
            medianRps[v].toFixed(0),
            (medianRps[v] / medianRps.direct).toFixed(3),
            `${medianMs[v].toFixed(3)}${v === 'direct' ? '' : ` (+${addedMs[v].toFixed(3)})`}`,
            (medianMs.direct / medianMs[v]).toFixed(3),
          ]),
        ]),
    );
    console.log(`\nfacade/direct per round: ${ratios.facadePerRound.join(', ')}; apollo/direct per round: ${ratios.apolloPerRound.join(', ')}`);
    if (anyFailures) console.log('warning: some requests failed (see the per-run lines); the figures are suspect');
    console.log(
      `${costKind} per request: facade +${addedMs.facade.toFixed(3)} ms, apollo +${addedMs.apollo.toFixed(3)} ms over direct ` +
        `(cost ratios facade ${ratios.facadeToDirectByCost.toFixed(3)}, apollo ${ratios.apolloToDirectByCost.toFixed(3)})`,
    );
    console.log(
      `${pass ? 'PASS' : 'FAIL'}: facade/direct = ${ratios.facadeToDirect.toFixed(3)} (target ≥ ${TARGET}); apollo/direct = ${ratios.apolloToDirect.toFixed(3)}`,
    );

    mkdirSync(dirname(RESULTS_FILE), { recursive: true });
    const result = {
      benchmark: 'facade-vs-direct',
      finishedAt: new Date().toISOString(),
      environment: {
        node: process.version,
        nodeEnv: process.env.NODE_ENV ?? null,
        loadAverage1m: round2(loadavg()[0]),
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        platform: process.platform,
      },
      settings: {
        connections: CONNECTIONS,
        durationS: DURATION_S,
        warmupS: WARMUP_S,
        rounds: ROUNDS,
        perPage: PER_PAGE,
        rows,
        bodyBytes: body.length,
        loadWorkers: 1,
        provider: PROVIDER,
      },
      routes: {
        direct: 'GET /direct/partnerships (express → listPartnerships → serializeEcfPartnership)',
        facade: 'GET /api/v3/partnerships/ecf (REST facade → graphql-js execute() on a pre-parsed saved operation)',
        apollo: 'GET /apollo/partnerships (facade list route → ApolloServer.executeOperation)',
      },
      runs,
      medianReqPerSec: medianRps,
      costMetric: costKind === 'CPU' ? 'server (main) thread CPU ms per request, from /proc' : 'main-thread event-loop busy ms per request',
      medianCostMsPerReq: medianMs,
      addedCostMsPerReq: addedMs,
      ratios,
      target: { facadeToDirect: TARGET },
      pass,
      requestFailures: anyFailures,
      wallClockS: round2((Date.now() - started) / 1000),
    };
    writeFileSync(RESULTS_FILE, JSON.stringify(result, null, 2) + '\n');
    console.log(`results written to ${RESULTS_FILE} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  } finally {
    await servers?.close();
    clearTimeout(watchdog);
  }
}

main().catch((e) => {
  console.error('bench failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
