import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { NpqOutcomeView } from '../../domain/npq/npq-outcomes.query.js';
import { DateScalar, DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';

export enum NpqOutcomeStateEnum {
  passed = 'passed',
  failed = 'failed',
  voided = 'voided',
}
registerEnumType(NpqOutcomeStateEnum, {
  name: 'NpqOutcomeState',
  description: "A participant's assessment outcome for an NPQ course (npq.md §1.10).",
  valuesConfig: {
    passed: { description: 'The participant passed.' },
    failed: { description: 'The participant failed.' },
    voided: { description: 'Withdrawn by the system when the completed declaration was voided; providers cannot send it.' },
  },
});

@ObjectType({ description: "A participant outcome submitted by the calling lead provider for one of the participant's courses.", simpleResolvers: true })
export class NpqOutcome implements NpqOutcomeView {
  @Field(() => ID, { description: 'The outcome id.' })
  id!: string;

  @Field(() => NpqOutcomeStateEnum, { description: 'Passed, failed or voided.' })
  state!: NpqOutcomeView['state'];

  @Field(() => DateScalar, { description: 'When the participant received the outcome.' })
  completionDate!: string;

  @Field({ description: 'The course the outcome is for, e.g. npq-headship.' })
  courseIdentifier!: string;

  @Field(() => ID, { description: 'The participant (the person).' })
  participantId!: string;

  @Field(() => DateTimeScalar, { description: 'When the outcome was recorded (commit-ordered; filter with createdSince).' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { description: 'When the outcome last changed (outcomes do not change once recorded).' })
  updatedAt!: string;
}

@ObjectType({ description: 'One page of NPQ outcomes.', simpleResolvers: true })
export class NpqOutcomePage extends PageOf(NpqOutcome, 'NPQ outcomes') {}

@InputType({ description: 'Filters of the NPQ outcomes list; omitted filters match everything.' })
export class NpqOutcomeFilterInput {
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only outcomes recorded at or after this instant.' })
  createdSince?: Date;
}

@InputType({ description: 'What a provider sends to record an outcome (npq.md §6.3). Values pass as sent, so the rules report wrong types.' })
export class CreateNpqOutcomeInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'A leadership or specialist course of the participant, e.g. npq-headship.' })
  courseIdentifier?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'passed or failed.' })
  state?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The completion date, yyyy-mm-dd; not in the future.' })
  completionDate?: unknown;
}
