import type { EntityManager } from '@mikro-orm/postgresql';
import { insert, type Row } from './bulk-insert.js';

/** Column types of the participant tables for the bulk inserts (`jsonb_to_recordset` record definitions). */
export const PARTICIPANT_COLUMNS = {
  participants: { id: 'uuid', trn: 'text', full_name: 'text', email: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
  training_records: {
    id: 'uuid',
    participant_id: 'uuid',
    participant_type: 'text',
    schedule_id: 'uuid',
    funding_eligibility: 'text',
    funding_eligibility_reason: 'text',
    pupil_premium_uplift: 'boolean',
    sparsity_uplift: 'boolean',
    induction_start_date: 'date',
    induction_end_date: 'date',
    mentor_funding_end_date: 'date',
    mentor_funding_end_reason: 'text',
    cohort_changed_after_payments_frozen: 'boolean',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  training_periods: {
    id: 'uuid',
    training_record_id: 'uuid',
    school_id: 'uuid',
    cohort_id: 'uuid',
    partnership_id: 'uuid',
    schedule_id: 'uuid',
    induction_status: 'text',
    training_status: 'text',
    training_status_reason: 'text',
    training_status_changed_at: 'timestamptz',
    training_status_lead_provider_id: 'uuid',
    mentor_training_record_id: 'uuid',
    email: 'text',
    school_transfer: 'boolean',
    working_pattern: 'text',
    start_date: 'timestamptz',
    end_date: 'timestamptz',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  participant_id_changes: { id: 'uuid', participant_id: 'uuid', from_participant_id: 'uuid', to_participant_id: 'uuid', changed_at: 'timestamptz' },
  induction_periods: {
    id: 'uuid',
    training_record_id: 'uuid',
    started_on: 'date',
    finished_on: 'date',
    outcome: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
} satisfies Record<string, Record<string, string>>;

export interface ParticipantRows {
  participants: Row[];
  records: Row[];
  periods: Row[];
  idChanges: Row[];
  inductionPeriods: Row[];
}

export const emptyParticipantRows = (): ParticipantRows => ({ participants: [], records: [], periods: [], idChanges: [], inductionPeriods: [] });

/** Inserts the rows in foreign-key order (periods may name mentors' records, so every record goes first). */
export async function insertParticipantRows(tx: EntityManager, rows: ParticipantRows): Promise<Record<string, number>> {
  return {
    participants: await insert(tx, 'participants', PARTICIPANT_COLUMNS.participants, rows.participants),
    training_records: await insert(tx, 'training_records', PARTICIPANT_COLUMNS.training_records, rows.records),
    training_periods: await insert(tx, 'training_periods', PARTICIPANT_COLUMNS.training_periods, rows.periods),
    participant_id_changes: await insert(tx, 'participant_id_changes', PARTICIPANT_COLUMNS.participant_id_changes, rows.idChanges),
    induction_periods: await insert(tx, 'induction_periods', PARTICIPANT_COLUMNS.induction_periods, rows.inductionPeriods),
  };
}

/** A training record row with the defaults of a new, funded participant. */
export function recordRow(
  r: { id: string; participantId: string; type: 'ect' | 'mentor'; scheduleId: string; at: string } & Partial<Record<string, unknown>>,
): Row {
  const { id, participantId, type, scheduleId, at, ...rest } = r;
  return {
    id,
    participant_id: participantId,
    participant_type: type,
    schedule_id: scheduleId,
    funding_eligibility: 'eligible',
    funding_eligibility_reason: 'none',
    pupil_premium_uplift: false,
    sparsity_uplift: false,
    induction_start_date: null,
    induction_end_date: null,
    mentor_funding_end_date: null,
    mentor_funding_end_reason: null,
    cohort_changed_after_payments_frozen: false,
    created_at: at,
    updated_at: at,
    ...rest,
  };
}

/** A training period row: active in its school and partnership from `start` until `end` (if any). */
export function periodRow(
  r: {
    id: string;
    recordId: string;
    schoolId: string;
    cohortId: string;
    partnershipId: string | null;
    scheduleId: string;
    start: string;
    at: string;
  } & Partial<Record<string, unknown>>,
): Row {
  const { id, recordId, schoolId, cohortId, partnershipId, scheduleId, start, at, ...rest } = r;
  return {
    id,
    training_record_id: recordId,
    school_id: schoolId,
    cohort_id: cohortId,
    partnership_id: partnershipId,
    schedule_id: scheduleId,
    induction_status: 'active',
    training_status: 'active',
    training_status_reason: null,
    training_status_changed_at: null,
    training_status_lead_provider_id: null,
    mentor_training_record_id: null,
    email: null,
    school_transfer: false,
    working_pattern: null,
    start_date: start,
    end_date: null,
    created_at: at,
    updated_at: at,
    ...rest,
  };
}
