import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { SchoolView } from '../../domain/schools/schools.query.js';
import type { InductionProgrammeChoice } from '../../domain/schools/school-cohort.entity.js';
import type { TrainingRoute } from '../../domain/schools/training-route.js';

@ObjectType({ description: 'A school as seen in one cohort. Schools are visible to every ECF lead provider.', simpleResolvers: true })
export class School implements SchoolView {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  urn!: string;

  @Field(() => Int)
  cohort!: number;

  @Field({ description: 'Any provider has an unchallenged partnership with the school in the cohort.' })
  inPartnership!: boolean;

  @Field(() => String, { description: 'The ECF induction programme choice for the cohort.' })
  inductionProgrammeChoice!: InductionProgrammeChoice;

  @Field(() => String, { description: 'Who leads the training: provider_led, school_led, no_early_career_teachers or not_yet_known.' })
  trainingRoute!: TrainingRoute;

  @Field({ description: 'The caller has an unchallenged partnership with the school in the cohort.' })
  expressionOfInterest!: boolean;

  @Field(() => String, { nullable: true })
  inductionTutorName!: string | null;

  @Field(() => String, { nullable: true })
  inductionTutorEmail!: string | null;

  @Field()
  createdAt!: string;

  @Field()
  updatedAt!: string;
}

@InputType()
export class SchoolFilterInput {
  @Field(() => Int, { nullable: true, description: 'The cohort start year (required by REST; null matches nothing).' })
  cohort?: number | null;

  @Field({ nullable: true })
  urn?: string;

  @Field({ nullable: true })
  updatedSince?: Date;
}
