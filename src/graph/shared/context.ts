import type { EntityManager } from '@mikro-orm/postgresql';
import type { Caller } from '../../domain/auth/caller.js';
import type { Clock } from '../../domain/shared/clock.js';
import type { TokensService } from '../../domain/auth/tokens.service.js';

/** What every resolver receives; built once per request by the shared context builder (src/server/context.ts). */
export interface GraphContext {
  caller: Caller;
  clock: Clock;
  em: EntityManager;
  tokens: TokensService;
  /** Outside production: the sandbox's test-data rules apply (the magic dates of birth that decide funding eligibility). */
  sandboxRules: boolean;
  /** The request id (X-Request-Id), for log lines about this request. */
  requestId?: string;
}
