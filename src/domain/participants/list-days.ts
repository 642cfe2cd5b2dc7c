/**
 * Deep pages of the participant lists at the cost of page 1 (Migration20261218100000ParticipantListDays): per-day
 * counts of each provider's list rows, kept in the writing transaction by statement triggers, give the day a page's
 * offset falls in, so the key page starts at that day and skips only the rows of that day before the offset, instead
 * of walking every key before the page. The same technique as the declaration lists' `participant_declaration_listing_days`.
 *
 * The counts are append-only (Migration20261218110000AppendOnlyDayCounts): a key's count is the sum of its rows, and
 * `compactDayCounts` (src/domain/shared/day-counts.ts) folds them from time to time.
 *
 * - `participant_list_days`: the visible `participant_provider_views` rows per (provider, UTC day of the participant's
 *   creation): `n_visible` (RECT's list), `n_default` (the ECF v3 list's default cohorts, after `LIST_DAYS_COHORT_AFTER`);
 * - `training_record_key_days`: the ECF v1/v2 list's `training_record_keys` rows per (provider, cohort, day).
 *
 * Only the lists' default order (participant creation, ascending) with no filter but the cohorts reads them.
 */

import { daySkip, type DaySkip } from '../shared/day-counts.js';

/** The cohort bound that `participant_list_days.n_default` counts after: `DEFAULT_COHORT_AFTER`, as the partial index binds it. */
export const LIST_DAYS_COHORT_AFTER = 2020;

/** The v3 lists' skip: RECT's (every visible row) or ECF's (the default cohorts) count of the provider. */
export const participantListDaySkip = (leadProviderId: string, count: 'n_visible' | 'n_default'): DaySkip =>
  daySkip(`select day, sum(${count}) as n from participant_list_days where lead_provider_id = ? group by day having sum(${count}) > 0`, [leadProviderId]);

/** The v1/v2 list's skip, for the cohorts its key page reads (`cohortCondition` on `cohort`, with `cohortParams`). */
export const trainingRecordDaySkip = (leadProviderId: string, cohortCondition: string, cohortParams: unknown[]): DaySkip =>
  daySkip(`select day, sum(n) as n from training_record_key_days where lead_provider_id = ? and ${cohortCondition} group by day having sum(n) > 0`, [
    leadProviderId,
    ...cohortParams,
  ]);
