import { Migration } from '@mikro-orm/migrations';

/**
 * NPQ participants (issue 7 item 3, npq.md §1.6, §1.7, §4):
 *
 * - npq_participant_id_changes: retired NPQ participant ids (a person merged into another). Each row belongs to
 *   the surviving person; v3 lists them as `participant_id_changes`, `filter[from_participant_id]` finds the
 *   survivor, and the v3 show answers 410 for a retired id (npq.md §4.1).
 * - npq_application_states.api_token_id: which token made a training-status change (the audit's "who" beside
 *   the provider; "when" is created_at and "why" the reason). Null for rows written before this column and by
 *   the seed.
 */
export class Migration20261216150000NpqParticipants extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "npq_participant_id_changes" (
  "id" uuid primary key,
  "participant_id" uuid not null references "npq_participants" ("id"),
  "from_participant_id" uuid not null unique,
  "to_participant_id" uuid not null,
  "created_at" timestamptz not null,
  "updated_at" timestamptz not null
);
create index "npq_participant_id_changes_participant_index" on "npq_participant_id_changes" ("participant_id", "created_at");

alter table "npq_application_states" add column "api_token_id" uuid null;
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
alter table "npq_application_states" drop column if exists "api_token_id";
drop table if exists "npq_participant_id_changes";
`);
  }
}
