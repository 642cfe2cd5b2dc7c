import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { EcfTrainingRecordView } from '../../domain/participants/training-records.query.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { ParticipantTypeEnum, TrainingStatusEnum } from './participant.type.js';

export enum TrainingRecordStatusEnum {
  active = 'active',
  withdrawn = 'withdrawn',
}
registerEnumType(TrainingRecordStatusEnum, {
  name: 'TrainingRecordStatus',
  description: "The school's status of a training record in the ECF v1/v2 shape (ecf.md §1.4): the induction status folded into two values.",
  valuesConfig: {
    active: { description: 'Training, completed or leaving (induction status active, completed or leaving).' },
    withdrawn: { description: 'The school withdrew the participant or changed the training (induction status withdrawn or changed).' },
  },
});

@ObjectType({
  description:
    'One training record (ECT or mentor) of an ECF participant as the calling provider sees it, with the person’s fields: the ECF v1/v2 ' +
    'participant row. A person who is an ECT and a mentor with the provider has two, with the same id.',
  simpleResolvers: true,
})
export class EcfTrainingRecord implements EcfTrainingRecordView {
  @Field(() => ID, { description: 'The participant id (the same on both records of a person).' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The email the school gave for this training, else the participant email.' })
  email!: string | null;

  @Field({ description: 'The full name.' })
  fullName!: string;

  @Field(() => ID, { nullable: true, description: "ECTs: the mentor's participant id; null for mentors and unmentored ECTs." })
  mentorId!: string | null;

  @Field({ description: "The school's unique reference number." })
  schoolUrn!: string;

  @Field(() => ParticipantTypeEnum, { description: 'ECT or mentor.' })
  participantType!: EcfTrainingRecordView['participantType'];

  @Field(() => Int, { description: "The cohort start year of the school's cohort the participant trains in." })
  cohort!: number;

  @Field(() => TrainingRecordStatusEnum, { description: "The school's status of the record (active or withdrawn); it does not change with time." })
  status!: EcfTrainingRecordView['status'];

  @Field(() => String, { nullable: true, description: 'The teacher reference number (TRN), if known.' })
  teacherReferenceNumber!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the TRN was validated; null when the participant has no TRN.' })
  teacherReferenceNumberValidated!: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'True if eligible for funding, false if not, null while undecided.' })
  eligibleForFunding!: boolean | null;

  @Field({ description: 'Pupil premium uplift applies.' })
  pupilPremiumUplift!: boolean;

  @Field({ description: 'Sparsity uplift applies.' })
  sparsityUplift!: boolean;

  @Field(() => TrainingStatusEnum, { description: 'The training status the lead provider set.' })
  trainingStatus!: EcfTrainingRecordView['trainingStatus'];

  @Field(() => ID, { description: 'The training record id: one per participant and role, never changes.' })
  trainingRecordId!: string;

  @Field({ description: 'The schedule of the training period, e.g. ecf-standard-september.' })
  scheduleIdentifier!: string;

  @Field(() => DateTimeScalar, {
    description:
      'When anything this provider sees of the participant (either record, or the person) last changed, as stamped by the write (filter with updatedSince).',
  })
  updatedAt!: string;

  @Field({ description: 'Opaque position of this row in its list order; pass it as `after` to read the rows behind it.' })
  cursor!: string;
}

@ObjectType({ description: 'One page of ECF training records.', simpleResolvers: true })
export class EcfTrainingRecordPage extends PageOf(EcfTrainingRecord, 'training records') {}

@InputType({ description: 'Filters of the ECF training records list; omitted filters match everything.' })
export class EcfTrainingRecordFilterInput {
  @Field(() => [Int], { nullable: true, description: "Cohort start years of the record's schedule; omitted = every cohort after 2020; empty = none." })
  cohorts?: number[];

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'Only records whose updatedAt is at or after this instant. Given, the list is ordered by updatedAt (as the live v1/v2 lists are).',
  })
  updatedSince?: Date;
}
