import { Migration } from '@mikro-orm/migrations';

/** One statement-level trigger function: per-day count deltas of `table`'s rows, upserted into `days` in key order. */
function countingTrigger(o: { days: string; table: string; keys: string[]; counts: [string, string][]; where: string }): string {
  const keyList = o.keys.join(', ');
  const cols = o.counts.map(([c]) => c);
  const deltas = (rows: string, sign: 1 | -1) =>
    `select ${o.keys.map((k) => (k === 'day' ? `date_trunc('day', participant_created_at, 'UTC') as day` : k)).join(', ')},
            ${o.counts.map(([c, cond]) => `case when ${cond} then ${sign} else 0 end as ${c}`).join(', ')}
       from ${rows} where ${o.where}`;
  const upsert = (from: string) => `insert into ${o.days} as d (${keyList}, ${cols.join(', ')})
    select ${keyList}, ${cols.map((c) => `sum(${c})`).join(', ')} from (${from}) x
     group by ${keyList} having ${cols.map((c) => `sum(${c}) <> 0`).join(' or ')} order by ${keyList}
    on conflict (${keyList}) do update set ${cols.map((c) => `${c} = d.${c} + excluded.${c}`).join(', ')};`;
  return `
create function "${o.days}_apply"() returns trigger language plpgsql as $$
begin
  -- One upsert per statement, in key order (concurrent writers lock the same rows in the same order); rows whose
  -- counted values did not change cancel out and lock nothing.
  if tg_op = 'INSERT' then
    ${upsert(deltas('new_rows', 1))}
  elsif tg_op = 'DELETE' then
    ${upsert(deltas('old_rows', -1))}
  else
    ${upsert(`${deltas('new_rows', 1)} union all ${deltas('old_rows', -1)}`)}
  end if;
  return null;
end $$;
create trigger "${o.days}_insert" after insert on "${o.table}"
  referencing new table as new_rows for each statement execute function "${o.days}_apply"();
create trigger "${o.days}_delete" after delete on "${o.table}"
  referencing old table as old_rows for each statement execute function "${o.days}_apply"();
create trigger "${o.days}_update" after update on "${o.table}"
  referencing old table as old_rows new table as new_rows for each statement execute function "${o.days}_apply"();`;
}

/**
 * Per-day counts of the participant lists' rows (src/domain/participants/list-days.ts), so a deep page of the
 * default order starts at the day its offset falls in instead of walking every key before it (the largest provider's
 * last page of 100 walked ~32,600 index entries: 1.2–1.6 × page 1, against a limit of 1.5).
 * - `participant_list_days`: visible `participant_provider_views` rows per provider and UTC day of the participant's
 *   creation; `n_visible` all of them (RECT), `n_default` those with a cohort after 2020 (ECF v3's default filter,
 *   DEFAULT_COHORT_AFTER, bound here as the partial index participant_views_list_default_index binds it).
 * - `training_record_key_days`: `training_record_keys` rows (ECF v1/v2, one per visible record) per provider, cohort
 *   and day.
 * Kept by statement-level triggers in the writing transaction; exact in every snapshot. The production seed loads
 * with triggers off and rebuilds both from scratch (refreshViews without a scope).
 */
export class Migration20261218100000ParticipantListDays extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
create table "participant_list_days" (
  "lead_provider_id" uuid not null,
  "day" timestamptz not null,
  "n_visible" int not null,
  "n_default" int not null,
  primary key ("lead_provider_id", "day")
);
create table "training_record_key_days" (
  "lead_provider_id" uuid not null,
  "cohort" int not null,
  "day" timestamptz not null,
  "n" int not null,
  primary key ("lead_provider_id", "cohort", "day")
);
${countingTrigger({
  days: 'participant_list_days',
  table: 'participant_provider_views',
  keys: ['lead_provider_id', 'day'],
  counts: [
    ['n_visible', 'true'],
    ['n_default', '(ect_cohort > 2020 or mentor_cohort > 2020)'],
  ],
  where: 'api_visible',
})}
${countingTrigger({ days: 'training_record_key_days', table: 'training_record_keys', keys: ['lead_provider_id', 'cohort', 'day'], counts: [['n', 'true']], where: 'true' })}
insert into "participant_list_days" ("lead_provider_id", "day", "n_visible", "n_default")
select lead_provider_id, date_trunc('day', participant_created_at, 'UTC'), count(*), count(*) filter (where ect_cohort > 2020 or mentor_cohort > 2020)
  from "participant_provider_views" where api_visible group by 1, 2;
insert into "training_record_key_days" ("lead_provider_id", "cohort", "day", "n")
select lead_provider_id, cohort, date_trunc('day', participant_created_at, 'UTC'), count(*) from "training_record_keys" group by 1, 2, 3;
`);
  }

  override down(): void | Promise<void> {
    this.addSql(
      [
        ['participant_list_days', 'participant_provider_views'],
        ['training_record_key_days', 'training_record_keys'],
      ]
        .map(
          ([days, table]) =>
            ['insert', 'delete', 'update'].map((op) => `drop trigger if exists "${days}_${op}" on "${table}";`).join('\n') +
            `\ndrop function if exists "${days}_apply"();\ndrop table if exists "${days}";`,
        )
        .join('\n'),
    );
  }
}
