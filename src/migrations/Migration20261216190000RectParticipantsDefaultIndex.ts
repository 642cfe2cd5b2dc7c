import { Migration } from '@mikro-orm/migrations';

/**
 * The RECT v3 participants list's default order (created_at; RECT has no default cohort filter, rect.md §2.6): a
 * narrow index of the order's key columns only, as `participant_views_list_default_index` is for ECF v3. The
 * general `participant_views_list_created_index` carries seven included columns for the filters, so a deep page's
 * key walk read about four times the bytes (`npm run bench:lists`, the largest provider's 32,696 rows: last page
 * 1.75 × page 1 with it; the page computes the effective updated_at for its own rows, so nothing else is needed).
 */
export class Migration20261216190000RectParticipantsDefaultIndex extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create index "participant_views_list_all_index" on "participant_provider_views" ("lead_provider_id", "participant_created_at", "participant_id")
  where "api_visible";`);
  }

  override down(): void | Promise<void> {
    this.addSql('drop index if exists "participant_views_list_all_index";');
  }
}
