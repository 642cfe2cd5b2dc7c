import { Migration } from '@mikro-orm/migrations';

/**
 * The ECF v1/v2 participants list's key table (README "Reads at scale"): one row per (lead provider, participant,
 * record) the list shows — the visible ECT (`ord` 0) and mentor (`ord` 1) records of `participant_provider_views`
 * with their cohort, the participant's creation and the projection row's stamped `updated_at` — with an index per
 * list order whose key is the list's whole order (participant creation or `updated_at`, participant id, `ord`).
 * Why: the list has one row per record, not per participant; expanding the projection's rows into records at read
 * made PostgreSQL sort the expansion and walk a wide index for the offset, so the largest provider's last page cost
 * 3–4 × its first. Here a page's keys are one index-only range, in order, with no sort, at any page number.
 *
 * Kept by src/domain/participants/participant-projection.ts (`refreshViews`, after the projection in the same
 * statement sequence) and stamped by `stampWrite` with the projection row it belongs to. Filled here from the
 * existing projection. Run `vacuum analyze training_record_keys` after it on a large database (index-only scans).
 */
export class Migration20261217100000TrainingRecordKeys extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "training_record_keys" (
  "lead_provider_id" uuid not null,
  "participant_id" uuid not null,
  "ord" smallint not null,
  "cohort" int not null,
  "participant_created_at" timestamptz not null,
  "updated_at" timestamptz not null,
  primary key ("lead_provider_id", "participant_id", "ord")
);
insert into "training_record_keys" ("lead_provider_id", "participant_id", "ord", "cohort", "participant_created_at", "updated_at")
select v.lead_provider_id, v.participant_id, r.ord, r.cohort, v.participant_created_at, v.updated_at
  from "participant_provider_views" v
  cross join lateral (values (0::smallint, v.ect_cohort), (1::smallint, v.mentor_cohort)) r(ord, cohort)
 where v.api_visible and r.cohort is not null;
create index "training_record_keys_created_index" on "training_record_keys" ("lead_provider_id", "participant_created_at", "participant_id", "ord")
  include ("cohort");
create index "training_record_keys_updated_index" on "training_record_keys" ("lead_provider_id", "updated_at", "participant_id", "ord")
  include ("cohort");
`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop table if exists "training_record_keys";');
  }
}
