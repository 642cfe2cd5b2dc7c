import { stringify } from 'csv-stringify';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/**
 * A CSV response (v1/v2 NPQ exports): the header row, then rows produced one chunk at a time, so memory stays
 * flat whatever the row count. A handler returns it after reading the first chunk (errors before that are the
 * usual JSON errors); the router streams it. RFC 4180 quoting by csv-stringify; booleans `true`/`false`, null
 * an empty field.
 */
export class CsvResponse {
  constructor(
    readonly columns: readonly string[],
    readonly rows: AsyncIterable<readonly unknown[]>,
  ) {}

  async send(res: Response): Promise<void> {
    res.status(200).type('text/csv');
    const csv = stringify({
      header: true,
      columns: [...this.columns],
      cast: { boolean: (v: boolean) => (v ? 'true' : 'false') },
    });
    await pipeline(Readable.from(this.rows), csv, res);
  }
}

/** Rows of a list read in chunks by keyset: `read(afterId)` returns one chunk and whether another follows. */
export async function* chunkedRows<T extends { id: string }>(
  first: { items: T[]; hasNextPage: boolean },
  read: (afterId: string) => Promise<{ items: T[]; hasNextPage: boolean }>,
  toRow: (item: T) => readonly unknown[],
): AsyncGenerator<readonly unknown[]> {
  let chunk = first;
  for (;;) {
    for (const item of chunk.items) yield toRow(item);
    const last = chunk.items.at(-1);
    if (!chunk.hasNextPage || last === undefined) return;
    chunk = await read(last.id);
  }
}
