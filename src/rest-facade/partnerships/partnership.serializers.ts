import { resource } from '../shared/envelope.js';
import type { PartnershipData } from './partnerships.operations.js';

const common = (p: PartnershipData) => ({
  cohort: String(p.cohort),
  urn: p.urn,
  school_id: p.schoolId,
  delivery_partner_id: p.deliveryPartnerId,
  delivery_partner_name: p.deliveryPartnerName,
});

/** ECF v3 partnership, in the serializer's attribute order (ecf.md §6.1). */
export function serializeEcfPartnership(p: PartnershipData) {
  return resource('partnership', p.id, {
    ...common(p),
    status: p.status,
    challenged_reason: p.challengedReason,
    challenged_at: p.challengedAt,
    induction_tutor_name: p.inductionTutorName,
    induction_tutor_email: p.inductionTutorEmail,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  });
}

/** RECT v3 partnership: no challenge fields, adds `participants_currently_training` (rect.md §2.3). */
export function serializeRectPartnership(p: PartnershipData) {
  return resource('partnership', p.id, {
    ...common(p),
    induction_tutor_name: p.inductionTutorName,
    induction_tutor_email: p.inductionTutorEmail,
    participants_currently_training: p.participantsCurrentlyTraining,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  });
}
