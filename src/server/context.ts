import type { Request } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { TokensService } from '../domain/auth/tokens.service.js';
import type { GraphContext } from '../graph/shared/context.js';
import { stateOf } from './request-state.js';
import type { AppEnv } from './config.js';

/**
 * The one context builder shared by /graphql and the REST facade: the caller, the request clock and
 * a fresh entity-manager fork (no identity map shared between requests).
 */
export function contextBuilder(orm: MikroORM, tokens: TokensService, appEnv: AppEnv) {
  const sandboxRules = appEnv !== 'production';
  return (req: Request): GraphContext => {
    const state = stateOf(req);
    return { caller: state.caller, clock: state.clock, em: orm.em.fork(), tokens, sandboxRules };
  };
}
