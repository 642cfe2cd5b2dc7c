import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { EcfEnrolmentView, EcfParticipantView, ParticipantIdChangeView, TrainingStatusChangeView } from '../../domain/participants/participants.query.js';
import { DateScalar, DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';

export enum ParticipantTypeEnum {
  ect = 'ect',
  mentor = 'mentor',
}
registerEnumType(ParticipantTypeEnum, {
  name: 'ParticipantType',
  description: 'The role a training record is for.',
  valuesConfig: { ect: { description: 'Early career teacher (course ecf-induction).' }, mentor: { description: 'Mentor (course ecf-mentor).' } },
});

export enum TrainingStatusEnum {
  active = 'active',
  deferred = 'deferred',
  withdrawn = 'withdrawn',
}
registerEnumType(TrainingStatusEnum, {
  name: 'TrainingStatus',
  description: 'The training status the lead provider sets (defer, resume, withdraw).',
  valuesConfig: {
    active: { description: 'Training.' },
    deferred: { description: 'Deferred by the lead provider.' },
    withdrawn: { description: 'Withdrawn by the lead provider.' },
  },
});

export enum ParticipantStatusEnum {
  joining = 'joining',
  active = 'active',
  leaving = 'leaving',
  left = 'left',
  withdrawn = 'withdrawn',
}
registerEnumType(ParticipantStatusEnum, {
  name: 'ParticipantStatus',
  description: "The school's view of the training record as of the request's clock (ecf.md §1.4). It changes by itself when a start or end date passes.",
  valuesConfig: {
    joining: { description: 'Starts at the school in the future.' },
    active: { description: 'Training at the school.' },
    leaving: { description: 'Leaves the school on a future date.' },
    left: { description: 'Has left the school (or moved to another provider).' },
    withdrawn: { description: 'The school withdrew the participant.' },
  },
});

export enum MentorIneligibleForFundingReasonEnum {
  completed_declaration_received = 'completed_declaration_received',
  completed_during_early_roll_out = 'completed_during_early_roll_out',
  started_not_completed = 'started_not_completed',
}
registerEnumType(MentorIneligibleForFundingReasonEnum, {
  name: 'MentorIneligibleForFundingReason',
  description: "Why a mentor's training is no longer funded.",
  valuesConfig: {
    completed_declaration_received: { description: 'A completed declaration was received.' },
    completed_during_early_roll_out: { description: 'Completed mentor training during the early roll-out.' },
    started_not_completed: { description: 'Started but did not complete before funding ended.' },
  },
});

@ObjectType({ description: 'A withdrawal or deferral this lead provider recorded.', simpleResolvers: true })
export class TrainingStatusChange implements TrainingStatusChangeView {
  @Field({ description: 'The reason given, as the API spells it (e.g. moved-school, parental-leave).' })
  reason!: string;

  @Field(() => DateTimeScalar, { description: 'When the provider recorded it.' })
  date!: string;
}

@ObjectType({ description: 'A training record of the participant as the calling provider sees it (ECF v3 ecf_enrolments).', simpleResolvers: true })
export class EcfEnrolment implements EcfEnrolmentView {
  @Field(() => ID, { description: 'The training record id: one per participant and role, never changes.' })
  trainingRecordId!: string;

  @Field(() => String, { nullable: true, description: 'The email the school gave for this training, else the participant email.' })
  email!: string | null;

  @Field(() => ID, { nullable: true, description: "ECTs: the mentor's participant id; null for mentors and unmentored ECTs." })
  mentorId!: string | null;

  @Field({ description: "The school's unique reference number." })
  schoolUrn!: string;

  @Field(() => ParticipantTypeEnum, { description: 'ECT or mentor.' })
  participantType!: EcfEnrolmentView['participantType'];

  @Field(() => Int, { description: "The cohort start year of the school's cohort the participant trains in." })
  cohort!: number;

  @Field(() => TrainingStatusEnum, { description: 'The training status the lead provider set.' })
  trainingStatus!: EcfEnrolmentView['trainingStatus'];

  @Field(() => ParticipantStatusEnum, {
    nullable: true,
    description: "The school's status, computed with the request clock; null for a leaving record with no end date.",
  })
  participantStatus!: EcfEnrolmentView['participantStatus'];

  @Field(() => Boolean, { nullable: true, description: 'Whether the TRN was validated; null when the participant has no TRN.' })
  teacherReferenceNumberValidated!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True if eligible for funding, false if not, null while undecided.' })
  eligibleForFunding!: boolean | null;

  @Field({ description: 'Pupil premium uplift applies.' })
  pupilPremiumUplift!: boolean;

  @Field({ description: 'Sparsity uplift applies.' })
  sparsityUplift!: boolean;

  @Field({ description: 'The schedule of the training period, e.g. ecf-standard-september.' })
  scheduleIdentifier!: string;

  @Field(() => ID, { nullable: true, description: "The delivery partner of the training period's partnership." })
  deliveryPartnerId!: string | null;

  @Field(() => TrainingStatusChange, { nullable: true, description: 'When withdrawn by this provider: its reason and date.' })
  withdrawal!: TrainingStatusChangeView | null;

  @Field(() => TrainingStatusChange, { nullable: true, description: 'When deferred by this provider: its reason and date.' })
  deferral!: TrainingStatusChangeView | null;

  @Field(() => DateTimeScalar, { description: 'When the training record was created.' })
  createdAt!: string;

  @Field(() => DateScalar, { nullable: true, description: 'ECTs: the day induction was completed.' })
  inductionEndDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Mentors: the day the mentor's funding ended." })
  mentorFundingEndDate!: string | null;

  @Field({ description: 'The participant was moved out of a cohort whose payments were frozen.' })
  cohortChangedAfterPaymentsFrozen!: boolean;

  @Field(() => MentorIneligibleForFundingReasonEnum, { nullable: true, description: 'Mentors: why funding ended; null for ECTs and funded mentors.' })
  mentorIneligibleForFundingReason!: EcfEnrolmentView['mentorIneligibleForFundingReason'];
}

@ObjectType({ description: 'A retired participant id that now belongs to this participant (a merged duplicate).', simpleResolvers: true })
export class ParticipantIdChange implements ParticipantIdChangeView {
  @Field(() => ID, { description: 'The retired participant id.' })
  fromParticipantId!: string;

  @Field(() => ID, { description: 'The participant id it was merged into.' })
  toParticipantId!: string;

  @Field(() => DateTimeScalar, { description: 'When the ids were merged.' })
  changedAt!: string;
}

@ObjectType({
  description: 'An ECF participant (ECT, mentor or both) the calling provider sees, with its training records (ECF v3 shape).',
  simpleResolvers: true,
})
export class EcfParticipant implements EcfParticipantView {
  @Field(() => ID, { description: 'The participant id (a UUID that never changes; merges publish participantIdChanges).' })
  id!: string;

  @Field({ description: 'The full name.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'The teacher reference number (TRN), if known.' })
  teacherReferenceNumber!: string | null;

  @Field(() => DateTimeScalar, {
    description:
      'When anything this provider sees of the participant last changed, including a status changing as a start or end date passes (filter with updatedSince).',
  })
  updatedAt!: string;

  @Field(() => [EcfEnrolment], { description: 'The training records this provider sees: the ECT one first, then the mentor one.' })
  ecfEnrolments!: EcfEnrolmentView[];

  @Field(() => [ParticipantIdChange], { description: 'Retired ids merged into this participant, oldest first.' })
  participantIdChanges!: ParticipantIdChangeView[];
}

@ObjectType({ description: 'One page of ECF participants.', simpleResolvers: true })
export class EcfParticipantPage extends PageOf(EcfParticipant, 'participants') {}

export enum EcfParticipantSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
}
registerEnumType(EcfParticipantSortField, {
  name: 'EcfParticipantSortField',
  description: 'Fields ECF participants can be sorted by.',
  valuesConfig: { createdAt: { description: 'When the participant was created.' }, updatedAt: { description: 'EcfParticipant.updatedAt' } },
});

export const EcfParticipantSortInput = sortInput('EcfParticipantSortInput', EcfParticipantSortField, 'ECF participants');
export type EcfParticipantSortInput = InstanceType<typeof EcfParticipantSortInput>;

@InputType({ description: 'Filters of the ECF participants list; omitted filters match everything.' })
export class EcfParticipantFilterInput {
  @Field(() => [Int], { nullable: true, description: "Cohort start years of a training record's schedule; omitted = every cohort after 2020; empty = none." })
  cohorts?: number[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only participants whose updatedAt is at or after this instant.' })
  updatedSince?: Date;

  @Field(() => TrainingStatusEnum, { nullable: true, description: 'Only participants with a training record in this training status.' })
  trainingStatus?: TrainingStatusEnum;

  @Field(() => ID, { nullable: true, description: 'Only the participant that took over this retired participant id.' })
  fromParticipantId?: string;
}
