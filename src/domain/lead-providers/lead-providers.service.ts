import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { isProgramme, type Programme } from '../shared/programme.js';
import { LeadProviderSchema, type LeadProvider } from './lead-provider.entity.js';

export async function createLeadProvider(em: EntityManager, clock: Clock, input: { name: string; programmes: string[] }): Promise<LeadProvider> {
  const name = input.name.trim().replace(/\s+/g, ' ');
  const violations = [];
  if (name === '') violations.push({ field: 'name', message: 'Enter a name' });
  const programmes = [...new Set(input.programmes)];
  if (programmes.length === 0 || !programmes.every(isProgramme)) violations.push({ field: 'programmes', message: 'Choose ecf, npq or both' });
  if (violations.length) throw DomainError.validation(violations);
  if (await em.count(LeadProviderSchema, { name })) throw new DomainError('conflict', `A lead provider named "${name}" already exists`);
  const now = clock.now();
  const lp = em.create(LeadProviderSchema, { id: randomUUID(), name, programmes: programmes as Programme[], createdAt: now, updatedAt: now });
  await em.flush();
  return lp;
}

export function listLeadProviders(em: EntityManager): Promise<LeadProvider[]> {
  return em.find(LeadProviderSchema, {}, { orderBy: { name: 'asc' } });
}
