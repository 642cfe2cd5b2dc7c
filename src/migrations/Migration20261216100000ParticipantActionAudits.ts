import { Migration } from '@mikro-orm/migrations';

/**
 * Participant actions (issue 6 item 3): the audit of every successful defer, resume, withdraw and change of
 * schedule, written in the action's transaction (src/domain/participants/actions).
 */
export class Migration20261216100000ParticipantActionAudits extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "participant_action_audits" (
  "id" uuid primary key,
  "participant_id" uuid not null references "participants" ("id"),
  "training_record_id" uuid not null references "training_records" ("id"),
  "lead_provider_id" uuid not null references "lead_providers" ("id"),
  "api_token_id" uuid null,
  "admin_token_id" uuid null,
  "action" text not null check ("action" in ('defer', 'resume', 'withdraw', 'change_schedule')),
  "rules" text not null check ("rules" in ('ecf', 'rect')),
  "reason" varchar(255) null,
  "request" jsonb not null,
  "before_period_id" uuid not null references "training_periods" ("id"),
  "after_period_id" uuid not null references "training_periods" ("id"),
  "before_training_status" text not null,
  "after_training_status" text not null,
  "before_schedule_identifier" varchar(255) not null,
  "after_schedule_identifier" varchar(255) not null,
  "before_cohort" int not null,
  "after_cohort" int not null,
  "occurred_at" timestamptz not null
);
create index "participant_action_audits_participant_index" on "participant_action_audits" ("participant_id", "occurred_at");
create index "participant_action_audits_record_index" on "participant_action_audits" ("training_record_id");
`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop table if exists "participant_action_audits";');
  }
}
