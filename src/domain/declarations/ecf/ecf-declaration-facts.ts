import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import type { TrainingStatus } from '../../participants/training-record.entity.js';
import { BILLABLE_OR_CHANGEABLE } from '../declaration.vocabulary.js';
import { nextOutputFeeStatement } from '../statement-attach.js';
import { ROLE_OF_COURSE, type EcfDeclarationFacts, type EcfDeclarationInput, type OwnPeriod, type RecordFacts } from './record-ecf-declaration.rules.js';

export const SLOT_STATES_SQL = BILLABLE_OR_CHANGEABLE.map((s) => `'${s}'`).join(', ');

interface RecordRow {
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
}

type Stamp = Date | string;

/**
 * Everything the create rules read (ecf.md §3.2, §4.2), loaded before any rule runs: the training record
 * `course_identifier` names (its schedule is the declaration's schedule and its schedule's cohort the declaration's
 * cohort, ecf.md §1.6), its periods in the caller's partnerships (challenged ones included), the caller's latest
 * status change on it, the schedule's milestone for the type, the next output-fee statement (fundable records
 * only) and whether the slot is held.
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
  const [row] = await em.execute<RecordRow[]>(
    `select tr.id, tr.participant_type as role, tr.schedule_id, sh.cohort_id, c.start_year as cohort_year, c.mentor_funding, c.detailed_evidence_types,
            coalesce(tr.funding_eligibility = 'eligible', false) as fundable, tr.pupil_premium_uplift, tr.sparsity_uplift
       from training_records tr join schedules sh on sh.id = tr.schedule_id join cohorts c on c.id = sh.cohort_id
      where tr.participant_id = ? and tr.participant_type = ?`,
    [participantId, role],
  );
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
  const periods = await em.execute<
    {
      id: string;
      schedule_id: string;
      training_status: TrainingStatus;
      start_date: Stamp;
      end_date: Stamp | null;
      created_at: Stamp;
      delivery_partner_id: string | null;
      mentor_participant_id: string | null;
    }[]
  >(
    `select tp.id, tp.schedule_id, tp.training_status, tp.start_date, tp.end_date, tp.created_at, pt.delivery_partner_id, mr.participant_id as mentor_participant_id
       from training_periods tp join partnerships pt on pt.id = tp.partnership_id
       left join training_records mr on mr.id = tp.mentor_training_record_id
      where tp.training_record_id = ? and pt.lead_provider_id = ?
      order by (tp.end_date is null) desc, tp.start_date desc, tp.created_at desc, tp.id desc`,
    [record.id, input.leadProviderId],
  );
  facts.ownPeriods = periods.map((p): OwnPeriod => ({
    id: p.id,
    scheduleId: p.schedule_id,
    trainingStatus: p.training_status,
    startDate: new Date(p.start_date),
    endDate: p.end_date === null ? null : new Date(p.end_date),
    createdAt: new Date(p.created_at),
    deliveryPartnerId: p.delivery_partner_id,
    mentorParticipantId: p.mentor_participant_id,
  }));
  const [state] = await em.execute<{ training_status: TrainingStatus; at: Stamp }[]>(
    `select training_status, training_status_changed_at as at from training_periods
      where training_record_id = ? and training_status_lead_provider_id = ? and training_status_changed_at is not null
      order by training_status_changed_at desc, created_at desc limit 1`,
    [record.id, input.leadProviderId],
  );
  facts.latestOwnState = state ? { status: state.training_status, at: new Date(state.at) } : null;
  const type = input.declarationType ?? '';
  const [milestone] = await em.execute<{ start_date: string; milestone_date: string | null }[]>(
    `select to_char(start_date, 'YYYY-MM-DD') as start_date, to_char(milestone_date, 'YYYY-MM-DD') as milestone_date
       from milestones where schedule_id = ? and declaration_type = ?`,
    [record.scheduleId, type],
  );
  facts.milestone = milestone ? { startDate: milestone.start_date, milestoneDate: milestone.milestone_date } : null;
  if (record.fundable) facts.statementAvailable = (await nextOutputFeeStatement(em, input.leadProviderId, record.cohortId, clock.today(), 'ecf')) !== null;
  const [slot] = await em.execute<{ taken: boolean }[]>(
    `select exists (select 1 from participant_declarations where slot_key = ? and declaration_type = ? and state in (${SLOT_STATES_SQL})) as taken`,
    [`${participantId}:${input.courseIdentifier}`, type],
  );
  facts.slotTaken = slot.taken;
  return facts;
}
