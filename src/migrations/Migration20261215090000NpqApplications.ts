import { Migration } from '@mikro-orm/migrations';

/**
 * NPQ registration data (issue 7, npq.md §1.2–1.7, §1.10):
 *
 * - npq_cohorts: the NPQ cohorts with suffixes (`2026a`, `2026b`) and their funding mode. Each belongs to the
 *   start-year row of `cohorts`, which ECF/RECT and the NPQ statements and delivery partners keep using (their
 *   `cohort` is the start year; NPQ filters match on the start year, so every suffix of a year matches).
 * - schedules: NPQ schedules now belong to an NPQ cohort (identifiers repeat per cohort *and* suffix) and carry
 *   applies_from/applies_to and the allowed declaration types. The foundation's placeholder NPQ schedules are
 *   removed (nothing referenced them); `npm run seed` inserts the digest's (npq.md §1.4).
 * - npq_participants (the person), npq_applications, npq_application_states (training-status history),
 *   npq_outcomes.
 * - npq_participant_listings: the participants list's provider-scoped projection (README "Reads at scale"), one
 *   row per provider × participant with an application there, kept by src/domain/npq/npq-projection.ts.
 */
export class Migration20261215090000NpqApplications extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "npq_cohorts" (
  "id" uuid primary key,
  "cohort_id" uuid not null references "cohorts" ("id"),
  "start_year" int not null check ("start_year" between 2021 and 2029),
  "suffix" text not null default 'a' check ("suffix" ~ '^[a-z]$'),
  "identifier" text generated always as ("start_year"::text || "suffix") stored unique,
  "description" text not null unique check (char_length("description") between 5 and 50),
  "registration_start_date" date not null check (extract(year from "registration_start_date") = "start_year"),
  "funding" text not null check ("funding" in ('zero', 'capped', 'full')),
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  unique ("start_year", "suffix")
);
create index "npq_cohorts_cohort_index" on "npq_cohorts" ("cohort_id");

-- npq-senco belongs to the leadership group (npq.md §1.3); the foundation had it as specialist.
update "courses" set "course_group" = 'leadership' where "identifier" = 'npq-senco';

delete from "schedules" where "programme" = 'npq';
alter table "schedules" drop constraint if exists "schedules_cohort_id_programme_schedule_identifier_key";
alter table "schedules"
  add column "npq_cohort_id" uuid null references "npq_cohorts" ("id"),
  add column "applies_from" date null,
  add column "applies_to" date null,
  add column "allowed_declaration_types" text[] null,
  add constraint "schedules_npq_cohort_check" check (("programme" = 'npq') = ("npq_cohort_id" is not null));
create unique index "schedules_ecf_identifier_unique" on "schedules" ("cohort_id", "schedule_identifier") where "programme" = 'ecf';
create unique index "schedules_npq_identifier_unique" on "schedules" ("npq_cohort_id", "schedule_identifier") where "programme" = 'npq';

create table "npq_participants" (
  "id" uuid primary key,
  "full_name" text not null,
  "email" text null,
  "trn" text null,
  "trn_verified" boolean not null default false,
  "previous_names" text[] not null default '{}',
  "created_at" timestamptz not null,
  -- The API's significantly_updated_at (npq.md §1.6): every change this service makes to a person is significant.
  "updated_at" timestamptz not null
);
create index "npq_participants_trn_index" on "npq_participants" ("trn") where "trn" is not null;

create table "npq_applications" (
  "id" uuid primary key,
  "participant_id" uuid not null references "npq_participants" ("id"),
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "course_identifier" varchar(255) not null references "courses" ("identifier"),
  "npq_cohort_id" uuid null references "npq_cohorts" ("id"),
  "schedule_id" uuid null references "schedules" ("id"),
  "status" text not null default 'pending' check ("status" in ('pending', 'accepted', 'rejected')),
  "reason_for_rejection" text null check ("reason_for_rejection" in ('registration_expired', 'rejected_by_provider', 'other_application_in_this_cohort_accepted')),
  "training_status" text null check ("training_status" in ('active', 'deferred', 'withdrawn')),
  "accepted_at" timestamptz null,
  "funded_place" boolean null,
  "eligible_for_funding" boolean not null default false,
  "funding_eligibility_status_code" text null,
  "funding_choice" text null check ("funding_choice" in ('school', 'trust', 'self', 'another', 'employer')),
  "headteacher_status" text null check ("headteacher_status" in ('no', 'yes_when_course_starts', 'yes_in_first_two_years',
    'yes_over_two_years', 'yes_in_first_five_years', 'yes_over_five_years')),
  "targeted_delivery_funding_eligibility" boolean not null default false,
  "targeted_support_funding_eligibility" boolean not null default false,
  "teacher_catchment" text null,
  "teacher_catchment_country" text null,
  "teacher_catchment_iso_country_code" text null,
  "employment_type" text null,
  "lead_mentor" boolean not null default false,
  "works_in_school" boolean null,
  "employer_name" text null,
  "employment_role" text null,
  "school_urn" text null,
  "private_childcare_provider_urn" text null,
  "ukprn" text null,
  "itt_provider" text null,
  "senco_in_role" text null check ("senco_in_role" in ('yes', 'no_but_i_plan_to_become_one', 'no_i_do_not_plan_to_be_a_SENCO')),
  "senco_start_date" date null,
  -- List projection: the cohort's start year (the cohort filter), kept by the write paths with the cohort.
  "cohort_start_year" int null,
  -- ASO and EHCO count as one course for "one accepted per course" (npq.md §1.3).
  "course_family" text generated always as (case when "course_identifier" = 'npq-additional-support-offer'
    then 'npq-early-headship-coaching-offer' else "course_identifier" end) stored,
  "created_at" timestamptz not null,
  -- The API updated_at: max(application, person) is kept on the row by fanning every person-level change out
  -- to all of the person's applications in the same transaction (npq.md §9.6).
  "updated_at" timestamptz not null,
  check ("reason_for_rejection" is null or "status" = 'rejected'),
  check ("status" <> 'accepted' or ("schedule_id" is not null and "accepted_at" is not null and "training_status" is not null))
);
create index "npq_applications_participant_index" on "npq_applications" ("participant_id");
create index "npq_applications_list_created_index" on "npq_applications" ("lead_provider_id", "created_at", "id")
  include ("cohort_start_year", "participant_id", "updated_at");
