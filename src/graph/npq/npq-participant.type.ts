import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type {
  NpqEnrolmentView,
  NpqParticipantIdChangeView,
  NpqParticipantView,
  NpqRetiredParticipantIdView,
  NpqStatusChangeView,
} from '../../domain/npq/npq-participants.query.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';
import { NpqTrainingStatusEnum } from './npq-application.type.js';

@ObjectType({ description: 'A training-status change shown on an NPQ enrolment: why and when.', simpleResolvers: true })
export class NpqStatusChange implements NpqStatusChangeView {
  @Field(() => String, { nullable: true, description: 'The reason the provider gave (e.g. career-break, started-in-error).' })
  reason!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the change was made.' })
  date!: string;
}

@ObjectType({ description: 'One accepted NPQ application of the participant with the calling lead provider (an enrolment).', simpleResolvers: true })
export class NpqEnrolment implements NpqEnrolmentView {
  @Field(() => ID, { description: 'The accepted application (npq_application_id).' })
  applicationId!: string;

  @Field({ description: 'The course, e.g. npq-headship.' })
  courseIdentifier!: string;

  @Field(() => String, { nullable: true, description: 'The schedule, e.g. npq-leadership-autumn.' })
  scheduleIdentifier!: string | null;

  @Field(() => Int, { nullable: true, description: 'The cohort start year.' })
  cohort!: number | null;

  @Field(() => String, { nullable: true, description: "The cohort's suffix, e.g. a or b." })
  cohortSuffix!: string | null;

  @Field({ description: 'The eligible-for-funding registration answer as stored (not the derived application value).' })
  eligibleForFunding!: boolean;

  @Field(() => NpqTrainingStatusEnum, { description: 'Active, deferred or withdrawn.' })
  trainingStatus!: NpqTrainingStatusEnum;

  @Field(() => String, { nullable: true, description: "URN of the person's school." })
  schoolUrn!: string | null;

  @Field({ description: 'Eligible for targeted delivery funding (uplift).' })
  targetedDeliveryFundingEligibility!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Funded place (null in fully funded cohorts).' })
  fundedPlace!: boolean | null;

  @Field(() => NpqStatusChange, { nullable: true, description: "While withdrawn: the calling provider's latest withdrawal (reason and time)." })
  withdrawal!: NpqStatusChangeView | null;

  @Field(() => NpqStatusChange, { nullable: true, description: "While deferred: the calling provider's latest deferral (reason and time)." })
  deferral!: NpqStatusChangeView | null;

  @Field(() => DateTimeScalar, { description: 'When the application was accepted (the APIs show it as the enrolment created_at).' })
  createdAt!: string;
}

@ObjectType({ description: 'A retired NPQ participant id and the participant id that replaced it.', simpleResolvers: true })
export class NpqParticipantIdChange implements NpqParticipantIdChangeView {
  @Field(() => ID, { description: 'The retired participant id.' })
  fromParticipantId!: string;

  @Field(() => ID, { description: 'The participant id it was merged into.' })
  toParticipantId!: string;

  @Field(() => DateTimeScalar, { description: 'When the ids were merged.' })
  changedAt!: string;
}

@ObjectType({
  description: 'An NPQ participant: a person with at least one application accepted by the calling lead provider, with those enrolments.',
  simpleResolvers: true,
})
export class NpqParticipant implements NpqParticipantView {
  @Field(() => ID, { description: 'The participant id (the person; never changes).' })
  id!: string;

  @Field({ description: "The person's full name." })
  fullName!: string;

  @Field(() => String, { nullable: true, description: "The person's email; null for archived people." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'The teacher reference number, only once verified.' })
  teacherReferenceNumber!: string | null;

  @Field(() => [String], { description: 'Names the person used before.' })
  previousNames!: string[];

  @Field(() => DateTimeScalar, {
    description: "Latest change to the person, to any of the person's applications with any provider, or to their participant ids.",
  })
  updatedAt!: string;

  @Field(() => DateTimeScalar, { description: 'When the person first registered (the list order).' })
  createdAt!: string;

  @Field(() => [NpqEnrolment], { description: 'The accepted applications with the calling provider, oldest acceptance first.' })
  enrolments!: NpqEnrolmentView[];

  @Field(() => [NpqParticipantIdChange], { description: 'Retired ids merged into this participant, newest first.' })
  participantIdChanges!: NpqParticipantIdChangeView[];
}

@ObjectType({ description: 'One page of NPQ participants.', simpleResolvers: true })
export class NpqParticipantPage extends PageOf(NpqParticipant, 'NPQ participants') {}

@ObjectType({ description: 'A retired NPQ participant id (the v3 show answers 410 Gone for it).', simpleResolvers: true })
export class NpqRetiredParticipantId implements NpqRetiredParticipantIdView {
  @Field(() => ID, { description: 'The retired participant id asked for.' })
  fromParticipantId!: string;

  @Field(() => ID, { description: 'The participant id that replaced it.' })
  toParticipantId!: string;

  @Field(() => [NpqParticipantIdChange], { description: 'Every id change of the surviving participant, newest first.' })
  participantIdChanges!: NpqParticipantIdChangeView[];
}

export enum NpqParticipantSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
}
registerEnumType(NpqParticipantSortField, {
  name: 'NpqParticipantSortField',
  description: 'Fields NPQ participants can be sorted by.',
  valuesConfig: { createdAt: { description: 'NpqParticipant.createdAt' }, updatedAt: { description: 'NpqParticipant.updatedAt' } },
});

export const NpqParticipantSortInput = sortInput('NpqParticipantSortInput', NpqParticipantSortField, 'NPQ participants');
export type NpqParticipantSortInput = InstanceType<typeof NpqParticipantSortInput>;

@InputType({ description: 'Filters of the NPQ participants list; omitted filters match everything.' })
export class NpqParticipantFilterInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only participants whose updatedAt is at or after this instant.' })
  updatedSince?: Date;

  @Field(() => NpqTrainingStatusEnum, { nullable: true, description: 'Only participants with an enrolment with the caller in this training status.' })
  trainingStatus?: NpqTrainingStatusEnum;

  @Field(() => String, { nullable: true, description: 'Only the participant that took over this retired participant id.' })
  fromParticipantId?: string;
}

@InputType({ description: 'Which enrolment a participant action applies to, and why (npq.md §4.2–4.5).' })
export class NpqParticipantActionInput {
  @Field(() => String, { nullable: true, description: 'The course of the accepted application to change, exactly (ASO and EHCO are different courses here).' })
  courseIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: 'Defer and withdraw: the reason (checked against the action’s list); ignored by resume.' })
  reason?: string | null;
}

@InputType({ description: 'A schedule change (npq.md §4.6).' })
export class ChangeNpqParticipantScheduleInput {
  @Field(() => String, { nullable: true, description: 'The course of the accepted application to change, exactly.' })
  courseIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: 'The new schedule, e.g. npq-leadership-spring.' })
  scheduleIdentifier?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The target cohort's start year; omitted = the current schedule's cohort year. 0 stands for a value that is not a year (no schedule matches).",
  })
  cohort?: number | null;
}
