import { Migration } from '@mikro-orm/migrations';

/**
 * Reference and organisation data: cohorts, courses, schedules and milestones, lead providers,
 * delivery partners and their per-cohort relationships, schools (and school-in-cohort rows),
 * partnerships, statements and API tokens. Every API-visible resource has an `updated_at`
 * with the index its `updated_since` filter uses.
 */
export class Migration20261123070000Foundation extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "cohorts" (
  "id" uuid primary key,
  "start_year" int not null unique check ("start_year" between 2000 and 2100),
  "registration_start_date" date not null,
  "academic_year_start_date" date not null,
  "automatic_assignment_period_end_date" date null,
  "payments_frozen_at" timestamptz null,
  "mentor_funding" boolean not null default false,
  "detailed_evidence_types" boolean not null default false,
  "npq_funding" text not null default 'full' check ("npq_funding" in ('zero', 'capped', 'full')),
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);

create table "courses" (
  "id" uuid primary key,
  "identifier" varchar(255) not null unique,
  "name" varchar(255) not null,
  "programme" text not null check ("programme" in ('ecf', 'npq')),
  "course_group" varchar(255) null
);

create table "schedules" (
  "id" uuid primary key,
  "cohort_id" uuid not null references "cohorts" ("id"),
  "programme" text not null check ("programme" in ('ecf', 'npq')),
  "schedule_identifier" varchar(255) not null,
  "identifier_alias" varchar(255) null,
  "name" varchar(255) not null,
  "type" varchar(255) not null,
  "course_identifiers" text[] not null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  unique ("cohort_id", "programme", "schedule_identifier")
);

create table "milestones" (
  "id" uuid primary key,
  "schedule_id" uuid not null references "schedules" ("id") on delete cascade,
  "declaration_type" varchar(255) not null,
  "name" varchar(255) not null,
  "start_date" date not null,
  "milestone_date" date null,
  "payment_date" date null,
  unique ("schedule_id", "declaration_type")
);

create table "lead_providers" (
  "id" uuid primary key,
  "name" varchar(255) not null unique,
  "programmes" text[] not null check ("programmes" <@ array['ecf', 'npq']::text[]),
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);

create table "delivery_partners" (
  "id" uuid primary key,
  "name" varchar(255) not null,
  "discarded_at" timestamptz null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create index "delivery_partners_created_at_id_index" on "delivery_partners" ("created_at", "id");
create index "delivery_partners_updated_at_index" on "delivery_partners" ("updated_at");

create table "provider_relationships" (
  "id" uuid primary key,
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "delivery_partner_id" uuid not null references "delivery_partners" ("id"),
  "cohort_id" uuid not null references "cohorts" ("id"),
  "programme" text not null check ("programme" in ('ecf', 'npq')),
  "discarded_at" timestamptz null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create unique index "provider_relationships_kept_unique" on "provider_relationships"
  ("lead_provider_id", "programme", "delivery_partner_id", "cohort_id") where "discarded_at" is null;
create index "provider_relationships_delivery_partner_index" on "provider_relationships" ("delivery_partner_id");

create table "schools" (
  "id" uuid primary key,
  "urn" varchar(255) not null unique,
  "name" varchar(255) not null,
  "school_type_code" int not null,
  "school_status_code" int not null,
  "administrative_district_code" varchar(255) not null,
  "section_41_approved" boolean not null default false,
  "primary_contact_email" varchar(255) null,
  "secondary_contact_email" varchar(255) null,
  "induction_tutor_name" varchar(255) null,
  "induction_tutor_email" varchar(255) null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create index "schools_created_at_id_index" on "schools" ("created_at", "id");

create table "school_cohorts" (
  "id" uuid primary key,
  "school_id" uuid not null references "schools" ("id"),
  "cohort_id" uuid not null references "cohorts" ("id"),
  "induction_programme_choice" text not null default 'not_yet_known' check ("induction_programme_choice" in
    ('full_induction_programme', 'core_induction_programme', 'design_our_own', 'school_funded_fip', 'no_early_career_teachers', 'not_yet_known')),
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  unique ("school_id", "cohort_id")
);
create index "school_cohorts_cohort_updated_at_index" on "school_cohorts" ("cohort_id", "updated_at");

create table "partnerships" (
  "id" uuid primary key,
  "school_id" uuid not null references "schools" ("id"),
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "delivery_partner_id" uuid not null references "delivery_partners" ("id"),
  "cohort_id" uuid not null references "cohorts" ("id"),
  "challenged_at" timestamptz null,
  "challenge_reason" text null check ("challenge_reason" in ('another_provider', 'not_confirmed', 'do_not_recognise', 'no_ects', 'mistake')),
  "challenge_deadline" timestamptz null,
  "pending" boolean not null default false,
  "relationship" boolean not null default false,
  "report_id" uuid null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  unique ("school_id", "lead_provider_id", "delivery_partner_id", "cohort_id")
);
create index "partnerships_provider_created_at_index" on "partnerships" ("lead_provider_id", "created_at", "id");
create index "partnerships_provider_updated_at_index" on "partnerships" ("lead_provider_id", "updated_at");
create index "partnerships_school_cohort_index" on "partnerships" ("school_id", "cohort_id");
create index "partnerships_delivery_partner_index" on "partnerships" ("delivery_partner_id");
-- At most one confirmed (non-relationship) partnership per provider, school and cohort, so two
-- concurrent POSTs cannot both confirm the same school.
create unique index "partnerships_confirmed_unique" on "partnerships" ("lead_provider_id", "school_id", "cohort_id")
  where "relationship" = false;

create table "statements" (
  "id" uuid primary key,
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "cohort_id" uuid not null references "cohorts" ("id"),
  "programme" text not null check ("programme" in ('ecf', 'npq')),
  "month" int not null check ("month" between 1 and 12),
  "year" int not null,
  "deadline_date" date not null,
  "payment_date" date not null,
  "output_fee" boolean not null default true,
  "state" text not null default 'open' check ("state" in ('open', 'payable', 'paid')),
  "marked_as_paid_at" timestamptz null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  unique ("lead_provider_id", "programme", "cohort_id", "year", "month"),
  check ("payment_date" >= "deadline_date")
);
create index "statements_provider_payment_date_index" on "statements" ("lead_provider_id", "programme", "payment_date", "id");
create index "statements_provider_updated_at_index" on "statements" ("lead_provider_id", "programme", "updated_at");

create table "api_tokens" (
  "id" uuid primary key,
  "kind" text not null check ("kind" in ('lead_provider', 'admin')),
  "lead_provider_id" uuid null references "lead_providers" ("id"),
  "programme" text null check ("programme" in ('ecf', 'npq')),
  "digest" varchar(255) not null unique,
  "description" varchar(255) not null,
  "created_at" timestamptz not null,
  "last_used_at" timestamptz null,
  "revoked_at" timestamptz null,
  check (("kind" = 'admin' and "lead_provider_id" is null and "programme" is null)
      or ("kind" = 'lead_provider' and "lead_provider_id" is not null and "programme" is not null))
);
create index "api_tokens_lead_provider_index" on "api_tokens" ("lead_provider_id");
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "api_tokens", "statements", "partnerships", "school_cohorts", "schools",
      "provider_relationships", "delivery_partners", "lead_providers", "milestones", "schedules", "courses", "cohorts" cascade;`);
  }
}