create index "npq_applications_list_updated_index" on "npq_applications" ("lead_provider_id", "updated_at", "id")
  include ("cohort_start_year", "participant_id", "created_at");
-- The database guard behind "one accepted application per course per cohort" for one person (npq.md §3.3 rule 5).
create unique index "npq_applications_one_accepted_per_course" on "npq_applications" ("participant_id", "course_family", "npq_cohort_id")
  where "status" = 'accepted' and "training_status" <> 'withdrawn';

create table "npq_application_states" (
  "id" uuid primary key,
  "application_id" uuid not null references "npq_applications" ("id"),
  "lead_provider_id" uuid null references "lead_providers" ("id"),
  "state" text not null check ("state" in ('active', 'deferred', 'withdrawn')),
  "reason" text null,
  "created_at" timestamptz not null
);
create index "npq_application_states_application_index" on "npq_application_states" ("application_id", "created_at");

-- Outcomes hang off a completed declaration (npq.md §1.10); declarations come with their own issue, so the
-- application, course and submitting provider are recorded here and declaration_id is linked then.
create table "npq_outcomes" (
  "id" uuid primary key,
  "application_id" uuid not null references "npq_applications" ("id"),
  "participant_id" uuid not null references "npq_participants" ("id"),
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "declaration_id" uuid null,
  "state" text not null check ("state" in ('passed', 'failed', 'voided')),
  "completion_date" date not null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create index "npq_outcomes_provider_created_index" on "npq_outcomes" ("lead_provider_id", "created_at", "id");
create index "npq_outcomes_participant_index" on "npq_outcomes" ("participant_id");

create table "npq_participant_listings" (
  "id" uuid primary key,
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "participant_id" uuid not null references "npq_participants" ("id"),
  -- The person has an accepted application with this provider (npq.md §1.6, §4.1).
  "visible" boolean not null,
  -- Training statuses of the person's accepted applications with this provider (filter[training_status]).
  "training_statuses" text[] not null default '{}',
  "participant_created_at" timestamptz not null,
  -- max(person, every application of the person with any provider), stamped by every write path.
  "updated_at" timestamptz not null,
  unique ("lead_provider_id", "participant_id")
);
create index "npq_participant_listings_participant_index" on "npq_participant_listings" ("participant_id");
create index "npq_participant_listings_created_index" on "npq_participant_listings" ("lead_provider_id", "participant_created_at", "participant_id")
  include ("updated_at", "training_statuses") where "visible";
create index "npq_participant_listings_updated_index" on "npq_participant_listings" ("lead_provider_id", "updated_at", "participant_id")
  include ("participant_created_at", "training_statuses") where "visible";
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
drop table if exists "npq_participant_listings", "npq_outcomes", "npq_application_states", "npq_applications", "npq_participants" cascade;
delete from "schedules" where "programme" = 'npq';
drop index if exists "schedules_ecf_identifier_unique";
drop index if exists "schedules_npq_identifier_unique";
alter table "schedules" drop constraint if exists "schedules_npq_cohort_check",
  drop column "npq_cohort_id", drop column "applies_from", drop column "applies_to", drop column "allowed_declaration_types";
alter table "schedules" add constraint "schedules_cohort_id_programme_schedule_identifier_key" unique ("cohort_id", "programme", "schedule_identifier");
update "courses" set "course_group" = 'specialist' where "identifier" = 'npq-senco';
drop table if exists "npq_cohorts";
`);
  }
}
