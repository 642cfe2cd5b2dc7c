import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A person trained under ECF (ecf.md §1.4 "User"): `id` is the API `participant_id`, fixed at creation
 * (ARCHITECTURE.md §2.7). One participant may hold an ECT and a mentor training record.
 */
export const ParticipantSchema = defineEntity({
  name: 'Participant',
  tableName: 'participants',
  properties: {
    id: p.uuid().primary(),
    /** Teacher reference number; null until the teacher has one. */
    trn: p.string().nullable(),
    fullName: p.string(),
    email: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Participant = InferEntity<typeof ParticipantSchema>;

/**
 * A retired participant id (de-duplication, ecf.md §1.4 `ParticipantIdChange`, provider-needs.md §2.1 A).
 * `participantId` is the participant that holds the retired id today: a later merge re-points it, so a retired
 * id always resolves in one look-up. `toParticipantId` is what the merge published.
 */
export const ParticipantIdChangeSchema = defineEntity({
  name: 'ParticipantIdChange',
  tableName: 'participant_id_changes',
  properties: {
    id: p.uuid().primary(),
    participantId: p.uuid(),
    fromParticipantId: p.uuid().unique(),
    toParticipantId: p.uuid(),
    changedAt: p.datetime(),
  },
});
export type ParticipantIdChange = InferEntity<typeof ParticipantIdChangeSchema>;
