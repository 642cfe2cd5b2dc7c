/**
 * The participant lists' per-day counts (src/domain/participants/list-days.ts) that differ from the counts of their
 * rows: one row per (table, provider, day) that is off, so an empty result means exact. Read by the list-days test
 * (the triggers) and the seed probes (the bulk load's rebuild).
 */
export const PARTICIPANT_LIST_DAY_MISMATCHES = `select 'participant_list_days' as t, lead_provider_id, day from (
       select lead_provider_id, date_trunc('day', participant_created_at, 'UTC') as day, count(*)::int as n_visible,
              (count(*) filter (where ect_cohort > 2020 or mentor_cohort > 2020))::int as n_default
         from participant_provider_views where api_visible group by 1, 2) r
     full join (select * from participant_list_days where n_visible <> 0 or n_default <> 0) d using (lead_provider_id, day)
      where (r.n_visible, r.n_default) is distinct from (d.n_visible, d.n_default)
     union all
     select 'training_record_key_days', lead_provider_id, day from (
       select lead_provider_id, cohort, date_trunc('day', participant_created_at, 'UTC') as day, count(*)::int as n
         from training_record_keys group by 1, 2, 3) r
     full join (select * from training_record_key_days where n <> 0) d using (lead_provider_id, cohort, day)
      where r.n is distinct from d.n`;
