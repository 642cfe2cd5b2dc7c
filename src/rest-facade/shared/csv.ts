import { once } from 'node:events';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';

/** One chunk of a CSV body's rows and whether more follow. */
export interface CsvChunk<R> {
  rows: R[];
  more: boolean;
}

/**
 * Streams a CSV body (RFC 4180 quoting by csv-stringify, `\n` line ends, booleans `true`/`false`, nulls as empty
 * fields; ecf.md §2.6 and api_csv.rb): the header row, then the rows chunk by chunk, each chunk read only once the
 * previous one is written out (back-pressure from the socket included), so memory holds one chunk whatever the
 * list's length. An empty list is an empty body, as ECF live (`headerWhenEmpty`: the header row alone, as NPQ's exports). `first` is read before anything is written, so its
 * errors (a bad filter) are still ordinary error responses; `next` resumes behind the last row written. A client
 * that goes away stops the reading: no further chunk is fetched.
 */
export async function streamCsv<R>(
  res: Response,
  header: readonly string[],
  first: CsvChunk<R>,
  next: (last: R) => Promise<CsvChunk<R>>,
  record: (row: R) => unknown[],
  options: { headerWhenEmpty?: boolean } = {},
): Promise<void> {
  res.status(200).setHeader('Content-Type', 'text/csv; charset=utf-8');
  if (first.rows.length === 0 && !options.headerWhenEmpty) {
    res.end();
    return;
  }
  // 'close' comes once the body is fully sent, or as soon as the connection is gone.
  let gone = false;
  const closed = new Promise<void>((resolve) =>
    res.once('close', () => {
      gone = true;
      resolve();
    }),
  );
  const csv = stringify({ cast: { boolean: (b) => (b ? 'true' : 'false') } });
  csv.pipe(res);
  const write = async (values: unknown[]) => {
    if (!csv.write(values)) await Promise.race([once(csv, 'drain'), closed]);
  };
  await write([...header]);
  let chunk = first;
  while (!gone) {
    for (const row of chunk.rows) {
      if (gone) break;
      await write(record(row));
    }
    if (gone || !chunk.more || chunk.rows.length === 0) break;
    chunk = await next(chunk.rows[chunk.rows.length - 1]);
  }
  if (gone) {
    csv.destroy();
    return;
  }
  csv.end();
  await closed;
}
