// The slice of autocannon's programmatic API the benchmarks use (the package ships no types, and the
// project adds no @types package for it).
declare module 'autocannon' {
  export interface Options {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Worker threads that generate the load (keeps the client off the server's event loop). */
    workers?: number;
    headers?: Record<string, string>;
    method?: string;
    timeout?: number;
  }

  export interface Histogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
  }

  export interface Result {
    url: string;
    connections: number;
    /** Seconds, to the centisecond. */
    duration: number;
    requests: Histogram & { total: number; sent: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }

  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
