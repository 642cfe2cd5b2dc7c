import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import type { PartnershipView } from '../../domain/partnerships/partnerships.query.js';
import type { ChallengeReason } from '../../domain/partnerships/partnership.entity.js';

@ObjectType({ description: "A confirmed partnership of the caller with a school for a cohort.", simpleResolvers: true })
export class Partnership implements PartnershipView {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  cohort!: number;

  @Field()
  urn!: string;

  @Field(() => ID)
  schoolId!: string;

  @Field(() => ID)
  deliveryPartnerId!: string;

  @Field()
  deliveryPartnerName!: string;

  @Field({ description: 'active | challenged' })
  status!: 'active' | 'challenged';

  @Field(() => String, { nullable: true })
  challengedReason!: ChallengeReason | null;

  @Field(() => String, { nullable: true })
  challengedAt!: string | null;

  @Field(() => String, { nullable: true })
  inductionTutorName!: string | null;

  @Field(() => String, { nullable: true })
  inductionTutorEmail!: string | null;

  @Field(() => Int)
  participantsCurrentlyTraining!: number;

  @Field()
  createdAt!: string;

  @Field()
  updatedAt!: string;
}

@InputType()
export class PartnershipFilterInput {
  @Field(() => [Int], { nullable: true })
  cohorts?: number[];

  @Field(() => [String], { nullable: true })
  deliveryPartnerIds?: string[];

  @Field({ nullable: true })
  updatedSince?: Date;
}

@InputType({ description: 'Values as the provider sent them; the domain reports blank and unknown values.' })
export class CreatePartnershipInput {
  @Field(() => String, { nullable: true })
  cohort?: string | null;

  @Field(() => String, { nullable: true })
  schoolId?: string | null;

  @Field(() => String, { nullable: true })
  deliveryPartnerId?: string | null;
}

@InputType()
export class UpdatePartnershipInput {
  @Field(() => String, { nullable: true })
  deliveryPartnerId?: string | null;
}
