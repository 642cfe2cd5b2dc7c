/**
 * CSV memory step of `npm run bench:lists` (issue 7 item 9): stream a whole CSV download and record how much the
 * server process's resident memory grew (peak during the download − before it) and how long it took.
 *
 * Method: the app runs in a child process (support/csv-server.ts) so that nothing else of the bench (the client
 * reading the stream, the bare handlers, autocannon's worker) is in the process being measured. Before each
 * download this process writes `5` to /proc/<child>/clear_refs, which resets the child's peak RSS (VmHWM) to its
 * current RSS, and reads VmRSS as the baseline; after the last byte it reads VmHWM, the kernel's exact peak over
 * the download. VmRSS is also sampled every 5 ms during the download, the fallback where clear_refs cannot be
 * written. Growth = peak − baseline. RSS (not the V8 heap) is what a container's memory limit counts, and it
 * includes buffers outside the heap (socket writes, pg result buffers), which is where a non-streaming CSV shows.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface CsvRun {
  ms: number;
  bytes: number;
  /** Newlines after the header's: the rows, unless a quoted field holds a newline. */
  rows: number;
  rssBeforeMb: number;
  peakRssMb: number;
  growthMb: number;
  /** How the peak was read: the kernel's VmHWM after a reset, or 5 ms VmRSS samples only. */
  peakFrom: 'VmHWM' | 'samples';
}

const kb = (status: string, field: string): number => {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!m) throw new Error(`no ${field} in /proc status`);
  return Number(m[1]);
};
const mb = (kib: number) => Math.round((kib / 1024) * 10) / 10;

export interface CsvServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Starts the app in a child process on the bench database and resolves once it listens. */
export async function startCsvServer(databaseUrl: string): Promise<CsvServer> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./csv-server.ts', import.meta.url)), [], {
    execArgv: ['--import', '@swc-node/register/esm-register'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`csv-server exited with ${code} before listening`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send('stop');
      }),
  };
}

/** Streams `url` from the child `pid` to the end, discarding the bytes; null when the route answers 404. */
export async function downloadCsv(url: string, token: string, pid: number): Promise<CsvRun | null> {
  const statusFile = `/proc/${pid}/status`;
  let reset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  const before = kb(readFileSync(statusFile, 'utf8'), 'VmRSS');
  let sampled = before;
  const sampler = setInterval(() => {
    try {
      sampled = Math.max(sampled, kb(readFileSync(statusFile, 'utf8'), 'VmRSS'));
    } catch {
      // the child went away; the download fails below
    }
  }, 5);
  try {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv' } });
    if (res.status === 404) {
      await res.arrayBuffer();
      return null;
    }
    if (res.status !== 200 || !res.body) throw new Error(`${url} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
    let bytes = 0;
    let lines = 0;
    for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (const b of chunk) if (b === 10) lines++;
    }
    const ms = performance.now() - t0;
    const status = readFileSync(statusFile, 'utf8');
    const peak = Math.max(sampled, kb(status, 'VmRSS'), reset ? kb(status, 'VmHWM') : 0);
    return {
      ms: Math.round(ms),
      bytes,
      rows: Math.max(0, lines - 1),
      rssBeforeMb: mb(before),
      peakRssMb: mb(peak),
      growthMb: mb(peak - before),
      peakFrom: reset ? 'VmHWM' : 'samples',
    };
  } finally {
    clearInterval(sampler);
  }
}
