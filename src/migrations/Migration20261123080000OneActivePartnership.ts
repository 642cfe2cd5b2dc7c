import { Migration } from '@mikro-orm/migrations';

/**
 * A school has at most one unchallenged confirmed partnership per cohort ("the school's lead provider
 * for the year", ecf.md §1.3), enforced by the database and not only by the create flow's lock.
 */
export class Migration20261123080000OneActivePartnership extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`create unique index "partnerships_one_active_per_school_cohort" on "partnerships" ("school_id", "cohort_id")
      where "relationship" = false and "challenged_at" is null and "challenge_reason" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop index if exists "partnerships_one_active_per_school_cohort";');
  }
}
