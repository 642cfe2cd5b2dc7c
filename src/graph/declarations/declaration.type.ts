import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { DeclarationView } from '../../domain/declarations/declarations.query.js';
import { ProgrammeEnum } from '../shared/inputs.js';
import { PageOf } from '../shared/page.js';
import { DateTimeScalar } from '../shared/scalars.js';

export enum DeclarationApiVersionEnum {
  v1 = 'v1',
  v2 = 'v2',
  v3 = 'v3',
}
registerEnumType(DeclarationApiVersionEnum, {
  name: 'DeclarationApiVersion',
  description: 'The API version whose visibility rules a declaration read follows.',
  valuesConfig: {
    v1: { description: 'v1: own declarations and those of participants who train (active or completed) with the caller.' },
    v2: { description: 'v2: as v1.' },
    v3: { description: 'v3: as v1, plus declarations of leaving participants dated up to their leaving date (ecf.md §2.8 rule 3).' },
  },
});

@ObjectType({
  description:
    'A participant declaration (a claim for payment) the calling provider may read: its own, or (ECF) one by another provider for a participant ' +
    'who trains with it, or (NPQ) one on an application it now holds.',
  simpleResolvers: true,
})
export class ParticipantDeclaration implements DeclarationView {
  @Field(() => ID, { description: 'The declaration id.' })
  id!: string;

  @Field(() => ProgrammeEnum, { description: 'ECF or NPQ.' })
  programme!: DeclarationView['programme'];

  @Field(() => ID, { description: 'The participant id (ECF participant or NPQ participant).' })
  participantId!: string;

  @Field(() => String, { description: 'started, retained-1 … retained-4, completed, extended-1 … extended-3.' })
  declarationType!: DeclarationView['declarationType'];

  @Field({ description: "The course: as declared (ECF); the application's course (NPQ)." })
  courseIdentifier!: string;

  @Field(() => String, { description: 'When the event happened (RFC 3339, whole seconds, UTC).' })
  declarationDate!: string;

  @Field({ description: 'The state, dasherized: submitted, eligible, payable, paid, voided, ineligible, awaiting-clawback, clawed-back.' })
  state!: string;

  @Field(() => DateTimeScalar, { description: 'When it last changed as the caller sees it (later when it became visible later).' })
  updatedAt!: string;

  @Field(() => DateTimeScalar, { description: 'When it was submitted.' })
  createdAt!: string;

  @Field(() => Int, { description: "Start year of the declaration's cohort (its schedule's cohort when submitted)." })
  cohort!: number;

  @Field(() => ID, { nullable: true, description: 'The delivery partner at the declaration date (ECF) or as declared (NPQ v3).' })
  deliveryPartnerId!: string | null;

  @Field(() => String, { nullable: true, description: "The delivery partner's name." })
  deliveryPartnerName!: string | null;

  @Field(() => ID, { nullable: true, description: 'NPQ: the secondary delivery partner.' })
  secondaryDeliveryPartnerId!: string | null;

  @Field(() => String, { nullable: true, description: "NPQ: the secondary delivery partner's name." })
  secondaryDeliveryPartnerName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The output-fee statement it is paid on (eligible, payable, paid, awaiting-clawback, clawed-back).' })
  statementId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The statement it is clawed back on, if any.' })
  clawbackStatementId!: string | null;

  @Field(() => ID, { nullable: true, description: "ECF ECT declarations: the mentor's participant id at the declaration date." })
  mentorId!: string | null;

  @Field(() => String, { nullable: true, description: '`duplicate_declaration` when ineligible as a duplicate; otherwise null.' })
  ineligibleForFundingReason!: string | null;

  @Field({ description: 'Whether an uplift was paid with it (ecf.md §2.8, npq.md §5.9).' })
  upliftPaid!: boolean;

  @Field(() => String, { nullable: true, description: 'ECF: the evidence the provider holds.' })
  evidenceHeld!: string | null;

  @Field(() => Boolean, { nullable: true, description: 'NPQ: the latest outcome (passed true, failed false); null when voided or none, and for ECF.' })
  hasPassed!: boolean | null;

  @Field(() => ID, { nullable: true, description: 'NPQ: the application.' })
  applicationId!: string | null;

  @Field({ description: 'The name of the provider that submitted it.' })
  leadProviderName!: string;

  @Field({ description: 'v1: state eligible or payable.' })
  eligibleForPayment!: boolean;

  @Field({ description: 'v1: state voided.' })
  voided!: boolean;

  @Field({ description: 'Its position in the list order (submission time, id): pass as `after` to read the rows behind it.' })
  cursor!: string;
}

@ObjectType({ description: 'One page of declarations.', simpleResolvers: true })
export class ParticipantDeclarationPage extends PageOf(ParticipantDeclaration, 'declarations') {}

@InputType({ description: 'Filters of the declarations list; omitted filters do not apply, empty lists match nothing.' })
export class ParticipantDeclarationFilterInput {
  @Field(() => [ID], { nullable: true, description: 'Participant ids (any of).' })
  participantIds?: string[];

  @Field(() => [Int], { nullable: true, description: "Start years of the declaration's cohort." })
  cohorts?: number[];

  @Field(() => [ID], { nullable: true, description: 'Delivery partners of the declaration.' })
  deliveryPartnerIds?: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only declarations whose updatedAt is at or after this instant.' })
  updatedSince?: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only declarations whose updatedAt is strictly after this instant (ECF v1/v2).' })
  updatedAfter?: Date;
}
