import type { EntityManager } from '@mikro-orm/postgresql';
import { withoutForeignKeyTriggers } from './without-fk-triggers.js';
import { withoutSecondaryIndexes } from './without-secondary-indexes.js';

/**
 * Turns a plan of declarations (the temp table `seed_declaration_plan`, filled by the demo or the production seed)
 * into participant_declarations, their state history, statement line items and NPQ outcomes, deriving every
 * consequence from the database as the services would have, so the rows are consistent whatever the plan says:
 *
 * - cohort = the cohort of the participant's (ECF: training record's, NPQ: application's) schedule (ecf.md §1.6, npq.md §1.8);
 * - ECF delivery partner, training period and mentor from the training period relevant at the declaration date (the
 *   latest period with the declaring provider started on or before it; else that provider's first), uplifts from the
 *   training record (ecf.md §4.5);
 * - fundable (ECF: funding eligibility `eligible`; NPQ: eligible for funding and the funded place not false) → attached
 *   at submission (`created_at`) to the provider's next output-fee statement for the cohort (deadline on or after that
 *   day; the seed's statements end every month, August and December without output fee); its state now gives the
 *   declaration's: open → eligible, payable → payable, paid → paid. Not fundable → stays submitted, no statement.
 *   A fundable declaration with no statement to attach to is dropped (the service would have refused it);
 * - fate `voided`: voided before its statement closed (line item voided, no statement_id); `clawback`: voided after its
 *   statement was paid (billable line item stays paid; a refundable line item on the next output-fee statement after
 *   the void: awaiting_clawback, or clawed_back once that statement is paid); without a paid statement it stays as is;
 * - duplicates: a slot-holding declaration of another participant with the same TRN, course and type submitted
 *   earlier makes this one ineligible (superseded by the earliest; ECF reason duplicate, ecf.md §4.5, NPQ none,
 *   npq.md §5.5), line item ineligible; fate `ineligible` with `superseded_by_id` forces it;
 * - one history row per state reached, at the time it was reached (never after `now`); `updated_at` = the last one.
 *
 * Ids: the plan's declaration ids; every derived row's id is an md5 of the declaration id and its role, so a second
 * run (`on conflict do nothing`) adds nothing. Returns the rows inserted per table.
 */
export const PLAN_COLUMNS: Record<string, string> = {
  id: 'uuid',
  programme: 'text',
  lead_provider_id: 'uuid',
  participant_id: 'uuid',
  training_record_id: 'uuid',
  npq_application_id: 'uuid',
  course_identifier: 'text',
  declaration_type: 'text',
  declaration_date: 'timestamptz',
  created_at: 'timestamptz',
  voided_at: 'timestamptz',
  fate: 'text',
  superseded_by_id: 'uuid',
  evidence_held: 'text',
  delivery_partner_id: 'uuid',
  secondary_delivery_partner_id: 'uuid',
  outcome: 'text',
};

export async function createDeclarationPlan(tx: EntityManager): Promise<void> {
  await tx.execute(
    `create temp table seed_declaration_plan (${Object.entries(PLAN_COLUMNS)
      .map(([c, t]) => `"${c}" ${t}`)
      .join(', ')}) on commit drop`,
  );
}

async function count(tx: EntityManager, insertSql: string, params: unknown[] = []): Promise<number> {
  const [row] = await tx.execute<{ n: number }[]>(`with ins as (${insertSql} returning 1) select count(*)::int as n from ins`, params);
  return row.n;
}

/** The statement whose deadline is the first on or after `ts`'s day that has an output fee: that month's, or the next
 * month's for August and December (the seed's calendar, reference-seed.ts `statementRows`). */
const statementMonth = (ts: string) => `(case when extract(month from (${ts} at time zone 'UTC')) in (8, 12)
  then (${ts} at time zone 'UTC') + interval '1 month' else (${ts} at time zone 'UTC') end)`;

