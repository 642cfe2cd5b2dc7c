import type { EntityManager } from '@mikro-orm/postgresql';
import { refreshParticipantProjection } from '../participants/participant-projection.js';
import { withoutSecondaryIndexes } from './without-secondary-indexes.js';
import { insert } from './bulk-insert.js';

/** Live volumes (issue 6): 80,000 ECTs and 40,000 mentors in the open cohorts, at scale 1. */
export const PRODUCTION_PARTICIPANTS = { ects: 80_000, mentors: 40_000, cohorts: [2023, 2024, 2025, 2026] };

/** Each ECF provider's share of the participants: uneven as in life, the largest about a quarter. */
/**
 * ECTs mentored outside their partnership, in percent: by a mentor picked from every provider's mentors (so mostly
 * trained by another provider), and by a mentor with no training of their own. Both make the ECT's provider's
 * unfunded mentors (ecf.md §8.2).
 */
const MENTORED_ELSEWHERE_PERCENT = 8;
const MENTORED_UNTRAINED_PERCENT = 4;

export const PARTICIPANT_SHARES: readonly (readonly [string, number])[] = [
  ['Ambition Institute', 0.25],
  ['Teach First', 0.18],
  ['UCL Institute of Education', 0.16],
  ['Education Development Trust', 0.14],
  ['Best Practice Network', 0.12],
  ['Capita', 0.1],
  ['National Institute of Teaching', 0.05],
];

const FIRST = [
  'Aisha',
  'Ben',
  'Chloe',
  'Daniel',
  'Ella',
  'Freddie',
  'Grace',
  'Harry',
  'Isla',
  'Jack',
  'Kiran',
  'Lily',
  'Mohammed',
  'Niamh',
  'Oliver',
  'Poppy',
  'Rhys',
  'Sophie',
  'Thomas',
  'Zara',
];
const LAST = [
  'Ahmed',
  'Baker',
  'Campbell',
  'Davies',
  'Edwards',
  'Fisher',
  'Green',
  'Hall',
  'Jones',
  'Khan',
  'Lee',
  'Martin',
  'Nguyen',
  'Okafor',
  'Patel',
  'Roberts',
  'Smith',
  'Taylor',
  'Walker',
  'Young',
];
const WITHDRAWAL_REASONS = [
  'left-teaching-profession',
  'moved-school',
  'mentor-no-longer-being-mentor',
  'switched-to-school-led',
  'changed-lead-provider',
  'other',
];
const DEFERRAL_REASONS = ['bereavement', 'long-term-sickness', 'parental-leave', 'career-break', 'other'];

/** Runs an INSERT and returns how many rows it added. */
async function count(tx: EntityManager, insertSql: string, params: unknown[] = []): Promise<number> {
  const [row] = await tx.execute<{ n: number }[]>(`with ins as (${insertSql} returning 1) select count(*)::int as n from ins`, params);
  return row.n;
}

const sqlText = (values: readonly string[]) => `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]`;

/**
 * Participants at production volume, made by bulk SQL from the production partnerships (unchallenged, confirmed,
 * open cohorts), so nothing per row crosses the wire. Each provider gets its share of the ECTs and mentors spread over
 * its partnerships; every choice is a slice of an md5 of the row's key, so a run makes the same rows and ids every
 * time. History: about 15% moved school (a closed `leaving` period at another school in the cohort, with whichever
 * provider that school has, then a `school_transfer` period), 5% withdrawn and 3% deferred by their provider, 2%
 * joining, 2% leaving and 2% left; ECTs are mentored by a mentor of their partnership where it has one, except 8% mentored
 * by a mentor of any provider (mostly another one) and 4% by a mentor with no training (unfunded mentors, ecf.md §8.2); one
 * in 200 took over a retired id.
 * Dates are fixed by the cohort and `asOf`, so they do not depend on the run date.
 */
