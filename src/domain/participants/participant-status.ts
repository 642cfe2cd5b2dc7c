import type { InductionStatus } from './training-record.entity.js';

export const PARTICIPANT_STATUSES = ['joining', 'active', 'leaving', 'left', 'withdrawn'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/**
 * v3 `participant_status` of the period a provider sees, as of `now` (ecf.md §1.4): an end date makes it
 * leaving (still ahead) or left; otherwise a start ahead is joining; otherwise the school's induction status
 * decides (a `leaving` status with no end date has no participant status).
 */
export function participantStatus(p: { startDate: Date; endDate: Date | null; inductionStatus: InductionStatus }, now: Date): ParticipantStatus | null {
  if (p.endDate) return p.endDate > now ? 'leaving' : 'left';
  if (p.startDate > now) return 'joining';
  if (p.inductionStatus === 'active' || p.inductionStatus === 'completed') return 'active';
  if (p.inductionStatus === 'withdrawn' || p.inductionStatus === 'changed') return 'withdrawn';
  return null;
}

/** The same rule in SQL over a `training_periods` alias, with `now` as the first parameter. */
export const participantStatusSql = (tp: string): string => `case
  when ${tp}.end_date is not null then case when ${tp}.end_date > ?::timestamptz then 'leaving' else 'left' end
  when ${tp}.start_date > ?::timestamptz then 'joining'
  when ${tp}.induction_status in ('active', 'completed') then 'active'
  when ${tp}.induction_status in ('withdrawn', 'changed') then 'withdrawn' end`;

/**
 * The provider-visible `updated_at` of a projection row as of `now` (README "Participant status and the
 * clock"): the stamped value, or the instant a visible period's status last changed by itself (its start or
 * end, `*_flip_at`) if that is later and already past. Two parameters: `now`, `now`.
 */
export const effectiveUpdatedAtSql = (v: string): string =>
  `greatest(${v}.updated_at, case when ${v}.ect_flip_at <= ?::timestamptz then ${v}.ect_flip_at end, case when ${v}.mentor_flip_at <= ?::timestamptz then ${v}.mentor_flip_at end)`;
