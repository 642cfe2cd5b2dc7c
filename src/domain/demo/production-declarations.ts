import type { EntityManager } from '@mikro-orm/postgresql';
import { refreshDeclarationListings } from '../declarations/declaration-listings.js';
import { createDeclarationPlan, materializeDeclarations } from './declarations-seed.js';
import { withoutSecondaryIndexes } from './without-secondary-indexes.js';
import { npqProductionApplications } from './npq-production.js';

/** A 28-bit hash of a text expression (a slice of its md5), for deterministic choices in SQL. */
const hash = (expr: string) => `('x' || substr(md5(${expr}), 1, 7))::bit(28)::int`;

const BASIC = `array['training-event-attended', 'self-study-material-completed', 'other']`;
const DETAILED = `array['training-event-attended', 'self-study-material-completed', 'materials-engaged-with-offline', 'other']`;
const ENGAGEMENT = `array['75-percent-engagement-met', '75-percent-engagement-met-reduced-induction']`;
const ECT_COMPLETED = `array['75-percent-engagement-met', '75-percent-engagement-met-reduced-induction', 'one-term-induction']`;

/** Fates by a per-declaration hash `g`: 1% voided, 1% voided and submitted again, 0.8% clawed back (once paid). */
const FATE = `case when g % 1000 < 10 then 'voided' when g % 1000 between 20 and 27 then 'clawback' else 'normal' end`;

/**
 * The plan rows of both programmes' main declarations and of the voided first submissions (`g % 1000` in 10..19)
 * that were submitted again, from a table `src` with the columns of the plan minus fate, voided_at and created_at, plus
 * `dd` (the declaration date), `g` and `as_of`.
 */
const planFrom = (src: string, columns: string) => `
  insert into seed_declaration_plan (id, ${columns}, declaration_date, created_at, voided_at, fate)
  select md5('declaration:' || x.key)::uuid, ${columns}, x.dd, x.created,
         case ${FATE.replace(/g %/g, 'x.g %')} when 'voided' then least(x.created + interval '2 days', x.as_of - interval '30 minutes')
              when 'clawback' then least(x.created + ((45 + x.g % 120) || ' days')::interval, x.as_of - interval '1 hour') end,
         ${FATE.replace(/g %/g, 'x.g %')}
    from (select s.*, least(s.dd + ((1 + s.g % 25) || ' days')::interval + ((s.g % 600) || ' minutes')::interval, s.as_of - interval '1 hour') as created
            from ${src} s) x
  union all
  select md5('declaration:' || x.key || ':voided')::uuid, ${columns}, x.dd, x.dd + interval '2 hours', x.dd + interval '5 hours', 'voided'
    from ${src} x where x.g % 1000 between 10 and 19`;

/**
 * Declarations at production volume (issue 8): for the production seed's ECF participants (the `seed_people` temp table
 * of production-participants.ts, same transaction) and NPQ applications, then materialized with their statements,
 * line items and history (declarations-seed.ts) and the declaration listings rebuilt.
 *
 * ECF: one declaration per milestone of the participant's schedule whose date has come (started at the start of
 * training, then one about every 100 days, clamped into the milestone window; mentors in mentor-funding cohorts
 * declare only started and completed, completed about 11 months in), at most six; 6% stop early; withdrawn and
 * deferred participants stop at their training status change, participants who left at their leaving date.
 * Declarations dated while a mover trained at their previous school are the previous provider's.
 * NPQ: accepted applications declare the types their schedule allows (started 25 days after the schedule starts,
 * retained-1 after ~5 months, retained-2 after ~11, completed after 14–20 months by course group) until now or until
 * they deferred or withdrew; a delivery partner of the provider for the cohort from 2024 in England (half of them
 * before); outcomes with completed leadership and specialist declarations (85% passed).
 * Both: 1% voided, 1% voided and submitted again, 0.8% clawed back; the rest take their state from their statement.
 */
