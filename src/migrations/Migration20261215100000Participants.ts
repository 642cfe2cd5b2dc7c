import { Migration } from '@mikro-orm/migrations';

/**
 * ECF participants (issue 6): participants, retired participant ids, one training record per participant and
 * role, the time-sliced training periods, and the provider-scoped read projection of the participant lists.
 *
 * participant_provider_views: one row per (lead provider, participant) that has a training period in one of the
 * provider's partnerships. `api_visible` and the ect_* / mentor_* columns come from the latest period per role
 * among the provider's unchallenged partnerships (ecf.md §1.4); `*_flip_at` is when that period's
 * participant_status next changes by itself (joining → active at the start, leaving → left at the end).
 * Kept by src/domain/participants/participant-projection.ts in the writer's transaction. One partial index per
 * list order, covering the list's filters, plus one per flip column for `updated_since` (README "Reads at scale").
 */
export class Migration20261215100000Participants extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "participants" (
  "id" uuid primary key,
  "trn" varchar(16) null,
  "full_name" varchar(255) not null,
  "email" varchar(255) null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create index "participants_trn_index" on "participants" ("trn");

create table "participant_id_changes" (
  "id" uuid primary key,
  "participant_id" uuid not null references "participants" ("id"),
  "from_participant_id" uuid not null unique,
  "to_participant_id" uuid not null,
  "changed_at" timestamptz not null
);
create index "participant_id_changes_participant_index" on "participant_id_changes" ("participant_id");

create table "training_records" (
  "id" uuid primary key,
  "participant_id" uuid not null references "participants" ("id"),
  "participant_type" text not null check ("participant_type" in ('ect', 'mentor')),
  "schedule_id" uuid not null references "schedules" ("id"),
  "funding_eligibility" text null check ("funding_eligibility" in ('eligible', 'matched', 'manual_check', 'ineligible')),
  "funding_eligibility_reason" text null check ("funding_eligibility_reason" in ('active_flags', 'previous_participation', 'previous_induction',
    'no_qts', 'different_trn', 'duplicate_profile', 'none', 'no_induction', 'exempt_from_induction')),
  "pupil_premium_uplift" boolean not null default false,
  "sparsity_uplift" boolean not null default false,
  "induction_start_date" date null,
  "induction_end_date" date null,
  "mentor_funding_end_date" date null,
  "mentor_funding_end_reason" text null check ("mentor_funding_end_reason" in ('completed_declaration_received',
    'completed_during_early_roll_out', 'started_not_completed')),
  "cohort_changed_after_payments_frozen" boolean not null default false,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  unique ("participant_id", "participant_type")
);

create table "training_periods" (
  "id" uuid primary key,
  "training_record_id" uuid not null references "training_records" ("id"),
  "school_id" uuid not null references "schools" ("id"),
  "cohort_id" uuid not null references "cohorts" ("id"),
  "partnership_id" uuid null references "partnerships" ("id"),
  "schedule_id" uuid not null references "schedules" ("id"),
  "induction_status" text not null check ("induction_status" in ('active', 'withdrawn', 'changed', 'leaving', 'completed')),
  "training_status" text not null default 'active' check ("training_status" in ('active', 'deferred', 'withdrawn')),
  "training_status_reason" varchar(255) null,
  "training_status_changed_at" timestamptz null,
  "training_status_lead_provider_id" uuid null references "lead_providers" ("id"),
  "mentor_training_record_id" uuid null references "training_records" ("id"),
  "email" varchar(255) null,
  "school_transfer" boolean not null default false,
  "start_date" timestamptz not null,
  "end_date" timestamptz null check ("end_date" is null or "end_date" >= "start_date"),
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create index "training_periods_record_index" on "training_periods" ("training_record_id");
create index "training_periods_partnership_index" on "training_periods" ("partnership_id");
create index "training_periods_mentor_index" on "training_periods" ("mentor_training_record_id") where "mentor_training_record_id" is not null;
create index "training_periods_school_index" on "training_periods" ("school_id");

create table "participant_provider_views" (
  "id" uuid primary key,
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "participant_id" uuid not null references "participants" ("id") on delete cascade,
  "api_visible" boolean not null,
  "participant_created_at" timestamptz not null,
  "ect_record_id" uuid null,
  "ect_period_id" uuid null,
  "ect_cohort" int null,
  "ect_training_status" text null,
  "ect_induction_status" text null,
  "ect_starts_at" timestamptz null,
  "ect_ends_at" timestamptz null,
  "mentor_record_id" uuid null,
  "mentor_period_id" uuid null,
  "mentor_cohort" int null,
  "mentor_training_status" text null,
  "mentor_induction_status" text null,
  "mentor_starts_at" timestamptz null,
  "mentor_ends_at" timestamptz null,
  "ect_flip_at" timestamptz generated always as (coalesce("ect_ends_at", "ect_starts_at")) stored,
  "mentor_flip_at" timestamptz generated always as (coalesce("mentor_ends_at", "mentor_starts_at")) stored,
  "updated_at" timestamptz not null,
  unique ("lead_provider_id", "participant_id")
);
create index "participant_views_participant_index" on "participant_provider_views" ("participant_id");
create index "participant_views_list_created_index" on "participant_provider_views" ("lead_provider_id", "participant_created_at", "participant_id")
  include ("ect_cohort", "mentor_cohort", "ect_training_status", "mentor_training_status", "updated_at", "ect_flip_at", "mentor_flip_at") where "api_visible";
create index "participant_views_list_updated_index" on "participant_provider_views" ("lead_provider_id", "updated_at", "participant_id")
  include ("ect_cohort", "mentor_cohort", "ect_training_status", "mentor_training_status", "participant_created_at", "ect_flip_at", "mentor_flip_at") where "api_visible";
create index "participant_views_ect_flip_index" on "participant_provider_views" ("lead_provider_id", "ect_flip_at") where "api_visible";
create index "participant_views_mentor_flip_index" on "participant_provider_views" ("lead_provider_id", "mentor_flip_at") where "api_visible";
-- Databases seeded before this migration carry wrong 2022–2024 standard milestone windows (the generator was off
-- by one window); these are ecf.md §1.5's table. 2021 and 2025 were already right.
update "milestones" m set "start_date" = w.start_date, "milestone_date" = w.milestone_date
  from "schedules" s join "cohorts" c on c."id" = s."cohort_id",
       (values
  (2022, 'ecf-standard-september', 'started', date '2022-06-01', date '2022-12-31'),
  (2022, 'ecf-standard-september', 'retained-1', date '2023-01-01', date '2023-03-31'),
  (2022, 'ecf-standard-september', 'retained-2', date '2023-04-01', date '2023-07-31'),
  (2022, 'ecf-standard-september', 'retained-3', date '2023-08-01', date '2023-12-31'),
  (2022, 'ecf-standard-september', 'retained-4', date '2024-01-01', date '2024-03-31'),
  (2022, 'ecf-standard-september', 'completed', date '2024-04-01', date '2024-07-31'),
  (2022, 'ecf-standard-january', 'started', date '2023-01-01', date '2023-03-31'),
  (2022, 'ecf-standard-january', 'retained-1', date '2023-04-01', date '2023-07-31'),
  (2022, 'ecf-standard-january', 'retained-2', date '2023-08-01', date '2023-12-31'),
  (2022, 'ecf-standard-january', 'retained-3', date '2024-01-01', date '2024-03-31'),
  (2022, 'ecf-standard-january', 'retained-4', date '2024-04-01', date '2024-07-31'),
  (2022, 'ecf-standard-january', 'completed', date '2024-08-01', date '2024-12-31'),
  (2022, 'ecf-standard-april', 'started', date '2023-04-01', date '2023-07-31'),
  (2022, 'ecf-standard-april', 'retained-1', date '2023-08-01', date '2023-12-31'),
  (2022, 'ecf-standard-april', 'retained-2', date '2024-01-01', date '2024-03-31'),
  (2022, 'ecf-standard-april', 'retained-3', date '2024-04-01', date '2024-07-31'),
  (2022, 'ecf-standard-april', 'retained-4', date '2024-08-01', date '2024-12-31'),
  (2022, 'ecf-standard-april', 'completed', date '2025-01-01', date '2025-03-31'),
  (2023, 'ecf-standard-september', 'started', date '2023-06-01', date '2023-12-31'),
  (2023, 'ecf-standard-september', 'retained-1', date '2024-01-01', date '2024-03-31'),
  (2023, 'ecf-standard-september', 'retained-2', date '2024-04-01', date '2024-07-31'),
  (2023, 'ecf-standard-september', 'retained-3', date '2024-08-01', date '2024-12-31'),
  (2023, 'ecf-standard-september', 'retained-4', date '2025-01-01', date '2025-03-31'),
  (2023, 'ecf-standard-september', 'completed', date '2025-04-01', date '2025-07-31'),
  (2023, 'ecf-standard-january', 'started', date '2024-01-01', date '2024-03-31'),
  (2023, 'ecf-standard-january', 'retained-1', date '2024-04-01', date '2024-07-31'),
  (2023, 'ecf-standard-january', 'retained-2', date '2024-08-01', date '2024-12-31'),
  (2023, 'ecf-standard-january', 'retained-3', date '2025-01-01', date '2025-03-31'),
  (2023, 'ecf-standard-january', 'retained-4', date '2025-04-01', date '2025-07-31'),
  (2023, 'ecf-standard-january', 'completed', date '2025-08-01', date '2025-12-31'),
  (2023, 'ecf-standard-april', 'started', date '2024-04-01', date '2024-07-31'),
  (2023, 'ecf-standard-april', 'retained-1', date '2024-08-01', date '2024-12-31'),
  (2023, 'ecf-standard-april', 'retained-2', date '2025-01-01', date '2025-03-31'),
  (2023, 'ecf-standard-april', 'retained-3', date '2025-04-01', date '2025-07-31'),
  (2023, 'ecf-standard-april', 'retained-4', date '2025-08-01', date '2025-12-31'),
  (2023, 'ecf-standard-april', 'completed', date '2026-01-01', date '2026-03-31'),
  (2024, 'ecf-standard-september', 'started', date '2024-06-01', date '2024-12-31'),
  (2024, 'ecf-standard-september', 'retained-1', date '2025-01-01', date '2025-03-31'),
  (2024, 'ecf-standard-september', 'retained-2', date '2025-04-01', date '2025-07-31'),
  (2024, 'ecf-standard-september', 'retained-3', date '2025-08-01', date '2025-12-31'),
  (2024, 'ecf-standard-september', 'retained-4', date '2026-01-01', date '2026-03-31'),
  (2024, 'ecf-standard-september', 'completed', date '2026-04-01', date '2026-07-31'),
  (2024, 'ecf-standard-january', 'started', date '2025-01-01', date '2025-03-31'),
  (2024, 'ecf-standard-january', 'retained-1', date '2025-04-01', date '2025-07-31'),
  (2024, 'ecf-standard-january', 'retained-2', date '2025-08-01', date '2025-12-31'),
  (2024, 'ecf-standard-january', 'retained-3', date '2026-01-01', date '2026-03-31'),
  (2024, 'ecf-standard-january', 'retained-4', date '2026-04-01', date '2026-07-31'),
  (2024, 'ecf-standard-january', 'completed', date '2026-08-01', date '2026-12-31'),
  (2024, 'ecf-standard-april', 'started', date '2025-04-01', date '2025-07-31'),
  (2024, 'ecf-standard-april', 'retained-1', date '2025-08-01', date '2025-12-31'),
  (2024, 'ecf-standard-april', 'retained-2', date '2026-01-01', date '2026-03-31'),
  (2024, 'ecf-standard-april', 'retained-3', date '2026-04-01', date '2026-07-31'),
  (2024, 'ecf-standard-april', 'retained-4', date '2026-08-01', date '2026-12-31'),
  (2024, 'ecf-standard-april', 'completed', date '2027-01-01', date '2027-03-31')
       ) as w(start_year, schedule_identifier, declaration_type, start_date, milestone_date)
 where m."schedule_id" = s."id" and s."programme" = 'ecf' and c."start_year" = w.start_year
   and s."schedule_identifier" = w.schedule_identifier and m."declaration_type" = w.declaration_type;
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
drop table if exists "participant_provider_views";
drop table if exists "training_periods";
drop table if exists "training_records";
drop table if exists "participant_id_changes";
drop table if exists "participants";
`);
  }
}
