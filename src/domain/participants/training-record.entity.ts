import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const PARTICIPANT_TYPES = ['ect', 'mentor'] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];

/** ecf.md §1.4 `ECFParticipantEligibility.status`; only `eligible` is fundable. */
export const FUNDING_ELIGIBILITIES = ['eligible', 'matched', 'manual_check', 'ineligible'] as const;
export type FundingEligibility = (typeof FUNDING_ELIGIBILITIES)[number];
export const FUNDING_ELIGIBILITY_REASONS = [
  'active_flags',
  'previous_participation',
  'previous_induction',
  'no_qts',
  'different_trn',
  'duplicate_profile',
  'none',
  'no_induction',
  'exempt_from_induction',
] as const;
export type FundingEligibilityReason = (typeof FUNDING_ELIGIBILITY_REASONS)[number];

/** Why a mentor's funding ended (ecf.md §2.7 `mentor_ineligible_for_funding_reason`). */
export const MENTOR_FUNDING_END_REASONS = ['completed_declaration_received', 'completed_during_early_roll_out', 'started_not_completed'] as const;
export type MentorFundingEndReason = (typeof MENTOR_FUNDING_END_REASONS)[number];

/**
 * One participant's training in one role (ECT or mentor): the API `training_record_id`. At most one per role,
 * so the id stays the same across schools and providers (as RECT keeps it, rect.md §3.1). What the provider sees
 * of it at a point in time comes from its training periods; this row holds what is not time-sliced: the
 * schedule the participant is on (its cohort is the declaration cohort), funding eligibility, uplifts and the
 * induction / mentor-funding end.
 */
export const TrainingRecordSchema = defineEntity({
  name: 'TrainingRecord',
  tableName: 'training_records',
  properties: {
    id: p.uuid().primary(),
    participantId: p.uuid(),
    participantType: p.enum(PARTICIPANT_TYPES),
    scheduleId: p.uuid(),
    fundingEligibility: p.enum(FUNDING_ELIGIBILITIES).nullable(),
    fundingEligibilityReason: p.enum(FUNDING_ELIGIBILITY_REASONS).nullable(),
    pupilPremiumUplift: p.boolean().default(false),
    sparsityUplift: p.boolean().default(false),
    inductionStartDate: p.date().nullable(),
    /** ECTs: the date induction was completed (API `induction_end_date`). */
    inductionEndDate: p.date().nullable(),
    /** Mentors: the date mentor funding ended (API `mentor_funding_end_date`). */
    mentorFundingEndDate: p.date().nullable(),
    mentorFundingEndReason: p.enum(MENTOR_FUNDING_END_REASONS).nullable(),
    cohortChangedAfterPaymentsFrozen: p.boolean().default(false),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type TrainingRecord = InferEntity<typeof TrainingRecordSchema>;

/** RECT `working_pattern` of an ECT at a school (rect.md §3.1). */
export const WORKING_PATTERNS = ['full_time', 'part_time'] as const;
export type WorkingPattern = (typeof WORKING_PATTERNS)[number];

/** ecf.md §1.4 induction record `induction_status` (owned by the school). */
export const INDUCTION_STATUSES = ['active', 'withdrawn', 'changed', 'leaving', 'completed'] as const;
export type InductionStatus = (typeof INDUCTION_STATUSES)[number];
/** Owned by the lead provider (defer, resume, withdraw). */
export const TRAINING_STATUSES = ['active', 'deferred', 'withdrawn'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/**
 * One time slice of a training record (ecf.md §1.4 "induction record"): where, with whom and in what state the
 * participant trains from `startDate` to `endDate`. A change closes the current slice and opens a copy (ecf.md
 * §3.8), so the rows are the history. The partnership gives the lead provider and delivery partner (null: no
 * provider, e.g. school-led). `cohortId` is the school-in-cohort's cohort (the API `cohort`); the schedule's
 * cohort is what the cohort filter reads. The training-status reason, time and provider record the provider
 * action that set the status (v3 `withdrawal` / `deferral`, shown only to that provider).
 */
export const TrainingPeriodSchema = defineEntity({
  name: 'TrainingPeriod',
  tableName: 'training_periods',
  properties: {
    id: p.uuid().primary(),
    trainingRecordId: p.uuid(),
    schoolId: p.uuid(),
    cohortId: p.uuid(),
    partnershipId: p.uuid().nullable(),
    scheduleId: p.uuid(),
    inductionStatus: p.enum(INDUCTION_STATUSES),
    trainingStatus: p.enum(TRAINING_STATUSES).default('active'),
    trainingStatusReason: p.string().nullable(),
    trainingStatusChangedAt: p.datetime().nullable(),
    trainingStatusLeadProviderId: p.uuid().nullable(),
    /** ECTs: the mentor's (mentor) training record. */
    mentorTrainingRecordId: p.uuid().nullable(),
    /** The email the school gave for this slice; the participant's email when null. */
    email: p.string().nullable(),
    /** The slice started with a move from another school (ecf.md §1.7). */
    schoolTransfer: p.boolean().default(false),
    /** ECTs: the working pattern the school gave (RECT `working_pattern`); null when not given. */
    workingPattern: p.enum(WORKING_PATTERNS).nullable(),
    startDate: p.datetime(),
    endDate: p.datetime().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type TrainingPeriod = InferEntity<typeof TrainingPeriodSchema>;

/** The appropriate body's recorded outcome of an induction period. */
export const INDUCTION_OUTCOMES = ['pass', 'fail'] as const;
export type InductionOutcome = (typeof INDUCTION_OUTCOMES)[number];

/**
 * One statutory induction period of an ECT, as the appropriate body records it (rect.md §3.1–3.2). RECT derives
 * `overall_induction_start_date` (the earliest start), `most_recent_induction_period_end_date` (the finish of the
 * latest-started period; null while it is open) and `induction_end_date` (the latest finished period with an
 * outcome) from these; without periods it falls back to the training record's induction dates.
 */
export const InductionPeriodSchema = defineEntity({
  name: 'InductionPeriod',
  tableName: 'induction_periods',
  properties: {
    id: p.uuid().primary(),
    trainingRecordId: p.uuid(),
    startedOn: p.date(),
    finishedOn: p.date().nullable(),
    outcome: p.enum(INDUCTION_OUTCOMES).nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type InductionPeriod = InferEntity<typeof InductionPeriodSchema>;
