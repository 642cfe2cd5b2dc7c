import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import type { TrainingStatus } from '../../participants/training-record.entity.js';
import { BILLABLE_OR_CHANGEABLE } from '../declaration.vocabulary.js';
import { PreparedStatement } from '../../shared/prepared.js';
import { nextOutputFeeStatementSql } from '../statement-attach.js';
import { ROLE_OF_COURSE, type EcfDeclarationFacts, type EcfDeclarationInput, type OwnPeriod, type RecordFacts } from './record-ecf-declaration.rules.js';

export const SLOT_STATES_SQL = BILLABLE_OR_CHANGEABLE.map((s) => `'${s}'`).join(', ');

type Stamp = Date | string;

interface FactsRow {
  id: string;
  role: 'ect' | 'mentor';
  schedule_id: string;
  cohort_id: string;
  cohort_year: number;
  mentor_funding: boolean;
  detailed_evidence_types: boolean;
  fundable: boolean;
  pupil_premium_uplift: boolean;
  sparsity_uplift: boolean;
  periods: {
    id: string;
    schedule_id: string;
    training_status: TrainingStatus;
    start_date: Stamp;
    end_date: Stamp | null;
    created_at: Stamp;
    delivery_partner_id: string | null;
    mentor_participant_id: string | null;
  }[];
  latest_state: { status: TrainingStatus; at: Stamp } | null;
  milestone: { start_date: string; milestone_date: string | null } | null;
  slot_taken: boolean;
  original_id: string | null;
  statement_id: string | null;
}

/** The facts statement (named and prepared: its planning cost more than its execution, issue 8 item 9). */
const FACTS = new PreparedStatement(
  'ecf_declaration_facts',
  `with rec as (
       select tr.id, tr.participant_type as role, tr.schedule_id, sh.cohort_id, c.start_year as cohort_year, c.mentor_funding, c.detailed_evidence_types,
              coalesce(tr.funding_eligibility = 'eligible', false) as fundable, tr.pupil_premium_uplift, tr.sparsity_uplift
         from training_records tr join schedules sh on sh.id = tr.schedule_id join cohorts c on c.id = sh.cohort_id
        where tr.participant_id = ? and tr.participant_type = ?)
     select rec.*,
            (select coalesce(jsonb_agg(to_jsonb(x) order by x.open desc, x.start_date desc, x.created_at desc, x.id desc), '[]'::jsonb)
               from (select tp.id, tp.schedule_id, tp.training_status, tp.start_date, tp.end_date, tp.created_at, pt.delivery_partner_id,
                            mr.participant_id as mentor_participant_id, tp.end_date is null as open
                       from training_periods tp join partnerships pt on pt.id = tp.partnership_id
                       left join training_records mr on mr.id = tp.mentor_training_record_id
                      where tp.training_record_id = rec.id and pt.lead_provider_id = ?) x) as periods,
            (select jsonb_build_object('status', s.training_status, 'at', s.training_status_changed_at) from training_periods s
              where s.training_record_id = rec.id and s.training_status_lead_provider_id = ? and s.training_status_changed_at is not null
              order by s.training_status_changed_at desc, s.created_at desc limit 1) as latest_state,
            (select jsonb_build_object('start_date', to_char(m.start_date, 'YYYY-MM-DD'), 'milestone_date', to_char(m.milestone_date, 'YYYY-MM-DD'))
               from milestones m where m.schedule_id = rec.schedule_id and m.declaration_type = ?) as milestone,
            exists (select 1 from participant_declarations d
                     where d.slot_key = ? and d.declaration_type = ? and d.state in (${SLOT_STATES_SQL})) as slot_taken,
            (select d.id from participant_declarations d join participants p on p.id = d.participant_id
              where p.trn = (select trn from participants where id = ?) and d.participant_id <> ? and d.programme = 'ecf'
                and d.course_identifier = ? and d.declaration_type = ? and d.state in (${SLOT_STATES_SQL}) and d.superseded_by_id is null
              order by d.created_at, d.id limit 1) as original_id,
            (${nextOutputFeeStatementSql('rec.cohort_id')}) as statement_id
       from rec`,
);

/**
 * Everything the create rules read (ecf.md §3.2, §4.2), loaded before any rule runs, in one statement: the
 * training record `course_identifier` names (its schedule is the declaration's schedule and its schedule's cohort
 * the declaration's cohort, ecf.md §1.6), its periods in the caller's partnerships (challenged ones included),
 * newest first, the caller's latest training-status change on it, the schedule's milestone for the type, whether
 * the slot is held, (for the effect, §4.5) the oldest slot holder of another participant with the same TRN, and the
 * next output-fee statement of the record's cohort (`nextOutputFeeStatement`).
 */
export async function loadEcfDeclarationFacts(
  em: EntityManager,
  clock: Clock,
  input: EcfDeclarationInput & { leadProviderId: string },
  participantId: string | null,
): Promise<EcfDeclarationFacts> {
  const facts: EcfDeclarationFacts = {
    input,
    now: clock.now(),
    participantId,
    record: null,
    ownPeriods: [],
    latestOwnState: null,
    milestone: null,
    statementAvailable: false,
    slotTaken: false,
  };
  const role = ROLE_OF_COURSE[input.courseIdentifier ?? ''];
  if (!participantId || !role) return facts;
  const type = input.declarationType ?? '';
  const [row] = await FACTS.execute<FactsRow>(em, [
    participantId,
    role,
    input.leadProviderId,
    input.leadProviderId,
    type,
    `${participantId}:${input.courseIdentifier}`,
    type,
    participantId,
    participantId,
    input.courseIdentifier,
    type,
    input.leadProviderId,
    'ecf',
    clock.today(),
  ]);
  if (!row) return facts;
  const record: RecordFacts = {
    id: row.id,
    role: row.role,
    scheduleId: row.schedule_id,
    cohortId: row.cohort_id,
    cohortYear: row.cohort_year,
    mentorFunding: row.mentor_funding,
    detailedEvidenceTypes: row.detailed_evidence_types,
    fundable: row.fundable,
    pupilPremiumUplift: row.pupil_premium_uplift,
    sparsityUplift: row.sparsity_uplift,
  };
  facts.record = record;
  facts.ownPeriods = row.periods.map((p): OwnPeriod => ({
    id: p.id,
    scheduleId: p.schedule_id,
    trainingStatus: p.training_status,
    startDate: new Date(p.start_date),
    endDate: p.end_date === null ? null : new Date(p.end_date),
    createdAt: new Date(p.created_at),
    deliveryPartnerId: p.delivery_partner_id,
    mentorParticipantId: p.mentor_participant_id,
  }));
  facts.latestOwnState = row.latest_state ? { status: row.latest_state.status, at: new Date(row.latest_state.at) } : null;
  facts.milestone = row.milestone ? { startDate: row.milestone.start_date, milestoneDate: row.milestone.milestone_date } : null;
  facts.slotTaken = row.slot_taken;
  facts.duplicateOfId = row.original_id;
  // Looked up for every record (the effect puts an ineligible duplicate on it too); rule 8 reads it for fundable ones.
  facts.statementId = row.statement_id;
  facts.statementAvailable = record.fundable && row.statement_id !== null;
  return facts;
}
