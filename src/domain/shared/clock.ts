/**
 * "Now" for one request (ARCHITECTURE.md §2.5). Domain code never reads the system clock:
 * it receives a Clock built by the request context, which is either the real time or,
 * outside production, the time given in `X-With-Server-Date`.
 */
export interface Clock {
  now(): Date;
  /** Today's calendar date in UTC, `YYYY-MM-DD`. */
  today(): string;
  /** True when the request runs "as of" another time (`X-With-Server-Date`, sandbox only). */
  readonly travelled?: boolean;
}

export function fixedOffsetClock(systemNow: () => Date, travelledTo?: Date): Clock {
  // A travelled clock keeps ticking from the travelled instant, as the live sandboxes do.
  const offset = travelledTo ? travelledTo.getTime() - systemNow().getTime() : 0;
  const now = () => new Date(systemNow().getTime() + offset);
  return { now, today: () => now().toISOString().slice(0, 10), travelled: travelledTo !== undefined };
}