export async function materializeDeclarations(tx: EntityManager, now: string, opts: { bulk?: boolean } = {}): Promise<Record<string, number>> {
  await tx.execute('analyze seed_declaration_plan');
  // Step 1: everything but duplicates.
  await tx.execute(
    `create temp table seed_declarations on commit drop as
     with b as (
       select p.*, sch.cohort_id, sch.id as schedule_id,
              case when p.programme = 'ecf' then tr.funding_eligibility = 'eligible'
                   else a.eligible_for_funding and coalesce(a.funded_place, true) end as fundable,
              coalesce(tr.pupil_premium_uplift, false) as pupil_premium_uplift, coalesce(tr.sparsity_uplift, false) as sparsity_uplift,
              tr.participant_type,
              extract(year from ${statementMonth('p.created_at')})::int as s_year, extract(month from ${statementMonth('p.created_at')})::int as s_month
         from seed_declaration_plan p
         left join training_records tr on tr.id = p.training_record_id
         left join npq_applications a on a.id = p.npq_application_id
         join schedules sch on sch.id = coalesce(tr.schedule_id, a.schedule_id)),
     s as (
       select b.*, st.id as s_id, st.state as s_state, st.deadline_date as s_deadline,
              coalesce(st.marked_as_paid_at, st.payment_date + interval '12 hours') as s_paid_at
         from b left join statements st on st.lead_provider_id = b.lead_provider_id and st.programme = b.programme and st.cohort_id = b.cohort_id
                                       and st.year = b.s_year and st.month = b.s_month and st.output_fee
                                       and (b.fundable or b.fate = 'ineligible')),
     v as (
       select s.*,
              case when s.fate = 'voided' and s.s_id is not null
                   then greatest(s.created_at + interval '1 minute', least(s.voided_at, s.s_deadline + interval '20 hours'))
                   when s.fate = 'clawback' and s.s_state = 'paid' then least(greatest(s.voided_at, s.s_paid_at + interval '1 day'), ?::timestamptz - interval '1 hour')
                   when s.fate = 'voided' then s.voided_at end as void_at
         from s where s.s_id is not null or not (s.fundable or s.fate = 'ineligible')),
     c as (
       select v.*, cs.id as c_id, cs.state as c_state, coalesce(cs.marked_as_paid_at, cs.payment_date + interval '12 hours') as c_paid_at
         from v left join statements cs on v.fate = 'clawback' and v.s_state = 'paid' and cs.lead_provider_id = v.lead_provider_id
                                        and cs.programme = v.programme and cs.cohort_id = v.cohort_id and cs.output_fee
                                        and cs.year = extract(year from ${statementMonth('v.void_at')})::int
                                        and cs.month = extract(month from ${statementMonth('v.void_at')})::int)
     select c.*,
            case when c.fate = 'ineligible' then 'ineligible'
                 when c.fate = 'voided' then 'voided'
                 when not c.fundable then 'submitted'
                 when c.c_id is not null then case when c.c_state = 'paid' then 'clawed_back' else 'awaiting_clawback' end
                 else case c.s_state when 'open' then 'eligible' when 'payable' then 'payable' else 'paid' end end as state,
            case when c.fate = 'ineligible' and c.programme = 'ecf' then 'duplicate' end as state_reason
       from c`,
    [now],
  );
  await tx.execute('analyze seed_declarations');
  // Step 2: TRN duplicates (ecf.md §4.5, npq.md §5.5): the earliest slot-holding declaration of another participant with
  // the same TRN, course and type supersedes this one (ECF records the reason `duplicate`, NPQ none).
  await tx.execute(
    `with holders as (
       select d.id, d.participant_id, d.programme, d.course_identifier, d.declaration_type, d.created_at, coalesce(pa.trn, np.trn) as trn
         from seed_declarations d
         left join participants pa on d.programme = 'ecf' and pa.id = d.participant_id
         left join npq_participants np on d.programme = 'npq' and np.id = d.participant_id
        where d.state in ('submitted', 'eligible', 'payable', 'paid') and coalesce(pa.trn, np.trn) is not null),
     dup as (
       select distinct on (h.id) h.id, o.id as first_id
         from holders h join holders o on o.trn = h.trn and o.programme = h.programme and o.course_identifier = h.course_identifier and o.declaration_type = h.declaration_type
                                      and o.participant_id <> h.participant_id and (o.created_at, o.id) < (h.created_at, h.id)
        order by h.id, o.created_at, o.id)
     update seed_declarations d set state = 'ineligible', state_reason = case when d.programme = 'ecf' then 'duplicate' end, superseded_by_id = dup.first_id, fate = 'ineligible',
            c_id = null, void_at = null
       from dup where dup.id = d.id and d.superseded_by_id is null`,
  );
  // A duplicate can itself have been the first: keep only chains that end at a holder.
  await tx.execute(
    `update seed_declarations d set superseded_by_id = f.superseded_by_id
       from seed_declarations f where f.id = d.superseded_by_id and f.state = 'ineligible' and f.superseded_by_id is not null`,
  );
  // History: one row per state reached.
  await tx.execute(
    `create temp table seed_declaration_history on commit drop as
     select d.id as declaration_id, h.state, h.reason, h.by_provider, least(h.at, ?::timestamptz) as at, h.ord
       from seed_declarations d
       cross join lateral (values
         (1, 'submitted', null::text, true, d.created_at, true),
         (2, 'eligible', null, false, d.created_at, d.fundable and d.s_id is not null and d.state not in ('ineligible', 'submitted')),
         (3, 'ineligible', d.state_reason, false, d.created_at, d.state = 'ineligible'),
         (4, 'payable', null, false, d.s_deadline + interval '1 day 6 hours',
             d.state in ('payable', 'paid', 'awaiting_clawback', 'clawed_back')),
         (5, 'paid', null, false, d.s_paid_at, d.state in ('paid', 'awaiting_clawback', 'clawed_back')),
         (6, 'voided', null, true, d.void_at, d.state = 'voided'),
         (6, 'awaiting_clawback', null, true, d.void_at, d.state in ('awaiting_clawback', 'clawed_back')),
         (7, 'clawed_back', null, false, d.c_paid_at, d.state = 'clawed_back')) h(ord, state, reason, by_provider, at, reached)
      where h.reached`,
    [now],
  );
  await tx.execute(
    `create temp table seed_declaration_times on commit drop as
     select declaration_id, max(at) as last_at, max(at) filter (where ord <= 6 and state <> 'awaiting_clawback') as billable_at
       from seed_declaration_history group by declaration_id`,
  );
  await tx.execute('alter table seed_declaration_times add primary key (declaration_id)');
  await tx.execute('alter table seed_declarations add primary key (id)');
  await tx.execute('analyze seed_declaration_times');
  await tx.execute('analyze seed_declarations');
  const tables = ['participant_declarations', 'participant_declaration_states', 'statement_line_items'];
  // A bulk load into empty tables (the production seed's first run) needs no `on conflict`: every id is new, and the
  // plan holds at most one billable declaration per slot (a conflict would now fail the seed instead of dropping a
  // row silently). Without it each row skips the speculative insertion's extra probe of every unique index.
  const [{ empty }] = opts.bulk
    ? await tx.execute<{ empty: boolean }[]>(`select ${tables.map((t) => `not exists (select 1 from "${t}")`).join(' and ')} as empty`)
    : [{ empty: false }];
  const onConflict = empty ? '' : 'on conflict do nothing';
  // Every reference above comes from a join with the row it names, so the foreign key triggers only repeat what the
  // joins established: a superuser loads without them and checks every key once afterwards (without-fk-triggers.ts).
  const insertAll = async () => {
    const n: Record<string, number> = {};
    n.participant_declarations = await count(
      tx,
      `insert into participant_declarations (id, programme, lead_provider_id, participant_id, training_record_id, training_period_id, npq_application_id,
              course_identifier, declaration_type, declaration_date, cohort_id, schedule_id, evidence_held, has_passed, state, state_reason, superseded_by_id,
              delivery_partner_id, secondary_delivery_partner_id, mentor_participant_id, pupil_premium_uplift, sparsity_uplift,
              payment_statement_id, clawback_statement_id, voided_at, created_at, updated_at)
       select d.id, d.programme, d.lead_provider_id, d.participant_id, d.training_record_id, tp.id, d.npq_application_id,
              d.course_identifier, d.declaration_type, d.declaration_date, d.cohort_id, d.schedule_id, d.evidence_held, null, d.state, d.state_reason,
              d.superseded_by_id, coalesce(pa.delivery_partner_id, d.delivery_partner_id), d.secondary_delivery_partner_id,
              case when d.participant_type = 'ect' then mtr.participant_id end, d.pupil_premium_uplift, d.sparsity_uplift,
              case when d.state in ('eligible', 'payable', 'paid', 'awaiting_clawback', 'clawed_back') then d.s_id end, d.c_id,
              case when d.state = 'voided' then d.void_at end, d.created_at, tm.last_at
         from seed_declarations d
         join seed_declaration_times tm on tm.declaration_id = d.id
         left join lateral (
           select tp.id, tp.partnership_id, tp.mentor_training_record_id from training_periods tp join partnerships p on p.id = tp.partnership_id
            where tp.training_record_id = d.training_record_id and p.lead_provider_id = d.lead_provider_id
            order by tp.start_date <= d.declaration_date desc, case when tp.start_date <= d.declaration_date then tp.start_date end desc, tp.start_date
            limit 1) tp on d.programme = 'ecf'
         left join partnerships pa on pa.id = tp.partnership_id
         left join training_records mtr on mtr.id = tp.mentor_training_record_id
        order by d.superseded_by_id nulls first, d.id
       ${onConflict}`,
    );
    n.participant_declaration_states = await count(
      tx,
      `insert into participant_declaration_states (id, declaration_id, state, state_reason, lead_provider_id, created_at)
       select md5(h.declaration_id::text || ':state:' || h.state)::uuid, h.declaration_id, h.state, h.reason,
              case when h.by_provider then d.lead_provider_id end, h.at
         from seed_declaration_history h join seed_declarations d on d.id = h.declaration_id
        order by 1
       ${onConflict}`,
    );
    // The billable-side line item (eligible, payable, paid; voided or ineligible) and the refundable one.
    n.statement_line_items = await count(
      tx,
      `insert into statement_line_items (id, statement_id, declaration_id, state, created_at, updated_at)
       select md5(d.id::text || ':line-item:billable')::uuid, d.s_id, d.id,
              case when d.state in ('awaiting_clawback', 'clawed_back') then 'paid' else d.state end, d.created_at, tm.billable_at
         from seed_declarations d join seed_declaration_times tm on tm.declaration_id = d.id where d.s_id is not null and d.state <> 'submitted'
       union all
       select md5(d.id::text || ':line-item:refundable')::uuid, d.c_id, d.id, d.state, d.void_at, tm.last_at
         from seed_declarations d join seed_declaration_times tm on tm.declaration_id = d.id where d.c_id is not null
        order by 1
       ${onConflict}`,
    );
    return n;
  };
  // Into empty tables the keys no foreign key references (the history's and the line items' primary keys) are built
  // afterwards too.
  const n = await withoutForeignKeyTriggers(tx, () => (opts.bulk ? withoutSecondaryIndexes(tx, tables, insertAll, { keys: empty }) : insertAll()));
  // NPQ outcomes of completed declarations (npq.md §5.5 step 4): the plan's, then any outcome of the application
  // not yet linked goes to its latest completed declaration by the outcome's provider.
  n.npq_outcomes = await count(
    tx,
    `insert into npq_outcomes (id, application_id, participant_id, lead_provider_id, declaration_id, state, completion_date, created_at, updated_at)
     select md5(d.id::text || ':outcome')::uuid, d.npq_application_id, d.participant_id, d.lead_provider_id, d.id, d.outcome,
            (d.declaration_date at time zone 'UTC')::date, d.created_at, d.created_at
       from seed_declarations d
      where d.programme = 'npq' and d.outcome is not null and d.declaration_type = 'completed'
        and d.state in ('submitted', 'eligible', 'payable', 'paid', 'ineligible')
     on conflict do nothing`,
  );
  await tx.execute(
    `update npq_outcomes o set declaration_id = x.id
       from (select distinct on (o2.id) o2.id as outcome_id, d.id
               from npq_outcomes o2 join participant_declarations d on d.npq_application_id = o2.application_id and d.lead_provider_id = o2.lead_provider_id
                                                              and d.declaration_type = 'completed'
              where o2.declaration_id is null
              order by o2.id, d.created_at desc, d.id desc) x
      where x.outcome_id = o.id`,
  );
  // has_passed: the latest outcome's (npq.md §1.10: null when voided).
  await tx.execute(
    `update participant_declarations d set has_passed = o.state = 'passed'
       from (select distinct on (declaration_id) declaration_id, state from npq_outcomes where declaration_id is not null
              order by declaration_id, created_at desc, id desc) o
      where o.declaration_id = d.id and o.state <> 'voided' and d.has_passed is distinct from (o.state = 'passed')`,
  );
  // A later outcome (a resit posted with the outcomes endpoint) moved its declaration (npq.md §6.3).
  await tx.execute(
    `update participant_declarations d set updated_at = o.at
       from (select declaration_id, max(created_at) as at from npq_outcomes where declaration_id is not null group by declaration_id) o
      where o.declaration_id = d.id and o.at > d.updated_at and o.at <= ?::timestamptz`,
    [now],
  );
  return n;
}
