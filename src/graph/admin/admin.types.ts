import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ProgrammeEnum } from '../shared/inputs.js';
import { DateScalar } from '../shared/scalars.js';

export enum ApiTokenKindEnum {
  lead_provider = 'lead_provider',
  admin = 'admin',
}
registerEnumType(ApiTokenKindEnum, {
  name: 'ApiTokenKind',
  description: 'What a token may do.',
  valuesConfig: {
    lead_provider: { description: "One lead provider's token for one programme (REST and GraphQL)." },
    admin: { description: 'An internal DfE token for the admin GraphQL operations.' },
  },
});

@ObjectType({ description: 'A lead provider (training provider) that uses the APIs.' })
export class LeadProvider {
  @Field(() => ID, { description: 'The lead provider id.' })
  id!: string;

  @Field({ description: "The lead provider's name." })
  name!: string;

  @Field(() => [ProgrammeEnum], { description: 'The programmes it delivers.' })
  programmes!: ProgrammeEnum[];
}

@ObjectType({ description: 'A token as issued: the only time its value is shown.' })
export class IssuedToken {
  @Field(() => ID, { description: 'The token id (for apiTokens and revokeApiToken).' })
  id!: string;

  @Field({ description: 'The token value; store it now, it cannot be shown again.' })
  token!: string;
}

@ObjectType({ description: 'An issued token, without its value.' })
export class ApiTokenSummary {
  @Field(() => ID, { description: 'The token id.' })
  id!: string;

  @Field(() => ApiTokenKindEnum, { description: 'Lead provider or admin token.' })
  kind!: string;

  @Field(() => ID, { nullable: true, description: 'The lead provider it belongs to; null for admin tokens.' })
  leadProviderId!: string | null;

  @Field(() => String, { nullable: true, description: "That lead provider's name." })
  leadProviderName!: string | null;

  @Field(() => ProgrammeEnum, { nullable: true, description: 'The programme it is for; null for admin tokens.' })
  programme!: ProgrammeEnum | null;

  @Field({ description: 'What it was issued for.' })
  description!: string;

  @Field({ description: 'When it was issued.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was last used (written in batches, up to 30 s late).' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while valid.' })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A lead provider working with a delivery partner in a cohort and programme.' })
export class ProviderRelationship {
  @Field(() => ID, { description: 'The relationship id.' })
  id!: string;

  @Field(() => ID, { description: 'The lead provider.' })
  leadProviderId!: string;

  @Field(() => ID, { description: 'The delivery partner.' })
  deliveryPartnerId!: string;

  @Field(() => ProgrammeEnum, { description: 'The programme.' })
  programme!: ProgrammeEnum;
}

@InputType({ description: 'A new lead provider.' })
export class CreateLeadProviderInput {
  @Field({ description: 'Its name (spaces are tidied).' })
  name!: string;

  @Field(() => [ProgrammeEnum], { description: 'The programmes it delivers.' })
  programmes!: ProgrammeEnum[];
}

@InputType({ description: 'A lead provider starting to work with a delivery partner.' })
export class CreateProviderRelationshipInput {
  @Field(() => ID, { description: 'The lead provider.' })
  leadProviderId!: string;

  @Field(() => ID, { description: 'The delivery partner.' })
  deliveryPartnerId!: string;

  @Field(() => Int, { description: 'The cohort start year.' })
  cohort!: number;

  @Field(() => ProgrammeEnum, { description: 'The programme.' })
  programme!: ProgrammeEnum;
}

@InputType({ description: 'A new school, as GIAS describes it.' })
export class CreateSchoolInput {
  @Field({ description: 'The unique reference number (5 to 7 digits).' })
  urn!: string;

  @Field({ description: "The school's name." })
  name!: string;

  @Field(() => Int, { description: 'GIAS establishment type code' })
  schoolTypeCode!: number;

  @Field(() => Int, { description: 'GIAS status code: 1 open, 2 closed, 3 open but proposed to close, 4 proposed to open' })
  schoolStatusCode!: number;

  @Field({ description: "GIAS administrative district code; English ones start with 'E'" })
  administrativeDistrictCode!: string;

  @Field({ defaultValue: false, description: 'Approved under section 41 of the Children and Families Act 2014.' })
  section41Approved!: boolean;

  @Field(() => String, { nullable: true, description: 'The primary contact email.' })
  primaryContactEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'The secondary contact email.' })
  secondaryContactEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'The induction tutor.' })
  inductionTutorName?: string | null;

  @Field(() => String, { nullable: true, description: "The induction tutor's email." })
  inductionTutorEmail?: string | null;
}

@InputType({ description: 'A new monthly statement of a lead provider.' })
export class CreateStatementInput {
  @Field(() => ID, { description: 'The lead provider.' })
  leadProviderId!: string;

  @Field(() => ProgrammeEnum, { description: 'The programme.' })
  programme!: ProgrammeEnum;

  @Field(() => Int, { description: 'The cohort start year.' })
  cohort!: number;

  @Field(() => Int, { description: 'The month it covers, 1–12.' })
  month!: number;

  @Field(() => Int, { description: 'The year it covers.' })
  year!: number;

  @Field(() => DateScalar, { description: "The cut-off date (the API's cut_off_date)." })
  deadlineDate!: string;

  @Field(() => DateScalar, { description: 'The payment date, on or after the cut-off date.' })
  paymentDate!: string;

  @Field({ defaultValue: true, description: 'Whether output fees are paid on it.' })
  outputFee!: boolean;
}
