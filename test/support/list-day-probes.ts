/**
 * The participant lists' per-day counts (src/domain/participants/list-days.ts) that differ from the counts of their
 * rows: one row per (table, provider, day) that is off, so an empty result means exact. A key's count is the sum of
 * its rows (append-only, src/domain/shared/day-counts.ts). Read by the list-days test
 * (the triggers) and the seed probes (the bulk load's rebuild).
 */
export const PARTICIPANT_LIST_DAY_MISMATCHES = `select 'participant_list_days' as t, lead_provider_id, day from (
       select lead_provider_id, date_trunc('day', participant_created_at, 'UTC') as day, count(*)::int as n_visible,
              (count(*) filter (where ect_cohort > 2020 or mentor_cohort > 2020))::int as n_default
         from participant_provider_views where api_visible group by 1, 2) r
     full join (select lead_provider_id, day, sum(n_visible)::int as n_visible, sum(n_default)::int as n_default from participant_list_days
                 group by 1, 2 having sum(n_visible) <> 0 or sum(n_default) <> 0) d using (lead_provider_id, day)
      where (r.n_visible, r.n_default) is distinct from (d.n_visible, d.n_default)
     union all
     select 'training_record_key_days', lead_provider_id, day from (
       select lead_provider_id, cohort, date_trunc('day', participant_created_at, 'UTC') as day, count(*)::int as n
         from training_record_keys group by 1, 2, 3) r
     full join (select lead_provider_id, cohort, day, sum(n)::int as n from training_record_key_days group by 1, 2, 3 having sum(n) <> 0) d
            using (lead_provider_id, cohort, day)
      where r.n is distinct from d.n`;
