import type { ParticipantTransfersFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';

type Schemas = components['schemas'];
type Side = ParticipantTransfersFieldsFragment['transfers'][number]['leaving'];

const side = (s: Side) => ({ school_urn: s.schoolUrn, provider: s.provider, date: s.date });

/** `participant-transfer` (ecf.md §8.3), the same on the ECF and RECT paths; attributes in the serializer's order. */
export function serializeParticipantTransfers(p: ParticipantTransfersFieldsFragment): Schemas['ParticipantTransfer'] {
  return resource<Schemas['ParticipantTransfer']>('participant-transfer', p.id, {
    updated_at: p.updatedAt,
    transfers: p.transfers.map((t) => ({
      training_record_id: t.trainingRecordId,
      transfer_type: t.transferType,
      status: t.status,
      created_at: t.createdAt,
      leaving: side(t.leaving),
      joining: t.joining ? side(t.joining) : null,
    })),
  });
}