export async function seedProductionParticipants(tx: EntityManager, schoolIds: string[], scale: number, asOfMs: number): Promise<Record<string, number>> {
  const asOf = new Date(asOfMs).toISOString();
  await tx.execute('create temp table seed_participant_schools (id uuid primary key) on commit drop');
  await insert(
    tx,
    'seed_participant_schools',
    { id: 'uuid' },
    schoolIds.map((id) => ({ id })),
  );
  const shares = PARTICIPANT_SHARES.map(([name, share]) => `('${name}', ${share})`).join(', ');
  const years = PRODUCTION_PARTICIPANTS.cohorts.join(', ');
  await tx.execute(
    `create temp table seed_slots on commit drop as
     with pp as (
       select p.id, p.school_id, p.lead_provider_id, p.cohort_id, c.start_year,
              row_number() over (partition by p.lead_provider_id order by md5(p.id::text)) as lp_rn,
              count(*) over (partition by p.lead_provider_id) as lp_n
         from partnerships p
         join cohorts c on c.id = p.cohort_id
         join seed_participant_schools s on s.id = p.school_id
        where c.start_year in (${years}) and not p.relationship and p.challenge_reason is null and p.challenged_at is null
     ),
     quota as (
       select lp.id as lead_provider_id, round(${PRODUCTION_PARTICIPANTS.ects * scale} * q.share) as ects, round(${PRODUCTION_PARTICIPANTS.mentors * scale} * q.share) as mentors
         from (values ${shares}) q(name, share) join lead_providers lp on lp.name = q.name
     ),
     counts as (
       select pp.*, floor(q.ects * pp.lp_rn / pp.lp_n) - floor(q.ects * (pp.lp_rn - 1) / pp.lp_n) as n_ect,
              floor(q.mentors * pp.lp_rn / pp.lp_n) - floor(q.mentors * (pp.lp_rn - 1) / pp.lp_n) as n_mentor
         from pp join quota q on q.lead_provider_id = pp.lead_provider_id
     )
     select c.id as partnership_id, c.school_id, c.lead_provider_id, c.cohort_id, c.start_year, c.n_mentor, r.role, g.k,
            md5(c.id::text || ':' || r.role || ':' || g.k) as m
       from counts c
       cross join lateral (values ('ect'), ('mentor')) r(role)
       cross join lateral generate_series(1, case r.role when 'ect' then c.n_ect else c.n_mentor end) g(k)`,
  );
  // Temp tables have no statistics until analysed; without them the planner nests loops over 120k × 50k rows.
  await tx.execute('analyze seed_slots');
  // Hash slices: a = name, TRN, moved; b = status bucket; c = day offsets; d = other choices.
  await tx.execute(
    `create temp table seed_people on commit drop as
     with h as (
       select s.*, ('x' || substr(m, 1, 7))::bit(28)::int as a, ('x' || substr(m, 9, 7))::bit(28)::int as b,
              ('x' || substr(m, 17, 7))::bit(28)::int as c, ('x' || substr(m, 25, 7))::bit(28)::int as d,
              ('x' || substr(md5(m || ':mentor'), 1, 7))::bit(28)::int as e, ('x' || substr(md5(m || ':mentor'), 9, 7))::bit(28)::int as f,
              make_date(s.start_year, 9, 1)::timestamptz + interval '8 hours' as cohort_start
         from seed_slots s
     ),
     pp2 as (
       select p.id, p.school_id, p.cohort_id, row_number() over (partition by p.cohort_id order by md5(p.id::text || ':moves')) as rn
         from partnerships p join seed_participant_schools s on s.id = p.school_id
        where not p.relationship and p.challenge_reason is null and p.challenged_at is null
     ),
     per_cohort as (select cohort_id, count(*) as n from pp2 group by cohort_id),
     -- Every mentor slot, numbered, so an ECT mentored outside its partnership picks one by an equi-join.
     mentor_pool as (select m as mentor_m, row_number() over (order by m) as mrn from seed_slots where role = 'mentor'),
     pool_size as (select count(*) as n from mentor_pool),
     cls as (
       -- The school a mover came from: a partnership of the same cohort picked by the hash (an equi-join, so a hash join).
       select h.*, (a % 100) < 15 as moved, b % 100 as bucket, 1 + h.a % pc.n as prev_rn,
              cohort_start + ((c % 45) || ' days')::interval + ((d % 600) || ' minutes')::interval as first_start,
              case when h.role = 'ect' and h.e % 100 < ${MENTORED_ELSEWHERE_PERCENT} then 1 + h.f % ps.n end as mentor_pick,
              h.role = 'ect' and h.e % 100 >= ${MENTORED_ELSEWHERE_PERCENT} and h.e % 100 < ${MENTORED_ELSEWHERE_PERCENT + MENTORED_UNTRAINED_PERCENT} as untrained_mentor
         from h join per_cohort pc on pc.cohort_id = h.cohort_id cross join pool_size ps
     )

     select cls.*,
            md5('participant:' || cls.m)::uuid as participant_id, md5('record:' || cls.m)::uuid as record_id,
            case when cls.moved then prev.id end as prev_partnership_id, case when cls.moved then prev.school_id end as prev_school_id,
            case when cls.moved then least(cls.first_start + ((90 + cls.c % 200) || ' days')::interval, ?::timestamptz - interval '20 days') end as prev_end,
            case when cls.mentor_pick is not null then md5('record:' || mp.mentor_m)::uuid
                 when cls.untrained_mentor then md5('record:untrained-mentor:' || cls.m)::uuid
                 when cls.role = 'ect' and cls.n_mentor > 0 then md5('record:' || md5(cls.partnership_id::text || ':mentor:' || (1 + cls.k % cls.n_mentor)))::uuid end
              as mentor_record_id
       from cls
       left join mentor_pool mp on mp.mrn = cls.mentor_pick
       left join pp2 prev on cls.moved and prev.cohort_id = cls.cohort_id and prev.rn = cls.prev_rn
                          and prev.school_id <> cls.school_id`,
    [asOf],
  );
  await tx.execute('analyze seed_people');
  const n: Record<string, number> = {};
  n.participants = await count(
    tx,
    `insert into participants (id, trn, full_name, email, created_at, updated_at)
     select participant_id, (1000000 + a % 8999999)::text,
            (${sqlText(FIRST)})[1 + a % ${FIRST.length}] || ' ' || (${sqlText(LAST)})[1 + (a / ${FIRST.length}) % ${LAST.length}],
            lower((${sqlText(FIRST)})[1 + a % ${FIRST.length}] || '.' || (${sqlText(LAST)})[1 + (a / ${FIRST.length}) % ${LAST.length}]) || '.' || substr(m, 1, 6) || '@example.org',
            least(first_start - interval '30 days', ?::timestamptz - interval '2 days'), least(first_start - interval '30 days', ?::timestamptz - interval '2 days')
       from seed_people
     on conflict do nothing`,
    [asOf, asOf],
  );
  n.training_records = await count(
    tx,
    `insert into training_records (id, participant_id, participant_type, schedule_id, funding_eligibility, funding_eligibility_reason, pupil_premium_uplift,
                                   sparsity_uplift, induction_start_date, induction_end_date, mentor_funding_end_date, mentor_funding_end_reason,
                                   cohort_changed_after_payments_frozen, created_at, updated_at)
     select p.record_id, p.participant_id, p.role, sh.id,
            case when d % 100 < 92 then 'eligible' when d % 100 < 96 then 'manual_check' else 'ineligible' end,
            case when d % 100 < 92 then 'none' when d % 100 < 96 then 'no_induction' when d % 100 < 98 then 'previous_induction' else 'different_trn' end,
            p.start_year < 2025 and p.role = 'ect' and (c % 10) < 3, p.start_year < 2025 and p.role = 'ect' and (c % 10) = 9,
            case when p.role = 'ect' then p.first_start::date end,
            case when p.role = 'ect' and p.start_year = 2023 and b % 5 < 2 then (p.first_start + interval '2 years')::date end,
            case when p.role = 'mentor' and p.start_year = 2023 and b % 10 < 3 then (p.first_start + interval '1 year')::date end,
            case when p.role = 'mentor' and p.start_year = 2023 and b % 10 < 3 then 'completed_declaration_received' end,
            false, least(p.first_start - interval '30 days', ?::timestamptz - interval '2 days'), least(p.first_start - interval '30 days', ?::timestamptz - interval '2 days')
       from seed_people p
       join schedules sh on sh.cohort_id = p.cohort_id and sh.programme = 'ecf'
        and sh.schedule_identifier = case when p.role = 'mentor' and d % 10 = 0 then 'ecf-replacement-september'
                                          when d % 20 = 1 then 'ecf-standard-january' when d % 20 = 2 then 'ecf-standard-april'
                                          when d % 20 = 3 then 'ecf-extended-september' else 'ecf-standard-september' end
     on conflict do nothing`,
    [asOf, asOf],
  );
  // Mentors with no training of their own (a mentor record with no training period): unfunded for their ECT's provider.
  n.untrained_mentors = await count(
    tx,
    `insert into participants (id, trn, full_name, email, created_at, updated_at)
     select md5('participant:untrained-mentor:' || m)::uuid, (1000000 + f % 8999999)::text,
            (${sqlText(FIRST)})[1 + f % ${FIRST.length}] || ' ' || (${sqlText(LAST)})[1 + (f / ${FIRST.length}) % ${LAST.length}],
            lower((${sqlText(FIRST)})[1 + f % ${FIRST.length}] || '.' || (${sqlText(LAST)})[1 + (f / ${FIRST.length}) % ${LAST.length}]) || '.mentor.' || substr(m, 1, 6) || '@example.org',
            least(first_start - interval '60 days', ?::timestamptz - interval '2 days'), least(first_start - interval '60 days', ?::timestamptz - interval '2 days')
       from seed_people where untrained_mentor
     on conflict do nothing`,
    [asOf, asOf],
  );
  n.untrained_mentor_records = await count(
    tx,
    `insert into training_records (id, participant_id, participant_type, schedule_id, funding_eligibility, funding_eligibility_reason,
                                   cohort_changed_after_payments_frozen, created_at, updated_at)
     select md5('record:untrained-mentor:' || p.m)::uuid, md5('participant:untrained-mentor:' || p.m)::uuid, 'mentor', sh.id, 'eligible', 'none', false,
            least(p.first_start - interval '60 days', ?::timestamptz - interval '2 days'), least(p.first_start - interval '60 days', ?::timestamptz - interval '2 days')
       from seed_people p
       join schedules sh on sh.cohort_id = p.cohort_id and sh.programme = 'ecf' and sh.schedule_identifier = 'ecf-standard-september'
      where p.untrained_mentor
     on conflict do nothing`,
    [asOf, asOf],
  );
  // The period before a move: at another school of the cohort, closed with the move.
  n.training_periods = await count(
    tx,
    `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, training_status,
                                   mentor_training_record_id, school_transfer, working_pattern, start_date, end_date, created_at, updated_at)
     select md5('period:before:' || p.m)::uuid, p.record_id, p.prev_school_id, p.cohort_id, p.prev_partnership_id, tr.schedule_id, 'leaving', 'active',
            null, false, case when p.role = 'ect' then 'full_time' end, p.first_start, p.prev_end, p.first_start - interval '10 days', p.prev_end - interval '30 days'
       from seed_people p join training_records tr on tr.id = p.record_id
      where p.prev_partnership_id is not null
     on conflict do nothing`,
  );
  n.training_periods += await count(
    tx,
    `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, training_status,
                                   training_status_reason, training_status_changed_at, training_status_lead_provider_id, mentor_training_record_id,
                                   school_transfer, working_pattern, start_date, end_date, created_at, updated_at)
     select md5('period:' || x.m)::uuid, x.record_id, x.school_id, x.cohort_id, x.partnership_id, tr.schedule_id,
            case when x.bucket between 10 and 13 then 'leaving' else 'active' end,
            case when x.bucket < 5 then 'withdrawn' when x.bucket < 8 then 'deferred' else 'active' end,
            case when x.bucket < 5 then (${sqlText(WITHDRAWAL_REASONS)})[1 + x.d % ${WITHDRAWAL_REASONS.length}]
                 when x.bucket < 8 then (${sqlText(DEFERRAL_REASONS)})[1 + x.d % ${DEFERRAL_REASONS.length}] end,
            case when x.bucket < 8 then x.changed_at end, case when x.bucket < 8 then x.lead_provider_id end,
            x.mentor_record_id, x.prev_partnership_id is not null,
            case when x.role = 'ect' then case when x.d % 10 = 7 then 'part_time' else 'full_time' end end, x.start, x.finish,
            least(x.start - interval '10 days', x.as_of - interval '1 day'),
            least(greatest(x.start - interval '10 days', case when x.bucket < 8 then x.changed_at end), x.as_of - interval '1 hour')
       from (select p.*, ?::timestamptz as as_of,
                    case when p.bucket in (8, 9) then ?::timestamptz + ((5 + p.c % 55) || ' days')::interval
                         when p.prev_end is not null then p.prev_end + interval '1 day' else p.first_start end as start,
                    case when p.bucket in (10, 11) then ?::timestamptz + ((10 + p.c % 80) || ' days')::interval
                         when p.bucket in (12, 13) then greatest(?::timestamptz - ((10 + p.c % 90) || ' days')::interval,
                                                                 coalesce(p.prev_end + interval '2 days', p.first_start + interval '1 day')) end as finish,
                    least(?::timestamptz - interval '1 day', coalesce(p.prev_end, p.first_start) + ((20 + p.c % 120) || ' days')::interval) as changed_at
               from seed_people p) x
       join training_records tr on tr.id = x.record_id
     on conflict do nothing`,
    [asOf, asOf, asOf, asOf, asOf],
  );
  // One participant in 200 took over a retired id (a duplicate merged into it a week after it started).
  n.participant_id_changes = await count(
    tx,
    `insert into participant_id_changes (id, participant_id, from_participant_id, to_participant_id, changed_at)
     select md5('id-change:' || m)::uuid, participant_id, md5('retired:' || m)::uuid, participant_id, least(first_start + interval '7 days', ?::timestamptz - interval '1 day')
       from seed_people where a % 200 = 0
     on conflict do nothing`,
    [asOf],
  );
  // School-led ECTs (no lead provider) at a quarter of the schools that chose a school-led programme in a cohort and
  // have no partnership there: RECT's induction_programme_choice is school_led for them.
  await tx.execute(
    `create temp table seed_school_led on commit drop as
     select sc.school_id, sc.cohort_id, c.start_year, md5('school-led:' || sc.id::text) as m,
            make_date(c.start_year, 9, 1)::timestamptz + interval '8 hours' as starts
       from school_cohorts sc
       join cohorts c on c.id = sc.cohort_id
       join seed_participant_schools s on s.id = sc.school_id
      where c.start_year in (${years}) and sc.induction_programme_choice in ('core_induction_programme', 'design_our_own')
        and not exists (select 1 from partnerships p where p.school_id = sc.school_id and p.cohort_id = sc.cohort_id)
        and ('x' || substr(md5('school-led:' || sc.id::text), 1, 7))::bit(28)::int % 4 = 0`,
  );
  n.school_led_participants = await count(
    tx,
    `insert into participants (id, trn, full_name, email, created_at, updated_at)
     select md5('participant:' || m)::uuid, (1000000 + ('x' || substr(m, 1, 7))::bit(28)::int % 8999999)::text, 'School-led ECT',
            'school-led.' || substr(m, 1, 8) || '@example.org', least(starts, ?::timestamptz), least(starts, ?::timestamptz)
       from seed_school_led on conflict do nothing`,
    [asOf, asOf],
  );
  n.school_led_training_records = await count(
    tx,
    `insert into training_records (id, participant_id, participant_type, schedule_id, funding_eligibility, funding_eligibility_reason, created_at, updated_at)
     select md5('record:' || l.m)::uuid, md5('participant:' || l.m)::uuid, 'ect', sh.id, 'eligible', 'none', least(l.starts, ?::timestamptz), least(l.starts, ?::timestamptz)
       from seed_school_led l join schedules sh on sh.cohort_id = l.cohort_id and sh.programme = 'ecf' and sh.schedule_identifier = 'ecf-standard-september'
     on conflict do nothing`,
    [asOf, asOf],
  );
  n.school_led_training_periods = await count(
    tx,
    `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, training_status,
                                   working_pattern, start_date, created_at, updated_at)
     select md5('period:' || l.m)::uuid, tr.id, l.school_id, l.cohort_id, null, tr.schedule_id, 'active', 'active', 'full_time', l.starts,
            least(l.starts, ?::timestamptz), least(l.starts, ?::timestamptz)
       from seed_school_led l join training_records tr on tr.id = md5('record:' || l.m)::uuid
     on conflict do nothing`,
    [asOf, asOf],
  );
  // ECTs' induction periods (RECT's induction dates): one from the first start, finished with a pass when induction
  // completed or closed at a move; movers who have not completed get a second, open one from their new start.
  n.induction_periods = await count(
    tx,
    `insert into induction_periods (id, training_record_id, started_on, finished_on, outcome, created_at, updated_at)
     select md5('induction:' || p.m || ':' || k.n)::uuid, p.record_id,
            case k.n when 1 then p.first_start::date else (p.prev_end + interval '1 day')::date end,
            case when k.n = 1 then coalesce(tr.induction_end_date, p.prev_end::date) end,
            case when k.n = 1 and tr.induction_end_date is not null then 'pass' end,
            least(p.first_start, ?::timestamptz), least(p.first_start, ?::timestamptz)
       from seed_people p
       join training_records tr on tr.id = p.record_id
       cross join lateral (values (1), (2)) k(n)
      where p.role = 'ect' and (k.n = 1 or (p.prev_end is not null and tr.induction_end_date is null))
     on conflict do nothing`,
    [asOf, asOf],
  );
  // Statistics of the rows just loaded (ANALYZE runs inside the transaction): without them the planner takes these
  // tables for the near-empty ones it last saw, and the projection's joins spill hash batches built for 36 rows.
  await tx.execute('analyze participants, training_records, training_periods, induction_periods, participant_id_changes, partnerships, school_cohorts');
  // The projection is built from nothing here: its lists' indexes are built once afterwards, over the rows in list order.
  await withoutSecondaryIndexes(
    tx,
    [
      'participant_provider_views',
      'training_record_keys',
      'participant_transfer_views',
      'unfunded_mentor_views',
      'school_cohorts',
      'partnership_training_steps',
    ],
    () => refreshParticipantProjection(tx),
  );
  return n;
}
