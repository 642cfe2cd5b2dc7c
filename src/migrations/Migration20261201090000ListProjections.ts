import { Migration } from '@mikro-orm/migrations';

/**
 * Read projections for list pages at production volume (README "Reads at scale"), and the commit-order
 * clock that makes `filter[updated_since]` safe for zero-overlap polling (README "Commit-safe updated_at").
 *
 * - school_cohorts gains what the schools list filters and sorts on, kept by the write paths in the same
 *   transaction (src/domain/schools/school-projection.ts): `api_visible` (eligible, or in an active
 *   partnership), `in_partnership`, and copies of the school's created_at, name and URN. Each list order
 *   is one partial index, so a key page of 100 costs the same at any offset.
 * - partnerships: one partial index per list order, covering the list's filters.
 * - api_write_clock: one row; every API-visible write takes its `updated_at` from it as its last step,
 *   holding the row lock until commit, so stamps are in commit order.
 */
export class Migration20261201090000ListProjections extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
alter table "school_cohorts"
  add column "api_visible" boolean not null default false,
  add column "in_partnership" boolean not null default false,
  add column "school_created_at" timestamptz null,
  add column "school_name" varchar(255) null,
  add column "school_urn" varchar(255) null;

-- Backfill with the rules as they stand today (eligibility as in src/domain/schools/school-eligibility.ts).
update "school_cohorts" sc set
  "school_created_at" = s."created_at", "school_name" = s."name", "school_urn" = s."urn",
  "in_partnership" = exists (select 1 from "partnerships" p where p."school_id" = sc."school_id" and p."cohort_id" = sc."cohort_id"
                              and p."challenged_at" is null and p."challenge_reason" is null),
  "api_visible" = (s."school_status_code" in (1, 3)
      and (s."administrative_district_code" ilike 'e%' or s."administrative_district_code" = '9999')
      and (s."school_type_code" not in (10, 11, 24, 25, 26, 27, 29, 30, 37, 49, 56) or s."section_41_approved"))
    or exists (select 1 from "partnerships" p where p."school_id" = sc."school_id" and p."cohort_id" = sc."cohort_id"
                and p."relationship" = false and p."challenged_at" is null and p."challenge_reason" is null)
from "schools" s where s."id" = sc."school_id";

drop index if exists "school_cohorts_cohort_updated_at_index";
create index "school_cohorts_list_created_index" on "school_cohorts" ("cohort_id", "school_created_at", "school_id") where "api_visible";
create index "school_cohorts_list_updated_index" on "school_cohorts" ("cohort_id", "updated_at", "school_id") where "api_visible";
create index "school_cohorts_list_name_index" on "school_cohorts" ("cohort_id", "school_name", "school_id") where "api_visible";
create index "school_cohorts_list_urn_index" on "school_cohorts" ("cohort_id", "school_urn", "school_id") where "api_visible";

drop index if exists "partnerships_provider_created_at_index";
drop index if exists "partnerships_provider_updated_at_index";
create index "partnerships_list_created_index" on "partnerships" ("lead_provider_id", "created_at", "id")
  include ("cohort_id", "delivery_partner_id", "updated_at") where "relationship" = false;
create index "partnerships_list_updated_index" on "partnerships" ("lead_provider_id", "updated_at", "id")
  include ("cohort_id", "delivery_partner_id", "created_at") where "relationship" = false;

create table "api_write_clock" (
  "id" smallint primary key check ("id" = 1),
  "stamped_at" timestamptz not null
);
insert into "api_write_clock" ("id", "stamped_at") values (1, 'epoch');
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
drop table if exists "api_write_clock";
drop index if exists "partnerships_list_created_index";
drop index if exists "partnerships_list_updated_index";
create index "partnerships_provider_created_at_index" on "partnerships" ("lead_provider_id", "created_at", "id");
create index "partnerships_provider_updated_at_index" on "partnerships" ("lead_provider_id", "updated_at");
drop index if exists "school_cohorts_list_created_index";
drop index if exists "school_cohorts_list_updated_index";
drop index if exists "school_cohorts_list_name_index";
drop index if exists "school_cohorts_list_urn_index";
create index "school_cohorts_cohort_updated_at_index" on "school_cohorts" ("cohort_id", "updated_at");
alter table "school_cohorts" drop column "api_visible", drop column "in_partnership", drop column "school_created_at",
  drop column "school_name", drop column "school_urn";
`);
  }
}
