import type { Logger } from 'pino';
import type { MikroORM } from '@mikro-orm/postgresql';
import { compactDayCounts } from '../domain/shared/day-counts.js';

/** How often each instance folds the lists' append-only day counts (one instance at a time does the work). */
export const DAY_COUNT_COMPACT_MS = 60_000;

/**
 * Runs `compactDayCounts` every `intervalMs` (src/domain/shared/day-counts.ts): the writes' triggers append a row per
 * statement and key, and the lists' readers sum them, so folding keeps those sums to about one row per day. A failure
 * is logged and retried at the next tick; nothing depends on it but read cost. `close` waits for a run in progress.
 */
export class DayCountCompactor {
  private readonly timer: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly orm: MikroORM,
    private readonly log: Logger,
    intervalMs = DAY_COUNT_COMPACT_MS,
  ) {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  /** One compaction now, unless one is running (then that one). */
  runOnce(): Promise<void> {
    this.running ??= compactDayCounts(this.orm.em.fork())
      .then((removed) => {
        if (removed > 0) this.log.debug({ removed }, 'day counts compacted');
      })
      .catch((err: unknown) => this.log.warn({ err: (err as Error).message }, 'could not compact the day counts'))
      .finally(() => (this.running = null));
    return this.running;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
