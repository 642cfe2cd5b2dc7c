import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  durationS: number;
  warmupS: number;
}

export interface Measured {
  reqPerSec: number;
  /** 2xx responses in the measured window. */
  requests: number;
  durationS: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /**
   * CPU time of the main thread (where every server runs; the load generator is in a worker) per request,
   * from /proc: the cost of one call, unaffected by other processes competing for the cores. null off Linux.
   */
  cpuMsPerReq: number | null;
  /** Event-loop busy time of the main thread per request (wall clock: grows when the machine is contended). */
  busyMsPerReq: number;
}

/** utime + stime of this process's main thread in ms, or null where /proc is not available. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from 3 (state) on
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
/** USER_HZ: 100 on every Linux configuration Node supports. */
const CLOCK_TICKS = 100;

const fire = (url: string, token: string, connections: number, durationS: number) =>
  autocannon({
    url,
    connections,
    duration: durationS,
    // The client runs in a worker thread, so it does not share the servers' event loop.
    workers: 1,
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });

/** A discarded warm-up, then one measured run of GET `url`. */
export async function measure(url: string, token: string, o: LoadOptions): Promise<Measured> {
  if (o.warmupS > 0) await fire(url, token, o.connections, o.warmupS);
  const elu0 = performance.eventLoopUtilization();
  const cpu0 = mainThreadCpuMs();
  const r = await fire(url, token, o.connections, o.durationS);
  const cpu1 = mainThreadCpuMs();
  const elu = performance.eventLoopUtilization(elu0);
  const ok = r['2xx'];
  return {
    reqPerSec: Math.round((ok / r.duration) * 100) / 100,
    requests: ok,
    durationS: r.duration,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    cpuMsPerReq: ok && cpu0 !== null && cpu1 !== null ? Math.round(((cpu1 - cpu0) / ok) * 1000) / 1000 : null,
    busyMsPerReq: ok ? Math.round((elu.active / ok) * 1000) / 1000 : 0,
  };
}
