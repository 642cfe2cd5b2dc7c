import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PARTICIPANT_ACTIONS = ['defer', 'resume', 'withdraw', 'change_schedule'] as const;
export type ParticipantAction = (typeof PARTICIPANT_ACTIONS)[number];

/** Which live service's rules an action follows: the ECF paths' or the RECT paths' (rect.md §7). */
export const PARTICIPANT_ACTION_RULES = ['ecf', 'rect'] as const;
export type ParticipantActionRules = (typeof PARTICIPANT_ACTION_RULES)[number];

/**
 * One successful lead-provider action on a training record (defer, resume, withdraw, change schedule), written
 * in the action's transaction: who (provider and API token), what was asked (the request attributes as sent),
 * and the training status, schedule and cohort before and after. `occurredAt` is the request clock
 * (`X-With-Server-Date` in the sandbox). The ECF `ParticipantProfileState` rows, with the request kept.
 */
export const ParticipantActionAuditSchema = defineEntity({
  name: 'ParticipantActionAudit',
  tableName: 'participant_action_audits',
  properties: {
    id: p.uuid().primary(),
    participantId: p.uuid(),
    trainingRecordId: p.uuid(),
    leadProviderId: p.uuid(),
    /** The API token the provider called with; null for an admin acting as the provider. */
    apiTokenId: p.uuid().nullable(),
    /** Admin token that acted for the provider, if any. */
    adminTokenId: p.uuid().nullable(),
    action: p.enum(PARTICIPANT_ACTIONS),
    rules: p.enum(PARTICIPANT_ACTION_RULES),
    reason: p.string().nullable(),
    request: p.json<Record<string, unknown>>(),
    beforePeriodId: p.uuid(),
    afterPeriodId: p.uuid(),
    beforeTrainingStatus: p.string(),
    afterTrainingStatus: p.string(),
    beforeScheduleIdentifier: p.string(),
    afterScheduleIdentifier: p.string(),
    beforeCohort: p.integer(),
    afterCohort: p.integer(),
    occurredAt: p.datetime(),
  },
});
export type ParticipantActionAudit = InferEntity<typeof ParticipantActionAuditSchema>;
