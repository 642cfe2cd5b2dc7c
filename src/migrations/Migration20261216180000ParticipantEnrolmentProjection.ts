import { Migration } from '@mikro-orm/migrations';

/**
 * What each participant list row shows, projected (README "Reads at scale"): `participant_provider_views` keeps,
 * per role, the enrolment the provider sees as jsonb (`ect_enrolment`, `mentor_enrolment`: everything of the
 * ECF v3 and RECT enrolment shapes that does not depend on the clock, ecf.md §2.7, rect.md §3.2) and the period's
 * `training_status_changed_at` (`*_status_changed_at`, for RECT's leaving/left). A page then reads only the
 * projection, the participants and their id changes and computes only `participant_status` as of the request
 * clock. Kept by src/domain/participants/participant-projection.ts (refreshViews) with the other projected
 * columns; existing rows are filled here with that statement's expressions as of this migration. Run
 * `vacuum analyze participant_provider_views` after it on a large database (every row is rewritten, so index-only
 * key pages fetch the heap until autovacuum has set the visibility map again).
 */
export class Migration20261216180000ParticipantEnrolmentProjection extends Migration {
  override up(): void | Promise<void> {
    this.addSql(`
alter table "participant_provider_views"
  add column "ect_status_changed_at" timestamptz null,
  add column "mentor_status_changed_at" timestamptz null,
  add column "ect_enrolment" jsonb null,
  add column "mentor_enrolment" jsonb null;
-- The ECF v3 list's default order and filter (created_at; cohorts after DEFAULT_COHORT_AFTER = 2020, the value
-- src/domain/cohorts/cohort-filter.sql.ts binds): a narrow index without the filter columns, so a deep page walks
-- a quarter of the bytes the general index holds (the last page of the largest provider: about 2.5 ms instead of 7).
-- The page computes the effective updated_at for its own rows, so nothing else is needed from the index.
create index "participant_views_list_default_index" on "participant_provider_views" ("lead_provider_id", "participant_created_at", "participant_id")
  where "api_visible" and ("ect_cohort" > 2020 or "mentor_cohort" > 2020);
update "participant_provider_views" v
   set "ect_status_changed_at" = tp.training_status_changed_at, "ect_enrolment" = jsonb_build_object(
  'trainingRecordId', tr.id, 'email', tp.email, 'mentorId', mr.participant_id, 'schoolUrn', s.urn,
  'participantType', tr.participant_type, 'cohort', c.start_year, 'trainingStatus', tp.training_status,
  'trnChecked', tr.funding_eligibility is not null and tr.funding_eligibility_reason is distinct from 'different_trn',
  'eligibleForFunding', case tr.funding_eligibility when 'eligible' then true when 'ineligible' then false end,
  'pupilPremiumUplift', tr.pupil_premium_uplift, 'sparsityUplift', tr.sparsity_uplift, 'scheduleIdentifier', sh.schedule_identifier,
  'deliveryPartnerId', pt.delivery_partner_id,
  'withdrawal', case when tp.training_status = 'withdrawn' and tp.training_status_lead_provider_id = v.lead_provider_id
                then jsonb_build_object('reason', case tp.training_status_reason when 'changed-lead-provider' then 'other' else tp.training_status_reason end, 'date', to_char(tp.training_status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
  'deferral', case when tp.training_status = 'deferred' and tp.training_status_lead_provider_id = v.lead_provider_id
              then jsonb_build_object('reason', tp.training_status_reason, 'date', to_char(tp.training_status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
  'createdAt', to_char(tr.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'inductionEndDate', to_char(tr.induction_end_date, 'YYYY-MM-DD'),
  'mentorFundingEndDate', to_char(tr.mentor_funding_end_date, 'YYYY-MM-DD'),
  'cohortChangedAfterPaymentsFrozen', tr.cohort_changed_after_payments_frozen,
  'mentorIneligibleForFundingReason', case when tr.participant_type = 'mentor' then tr.mentor_funding_end_reason end,
  'rect', jsonb_build_object(
    'withdrawal', case when tp.training_status = 'withdrawn' and tp.training_status_lead_provider_id = v.lead_provider_id
                  then jsonb_build_object('reason', tp.training_status_reason, 'date', to_char(tp.training_status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
    'inductionEndDate', to_char(ind.end_date, 'YYYY-MM-DD'),
    'mostRecentInductionPeriodEndDate', to_char(ind.latest_finish, 'YYYY-MM-DD'), 'overallInductionStartDate', to_char(ind.first_start, 'YYYY-MM-DD'),
    'workingPattern', case when tr.participant_type = 'ect' then
      (select wp.working_pattern from training_periods wp where wp.training_record_id = tr.id
        order by wp.start_date desc, wp.created_at desc, wp.id desc limit 1) end,
    'completed', coalesce(case tr.participant_type
      when 'ect' then ind.end_date is not null and (tp.end_date is null or ind.end_date <= tp.end_date)
      else tr.mentor_funding_end_date is not null and (tp.end_date is null or tr.mentor_funding_end_date <= tp.end_date) end, false)))
  from training_periods tp
    join training_records tr on tr.id = tp.training_record_id
    join schools s on s.id = tp.school_id
    join cohorts c on c.id = tp.cohort_id
    join schedules sh on sh.id = tp.schedule_id
    left join partnerships pt on pt.id = tp.partnership_id
    left join training_records mr on mr.id = tp.mentor_training_record_id
    left join lateral (
      select coalesce((select ip.finished_on from induction_periods ip where ip.training_record_id = tr.id and ip.finished_on is not null
                         and ip.outcome is not null order by ip.finished_on desc limit 1), tr.induction_end_date) as end_date,
             coalesce((select min(ip.started_on) from induction_periods ip where ip.training_record_id = tr.id), tr.induction_start_date) as first_start,
             (select ip.finished_on from induction_periods ip where ip.training_record_id = tr.id order by ip.started_on desc, ip.id desc limit 1)
               as latest_finish
       where tr.participant_type = 'ect') ind on true
 where tp.id = v.ect_period_id;
update "participant_provider_views" v
   set "mentor_status_changed_at" = tp.training_status_changed_at, "mentor_enrolment" = jsonb_build_object(
  'trainingRecordId', tr.id, 'email', tp.email, 'mentorId', mr.participant_id, 'schoolUrn', s.urn,
  'participantType', tr.participant_type, 'cohort', c.start_year, 'trainingStatus', tp.training_status,
  'trnChecked', tr.funding_eligibility is not null and tr.funding_eligibility_reason is distinct from 'different_trn',
  'eligibleForFunding', case tr.funding_eligibility when 'eligible' then true when 'ineligible' then false end,
  'pupilPremiumUplift', tr.pupil_premium_uplift, 'sparsityUplift', tr.sparsity_uplift, 'scheduleIdentifier', sh.schedule_identifier,
  'deliveryPartnerId', pt.delivery_partner_id,
  'withdrawal', case when tp.training_status = 'withdrawn' and tp.training_status_lead_provider_id = v.lead_provider_id
                then jsonb_build_object('reason', case tp.training_status_reason when 'changed-lead-provider' then 'other' else tp.training_status_reason end, 'date', to_char(tp.training_status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
  'deferral', case when tp.training_status = 'deferred' and tp.training_status_lead_provider_id = v.lead_provider_id
              then jsonb_build_object('reason', tp.training_status_reason, 'date', to_char(tp.training_status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
  'createdAt', to_char(tr.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'inductionEndDate', to_char(tr.induction_end_date, 'YYYY-MM-DD'),
  'mentorFundingEndDate', to_char(tr.mentor_funding_end_date, 'YYYY-MM-DD'),
  'cohortChangedAfterPaymentsFrozen', tr.cohort_changed_after_payments_frozen,
  'mentorIneligibleForFundingReason', case when tr.participant_type = 'mentor' then tr.mentor_funding_end_reason end,
  'rect', jsonb_build_object(
    'withdrawal', case when tp.training_status = 'withdrawn' and tp.training_status_lead_provider_id = v.lead_provider_id
                  then jsonb_build_object('reason', tp.training_status_reason, 'date', to_char(tp.training_status_changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) end,
    'inductionEndDate', to_char(ind.end_date, 'YYYY-MM-DD'),
    'mostRecentInductionPeriodEndDate', to_char(ind.latest_finish, 'YYYY-MM-DD'), 'overallInductionStartDate', to_char(ind.first_start, 'YYYY-MM-DD'),
    'workingPattern', case when tr.participant_type = 'ect' then
      (select wp.working_pattern from training_periods wp where wp.training_record_id = tr.id
        order by wp.start_date desc, wp.created_at desc, wp.id desc limit 1) end,
    'completed', coalesce(case tr.participant_type
      when 'ect' then ind.end_date is not null and (tp.end_date is null or ind.end_date <= tp.end_date)
      else tr.mentor_funding_end_date is not null and (tp.end_date is null or tr.mentor_funding_end_date <= tp.end_date) end, false)))
  from training_periods tp
    join training_records tr on tr.id = tp.training_record_id
    join schools s on s.id = tp.school_id
    join cohorts c on c.id = tp.cohort_id
    join schedules sh on sh.id = tp.schedule_id
    left join partnerships pt on pt.id = tp.partnership_id
    left join training_records mr on mr.id = tp.mentor_training_record_id
    left join lateral (
      select coalesce((select ip.finished_on from induction_periods ip where ip.training_record_id = tr.id and ip.finished_on is not null
                         and ip.outcome is not null order by ip.finished_on desc limit 1), tr.induction_end_date) as end_date,
             coalesce((select min(ip.started_on) from induction_periods ip where ip.training_record_id = tr.id), tr.induction_start_date) as first_start,
             (select ip.finished_on from induction_periods ip where ip.training_record_id = tr.id order by ip.started_on desc, ip.id desc limit 1)
               as latest_finish
       where tr.participant_type = 'ect') ind on true
 where tp.id = v.mentor_period_id;
`);
  }

  override down(): void | Promise<void> {
    this.addSql(`
drop index if exists "participant_views_list_default_index";
alter table "participant_provider_views"
  drop column if exists "ect_status_changed_at",
  drop column if exists "mentor_status_changed_at",
  drop column if exists "ect_enrolment",
  drop column if exists "mentor_enrolment";
`);
  }
}
