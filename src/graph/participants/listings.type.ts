import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import type { ParticipantTransfersView, TransferSideView, TransferView } from '../../domain/participants/transfers.query.js';
import type { UnfundedMentorView } from '../../domain/participants/unfunded-mentors.query.js';
import { DateScalar, DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';

export enum TransferTypeEnum {
  new_school = 'new_school',
  new_provider = 'new_provider',
  unknown = 'unknown',
}
registerEnumType(TransferTypeEnum, {
  name: 'TransferType',
  description: 'What kind of move a transfer is (ecf.md §8.3).',
  valuesConfig: {
    new_school: { description: 'Another school, the same lead provider (or no provider on one side).' },
    new_provider: { description: 'Another school with another lead provider.' },
    unknown: { description: 'The participant is leaving; no joining school is known yet.' },
  },
});

export enum TransferStatusEnum {
  incomplete = 'incomplete',
  complete = 'complete',
}
registerEnumType(TransferStatusEnum, {
  name: 'TransferStatus',
  description: "Whether a transfer's dates have passed, as of the request's clock.",
  valuesConfig: {
    incomplete: { description: 'The leaving date or the joining date is still ahead.' },
    complete: { description: 'Both dates have passed.' },
  },
});

@ObjectType({ description: 'One side of a transfer: the school left or joined.', simpleResolvers: true })
export class TransferSide implements TransferSideView {
  @Field({ description: "The school's unique reference number." })
  schoolUrn!: string;

  @Field(() => String, { nullable: true, description: "The name of the lead provider of that school's training; null when none." })
  provider!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Leaving: the end date of the training there; joining: its start date.' })
  date!: string | null;
}

@ObjectType({ description: 'One move of a participant between schools (ecf.md §8.3).', simpleResolvers: true })
export class Transfer implements TransferView {
  @Field(() => ID, { description: 'The training record (ECT or mentor) that moved.' })
  trainingRecordId!: string;

  @Field(() => TransferTypeEnum, { description: 'Another school, another provider, or not known yet.' })
  transferType!: TransferView['transferType'];

  @Field(() => TransferStatusEnum, { description: 'Computed with the request clock; it turns complete by itself when the later date passes.' })
  status!: TransferView['status'];

  @Field(() => DateTimeScalar, { description: 'When the leaving training period was recorded.' })
  createdAt!: string;

  @Field(() => TransferSide, { description: 'The school left.' })
  leaving!: TransferSideView;

  @Field(() => TransferSide, { nullable: true, description: 'The school joined; null while unknown.' })
  joining!: TransferSideView | null;
}

@ObjectType({ description: 'The transfers of one participant that the calling provider sees (one side is with it).', simpleResolvers: true })
export class ParticipantTransfers implements ParticipantTransfersView {
  @Field(() => ID, { description: 'The participant id.' })
  id!: string;

  @Field(() => DateTimeScalar, {
    description: 'When a transfer shown here last changed, including a status turning complete as its date passes (filter with updatedSince).',
  })
  updatedAt!: string;

  @Field(() => [Transfer], { description: 'The transfers, ECT and mentor ones together, by the leaving training start.' })
  transfers!: TransferView[];
}

@ObjectType({ description: 'One page of participants with transfers.', simpleResolvers: true })
export class ParticipantTransfersPage extends PageOf(ParticipantTransfers, 'participants with transfers') {}

export enum ParticipantTransfersSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
}
registerEnumType(ParticipantTransfersSortField, {
  name: 'ParticipantTransfersSortField',
  description: 'Fields participants with transfers can be sorted by.',
  valuesConfig: { createdAt: { description: 'When the participant was created.' }, updatedAt: { description: 'ParticipantTransfers.updatedAt' } },
});

export const ParticipantTransfersSortInput = sortInput('ParticipantTransfersSortInput', ParticipantTransfersSortField, 'participants with transfers');
export type ParticipantTransfersSortInput = InstanceType<typeof ParticipantTransfersSortInput>;

@InputType({ description: 'Filters of the participant transfers list; omitted filters match everything.' })
export class ParticipantTransfersFilterInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only participants whose transfers updatedAt is at or after this instant.' })
  updatedSince?: Date;
}

@ObjectType({ description: "A mentor of the calling provider's ECTs who does not train with that provider (ecf.md §8.2).", simpleResolvers: true })
export class UnfundedMentor implements UnfundedMentorView {
  @Field(() => ID, { description: "The mentor's participant id." })
  id!: string;

  @Field({ description: 'The full name.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: "The email of the mentor's latest mentor training, else the participant's email." })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'The teacher reference number (TRN), if known.' })
  teacherReferenceNumber!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the participant was created.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, {
    description: "When the mentor entered this provider's list or their name, email or TRN last changed (filter with updatedSince).",
  })
  updatedAt!: string;
}

@ObjectType({ description: 'One page of unfunded mentors.', simpleResolvers: true })
export class UnfundedMentorPage extends PageOf(UnfundedMentor, 'unfunded mentors') {}

export enum UnfundedMentorSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
}
registerEnumType(UnfundedMentorSortField, {
  name: 'UnfundedMentorSortField',
  description: 'Fields unfunded mentors can be sorted by.',
  valuesConfig: { createdAt: { description: 'When the participant was created.' }, updatedAt: { description: 'UnfundedMentor.updatedAt' } },
});

export const UnfundedMentorSortInput = sortInput('UnfundedMentorSortInput', UnfundedMentorSortField, 'unfunded mentors');
export type UnfundedMentorSortInput = InstanceType<typeof UnfundedMentorSortInput>;

@InputType({ description: 'Filters of the unfunded mentors list; omitted filters match everything.' })
export class UnfundedMentorFilterInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only mentors whose updatedAt is at or after this instant.' })
  updatedSince?: Date;
}
