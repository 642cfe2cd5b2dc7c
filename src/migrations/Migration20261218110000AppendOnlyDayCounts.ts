import { Migration } from '@mikro-orm/migrations';

/**
 * The lists' per-day counts become append-only (src/domain/shared/day-counts.ts).
 *
 * Until now each statement-level trigger upserted its deltas into one row per key (provider, day, …), locking that
 * row until commit. A transaction that moved the counts of two providers (a participant moving between them, an
 * admin merge, a group of declarations) locked two rows, and a concurrent one could lock the same two in the other
 * order: PostgreSQL then aborted one of them as a deadlock victim (seen as a 500 under load before the retries
 * absorbed it). Now a trigger only inserts its deltas as new rows, which locks nothing any other writer waits for;
 * a key's count is the sum of its rows, and `compactDayCounts` folds each key's rows into one from time to time
 * (one statement per table, so every snapshot sees the same sums before and after).
 */
const TABLES = [
  {
    days: 'participant_list_days',
    keys: ['lead_provider_id', 'day'],
    counts: ['n_visible', 'n_default'],
    deltas: (rows: string, sign: 1 | -1) =>
      `select lead_provider_id, date_trunc('day', participant_created_at, 'UTC') as day, ${sign} as n_visible,
              case when ect_cohort > 2020 or mentor_cohort > 2020 then ${sign} else 0 end as n_default
         from ${rows} where api_visible`,
  },
  {
    days: 'training_record_key_days',
    keys: ['lead_provider_id', 'cohort', 'day'],
    counts: ['n'],
    deltas: (rows: string, sign: 1 | -1) =>
      `select lead_provider_id, cohort, date_trunc('day', participant_created_at, 'UTC') as day, ${sign} as n from ${rows}`,
  },
  {
    days: 'participant_declaration_listing_days',
    keys: ['lead_provider_id', 'programme', 'day'],
    counts: ['n_all', 'n_v12'],
    deltas: (rows: string, sign: 1 | -1) =>
      `select lead_provider_id, programme, date_trunc('day', declaration_created_at, 'UTC') as day, ${sign} as n_all,
              case when not v3_only then ${sign} else 0 end as n_v12
         from ${rows}`,
  },
];

/** The trigger function: each statement's deltas appended as new rows, or (`upsert`, the previous form) added to the key's one row. */
function countingTrigger(t: (typeof TABLES)[number], upsert = false): string {
  const keys = t.keys.join(', ');
  const append = (from: string) => `insert into ${t.days} as d (${keys}, ${t.counts.join(', ')})
    select ${keys}, ${t.counts.map((c) => `sum(${c})`).join(', ')} from (${from}) x
     group by ${keys} having ${t.counts.map((c) => `sum(${c}) <> 0`).join(' or ')}${
       upsert
         ? ` order by ${keys}
    on conflict (${keys}) do update set ${t.counts.map((c) => `${c} = d.${c} + excluded.${c}`).join(', ')}`
         : ''
     };`;
  return `
create or replace function "${t.days}_apply"() returns trigger language plpgsql as $$
begin
  -- The statement's deltas as new rows (a key's count is the sum of its rows): no existing row is locked, so
  -- concurrent writers never wait for each other here. Rows whose counted values did not change cancel out.
  if tg_op = 'INSERT' then
    ${append(t.deltas('new_rows', 1))}
  elsif tg_op = 'DELETE' then
    ${append(t.deltas('old_rows', -1))}
  else
    ${append(`${t.deltas('new_rows', 1)} union all ${t.deltas('old_rows', -1)}`)}
  end if;
  return null;
end $$;`;
}

export class Migration20261218110000AppendOnlyDayCounts extends Migration {
  override up(): void | Promise<void> {
    this.addSql(
      TABLES.map(
        (t) => `
alter table "${t.days}" drop constraint "${t.days}_pkey";
create index "${t.days}_key_index" on "${t.days}" (${t.keys.map((k) => `"${k}"`).join(', ')});
${countingTrigger(t)}`,
      ).join('\n'),
    );
  }

  override down(): void | Promise<void> {
    // One row per key again (the sums), the key restored, and the upserting functions back.
    this.addSql(
      TABLES.map((t) => {
        const keys = t.keys.map((k) => `"${k}"`).join(', ');
        return `
create temp table "${t.days}_sums" as select ${keys}, ${t.counts.map((c) => `sum("${c}")::int as "${c}"`).join(', ')} from "${t.days}" group by ${keys};
delete from "${t.days}";
insert into "${t.days}" (${keys}, ${t.counts.map((c) => `"${c}"`).join(', ')}) select * from "${t.days}_sums";
drop table "${t.days}_sums";
drop index if exists "${t.days}_key_index";
alter table "${t.days}" add primary key (${keys});
${countingTrigger(t, true)}`;
      }).join('\n'),
    );
  }
}
