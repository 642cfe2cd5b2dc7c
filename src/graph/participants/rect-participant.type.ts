import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ParticipantIdChangeView, TrainingStatusChangeView } from '../../domain/participants/participants.query.js';
import type { RectEnrolmentView, RectParticipantView } from '../../domain/participants/rect-participants.query.js';
import { DateScalar, DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';
import {
  EcfParticipantSortField,
  MentorIneligibleForFundingReasonEnum,
  ParticipantIdChange,
  ParticipantTypeEnum,
  TrainingStatusChange,
  TrainingStatusEnum,
} from './participant.type.js';

export enum RectParticipantStatusEnum {
  joining = 'joining',
  active = 'active',
  leaving = 'leaving',
  left = 'left',
}
registerEnumType(RectParticipantStatusEnum, {
  name: 'RectParticipantStatus',
  description: "RECT's participant status of the training period the provider sees, as of the request's clock (rect.md §3.2).",
  valuesConfig: {
    joining: { description: 'The training starts in the future.' },
    active: { description: 'Training (or induction or mentor training completed within the period).' },
    leaving: { description: 'The training ends in the future, or is withdrawn or deferred from a future date.' },
    left: { description: 'The training has ended, or was withdrawn or deferred.' },
  },
});

export enum WorkingPatternEnum {
  full_time = 'full_time',
  part_time = 'part_time',
}
registerEnumType(WorkingPatternEnum, {
  name: 'WorkingPattern',
  description: "An ECT's working pattern at their school.",
  valuesConfig: { full_time: { description: 'Full time.' }, part_time: { description: 'Part time.' } },
});

@ObjectType({ description: 'A training record of the participant as the calling provider sees it (RECT v3 ecf_enrolments).', simpleResolvers: true })
export class RectEnrolment implements RectEnrolmentView {
  @Field(() => ID, { description: 'The training record id: one per participant and role, never changes.' })
  trainingRecordId!: string;

  @Field(() => String, { nullable: true, description: 'The email the school gave for this training, else the participant email.' })
  email!: string | null;

  @Field(() => ID, { nullable: true, description: "ECTs: the mentor's participant id; null for mentors and unmentored ECTs." })
  mentorId!: string | null;

  @Field({ description: "The school's unique reference number." })
  schoolUrn!: string;

  @Field(() => ParticipantTypeEnum, { description: 'ECT or mentor.' })
  participantType!: RectEnrolmentView['participantType'];

  @Field(() => Int, { description: 'The cohort (contract year) of the training period.' })
  cohort!: number;

  @Field(() => TrainingStatusEnum, { description: 'The training status the lead provider set.' })
  trainingStatus!: RectEnrolmentView['trainingStatus'];

  @Field(() => RectParticipantStatusEnum, { description: "RECT's participant status, computed with the request clock." })
  participantStatus!: RectEnrolmentView['participantStatus'];

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

  @Field(() => TrainingStatusChange, { nullable: true, description: 'When withdrawn by this provider: its reason (changed-lead-provider included) and date.' })
  withdrawal!: TrainingStatusChangeView | null;

  @Field(() => TrainingStatusChange, { nullable: true, description: 'When deferred by this provider: its reason and date.' })
  deferral!: TrainingStatusChangeView | null;

  @Field(() => DateTimeScalar, { description: 'When the training record was created.' })
  createdAt!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'ECTs: the end of the latest finished induction period with an outcome, else the recorded induction end.',
  })
  inductionEndDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'ECTs: the end of the latest-started induction period; null while it is open.' })
  mostRecentInductionPeriodEndDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'ECTs: the start of the earliest induction period, else the recorded induction start.' })
  overallInductionStartDate!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Mentors: the day the mentor's funding ended." })
  mentorFundingEndDate!: string | null;

  @Field({ description: 'The participant was moved out of a cohort whose payments were frozen.' })
  cohortChangedAfterPaymentsFrozen!: boolean;

  @Field(() => MentorIneligibleForFundingReasonEnum, { nullable: true, description: 'Mentors: why funding ended; null for ECTs and funded mentors.' })
  mentorIneligibleForFundingReason!: RectEnrolmentView['mentorIneligibleForFundingReason'];

  @Field(() => WorkingPatternEnum, {
    nullable: true,
    description: 'ECTs: the working pattern of their latest training period (at any school); null if not given.',
  })
  workingPattern!: RectEnrolmentView['workingPattern'];
}

@ObjectType({
  description: 'A participant (ECT, mentor or both) the calling provider sees, with its training records (RECT v3 shape).',
  simpleResolvers: true,
})
export class RectParticipant implements RectParticipantView {
  @Field(() => ID, { description: 'The participant id (a UUID that never changes; merges publish participantIdChanges).' })
  id!: string;

  @Field({ description: 'The full name.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'The teacher reference number (TRN), if known.' })
  teacherReferenceNumber!: string | null;

  @Field(() => DateTimeScalar, {
    description: 'When anything this provider sees of the participant last changed, including a status changing as a start or end date passes.',
  })
  updatedAt!: string;

  @Field(() => [RectEnrolment], { description: 'The training records this provider sees: the ECT one first, then the mentor one.' })
  ecfEnrolments!: RectEnrolmentView[];

  @Field(() => [ParticipantIdChange], { description: 'Retired ids merged into this participant, oldest first.' })
  participantIdChanges!: ParticipantIdChangeView[];
}

@ObjectType({ description: 'One page of RECT participants.', simpleResolvers: true })
export class RectParticipantPage extends PageOf(RectParticipant, 'participants') {}

export const RectParticipantSortInput = sortInput('RectParticipantSortInput', EcfParticipantSortField, 'RECT participants');
export type RectParticipantSortInput = InstanceType<typeof RectParticipantSortInput>;

@InputType({ description: 'Filters of the RECT participants list; omitted filters match everything.' })
export class RectParticipantFilterInput {
  @Field(() => [Int], { nullable: true, description: 'Cohorts of a visible training record; omitted = every cohort; empty = none.' })
  cohorts?: number[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only participants whose updatedAt is at or after this instant.' })
  updatedSince?: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Only participants with a training record in this training status (active, deferred, withdrawn); any other value matches nothing.',
  })
  trainingStatus?: string;

  @Field(() => ID, { nullable: true, description: 'Only the participant that took over this retired participant id.' })
  fromParticipantId?: string;
}
