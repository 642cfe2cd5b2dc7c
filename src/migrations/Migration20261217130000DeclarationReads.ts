import { Migration } from '@mikro-orm/migrations';

/**
 * Declaration reads: `has_passed` of an NPQ declaration is its latest outcome (npq.md §2.2), read for every row of a
 * declarations page; this index makes that one index probe per row instead of a scan of the outcomes.
 */
export class Migration20261217130000DeclarationReads extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`create index "npq_outcomes_declaration_index" on "npq_outcomes" ("declaration_id", "created_at", "id") where "declaration_id" is not null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index if exists "npq_outcomes_declaration_index";`);
  }
}
