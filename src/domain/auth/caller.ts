import { DomainError } from '../shared/domain-error.js';
import type { Programme } from '../shared/programme.js';

/** Who is calling: a lead provider through one programme's token, an admin, or nobody. */
export type Caller =
  | { kind: 'lead_provider'; tokenId: string; leadProviderId: string; leadProviderName: string; programme: Programme }
  | { kind: 'admin'; tokenId: string }
  | { kind: 'anonymous' };

export const PROGRAMME_FORBIDDEN_MESSAGE = (needed: Programme, used: Programme) =>
  `This endpoint is part of the ${needed.toUpperCase()} API; your token is for the ${used.toUpperCase()} programme`;

/**
 * The lead provider a provider-scoped read or write acts for. A token of the other programme is
 * refused (ARCHITECTURE.md §2.2); admins may act for any provider by naming it.
 */
export function actingLeadProvider(
  caller: Caller,
  needed: Programme | undefined,
  asLeadProvider?: { leadProviderId: string; programme: Programme },
): { leadProviderId: string; programme: Programme } {
  if (caller.kind === 'anonymous') throw new DomainError('unauthenticated', 'A valid API token is required');
  if (caller.kind === 'admin') {
    if (!asLeadProvider) throw DomainError.badInput('Admin callers must name the lead provider (leadProviderId) and programme');
    if (needed && asLeadProvider.programme !== needed) throw DomainError.forbidden(PROGRAMME_FORBIDDEN_MESSAGE(needed, asLeadProvider.programme));
    return asLeadProvider;
  }
  if (needed && caller.programme !== needed) throw DomainError.forbidden(PROGRAMME_FORBIDDEN_MESSAGE(needed, caller.programme));
  return { leadProviderId: caller.leadProviderId, programme: caller.programme };
}

export function requireAdmin(caller: Caller): void {
  if (caller.kind === 'anonymous') throw new DomainError('unauthenticated', 'A valid API token is required');
  if (caller.kind !== 'admin') throw DomainError.forbidden('This operation needs an admin token');
}
