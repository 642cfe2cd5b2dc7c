import type { EntityManager } from '@mikro-orm/postgresql';
import { PARTICIPANT_LIST_DAY_MISMATCHES } from '../support/list-day-probes.js';

const SLOT = `('submitted', 'eligible', 'payable', 'paid')`;
const BASIC = `('training-event-attended', 'self-study-material-completed', 'other')`;
const DETAILED = `('training-event-attended', 'self-study-material-completed', 'materials-engaged-with-offline', 'other')`;
const ENGAGEMENT = `('75-percent-engagement-met', '75-percent-engagement-met-reduced-induction')`;

/**
 * Queries that count seeded declarations breaking a rule; every one must find none. `$asOf` is the seed's data date.
 * Shared by the demo and production seed tests.
 */
export const DECLARATION_PROBES: [string, string][] = [
  [
    'paid (or clawed back) declaration whose payment statement is not paid',
    `select count(*) from participant_declarations d left join statements s on s.id = d.payment_statement_id
      where d.state in ('paid', 'awaiting_clawback', 'clawed_back') and s.state is distinct from 'paid'`,
  ],
  [
    'payable declaration whose payment statement is not payable',
    `select count(*) from participant_declarations d left join statements s on s.id = d.payment_statement_id
      where d.state = 'payable' and s.state is distinct from 'payable'`,
  ],
  [
    'eligible declaration whose payment statement is not open',
    `select count(*) from participant_declarations d left join statements s on s.id = d.payment_statement_id
      where d.state = 'eligible' and s.state is distinct from 'open'`,
  ],
  [
    'clawback without its refundable line item on the clawback statement',
    `select count(*) from participant_declarations d where d.state in ('awaiting_clawback', 'clawed_back') and not exists
      (select 1 from statement_line_items li where li.declaration_id = d.id and li.state = d.state and li.statement_id = d.clawback_statement_id)`,
  ],
  [
    'clawed back iff the clawback statement is paid',
    `select count(*) from participant_declarations d join statements s on s.id = d.clawback_statement_id where (d.state = 'clawed_back') <> (s.state = 'paid')`,
  ],
  [
    'billable declaration without its line item (same state, same statement)',
    `select count(*) from participant_declarations d where d.state in ('eligible', 'payable', 'paid') and not exists
      (select 1 from statement_line_items li where li.declaration_id = d.id and li.state = d.state and li.statement_id = d.payment_statement_id)`,
  ],
  [
    'statement ids that do not follow the state',
    `select count(*) from participant_declarations d
      where (d.payment_statement_id is not null) <> (d.state in ('eligible', 'payable', 'paid', 'awaiting_clawback', 'clawed_back'))
         or (d.clawback_statement_id is not null) <> (d.state in ('awaiting_clawback', 'clawed_back'))`,
  ],
  [
    'line item on another provider, cohort or programme, or on a statement without output fee',
    `select count(*) from statement_line_items li join participant_declarations d on d.id = li.declaration_id join statements s on s.id = li.statement_id
      where s.lead_provider_id <> d.lead_provider_id or s.cohort_id <> d.cohort_id or s.programme <> d.programme or not s.output_fee`,
  ],
  [
    'line item state that the declaration never reached',
    `select count(*) from statement_line_items li join participant_declarations d on d.id = li.declaration_id
      where li.state <> d.state and not (li.state = 'paid' and d.state in ('awaiting_clawback', 'clawed_back'))`,
  ],
  [
    'submitted declaration on a statement',
    `select count(*) from participant_declarations d where d.state = 'submitted' and exists (select 1 from statement_line_items li where li.declaration_id = d.id)`,
  ],
  [
    'no history row for the current state, or one later than updated_at',
    `select count(*) from participant_declarations d
      where not exists (select 1 from participant_declaration_states h where h.declaration_id = d.id and h.state = d.state)
         or exists (select 1 from participant_declaration_states h where h.declaration_id = d.id and h.created_at > d.updated_at)`,
  ],
  [
    'created before its declaration date, or after the data date',
    `select count(*) from participant_declarations d where d.created_at < d.declaration_date or d.updated_at > $asOf or d.created_at > $asOf`,
  ],
  [
    'ECF declaration date outside its milestone window',
    `select count(*) from participant_declarations d join milestones m on m.schedule_id = d.schedule_id and m.declaration_type = d.declaration_type
      where d.programme = 'ecf' and (d.declaration_date < m.start_date::timestamptz
            or (m.milestone_date is not null and d.declaration_date >= m.milestone_date + interval '1 day'))`,
  ],
  [
    'declaration type the schedule has no milestone for',
    `select count(*) from participant_declarations d
      where not exists (select 1 from milestones m where m.schedule_id = d.schedule_id and m.declaration_type = d.declaration_type)`,
  ],
  [
    'NPQ declaration before its schedule starts',
    `select count(*) from participant_declarations d join schedules s on s.id = d.schedule_id where d.programme = 'npq' and d.declaration_date < s.applies_from`,
  ],
  [
    'cohort other than the schedule cohort',
    `select count(*) from participant_declarations d join schedules s on s.id = d.schedule_id where s.cohort_id <> d.cohort_id`,
  ],
  [
    'two slot-holding declarations in one slot',
    `select count(*) from (select 1 from participant_declarations where state in ${SLOT} group by slot_key, declaration_type having count(*) > 1) x`,
  ],
  [
    "no listing row for the declaration's submitter",
    `select count(*) from participant_declarations d
      where not exists (select 1 from participant_declaration_listings l where l.declaration_id = d.id and l.lead_provider_id = d.lead_provider_id)`,
  ],
  [
    'listing day counts that differ from the listing rows (the deep-page index of the declaration lists)',
    `select count(*) from (
       select lead_provider_id, programme, date_trunc('day', declaration_created_at, 'UTC') as day, count(*)::int as n_all,
              (count(*) filter (where not v3_only))::int as n_v12
         from participant_declaration_listings group by 1, 2, 3) l
     full join (select lead_provider_id, programme, day, sum(n_all)::int as n_all, sum(n_v12)::int as n_v12 from participant_declaration_listing_days
                 group by 1, 2, 3 having sum(n_all) <> 0 or sum(n_v12) <> 0) d using (lead_provider_id, programme, day)
      where (l.n_all, l.n_v12) is distinct from (d.n_all, d.n_v12)`,
  ],
  [
    'participant list day counts that differ from the rows (the deep-page index of the participant lists)',
    `select count(*) from (${PARTICIPANT_LIST_DAY_MISMATCHES}) x`,
  ],
  [
    'ECF evidence held not allowed for the cohort, participant type and declaration type (ecf.md §4.4)',
    `select count(*) from participant_declarations d join cohorts c on c.id = d.cohort_id where d.programme = 'ecf' and not (
       (not c.detailed_evidence_types and ((d.declaration_type = 'started' and d.evidence_held is null)
                                        or (d.declaration_type <> 'started' and d.evidence_held in ${BASIC})))
    or (c.detailed_evidence_types and d.course_identifier = 'ecf-induction' and (
         (d.declaration_type = 'retained-2' and d.evidence_held in ${ENGAGEMENT})
      or (d.declaration_type = 'completed' and d.evidence_held in ('75-percent-engagement-met', '75-percent-engagement-met-reduced-induction', 'one-term-induction'))
      or (d.declaration_type not in ('retained-2', 'completed') and (d.evidence_held in ${DETAILED} or (d.declaration_type = 'started' and d.evidence_held is null)))))
    or (c.detailed_evidence_types and d.course_identifier = 'ecf-mentor' and (
         (d.declaration_type = 'started' and (d.evidence_held is null or d.evidence_held in ${DETAILED}))
      or (d.declaration_type = 'completed' and d.evidence_held in ${ENGAGEMENT}))))`,
  ],
  [
    'ECF declaration without delivery partner or training period, or with a period of another provider',
    `select count(*) from participant_declarations d left join training_periods tp on tp.id = d.training_period_id left join partnerships p on p.id = tp.partnership_id
      where d.programme = 'ecf' and (d.delivery_partner_id is distinct from p.delivery_partner_id or p.lead_provider_id is distinct from d.lead_provider_id
            or tp.training_record_id is distinct from d.training_record_id)`,
  ],
  [
    "ECT declaration whose mentor is not the period's mentor, or a mentor's declaration with a mentor",
    `select count(*) from participant_declarations d join training_records tr on tr.id = d.training_record_id
       join training_periods tp on tp.id = d.training_period_id left join training_records m on m.id = tp.mentor_training_record_id
      where d.mentor_participant_id is distinct from case when tr.participant_type = 'ect' then m.participant_id end
         or d.pupil_premium_uplift <> tr.pupil_premium_uplift or d.sparsity_uplift <> tr.sparsity_uplift`,
  ],
  [
    'NPQ declaration from 2024 in England without a delivery partner of its provider for the cohort (npq.md §5.7)',
    `select count(*) from participant_declarations d join cohorts c on c.id = d.cohort_id join npq_applications a on a.id = d.npq_application_id
      where (c.start_year >= 2024 and a.teacher_catchment = 'england' and d.delivery_partner_id is null)
         or (a.teacher_catchment <> 'england' and d.delivery_partner_id is not null)
         or (d.delivery_partner_id is not null and not exists (select 1 from provider_relationships r where r.lead_provider_id = d.lead_provider_id
               and r.cohort_id = d.cohort_id and r.programme = 'npq' and r.delivery_partner_id = d.delivery_partner_id))
         or d.secondary_delivery_partner_id = d.delivery_partner_id`,
  ],
  [
    'ineligible declaration not superseded by an earlier slot holder of another participant with the same TRN',
    `select count(*) from participant_declarations d left join participant_declarations f on f.id = d.superseded_by_id
       left join participants p1 on d.programme = 'ecf' and p1.id = d.participant_id left join participants p2 on d.programme = 'ecf' and p2.id = f.participant_id
       left join npq_participants n1 on d.programme = 'npq' and n1.id = d.participant_id left join npq_participants n2 on d.programme = 'npq' and n2.id = f.participant_id
      where d.state = 'ineligible' and (f.id is null or f.participant_id = d.participant_id or f.state not in ${SLOT} or f.created_at > d.created_at
            or coalesce(p1.trn, n1.trn) is distinct from coalesce(p2.trn, n2.trn)
            or d.state_reason is distinct from case when d.programme = 'ecf' then 'duplicate' end)`,
  ],
  [
    'NPQ outcome not linked to a completed declaration of its application',
    `select count(*) from npq_outcomes o where not exists (select 1 from participant_declarations d where d.id = o.declaration_id
      and d.declaration_type = 'completed' and d.npq_application_id = o.application_id)`,
  ],
  [
    'mentor in a mentor-funding cohort with a retained declaration',
    `select count(*) from participant_declarations d join cohorts c on c.id = d.cohort_id
      where d.course_identifier = 'ecf-mentor' and c.mentor_funding and d.declaration_type not in ('started', 'completed')`,
  ],
];

