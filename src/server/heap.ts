import v8 from 'node:v8';

/**
 * Bounds how far the V8 heap grows between full garbage collections (`--heap-growing-percent`), so a long CSV
 * download costs a steady amount of resident memory instead of a growth proportional to its rows.
 *
 * Why: a streamed CSV allocates a few KB a row that live only until the row is written, but every young-generation
 * collection finds the chunk in hand alive and promotes it. With V8's dynamic factor the old generation may grow to
 * about three times the live heap (here ~50 MB) before the next full collection, so the largest provider's
 * declarations CSV (118,000 rows) raised the server's RSS by 76–93 MB, all of it garbage (a forced collection after
 * the download freed it). With the factor fixed at 1.5 a full collection runs once the old generation is half as
 * large again as the live heap: the same download grows RSS by about 45 MB including the client, and a second
 * download by nothing (bench/README.md "CSV memory"). The cost is more frequent full collections, which V8 marks
 * concurrently; the list benchmarks run with it.
 *
 * Process-wide and idempotent: V8 reads the flag whenever it sets the next limit, so setting it at start-up is enough.
 * 0 leaves V8's default.
 */
export function applyHeapGrowing(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
