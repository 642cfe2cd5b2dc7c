import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ProgrammeEnum } from '../shared/inputs.js';

@ObjectType()
export class LeadProvider {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => [ProgrammeEnum])
  programmes!: ProgrammeEnum[];
}

@ObjectType({ description: 'A token as issued: the only time its value is shown.' })
export class IssuedToken {
  @Field(() => ID)
  id!: string;

  @Field()
  token!: string;
}

@ObjectType()
export class ApiTokenSummary {
  @Field(() => ID)
  id!: string;

  @Field()
  kind!: string;

  @Field(() => ID, { nullable: true })
  leadProviderId!: string | null;

  @Field(() => String, { nullable: true })
  leadProviderName!: string | null;

  @Field(() => ProgrammeEnum, { nullable: true })
  programme!: ProgrammeEnum | null;

  @Field()
  description!: string;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType()
export class ProviderRelationship {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  leadProviderId!: string;

  @Field(() => ID)
  deliveryPartnerId!: string;

  @Field(() => ProgrammeEnum)
  programme!: ProgrammeEnum;
}

@InputType()
export class CreateLeadProviderInput {
  @Field()
  name!: string;

  @Field(() => [ProgrammeEnum])
  programmes!: ProgrammeEnum[];
}

@InputType()
export class CreateProviderRelationshipInput {
  @Field(() => ID)
  leadProviderId!: string;

  @Field(() => ID)
  deliveryPartnerId!: string;

  @Field(() => Int)
  cohort!: number;

  @Field(() => ProgrammeEnum)
  programme!: ProgrammeEnum;
}

@InputType()
export class CreateSchoolInput {
  @Field()
  urn!: string;

  @Field()
  name!: string;

  @Field(() => Int, { description: 'GIAS establishment type code' })
  schoolTypeCode!: number;

  @Field(() => Int, { description: 'GIAS status code: 1 open, 2 closed, 3 open but proposed to close, 4 proposed to open' })
  schoolStatusCode!: number;

  @Field({ description: "GIAS administrative district code; English ones start with 'E'" })
  administrativeDistrictCode!: string;

  @Field({ defaultValue: false })
  section41Approved!: boolean;

  @Field(() => String, { nullable: true })
  primaryContactEmail?: string | null;

  @Field(() => String, { nullable: true })
  secondaryContactEmail?: string | null;

  @Field(() => String, { nullable: true })
  inductionTutorName?: string | null;

  @Field(() => String, { nullable: true })
  inductionTutorEmail?: string | null;
}

@InputType()
export class CreateStatementInput {
  @Field(() => ID)
  leadProviderId!: string;

  @Field(() => ProgrammeEnum)
  programme!: ProgrammeEnum;

  @Field(() => Int)
  cohort!: number;

  @Field(() => Int)
  month!: number;

  @Field(() => Int)
  year!: number;

  @Field({ description: 'YYYY-MM-DD (API cut_off_date)' })
  deadlineDate!: string;

  @Field({ description: 'YYYY-MM-DD' })
  paymentDate!: string;

  @Field({ defaultValue: true })
  outputFee!: boolean;
}