/** The probes that found something, as [name, count]. */
export async function failingProbes(em: EntityManager, asOf: string): Promise<[string, number][]> {
  const failing: [string, number][] = [];
  for (const [name, sql] of DECLARATION_PROBES) {
    const [{ count }] = await em.execute<{ count: string }[]>(sql.replace(/\$asOf/g, `'${asOf}'::timestamptz`));
    if (Number(count) !== 0) failing.push([name, Number(count)]);
  }
  return failing;
}

/** Declarations per programme and state. */
export async function statesByProgramme(em: EntityManager): Promise<Record<string, string[]>> {
  const rows = await em.execute<{ programme: string; state: string }[]>('select distinct programme, state from participant_declarations order by 1, 2');
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.programme] ??= []).push(r.state);
  return out;
}

/** A digest of every declaration-side row that must come out the same on every run (listing ids are random). */
export const DECLARATIONS_HASH = `select md5(string_agg(x, ',' order by x)) as h from (
  select concat_ws('|', id, lead_provider_id, participant_id, declaration_type, declaration_date, state, state_reason, superseded_by_id,
                   delivery_partner_id, mentor_participant_id, payment_statement_id, clawback_statement_id, evidence_held, created_at, updated_at) as x
    from participant_declarations
  union all select concat_ws('|', id, declaration_id, state, created_at) from participant_declaration_states
  union all select concat_ws('|', id, statement_id, declaration_id, state, created_at, updated_at) from statement_line_items
  union all select concat_ws('|', lead_provider_id, declaration_id, v3_only, updated_at) from participant_declaration_listings) y`;
