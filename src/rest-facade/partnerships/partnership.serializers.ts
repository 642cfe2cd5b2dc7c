import type { PartnershipFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';

type Schemas = components['schemas'];

const common = (p: PartnershipFieldsFragment) => ({
  cohort: String(p.cohort),
  urn: p.urn,
  school_id: p.schoolId,
  delivery_partner_id: p.deliveryPartnerId,
  delivery_partner_name: p.deliveryPartnerName,
});

/** ECF v3 partnership, in the serializer's attribute order (ecf.md §6.1). */
export function serializeEcfPartnership(p: PartnershipFieldsFragment): Schemas['EcfPartnership'] {
  return resource<Schemas['EcfPartnership']>('partnership', p.id, {
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
export function serializeRectPartnership(p: PartnershipFieldsFragment): Schemas['Partnership'] {
  return resource<Schemas['Partnership']>('partnership', p.id, {
    ...common(p),
    induction_tutor_name: p.inductionTutorName,
    induction_tutor_email: p.inductionTutorEmail,
    participants_currently_training: p.participantsCurrentlyTraining,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
  });
}
