import { Migration } from '@mikro-orm/migrations';

/**
 * Declaration reads.
 *
 * - `has_passed` of an NPQ declaration is its latest outcome (npq.md §2.2), read for every row of a declarations
 *   page: an index makes that one probe per row.
 * - Deep pages of the unfiltered lists (the largest provider has about 150,000 ECF declarations): OFFSET would walk
 *   every key before the page. `participant_declaration_listing_days` counts each provider's listing rows per
 *   programme and UTC day of `declaration_created_at` (all rows, and those v1/v2 show: not `v3_only`), kept by
 *   statement-level triggers in the writing transaction, so a page finds the day its offset falls in from the
 *   running totals and walks only that day's keys (declarations.query.ts). The counts are exact in every snapshot.
 */
export class Migration20261217130000DeclarationReads extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create index "npq_outcomes_declaration_index" on "npq_outcomes" ("declaration_id", "created_at", "id") where "declaration_id" is not null;

create table "participant_declaration_listing_days" (
  "lead_provider_id" uuid not null,
  "programme" text not null,
  "day" timestamptz not null,
  "n_all" int not null,
  "n_v12" int not null,
  primary key ("lead_provider_id", "programme", "day")
);

create function "participant_declaration_listing_days_apply"() returns trigger language plpgsql as $$
begin
  -- One upsert per statement, in key order (concurrent writers lock the same rows in the same order).
  if tg_op = 'INSERT' then
    insert into participant_declaration_listing_days as d (lead_provider_id, programme, day, n_all, n_v12)
    select lead_provider_id, programme, date_trunc('day', declaration_created_at, 'UTC'), count(*), count(*) filter (where not v3_only)
      from new_rows group by 1, 2, 3 order by 1, 2, 3
    on conflict (lead_provider_id, programme, day) do update set n_all = d.n_all + excluded.n_all, n_v12 = d.n_v12 + excluded.n_v12;
  elsif tg_op = 'DELETE' then
    insert into participant_declaration_listing_days as d (lead_provider_id, programme, day, n_all, n_v12)
    select lead_provider_id, programme, date_trunc('day', declaration_created_at, 'UTC'), -count(*), -count(*) filter (where not v3_only)
      from old_rows group by 1, 2, 3 order by 1, 2, 3
    on conflict (lead_provider_id, programme, day) do update set n_all = d.n_all + excluded.n_all, n_v12 = d.n_v12 + excluded.n_v12;
  else
    -- Only v3_only moves a count (the other keys of a listing row never change); unchanged rows lock nothing.
    insert into participant_declaration_listing_days as d (lead_provider_id, programme, day, n_all, n_v12)
    select n.lead_provider_id, n.programme, date_trunc('day', n.declaration_created_at, 'UTC'), 0,
           sum(case when o.v3_only and not n.v3_only then 1 else -1 end)
      from new_rows n join old_rows o on o.id = n.id
     where o.v3_only <> n.v3_only
     group by 1, 2, 3 order by 1, 2, 3
    on conflict (lead_provider_id, programme, day) do update set n_v12 = d.n_v12 + excluded.n_v12;
  end if;
  return null;
end $$;

create trigger "participant_declaration_listing_days_insert" after insert on "participant_declaration_listings"
  referencing new table as new_rows for each statement execute function "participant_declaration_listing_days_apply"();
create trigger "participant_declaration_listing_days_delete" after delete on "participant_declaration_listings"
  referencing old table as old_rows for each statement execute function "participant_declaration_listing_days_apply"();
create trigger "participant_declaration_listing_days_update" after update on "participant_declaration_listings"
  referencing old table as old_rows new table as new_rows for each statement execute function "participant_declaration_listing_days_apply"();

insert into participant_declaration_listing_days (lead_provider_id, programme, day, n_all, n_v12)
select lead_provider_id, programme, date_trunc('day', declaration_created_at, 'UTC'), count(*), count(*) filter (where not v3_only)
  from participant_declaration_listings group by 1, 2, 3;
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
drop trigger if exists "participant_declaration_listing_days_insert" on "participant_declaration_listings";
drop trigger if exists "participant_declaration_listing_days_delete" on "participant_declaration_listings";
drop trigger if exists "participant_declaration_listing_days_update" on "participant_declaration_listings";
drop function if exists "participant_declaration_listing_days_apply"();
drop table if exists "participant_declaration_listing_days";
drop index if exists "npq_outcomes_declaration_index";`);
  }
}
