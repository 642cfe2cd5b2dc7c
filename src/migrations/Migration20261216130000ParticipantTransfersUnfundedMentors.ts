import { Migration } from '@mikro-orm/migrations';

/**
 * Participant transfers and unfunded mentors (issue 6 item 3): two provider-scoped read projections, kept by
 * src/domain/participants/transfer-projection.ts in the writer's transaction (README "Reads at scale").
 *
 * participant_transfer_views: one row per (lead provider, participant) with at least one transfer the provider
 * sees (ecf.md §8.3). `transfers` holds what is shown except `status`, which depends on the clock: each element
 * carries `flipAt`, the instant it becomes `complete`; `flip_ats` are those instants (sorted) and `last_flip_at`
 * the largest (README "Participant status and the clock"). Once `last_flip_at` has passed (or there is none) the
 * row is settled and its provider-visible `updated_at` is `settled_updated_at`, a stored column the list indexes
 * lead with; the few rows with a flip still ahead are found by `last_flip_at` and computed at read.
 *
 * unfunded_mentor_views: one row per (lead provider, mentor) for mentors of the provider's ECTs who do not train
 * with the provider themselves (ecf.md §8.2), with the shown values (name, email, TRN) copied so that a refresh
 * sees when they change.
 *
 * `pending_stamp`: the refresh marks new and changed rows; `stampWrite` gives them the commit-ordered stamp as the
 * transaction's last step (the refresh runs where refreshParticipantProjection runs, before any stamp exists).
 */
export class Migration20261216130000ParticipantTransfersUnfundedMentors extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "participant_transfer_views" (
  "id" uuid primary key,
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "participant_id" uuid not null references "participants" ("id") on delete cascade,
  "participant_created_at" timestamptz not null,
  "transfers" jsonb not null,
  "flip_ats" timestamptz[] not null,
  "last_flip_at" timestamptz null,
  "pending_stamp" boolean not null default false,
  "updated_at" timestamptz not null,
  "settled_updated_at" timestamptz generated always as (greatest("updated_at", "last_flip_at")) stored,
  unique ("lead_provider_id", "participant_id")
);
create index "transfer_views_participant_index" on "participant_transfer_views" ("participant_id");
create index "transfer_views_list_created_index" on "participant_transfer_views" ("lead_provider_id", "participant_created_at", "participant_id") include ("settled_updated_at", "last_flip_at");
create index "transfer_views_list_updated_index" on "participant_transfer_views" ("lead_provider_id", "settled_updated_at", "participant_id") include ("participant_created_at", "last_flip_at");
create index "transfer_views_flip_index" on "participant_transfer_views" ("lead_provider_id", "last_flip_at");
create index "transfer_views_pending_index" on "participant_transfer_views" ("id") where "pending_stamp";

create table "unfunded_mentor_views" (
  "id" uuid primary key,
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "participant_id" uuid not null references "participants" ("id") on delete cascade,
  "participant_created_at" timestamptz not null,
  "full_name" varchar(255) not null,
  "email" varchar(255) null,
  "trn" varchar(16) null,
  "pending_stamp" boolean not null default false,
  "updated_at" timestamptz not null,
  unique ("lead_provider_id", "participant_id")
);
create index "unfunded_mentor_views_participant_index" on "unfunded_mentor_views" ("participant_id");
create index "unfunded_mentor_views_list_created_index" on "unfunded_mentor_views" ("lead_provider_id", "participant_created_at", "participant_id") include ("updated_at");
create index "unfunded_mentor_views_list_updated_index" on "unfunded_mentor_views" ("lead_provider_id", "updated_at", "participant_id") include ("participant_created_at");
create index "unfunded_mentor_views_pending_index" on "unfunded_mentor_views" ("id") where "pending_stamp";
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
drop table if exists "unfunded_mentor_views";
drop table if exists "participant_transfer_views";
`);
  }
}