export async function seedProductionDeclarations(tx: EntityManager, scale: number, asOfMs: number): Promise<Record<string, number>> {
  const asOf = new Date(asOfMs).toISOString();
  await createDeclarationPlan(tx);
  const ecfSrc = `
    with r as (
      select p.m, p.record_id, p.participant_id, p.role, p.first_start, p.prev_end, p.lead_provider_id as lp_now,
             prevp.lead_provider_id as lp_prev, tr.schedule_id, co.detailed_evidence_types as detailed, co.mentor_funding,
             cur.training_status, cur.training_status_changed_at as stopped_at, cur.end_date as cur_end, ${hash(`p.m || ':declarations'`)} as h
        from seed_people p
        join training_records tr on tr.id = p.record_id
        join schedules sch on sch.id = tr.schedule_id
        join cohorts co on co.id = sch.cohort_id
        join training_periods cur on cur.id = md5('period:' || p.m)::uuid
        left join partnerships prevp on prevp.id = p.prev_partnership_id
       where cur.start_date <= '${asOf}'::timestamptz),
    t as (
      select r.*, v.k, v.declaration_type, ms.start_date, ms.milestone_date, ${hash(`r.m || ':' || v.declaration_type`)} as g,
             r.first_start + ((case when r.role = 'mentor' and r.mentor_funding and v.declaration_type = 'completed' then 330 else v.k * 100 end)
                              + r.h % 20) * interval '1 day' as nominal
        from r
        cross join (values (0, 'started'), (1, 'retained-1'), (2, 'retained-2'), (3, 'retained-3'), (4, 'retained-4'), (5, 'completed')) v(k, declaration_type)
        join milestones ms on ms.schedule_id = r.schedule_id and ms.declaration_type = v.declaration_type
       where (r.role = 'ect' or not r.mentor_funding or v.declaration_type in ('started', 'completed'))
         and (r.h % 100 >= 6 or v.k <= (r.h / 100) % 5)),
    d as (
      select t.*, least(greatest(t.nominal, t.start_date + interval '10 hours'), coalesce(t.milestone_date + interval '12 hours', 'infinity'::timestamptz)) as dd
        from t)
    select d.m || ':' || d.declaration_type as key, d.g, '${asOf}'::timestamptz as as_of, d.dd, 'ecf' as programme,
           case when d.lp_prev is not null and d.dd <= d.prev_end then d.lp_prev else d.lp_now end as lead_provider_id,
           d.participant_id, d.record_id as training_record_id, case d.role when 'ect' then 'ecf-induction' else 'ecf-mentor' end as course_identifier,
           d.declaration_type,
           case when not d.detailed then case when d.declaration_type = 'started' then null else (${BASIC})[1 + d.g % 3] end
                when d.declaration_type = 'retained-2' then (${ENGAGEMENT})[1 + d.g % 2]
                when d.declaration_type = 'completed' and d.role = 'ect' then (${ECT_COMPLETED})[1 + d.g % 3]
                when d.declaration_type = 'completed' then (${ENGAGEMENT})[1 + d.g % 2]
                when d.declaration_type = 'started' and d.g % 5 = 0 then null
                else (${DETAILED})[1 + d.g % 4] end as evidence_held
      from d
     where d.dd <= '${asOf}'::timestamptz - interval '2 days'
       and (d.training_status = 'active' or d.stopped_at is null or d.dd < d.stopped_at)
       and (d.cur_end is null or d.dd <= d.cur_end)`;
  await tx.execute(`create temp table seed_declaration_src_ecf on commit drop as ${ecfSrc}`);
  await tx.execute(
    planFrom('seed_declaration_src_ecf', 'programme, lead_provider_id, participant_id, training_record_id, course_identifier, declaration_type, evidence_held'),
  );

  const npqSrc = `
    with dps as (
      select lead_provider_id, cohort_id, array_agg(delivery_partner_id order by delivery_partner_id) as ids
        from provider_relationships where programme = 'npq' group by 1, 2),
    a as (
      select ap.id, ap.participant_id, ap.lead_provider_id, ap.course_identifier, sch.cohort_id, co.start_year, sch.applies_from,
             sch.allowed_declaration_types as allowed, c.course_group, ap.teacher_catchment = 'england' as england, ap.accepted_at,
             (select min(st.created_at) from npq_application_states st where st.application_id = ap.id and st.state <> 'active') as stopped_at,
             ${hash(`ap.id::text || ':declarations'`)} as h, dps.ids as dps
        from generate_series(1, ${npqProductionApplications(scale)}) g
        join npq_applications ap on ap.id = md5('npq-production-application:' || g)::uuid
        join schedules sch on sch.id = ap.schedule_id
        join cohorts co on co.id = sch.cohort_id
        join courses c on c.identifier = ap.course_identifier
        left join dps on dps.lead_provider_id = ap.lead_provider_id and dps.cohort_id = sch.cohort_id
       where ap.status = 'accepted'),
    t as (
      select a.*, v.declaration_type, ${hash(`a.id::text || ':' || v.declaration_type`)} as g,
             greatest(a.applies_from + ((case v.declaration_type when 'started' then 25 when 'retained-1' then 160 when 'retained-2' then 330
                                              else case a.course_group when 'leadership' then 600 when 'specialist' then 430 else 400 end end)
                                        + a.h % 30) * interval '1 day' + interval '9 hours',
                      a.accepted_at + interval '1 day') as dd
        from a cross join (values ('started'), ('retained-1'), ('retained-2'), ('completed')) v(declaration_type)
       where v.declaration_type = any(a.allowed) and (a.h % 100 >= 5 or v.declaration_type = 'started'))
    select t.id::text || ':' || t.declaration_type as key, t.g, '${asOf}'::timestamptz as as_of, t.dd, 'npq' as programme, t.lead_provider_id,
           t.participant_id, t.id as npq_application_id, t.course_identifier, t.declaration_type,
           case when t.england and (t.start_year >= 2024 or t.g % 2 = 0) then t.dps[1 + t.g % cardinality(t.dps)] end as delivery_partner_id,
           case when t.england and (t.start_year >= 2024 or t.g % 2 = 0) and t.g % 10 = 3 and cardinality(t.dps) > 1
                then t.dps[1 + (t.g + 1) % cardinality(t.dps)] end as secondary_delivery_partner_id,
           case when t.declaration_type = 'completed' and t.course_group in ('leadership', 'specialist') and ${FATE.replace(/g %/g, 't.g %')} = 'normal'
                then case when t.g % 100 < 85 then 'passed' else 'failed' end end as outcome
      from t
     where t.dd <= '${asOf}'::timestamptz - interval '2 days' and (t.stopped_at is null or t.dd < t.stopped_at)`;
  await tx.execute(`create temp table seed_declaration_src_npq on commit drop as ${npqSrc}`);
  await tx.execute(
    planFrom(
      'seed_declaration_src_npq',
      'programme, lead_provider_id, participant_id, npq_application_id, course_identifier, declaration_type, delivery_partner_id, secondary_delivery_partner_id, outcome',
    ),
  );
  const n = await materializeDeclarations(tx, asOf, { bulk: true });
  // Statistics of the half million rows just loaded, before the listings are built from them (see production-participants.ts).
  await tx.execute('analyze participant_declarations, participant_declaration_states, statement_line_items, npq_outcomes');
  // The rebuild deletes every listing row first and inserts without `on conflict`: its keys can go as well.
  await withoutSecondaryIndexes(tx, ['participant_declaration_listings'], () => refreshDeclarationListings(tx), { keys: true });
  return n;
}
