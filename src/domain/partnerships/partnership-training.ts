import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../shared/sql.js';

/**
 * The instant a training period stops counting as "in training" for RECT: its end, or when the provider withdrew
 * or deferred it if that is earlier (RECT finishes the period on that day, rect.md §7.3). SQL over a
 * `training_periods` alias.
 */
export const rectStopSql = (tp: string): string =>
  `least(${tp}.end_date, case when ${tp}.training_status <> 'active' then ${tp}.training_status_changed_at end)`;

/**
 * Re-computes RECT's `participants_currently_training` (rect.md §3.4) of the given partnerships (all when
 * omitted: the seed) as a step function of time in `partnership_training_steps`: from each `from_at` on,
 * `participants` of the partnership's training periods have started and not yet stopped (see `rectStopSql`). A
 * read takes the step at or before the request clock (one index probe per row of a page), so the count is right
 * at any time without a job. Only instants where the count changes are steps (a start and a stop at the same
 * instant cancel out), so the latest step at or before `now` is also when the count last changed by itself: the
 * RECT `updated_at` (`rectUpdatedAtSql`). Called by the participant write paths through `refreshParticipantProjection`.
 * Returns the ids of the partnerships whose steps changed (for the commit stamp).
 */
export async function refreshPartnershipTrainingSteps(em: EntityManager, partnershipIds?: string[]): Promise<string[]> {
  if (partnershipIds?.length === 0) return [];
  const scoped = partnershipIds !== undefined;
  const scope = scoped ? 'tp.partnership_id = any(?::uuid[])' : 'tp.partnership_id is not null';
  const stepScope = scoped ? 's.partnership_id = any(?::uuid[])' : 'true';
  const ids = scoped ? [pgArray(partnershipIds)] : [];
  const rows = await em.execute<{ partnership_id: string }[]>(
    `with periods as (
       select tp.partnership_id, tp.start_date as starts, ${rectStopSql('tp')} as stops from training_periods tp where ${scope}),
     deltas as (
       select partnership_id, starts as at, 1 as d from periods where stops is null or stops > starts
       union all
       select partnership_id, stops, -1 from periods where stops > starts),
     grouped as (select partnership_id, at, sum(d) as d from deltas group by 1, 2 having sum(d) <> 0),
     fresh as (select partnership_id, at as from_at, (sum(d) over (partition by partnership_id order by at))::int as participants from grouped),
     gone as (
       delete from partnership_training_steps s
        where ${stepScope} and not exists (select 1 from fresh f where f.partnership_id = s.partnership_id and f.from_at = s.from_at)
       returning s.partnership_id),
     put as (
       insert into partnership_training_steps as s (partnership_id, from_at, participants)
       select partnership_id, from_at, participants from fresh
       on conflict (partnership_id, from_at) do update set participants = excluded.participants where s.participants <> excluded.participants
       returning s.partnership_id)
     select partnership_id from gone union select partnership_id from put`,
    [...ids, ...ids],
  );
  return rows.map((r) => r.partnership_id);
}

/**
 * The latest training step of partnership alias `p` at or before the one `now` parameter, as a lateral join named
 * `st` (one index probe): `st.participants` and `st.from_at`, both null before the first step.
 */
export const trainingStepAtSql = (p: string, st: string): string =>
  `left join lateral (select s.participants, s.from_at from partnership_training_steps s where s.partnership_id = ${p}.id and s.from_at <= ?::timestamptz
                       order by s.from_at desc limit 1) ${st} on true`;

/**
 * Whether partnership alias `p` has a training step in [since, now] (two parameters, in that order): with
 * `p.updated_at >= since` as the other branch of an `or`, exactly "`rectUpdatedAtSql` >= since".
 */
export const trainingStepBetweenSql = (p: string): string =>
  `exists (select 1 from partnership_training_steps s where s.partnership_id = ${p}.id and s.from_at between ? and ?::timestamptz)`;

/** `participants_currently_training` (rect.md §3.4) from a `trainingStepAtSql` join `st`. */
export const participantsCurrentlyTrainingSql = (st: string): string => `coalesce(${st}.participants, 0)`;

/**
 * The RECT `updated_at` of partnership alias `p` with its `trainingStepAtSql` join `st`, as of that join's `now`: the
 * stamped value, or the instant `participants_currently_training` last changed by itself (a period's start or stop,
 * the step's `from_at`) if that is later. The participants' rule (`effectiveUpdatedAtSql` in participant-status.ts:
 * README "Participant status and the clock") applied to the partnership's steps. ECF partnerships do not show the
 * count and keep the stamp.
 */
export const rectUpdatedAtSql = (p: string, st: string): string => `greatest(${p}.updated_at, ${st}.from_at)`;
