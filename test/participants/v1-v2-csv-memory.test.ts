import { startTestApp, type TestApp } from '../support/test-app.js';
import { bulkParticipants } from './bulk-fixtures.js';
import { createWorld, type World } from './fixtures.js';

// Issue 6 item 3: `GET /participants/ecf.csv` streams, so serving the largest provider's list (about 32,700
// records at the production scale of 120,000 participants) grows the process by at most 64 MB. The app runs in
// this process; the body is consumed as it arrives (never held whole) and the resident set sampled meanwhile.

const ROWS = 33_000;
const LIMIT_MB = 64;

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  await bulkParticipants(app, ROWS, w.pA);
}, 180_000);
afterAll(async () => app.close());

/** Streams the CSV, counting lines and bytes, while sampling RSS every 10 ms; returns the peak growth. */
async function streamAndMeasure(): Promise<{ lines: number; bytes: number; peakGrowthMb: number; firstLine: string }> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  try {
    const res = await fetch(`${app.url}/api/v1/participants/ecf.csv`, { headers: { authorization: `Bearer ${w.P.token}` } });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let lines = 0;
    let bytes = 0;
    let firstLine = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.length;
      if (firstLine === '' || !firstLine.endsWith('\n')) firstLine += decoder.decode(value).slice(0, 400);
      for (const b of value) if (b === 10) lines++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    return { lines, bytes, peakGrowthMb: (peak - baseline) / 2 ** 20, firstLine: firstLine.split('\n')[0] };
  } finally {
    clearInterval(timer);
  }
}

it(`streams ${ROWS} rows with at most ${LIMIT_MB} MB of resident memory growth`, async () => {
  await streamAndMeasure(); // warm-up: compiled code, connection pool, caches
  const { lines, bytes, peakGrowthMb, firstLine } = await streamAndMeasure();
  expect(firstLine.startsWith('id,email,full_name,')).toBe(true);
  expect(lines).toBe(ROWS + 1);
  expect(bytes).toBeGreaterThan(ROWS * 200);
  if (process.env.PRINT_CSV_MEMORY) process.stdout.write(`CSV: ${lines} lines, ${bytes} bytes, peak RSS growth ${peakGrowthMb.toFixed(1)} MB\n`);
  expect(peakGrowthMb).toBeLessThan(LIMIT_MB);
}, 180_000);
