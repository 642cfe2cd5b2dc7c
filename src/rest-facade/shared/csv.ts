import { once } from 'node:events';
import type { Response } from 'express';

/** One chunk of a CSV body's rows and whether more follow. */
export interface CsvChunk<R> {
  rows: R[];
  more: boolean;
}

const NEEDS_QUOTES = /[",\n\r]/;

/**
 * One field as csv-stringify (6.x) wrote it with `cast.boolean` set to `true`/`false`, which these bodies used
 * before: null/undefined empty, numbers and bigints as `String`, dates as epoch milliseconds, other objects as JSON;
 * quoted (inner quotes doubled) when it holds a quote, a comma, CR or LF. Written here because csv-stringify
 * allocated about 8 KB per row (an options object, a context and an array per field), which paced the young
 * generation's collections fast enough to promote the rows being read (see streamCsv).
 */
function csvField(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === null || value === undefined) return '';
  else if (typeof value === 'boolean') return value ? 'true' : 'false';
  else if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  else if (value instanceof Date) return String(value.getTime());
  else text = JSON.stringify(value) ?? '';
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record, `\n`-terminated (RFC 4180 quoting). */
export function csvLine(values: readonly unknown[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += csvField(values[i]);
  }
  return line + '\n';
}

/**
 * Streams a CSV body (RFC 4180 quoting, csvField, `\n` line ends, booleans `true`/`false`, nulls as empty
 * fields; ecf.md §2.6 and api_csv.rb): the header row, then the rows chunk by chunk, each chunk read only once the
 * previous one is written out (back-pressure from the socket included), so memory holds one chunk whatever the
 * list's length. An empty list is an empty body, as ECF live (`headerWhenEmpty`: the header row alone, as NPQ's exports). `first` is read before anything is written, so its
 * errors (a bad filter) are still ordinary error responses; `next` resumes behind the last row written. A client
 * that goes away stops the reading: no further chunk is fetched.
 *
 * Each chunk is turned into its CSV text at once, in one synchronous step, and its row objects are dropped before
 * the text is written out; only the text waits for the socket. Row objects kept across the writes' awaits lived
 * through young-generation collections and were promoted to the old generation, which V8 collects only when it
 * has grown by a multiple of its live size: the process's memory grew by about 1 KB per row of the download
 * (155 MB for 150,000 declarations) before any of it was reclaimed.
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
  const send = async (text: string) => {
    if (text !== '' && !res.write(text)) await Promise.race([once(res, 'drain'), closed]);
  };
  let text = csvLine(header);
  let chunk: CsvChunk<R> | null = first;
  while (chunk) {
    const { rows, more } = chunk;
    chunk = null;
    text += rows.map((row) => csvLine(record(row))).join('');
    const last = rows.length > 0 && more ? rows[rows.length - 1] : null;
    rows.length = 0;
    await send(text);
    text = '';
    if (gone || last === null) break;
    chunk = await next(last);
    if (gone) break;
  }
  if (gone) return;
  res.end();
  await closed;
}
