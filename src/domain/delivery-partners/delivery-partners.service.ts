import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { isProgramme } from '../shared/programme.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { CohortSchema } from '../cohorts/cohort.entity.js';
import { LeadProviderSchema } from '../lead-providers/lead-provider.entity.js';
import { DeliveryPartnerSchema, type DeliveryPartner } from './delivery-partner.entity.js';
import { ProviderRelationshipSchema, type ProviderRelationship } from './provider-relationship.entity.js';

const squish = (s: string) => s.trim().replace(/\s+/g, ' ');

export async function createDeliveryPartner(em: EntityManager, clock: Clock, input: { name: string }): Promise<DeliveryPartner> {
  const name = squish(input.name);
  if (name === '') throw DomainError.validation([{ field: 'name', message: 'Enter a name' }]);
  return writeTransaction(em, async (tx) => {
    const now = clock.now();
    const dp = tx.create(DeliveryPartnerSchema, { id: randomUUID(), name, discardedAt: null, createdAt: now, updatedAt: now });
    await tx.flush();
    dp.updatedAt = await stampWrite(tx, clock, new Touched().add('delivery_partners', dp.id));
    return dp;
  });
}

/** A rename changes what partnerships show (`delivery_partner_name`), so they move too. */
export async function renameDeliveryPartner(em: EntityManager, clock: Clock, input: { id: string; name: string }): Promise<DeliveryPartner> {
  return writeTransaction(em, async (tx) => {
    const dp = isUuid(input.id) ? await tx.findOne(DeliveryPartnerSchema, { id: input.id, discardedAt: null }) : null;
    if (!dp) throw DomainError.notFound('Delivery partner');
    const name = squish(input.name);
    if (name === '') throw DomainError.validation([{ field: 'name', message: 'Enter a name' }]);
    if (name === dp.name) return dp;
    const now = clock.now();
    dp.name = name;
    dp.updatedAt = now;
    await tx.flush();
    const shown = await tx.execute<{ id: string }[]>(
      'update partnerships set updated_at = ? where delivery_partner_id = ? and relationship = false returning id',
      [now, dp.id],
    );
    const touched = new Touched().add('delivery_partners', dp.id).add('partnerships', ...shown.map((r) => r.id));
    dp.updatedAt = await stampWrite(tx, clock, touched);
    return dp;
  });
}

/**
 * Lets a lead provider work with a delivery partner in a cohort for a programme. The partner's
 * `cohort` list changes, so its `updated_at` moves.
 */
export async function createProviderRelationship(
  em: EntityManager,
  clock: Clock,
  input: { leadProviderId: string; deliveryPartnerId: string; cohort: number; programme: string },
): Promise<ProviderRelationship> {
  return writeTransaction(em, async (tx) => {
    const [lp, dp, cohort] = await Promise.all([
      isUuid(input.leadProviderId) ? tx.findOne(LeadProviderSchema, { id: input.leadProviderId }) : null,
      isUuid(input.deliveryPartnerId) ? tx.findOne(DeliveryPartnerSchema, { id: input.deliveryPartnerId, discardedAt: null }) : null,
      tx.findOne(CohortSchema, { startYear: input.cohort }),
    ]);
    const violations = [];
    if (!lp) violations.push({ field: 'leadProviderId', message: 'No such lead provider' });
    if (!dp) violations.push({ field: 'deliveryPartnerId', message: 'No such delivery partner' });
    if (!cohort) violations.push({ field: 'cohort', message: 'No such cohort' });
    if (!isProgramme(input.programme)) violations.push({ field: 'programme', message: 'Choose ecf or npq' });
    else if (lp && !lp.programmes.includes(input.programme)) violations.push({ field: 'programme', message: `${lp.name} does not deliver ${input.programme}` });
    if (violations.length) throw DomainError.validation(violations);
    const programme = input.programme as 'ecf' | 'npq';
    const existing = await tx.findOne(ProviderRelationshipSchema, {
      leadProviderId: lp!.id,
      deliveryPartnerId: dp!.id,
      cohortId: cohort!.id,
      programme,
      discardedAt: null,
    });
    if (existing) return existing;
    const now = clock.now();
    const rel = tx.create(ProviderRelationshipSchema, {
      id: randomUUID(),
      leadProviderId: lp!.id,
      deliveryPartnerId: dp!.id,
      cohortId: cohort!.id,
      programme,
      discardedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    dp!.updatedAt = now;
    await tx.flush();
    dp!.updatedAt = await stampWrite(tx, clock, new Touched().add('delivery_partners', dp!.id));
    return rel;
  });
}
