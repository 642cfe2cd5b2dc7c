import { writeTransaction } from '../shared/write-transaction.js';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { DeliveryPartnerSchema } from '../delivery-partners/delivery-partner.entity.js';
import { ProviderRelationshipSchema } from '../delivery-partners/provider-relationship.entity.js';
import { CohortSchema } from '../cohorts/cohort.entity.js';
import { PartnershipSchema } from './partnership.entity.js';
import { challengeDeadline, updatePartnershipViolations } from './partnership.rules.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { touchParticipantsOfPartnership } from '../participants/participant-touches.js';

export interface UpdatePartnershipCommand {
  leadProviderId: string;
  partnershipId: string;
  deliveryPartnerId?: string | null;
}

/** Moves a partnership to another delivery partner (ecf.md §6.3). Same partner: no change. */
export async function updatePartnership(em: EntityManager, clock: Clock, cmd: UpdatePartnershipCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const partnership = isUuid(cmd.partnershipId)
      ? await tx.findOne(
          PartnershipSchema,
          { id: cmd.partnershipId, leadProviderId: cmd.leadProviderId, relationship: false },
          { lockMode: LockMode.PESSIMISTIC_WRITE },
        )
      : null;
    if (!partnership) throw DomainError.notFound('Partnership');
    const deliveryPartner = isUuid(cmd.deliveryPartnerId) ? await tx.findOne(DeliveryPartnerSchema, { id: cmd.deliveryPartnerId }) : null;
    const [hasRelationship, relationshipRow] = deliveryPartner
      ? await Promise.all([
          tx.count(ProviderRelationshipSchema, {
            leadProviderId: cmd.leadProviderId,
            deliveryPartnerId: deliveryPartner.id,
            cohortId: partnership.cohortId,
            programme: 'ecf',
            discardedAt: null,
          }),
          tx.count(PartnershipSchema, {
            schoolId: partnership.schoolId,
            cohortId: partnership.cohortId,
            leadProviderId: cmd.leadProviderId,
            deliveryPartnerId: deliveryPartner.id,
            relationship: true,
          }),
        ])
      : [0, 0];
    const violations = updatePartnershipViolations({
      input: cmd,
      challenged: partnership.challengeReason !== null,
      deliveryPartner,
      hasRelationship: hasRelationship > 0,
      relationshipRowWithNewPartner: relationshipRow > 0,
    });
    if (violations.length > 0) throw DomainError.validation(violations);
    if (partnership.deliveryPartnerId === deliveryPartner!.id) return partnership.id;
    const cohort = await tx.findOneOrFail(CohortSchema, { id: partnership.cohortId });
    const now = clock.now();
    Object.assign(partnership, {
      deliveryPartnerId: deliveryPartner!.id,
      reportId: crypto.randomUUID(),
      challengeDeadline: challengeDeadline(cohort.academicYearStartDate, now),
      updatedAt: now,
    });
    await tx.flush();
    const touched = new Touched().add('partnerships', partnership.id);
    await touchParticipantsOfPartnership(tx, touched, partnership.id);
    await stampWrite(tx, clock, touched);
    return partnership.id;
  });
}
