import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { StatementView } from '../../domain/statements/statements.query.js';
import { ProgrammeEnum } from '../shared/inputs.js';
import { DateScalar, DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';

export enum StatementStateEnum {
  open = 'open',
  payable = 'payable',
  paid = 'paid',
}
registerEnumType(StatementStateEnum, {
  name: 'StatementState',
  description: 'Where a statement is in its life: open → payable → paid.',
  valuesConfig: {
    open: { description: 'Declarations can still be added.' },
    payable: { description: 'Closed after its cut-off date; awaiting payment.' },
    paid: { description: 'Paid.' },
  },
});

@ObjectType({ description: 'A monthly financial statement of the calling lead provider.', simpleResolvers: true })
export class Statement implements StatementView {
  @Field(() => ID, { description: 'The statement id (a UUID that never changes).' })
  id!: string;

  @Field(() => Int, { description: 'The month it covers, 1–12.' })
  month!: number;

  @Field(() => Int, { description: 'The year it covers.' })
  year!: number;

  @Field(() => ProgrammeEnum, { description: 'The programme it belongs to.' })
  programme!: StatementView['programme'];

  @Field(() => Int, { description: 'The cohort start year.' })
  cohort!: number;

  @Field(() => DateScalar, { description: 'The last day declarations count towards it.' })
  cutOffDate!: string;

  @Field(() => DateScalar, { description: 'The day it is paid.' })
  paymentDate!: string;

  @Field({ description: 'Whether it has been paid (state = paid).' })
  paid!: boolean;

  @Field(() => StatementStateEnum, { description: 'Open, payable or paid.' })
  state!: StatementView['state'];

  @Field({ description: 'Whether output fees are paid on it (only these are listed).' })
  outputFee!: boolean;

  @Field(() => DateTimeScalar, { description: 'When the statement was created.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { description: 'When the statement last changed.' })
  updatedAt!: string;
}

@ObjectType({ description: 'One page of statements.', simpleResolvers: true })
export class StatementPage extends PageOf(Statement, 'statements') {}

@InputType({ description: 'Filters of the statements list.' })
export class StatementFilterInput {
  @Field(() => [Int], { nullable: true, description: 'Cohort start years; omitted = every cohort after 2020; empty = none.' })
  cohorts?: number[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only statements whose updatedAt is at or after this instant.' })
  updatedSince?: Date;

  // Free text, not the Programme enum: REST's filter[type] accepts any value, and an unknown one matches nothing.
  @Field({ nullable: true, description: "ECF's filter[type]: any value other than the caller's programme (`ecf`) matches nothing." })
  type?: string;
}
