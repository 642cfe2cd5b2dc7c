import { Migration } from '@mikro-orm/migrations';

/**
 * RECT participants and RECT's participant-dependent school and partnership fields (issue 6 items 3–4).
 *
 * - induction_periods: an ECT's induction periods as the appropriate body records them (rect.md §3.1–3.2):
 *   `overall_induction_start_date`, `most_recent_induction_period_end_date` and RECT's `induction_end_date`.
 * - training_periods.working_pattern: the ECT's working pattern at the school (`full_time` / `part_time`).
 * - school_cohorts.rect_training_route: RECT's `induction_programme_choice`, derived from the training periods of
 *   the school in the cohort (rect.md §3.3); school_cohorts.eoi_lead_provider_ids: the lead providers for which
 *   RECT's `expression_of_interest` is true (sticky once set). Both kept by refreshSchoolCohortProjection.
 * - partnership_training_steps: `participants_currently_training` as a step function of time per partnership
 *   (from `from_at` on, `participants` periods are in training), kept by refreshPartnershipTrainingSteps; a read
 *   is one index probe for the step at or before the request clock.
 */
export class Migration20261216120000RectParticipants extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "induction_periods" (
  "id" uuid primary key,
  "training_record_id" uuid not null references "training_records" ("id"),
  "started_on" date not null,
  "finished_on" date null check ("finished_on" is null or "finished_on" >= "started_on"),
  "outcome" text null check ("outcome" in ('pass', 'fail')),
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create index "induction_periods_record_index" on "induction_periods" ("training_record_id", "started_on");

alter table "training_periods" add column "working_pattern" text null check ("working_pattern" in ('full_time', 'part_time'));

alter table "school_cohorts"
  add column "rect_training_route" text not null default 'not_yet_known' check ("rect_training_route" in ('provider_led', 'school_led', 'not_yet_known')),
  add column "eoi_lead_provider_ids" uuid[] not null default '{}';

create table "partnership_training_steps" (
  "partnership_id" uuid not null references "partnerships" ("id") on delete cascade,
  "from_at" timestamptz not null,
  "participants" int not null,
  primary key ("partnership_id", "from_at")
);

update "school_cohorts" sc set
  "rect_training_route" = coalesce((
    select case when count(*) = 0 then null when bool_or(tr.participant_type = 'mentor') or bool_or(tp.partnership_id is not null) then 'provider_led' else 'school_led' end
      from training_periods tp join training_records tr on tr.id = tp.training_record_id
     where tp.school_id = sc.school_id and tp.cohort_id = sc.cohort_id), 'not_yet_known'),
  "eoi_lead_provider_ids" = coalesce(array(
    select distinct p.lead_provider_id from partnerships p where p.school_id = sc.school_id and p.cohort_id = sc.cohort_id and p.relationship = false
    union select p.lead_provider_id from training_periods tp join partnerships p on p.id = tp.partnership_id
     where tp.school_id = sc.school_id and tp.cohort_id = sc.cohort_id order by 1), '{}');

insert into "partnership_training_steps" ("partnership_id", "from_at", "participants")
with periods as (
  select tp.partnership_id, tp.start_date as starts,
         least(tp.end_date, case when tp.training_status <> 'active' then tp.training_status_changed_at end) as stops
    from training_periods tp where tp.partnership_id is not null),
deltas as (
  select partnership_id, starts as at, 1 as d from periods where stops is null or stops > starts
  union all
  select partnership_id, stops, -1 from periods where stops > starts),
grouped as (select partnership_id, at, sum(d) as d from deltas group by 1, 2)
select partnership_id, at, (sum(d) over (partition by partnership_id order by at))::int from grouped;
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
drop table if exists "partnership_training_steps";
alter table "school_cohorts" drop column if exists "rect_training_route", drop column if exists "eoi_lead_provider_ids";
alter table "training_periods" drop column if exists "working_pattern";
drop table if exists "induction_periods";
`);
  }
}
