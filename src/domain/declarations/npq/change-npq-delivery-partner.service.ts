import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import { DomainError } from '../../shared/domain-error.js';
import { isUuid } from '../../shared/ids.js';
import { stampWrite, Touched } from '../../shared/write-stamp.js';
import { writeTransaction } from '../../shared/write-transaction.js';
import { Violations } from '../../npq/npq-application.rules.js';
import { refreshDeclarationListings } from '../declaration-listings.js';
import { confirmedDeliveryPartners, deliveryPartnerOf } from './npq-declaration-facts.js';
import { deliveryPartnerViolations } from './npq-delivery-partner.rules.js';
import { NPQ_DECLARATION_MESSAGES as M } from './npq-declaration.messages.js';

export interface ChangeNpqDeliveryPartnerCommand {
  leadProviderId: string;
  declarationId: string;
  /** As sent (JSON values). */
  deliveryPartnerId?: unknown;
  secondaryDeliveryPartnerId?: unknown;
}

interface LockedDeclaration {
  id: string;
  lead_provider_id: string;
  declaration_date: Date;
  delivery_partner_id: string | null;
  secondary_delivery_partner_id: string | null;
  cohort_id: string;
  cohort_start_year: number;
  inside_england: boolean;
}

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '');

/**
 * `PUT /participant-declarations/{id}/change-delivery-partner` (npq.md §5.8). The declaration is found among those
 * the caller may read (submitter or the application's provider, npq.md §5.1; otherwise not found) and only its
 * submitter may change it (forbidden otherwise). Any state. Both partners are replaced: an omitted secondary is
 * cleared. Checks in the original's order: the partner exists (`delivery_partner`), a given secondary exists
 * (`secondary_delivery_partner`), the declaration's own validations with the new partners (not in the future, the
 * §5.7 rules), then `delivery_partner_id` present. Returns the declaration id.
 */
export async function changeNpqDeliveryPartner(em: EntityManager, clock: Clock, cmd: ChangeNpqDeliveryPartnerCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    const [d] = isUuid(cmd.declarationId)
      ? await tx.execute<LockedDeclaration[]>(
          `select d.id, d.lead_provider_id, d.declaration_date, d.delivery_partner_id, d.secondary_delivery_partner_id, d.cohort_id,
                  c.start_year as cohort_start_year,
                  coalesce(a.teacher_catchment = 'england' or (ac.start_year < 2024 and a.school_urn like '1%'), false) as inside_england
             from participant_declarations d
             join npq_applications a on a.id = d.npq_application_id
             join cohorts c on c.id = d.cohort_id
             left join npq_cohorts ac on ac.id = a.npq_cohort_id
            where d.id = ? and d.programme = 'npq' and (d.lead_provider_id = ? or a.lead_provider_id = ?)
            for update of d`,
          [cmd.declarationId, cmd.leadProviderId, cmd.leadProviderId],
        )
      : [];
    if (!d) throw DomainError.notFound('Declaration');
    if (d.lead_provider_id !== cmd.leadProviderId) throw DomainError.forbidden(M.cannotModify);

    const dp = await deliveryPartnerOf(tx, cmd.deliveryPartnerId);
    const secondary = await deliveryPartnerOf(tx, cmd.secondaryDeliveryPartnerId);
    const v = new Violations();
    if (dp === null) v.add('deliveryPartner', M.deliveryPartnerNotConfirmed);
    if (present(cmd.secondaryDeliveryPartnerId) && secondary === null) v.add('secondaryDeliveryPartner', M.secondaryNotConfirmed);
    if (new Date(d.declaration_date) > clock.now()) v.add('declarationDate', M.declarationDateFuture);
    deliveryPartnerViolations(v, {
      cohortStartYear: d.cohort_start_year,
      insideEngland: d.inside_england,
      deliveryPartnerId: dp,
      secondaryDeliveryPartnerId: secondary,
      deliveryPartnerChanged: dp !== d.delivery_partner_id,
      secondaryChanged: secondary !== d.secondary_delivery_partner_id,
      confirmed: await confirmedDeliveryPartners(tx, cmd.leadProviderId, d.cohort_id),
    });
    if (!present(cmd.deliveryPartnerId)) v.add('deliveryPartnerId', M.deliveryPartnerRequired);
    if (v.any) throw DomainError.validation(v.list());

    await tx.execute('update participant_declarations set delivery_partner_id = ?, secondary_delivery_partner_id = ?, updated_at = ? where id = ?', [
      dp,
      secondary,
      clock.now(),
      d.id,
    ]);
    await refreshDeclarationListings(tx, { declarationIds: [d.id] }, [d.id]);
    await stampWrite(tx, clock, new Touched().add('participant_declarations', d.id));
    return d.id;
  });
}
