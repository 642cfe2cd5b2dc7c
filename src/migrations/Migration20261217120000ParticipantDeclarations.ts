import { Migration } from '@mikro-orm/migrations';

/**
 * Participant declarations and the payment lifecycle (issue 8), ECF and NPQ in one table.
 *
 * participant_declarations: one claim for money. ECF rows point at the training record (and the training period
 * relevant at the declaration date); NPQ rows at the application. `participant_id` is the API participant id
 * (participants.id for ECF, npq_participants.id for NPQ). `cohort_id` is the cohort of the schedule at creation
 * (ecf.md §1.6, npq.md §1.8). `payment_statement_id` / `clawback_statement_id` mirror the billable and the
 * refundable line item (kept by the writers with the line items) so a page reads no line items.
 *
 * The database guard of "one billable declaration per participant, course and declaration type" (ARCHITECTURE.md
 * §2.9): a partial unique index over `slot_key` (ECF: participant and course identifier, from any provider; NPQ:
 * the application) and the type, for the states that hold the slot (submitted, eligible, payable, paid). Writers
 * also take a transaction-scoped advisory lock on the same key before they look, so concurrent identical posts
 * queue instead of one of them hitting the index.
 *
 * participant_declaration_listings: the declaration lists' projection, one row per (lead provider, declaration)
 * the provider sees: its own, and (ECF) other providers' declarations of participants who train or trained with
 * it (ecf.md §2.8 rules 2 and 3; `v3_only` marks rule 3), (NPQ) declarations on the provider's applications.
 * `updated_at` is the declaration's, or the instant the row became visible when that is later; stamped at
 * commit (`pending_stamp`, as the other listing projections).
 */
export class Migration20261217120000ParticipantDeclarations extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "participant_declarations" (
  "id" uuid primary key,
  "programme" text not null check ("programme" in ('ecf', 'npq')),
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "participant_id" uuid not null,
  "training_record_id" uuid null references "training_records" ("id"),
  "training_period_id" uuid null references "training_periods" ("id"),
  "npq_application_id" uuid null references "npq_applications" ("id"),
  "course_identifier" varchar(255) not null,
  "declaration_type" text not null check ("declaration_type" in ('started', 'retained-1', 'retained-2', 'retained-3', 'retained-4',
    'completed', 'extended-1', 'extended-2', 'extended-3')),
  "declaration_date" timestamptz not null,
  "cohort_id" uuid not null references "cohorts" ("id"),
  "schedule_id" uuid null references "schedules" ("id"),
  "evidence_held" varchar(255) null,
  "has_passed" boolean null,
  "state" text not null default 'submitted' check ("state" in ('submitted', 'eligible', 'payable', 'paid', 'voided', 'ineligible',
    'awaiting_clawback', 'clawed_back')),
  "state_reason" text null check ("state_reason" in ('duplicate')),
  "superseded_by_id" uuid null references "participant_declarations" ("id"),
  "delivery_partner_id" uuid null references "delivery_partners" ("id"),
  "secondary_delivery_partner_id" uuid null references "delivery_partners" ("id"),
  "mentor_participant_id" uuid null,
  "pupil_premium_uplift" boolean not null default false,
  "sparsity_uplift" boolean not null default false,
  "payment_statement_id" uuid null references "statements" ("id"),
  "clawback_statement_id" uuid null references "statements" ("id"),
  "voided_at" timestamptz null,
  "slot_key" text generated always as (coalesce("npq_application_id"::text, "participant_id"::text || ':' || "course_identifier")) stored,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  check (("programme" = 'ecf') = ("training_record_id" is not null)),
  check (("programme" = 'npq') = ("npq_application_id" is not null))
);
create unique index "participant_declarations_one_billable" on "participant_declarations" ("slot_key", "declaration_type")
  where "state" in ('submitted', 'eligible', 'payable', 'paid');
