/** The part of newman's programmatic API the Postman check uses (newman ships no type declarations). */
declare module 'newman' {
  import type { EventEmitter } from 'node:events';

  export interface NewmanRunOptions {
    collection: object;
    environment?: object;
    reporters?: string[];
    timeoutRequest?: number;
    insecure?: boolean;
  }
  export interface NewmanRunFailure {
    error: { name: string; message: string; test?: string };
    source?: { name?: string };
  }
  export interface NewmanRunSummary {
    run: {
      stats: Record<'requests' | 'assertions' | 'testScripts', { total: number; failed: number }>;
      failures: NewmanRunFailure[];
    };
  }
  export interface NewmanRequestEvent {
    item: { name: string };
    request: { method: string; url: { toString(): string; getPathWithQuery(): string } };
    response: { code: number; stream: Buffer; headers: { toObject(): Record<string, string> } };
  }
  export function run(options: NewmanRunOptions, callback: (err: Error | null, summary: NewmanRunSummary) => void): EventEmitter;
  const newman: { run: typeof run };
  export default newman;
}
