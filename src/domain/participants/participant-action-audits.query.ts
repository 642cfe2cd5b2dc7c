import type { EntityManager } from '@mikro-orm/postgresql';
import { isUuid } from '../shared/ids.js';
import { rfc3339 } from '../shared/sql.js';
import type { ParticipantAction, ParticipantActionRules } from './actions/participant-action-audit.entity.js';

export interface ParticipantActionAuditView {
  id: string;
  participantId: string;
  trainingRecordId: string;
  leadProviderId: string;
  apiTokenId: string | null;
  adminTokenId: string | null;
  action: ParticipantAction;
  rules: ParticipantActionRules;
  reason: string | null;
  request: string;
  beforeTrainingStatus: string;
  afterTrainingStatus: string;
  beforeScheduleIdentifier: string;
  afterScheduleIdentifier: string;
  beforeCohort: number;
  afterCohort: number;
  beforePeriodId: string;
  afterPeriodId: string;
  occurredAt: string;
}

/** The audited actions on a participant's training records, oldest first (a retired id finds its successor). */
export async function listParticipantActionAudits(em: EntityManager, participantId: string): Promise<ParticipantActionAuditView[]> {
  if (!isUuid(participantId)) return [];
  return em.execute<ParticipantActionAuditView[]>(
    `select a.id, a.participant_id as "participantId", a.training_record_id as "trainingRecordId", a.lead_provider_id as "leadProviderId",
            a.api_token_id as "apiTokenId", a.admin_token_id as "adminTokenId", a.action, a.rules, a.reason, a.request::text as "request",
            a.before_training_status as "beforeTrainingStatus", a.after_training_status as "afterTrainingStatus",
            a.before_schedule_identifier as "beforeScheduleIdentifier", a.after_schedule_identifier as "afterScheduleIdentifier",
            a.before_cohort as "beforeCohort", a.after_cohort as "afterCohort", a.before_period_id as "beforePeriodId",
            a.after_period_id as "afterPeriodId", ${rfc3339('a.occurred_at')} as "occurredAt"
       from participant_action_audits a
      where a.participant_id = coalesce((select ch.participant_id from participant_id_changes ch where ch.from_participant_id = ?::uuid), ?::uuid)
      order by a.occurred_at, a.id`,
    [participantId, participantId],
  );
}