create index "participant_declarations_participant_index" on "participant_declarations" ("participant_id", "course_identifier");
create index "participant_declarations_training_record_index" on "participant_declarations" ("training_record_id") where "training_record_id" is not null;
create index "participant_declarations_application_index" on "participant_declarations" ("npq_application_id") where "npq_application_id" is not null;
create index "participant_declarations_provider_index" on "participant_declarations" ("lead_provider_id", "created_at", "id");
create index "participant_declarations_payment_statement_index" on "participant_declarations" ("payment_statement_id", "state");
create index "participant_declarations_clawback_statement_index" on "participant_declarations" ("clawback_statement_id", "state")
  where "clawback_statement_id" is not null;

-- Every state a declaration has been in, with who moved it (a lead provider, or null for DfE and the system).
create table "participant_declaration_states" (
  "id" uuid primary key,
  "declaration_id" uuid not null references "participant_declarations" ("id"),
  "state" text not null,
  "state_reason" text null,
  "lead_provider_id" uuid null references "lead_providers" ("id"),
  "created_at" timestamptz not null
);
create index "participant_declaration_states_declaration_index" on "participant_declaration_states" ("declaration_id", "created_at");

-- A declaration on a statement (ecf.md §1.6, npq.md §1.9): at most one billable-side item (eligible, payable,
-- paid, ineligible, voided) and one refundable item (awaiting_clawback, clawed_back) per declaration.
create table "statement_line_items" (
  "id" uuid primary key,
  "statement_id" uuid not null references "statements" ("id"),
  "declaration_id" uuid not null references "participant_declarations" ("id"),
  "state" text not null check ("state" in ('eligible', 'payable', 'paid', 'voided', 'ineligible', 'awaiting_clawback', 'clawed_back')),
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create unique index "statement_line_items_one_billable" on "statement_line_items" ("declaration_id") where "state" in ('eligible', 'payable', 'paid');
create unique index "statement_line_items_one_refundable" on "statement_line_items" ("declaration_id") where "state" in ('awaiting_clawback', 'clawed_back');
create index "statement_line_items_statement_index" on "statement_line_items" ("statement_id", "state");

-- Every POST /participant-declarations (ecf.md §4.2: ParticipantDeclarationAttempt), whatever the outcome.
create table "participant_declaration_attempts" (
  "id" uuid primary key,
  "programme" text not null check ("programme" in ('ecf', 'npq')),
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "participant_id" text null,
  "request" jsonb not null,
  "outcome" text not null check ("outcome" in ('created', 'existing', 'rejected')),
  "errors" jsonb null,
  "declaration_id" uuid null references "participant_declarations" ("id"),
  "created_at" timestamptz not null
);
create index "participant_declaration_attempts_provider_index" on "participant_declaration_attempts" ("lead_provider_id", "created_at");

create table "participant_declaration_listings" (
  "id" uuid primary key,
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "declaration_id" uuid not null references "participant_declarations" ("id") on delete cascade,
  "programme" text not null check ("programme" in ('ecf', 'npq')),
  "participant_id" uuid not null,
  "cohort_start_year" int not null,
  "delivery_partner_id" uuid null,
  "declaration_created_at" timestamptz not null,
  -- Visible only under ecf.md §2.8 rule 3 (a leaving participant's declarations dated up to the leaving date): v3.
  "v3_only" boolean not null default false,
  "updated_at" timestamptz not null,
  "pending_stamp" boolean not null default false,
  unique ("lead_provider_id", "declaration_id")
);
create index "participant_declaration_listings_declaration_index" on "participant_declaration_listings" ("declaration_id");
create index "participant_declaration_listings_created_index" on "participant_declaration_listings"
  ("lead_provider_id", "programme", "declaration_created_at", "declaration_id")
  include ("cohort_start_year", "participant_id", "delivery_partner_id", "v3_only", "updated_at");
create index "participant_declaration_listings_updated_index" on "participant_declaration_listings"
  ("lead_provider_id", "programme", "updated_at", "declaration_id")
  include ("cohort_start_year", "participant_id", "delivery_partner_id", "v3_only", "declaration_created_at");
create index "participant_declaration_listings_pending_index" on "participant_declaration_listings" ("id") where "pending_stamp";
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "participant_declaration_listings", "participant_declaration_attempts", "statement_line_items",
      "participant_declaration_states", "participant_declarations" cascade;`);
  }
}
