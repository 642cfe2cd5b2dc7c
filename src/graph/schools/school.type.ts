import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { SchoolView } from '../../domain/schools/schools.query.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';

export enum InductionProgrammeChoiceEnum {
  full_induction_programme = 'full_induction_programme',
  core_induction_programme = 'core_induction_programme',
  design_our_own = 'design_our_own',
  school_funded_fip = 'school_funded_fip',
  no_early_career_teachers = 'no_early_career_teachers',
  not_yet_known = 'not_yet_known',
}
registerEnumType(InductionProgrammeChoiceEnum, {
  name: 'InductionProgrammeChoice',
  description: "A school's ECF induction programme choice for a cohort.",
  valuesConfig: {
    full_induction_programme: { description: 'Full induction programme, led by a lead provider.' },
    core_induction_programme: { description: 'Core induction programme, delivered by the school with DfE materials.' },
    design_our_own: { description: 'The school designs its own programme.' },
    school_funded_fip: { description: 'Full induction programme paid for by the school.' },
    no_early_career_teachers: { description: 'No early career teachers this cohort.' },
    not_yet_known: { description: 'The school has not chosen yet.' },
  },
});

export enum TrainingRouteEnum {
  provider_led = 'provider_led',
  school_led = 'school_led',
  no_early_career_teachers = 'no_early_career_teachers',
  not_yet_known = 'not_yet_known',
}
registerEnumType(TrainingRouteEnum, {
  name: 'TrainingRoute',
  description: "Who leads a school's training in a cohort (the v3 APIs' induction_programme_choice).",
  valuesConfig: {
    provider_led: { description: 'A lead provider leads the training.' },
    school_led: { description: 'The school leads the training.' },
    no_early_career_teachers: { description: 'No early career teachers this cohort.' },
    not_yet_known: { description: 'The school has not chosen yet.' },
  },
});

export enum SchoolSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
  name = 'name',
  urn = 'urn',
}
registerEnumType(SchoolSortField, {
  name: 'SchoolSortField',
  description: 'Fields schools can be sorted by.',
  valuesConfig: {
    createdAt: { description: 'School.createdAt' },
    updatedAt: { description: 'School.updatedAt' },
    name: { description: 'School.name' },
    urn: { description: 'School.urn' },
  },
});

export const SchoolSortInput = sortInput('SchoolSortInput', SchoolSortField, 'schools');
export type SchoolSortInput = InstanceType<typeof SchoolSortInput>;

@ObjectType({ description: 'A school as seen in one cohort. Schools are visible to every ECF lead provider.', simpleResolvers: true })
export class School implements SchoolView {
  @Field(() => ID, { description: 'The school id (a UUID that never changes).' })
  id!: string;

  @Field({ description: "The school's name." })
  name!: string;

  @Field({ description: "The school's unique reference number." })
  urn!: string;

  @Field(() => Int, { description: 'The cohort start year this row describes.' })
  cohort!: number;

  @Field({ description: 'Any provider has an unchallenged partnership with the school in the cohort.' })
  inPartnership!: boolean;

  @Field(() => InductionProgrammeChoiceEnum, { description: 'The ECF induction programme choice for the cohort.' })
  inductionProgrammeChoice!: SchoolView['inductionProgrammeChoice'];

  @Field(() => TrainingRouteEnum, { description: 'Who leads the training in the cohort.' })
  trainingRoute!: SchoolView['trainingRoute'];

  @Field(() => TrainingRouteEnum, {
    description:
      'RECT: who leads the training, from the training periods at the school in the cohort: provider_led if a mentor or a provider-led ECT trains there, school_led if only school-led ECTs do, else not_yet_known.',
  })
  rectTrainingRoute!: SchoolView['rectTrainingRoute'];

  @Field({
    description: 'RECT: the caller has (or had) a partnership with the school in the cohort, or a participant training there in one; once true it stays true.',
  })
  expressionOfInterest!: boolean;

  @Field(() => String, { nullable: true, description: 'The induction tutor; shown only when expressionOfInterest is true.' })
  inductionTutorName!: string | null;

  @Field(() => String, { nullable: true, description: "The induction tutor's email (else the school's contact email); as inductionTutorName." })
  inductionTutorEmail!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the school record was created.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { description: 'When anything shown for the school in this cohort last changed.' })
  updatedAt!: string;
}

@ObjectType({ description: 'One page of schools.', simpleResolvers: true })
export class SchoolPage extends PageOf(School, 'schools') {}

@InputType({ description: 'Filters of the schools list.' })
export class SchoolFilterInput {
  @Field(() => Int, { nullable: true, description: 'The cohort start year (required by REST; null matches nothing).' })
  cohort?: number | null;

  @Field({ nullable: true, description: 'Only the school with this URN.' })
  urn?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only schools whose updatedAt is at or after this instant.' })
  updatedSince?: Date;
}
