import { Migration } from '@mikro-orm/migrations';

/**
 * RECT partnerships' `updated_at` moves at the instants in `partnership_training_steps` (the count of participants
 * currently training changes). `filter[updated_since]` asks "has any of the provider's partnerships a step between
 * `since` and now": an index by instant finds a recent window's steps without reading every step.
 * Also drops steps that do not change the count (a training ending the instant another starts), which the refresh
 * no longer writes, so they cannot move `updated_at` on databases projected before.
 */
export class Migration20261217180000PartnershipStepsByInstant extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create index "partnership_training_steps_from_at_index" on "partnership_training_steps" ("from_at") include ("partnership_id");
delete from "partnership_training_steps" s
 using (select "partnership_id", "from_at", "participants",
               lag("participants") over (partition by "partnership_id" order by "from_at") as "previous"
          from "partnership_training_steps") x
 where x."partnership_id" = s."partnership_id" and x."from_at" = s."from_at" and x."previous" = x."participants";
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "partnership_training_steps_from_at_index";`);
  }
}
