import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { StatementView } from '../../domain/statements/statements.query.js';
import { ProgrammeEnum } from '../shared/inputs.js';

@ObjectType({ description: 'A monthly financial statement of the calling lead provider.', simpleResolvers: true })
export class Statement implements StatementView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1–12' })
  month!: number;

  @Field(() => Int)
  year!: number;

  @Field(() => ProgrammeEnum)
  programme!: ProgrammeEnum;

  @Field(() => Int)
  cohort!: number;

  @Field({ description: 'YYYY-MM-DD' })
  cutOffDate!: string;

  @Field({ description: 'YYYY-MM-DD' })
  paymentDate!: string;

  @Field()
  paid!: boolean;

  @Field({ description: 'open | payable | paid' })
  state!: 'open' | 'payable' | 'paid';

  @Field()
  outputFee!: boolean;

  @Field()
  createdAt!: string;

  @Field()
  updatedAt!: string;
}

@InputType()
export class StatementFilterInput {
  @Field(() => [Int], { nullable: true })
  cohorts?: number[];

  @Field({ nullable: true, description: 'Only statements updated at or after this instant (RFC 3339).' })
  updatedSince?: Date;

  @Field({ nullable: true, description: 'ECF filter[type]: a value other than the programme matches nothing.' })
  type?: string;
}
