import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError } from '../shared/domain-error.js';
import type { Clock } from '../shared/clock.js';
import { isProgramme, type Programme } from '../shared/programme.js';
import { ApiTokenSchema, type ApiToken } from './api-token.entity.js';
import { LeadProviderSchema } from '../lead-providers/lead-provider.entity.js';
import { pgArray } from '../shared/sql.js';
import { generateToken, tokenDigest, digestsEqual, TOKEN_SHAPE } from './token-digest.js';
import type { Caller } from './caller.js';

export interface IssuedToken {
  id: string;
  token: string;
}

export interface TokenSummary {
  id: string;
  kind: 'lead_provider' | 'admin';
  leadProviderId: string | null;
  leadProviderName: string | null;
  programme: Programme | null;
  description: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Issues, lists, revokes and resolves API tokens. The raw token exists only in the return value of `issue*`. */
export class TokensService {
  constructor(private readonly pepper: string) {}

  async issueLeadProviderToken(em: EntityManager, clock: Clock, leadProvider: string, programme: string, description?: string): Promise<IssuedToken> {
    if (!isProgramme(programme)) throw DomainError.validation([{ field: 'programme', message: 'must be ecf or npq' }]);
    const lp = await findLeadProvider(em, leadProvider);
    if (!lp.programmes.includes(programme)) {
      throw DomainError.validation([{ field: 'programme', message: `${lp.name} does not deliver ${programme.toUpperCase()}` }]);
    }
    return this.insert(em, clock, {
      kind: 'lead_provider',
      leadProviderId: lp.id,
      programme,
      description: description ?? `${programme.toUpperCase()} token for ${lp.name}`,
    });
  }

  issueAdminToken(em: EntityManager, clock: Clock, description = 'Admin token'): Promise<IssuedToken> {
    return this.insert(em, clock, { kind: 'admin', leadProviderId: null, programme: null, description });
  }

  private async insert(em: EntityManager, clock: Clock, fields: Pick<ApiToken, 'kind' | 'leadProviderId' | 'programme' | 'description'>): Promise<IssuedToken> {
    const token = generateToken();
    const row = em.create(ApiTokenSchema, {
      id: randomUUID(),
      ...fields,
      digest: tokenDigest(token, this.pepper),
      createdAt: clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    });
    await em.flush();
    return { id: row.id, token };
  }

  async revoke(em: EntityManager, clock: Clock, tokenId: string): Promise<void> {
    const row = await em.findOne(ApiTokenSchema, { id: tokenId });
    if (!row) throw DomainError.notFound('Token');
    row.revokedAt ??= clock.now();
    await em.flush();
  }

  async list(em: EntityManager): Promise<TokenSummary[]> {
    const rows = await em.execute<
      (Omit<TokenSummary, 'createdAt' | 'lastUsedAt' | 'revokedAt'> & Record<'createdAt' | 'lastUsedAt' | 'revokedAt', string | null>)[]
    >(
      `select t.id, t.kind, t.lead_provider_id as "leadProviderId", lp.name as "leadProviderName", t.programme,
              t.description, t.created_at as "createdAt", t.last_used_at as "lastUsedAt", t.revoked_at as "revokedAt"
         from api_tokens t left join lead_providers lp on lp.id = t.lead_provider_id
        order by t.created_at, t.id`,
    );
    const date = (v: string | null) => (v === null ? null : new Date(v));
    return rows.map((r) => ({ ...r, createdAt: date(r.createdAt)!, lastUsedAt: date(r.lastUsedAt), revokedAt: date(r.revokedAt) }));
  }

  /** The stored form of a presented token, or null when it cannot be a token (never looked up). */
  digestOf(presented: string): string | null {
    return TOKEN_SHAPE.test(presented) ? tokenDigest(presented, this.pepper) : null;
  }

  /** Resolves a token digest (see `digestOf`) to a caller, or null when unknown or revoked. */
  async resolve(em: EntityManager, digest: string): Promise<Caller | null> {
    const rows = await em.execute<
      { id: string; kind: string; digest: string; lead_provider_id: string | null; programme: Programme | null; name: string | null }[]
    >(
      `select t.id, t.kind, t.digest, t.lead_provider_id, t.programme, lp.name
         from api_tokens t left join lead_providers lp on lp.id = t.lead_provider_id
        where t.digest = ? and t.revoked_at is null`,
      [digest],
    );
    const row = rows[0];
    // The index lookup already matched; the constant-time compare guards against a lookup that is not exact.
    if (!row || !digestsEqual(row.digest, digest)) return null;
    if (row.kind === 'admin') return { kind: 'admin', tokenId: row.id };
    return { kind: 'lead_provider', tokenId: row.id, leadProviderId: row.lead_provider_id!, leadProviderName: row.name!, programme: row.programme! };
  }

  /** Records last use for many tokens in one statement (called in batches, never per request). */
  async recordLastUsed(em: EntityManager, lastUsed: Map<string, Date>): Promise<void> {
    if (lastUsed.size === 0) return;
    const ids = [...lastUsed.keys()];
    const times = ids.map((id) => lastUsed.get(id)!.toISOString());
    await em.execute(
      `update api_tokens t set last_used_at = greatest(coalesce(t.last_used_at, u.at), u.at)
         from unnest(?::uuid[], ?::timestamptz[]) as u(id, at) where t.id = u.id`,
      [pgArray(ids), pgArray(times)],
    );
  }
}

async function findLeadProvider(em: EntityManager, nameOrId: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(nameOrId);
  const lp = await em.findOne(LeadProviderSchema, isUuid ? { id: nameOrId } : { name: nameOrId });
  if (!lp) throw DomainError.notFound(`Lead provider "${nameOrId}"`);
  return lp;
}
