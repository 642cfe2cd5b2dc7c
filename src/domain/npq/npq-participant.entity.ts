import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The person behind NPQ applications (npq.md §1.6, the registration service's "user"). `id` is the API's
 * `participant_id` and never changes. `updatedAt` is the digest's `significantly_updated_at`: it moves with every
 * change to the person and with every approval change of any of their applications (npq.md §9.6).
 */
export const NpqParticipantSchema = defineEntity({
  name: 'NpqParticipant',
  tableName: 'npq_participants',
  properties: {
    id: p.uuid().primary(),
    fullName: p.string(),
    email: p.string().nullable(),
    trn: p.string().nullable(),
    trnVerified: p.boolean().default(false),
    previousNames: p.array<string>().default([]),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type NpqParticipant = InferEntity<typeof NpqParticipantSchema>;

/**
 * A retired NPQ participant id (npq.md §1.6): `fromParticipantId` was merged into the person `participantId`
 * (= `toParticipantId`). v3 shows them newest first as `participant_id_changes`; `createdAt` is `changed_at`.
 */
export const NpqParticipantIdChangeSchema = defineEntity({
  name: 'NpqParticipantIdChange',
  tableName: 'npq_participant_id_changes',
  properties: {
    id: p.uuid().primary(),
    participantId: p.uuid(),
    fromParticipantId: p.uuid(),
    toParticipantId: p.uuid(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type NpqParticipantIdChange = InferEntity<typeof NpqParticipantIdChangeSchema>;
