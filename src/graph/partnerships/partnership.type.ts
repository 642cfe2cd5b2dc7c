import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { PartnershipView } from '../../domain/partnerships/partnerships.query.js';
import { DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';

export enum PartnershipStatusEnum {
  active = 'active',
  challenged = 'challenged',
}
registerEnumType(PartnershipStatusEnum, {
  name: 'PartnershipStatus',
  description: 'Whether the school has challenged the partnership.',
  valuesConfig: {
    active: { description: 'Confirmed and not challenged.' },
    challenged: { description: 'The school challenged it (see challengedReason).' },
  },
});

export enum ChallengeReasonEnum {
  another_provider = 'another_provider',
  not_confirmed = 'not_confirmed',
  do_not_recognise = 'do_not_recognise',
  no_ects = 'no_ects',
  mistake = 'mistake',
}
registerEnumType(ChallengeReasonEnum, {
  name: 'ChallengeReason',
  description: 'Why a school challenged a partnership (ecf.md §1.3).',
  valuesConfig: {
    another_provider: { description: 'The school works with another lead provider.' },
    not_confirmed: { description: 'The school has not confirmed the partnership.' },
    do_not_recognise: { description: 'The school does not recognise the lead provider.' },
    no_ects: { description: 'The school has no early career teachers in the cohort.' },
    mistake: { description: 'The partnership was reported by mistake.' },
  },
});

export enum PartnershipShapeEnum {
  ecf = 'ecf',
  rect = 'rect',
}
registerEnumType(PartnershipShapeEnum, {
  name: 'PartnershipShape',
  description: 'Which API reads the partnership; it decides what moves updatedAt (and so updatedSince and the updatedAt order).',
  valuesConfig: {
    ecf: { description: 'The ECF paths (/partnerships/ecf): updatedAt is when a write last changed the partnership. The default.' },
    rect: {
      description:
        'The RECT paths (/partnerships): updatedAt is also the instant participantsCurrentlyTraining last changed by itself (a training period starting or stopping), if later.',
    },
  },
});
/** The `shape` argument of the partnership queries. */
export const PARTNERSHIP_SHAPE_ARG = { nullable: true, description: 'Which API reads the partnership (what moves updatedAt); ecf when omitted.' } as const;

export enum PartnershipSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
}
registerEnumType(PartnershipSortField, {
  name: 'PartnershipSortField',
  description: 'Fields partnerships can be sorted by.',
  valuesConfig: { createdAt: { description: 'Partnership.createdAt' }, updatedAt: { description: 'Partnership.updatedAt' } },
});

export const PartnershipSortInput = sortInput('PartnershipSortInput', PartnershipSortField, 'partnerships');
export type PartnershipSortInput = InstanceType<typeof PartnershipSortInput>;

@ObjectType({ description: 'A confirmed partnership of the caller with a school for a cohort.', simpleResolvers: true })
export class Partnership implements PartnershipView {
  @Field(() => ID, { description: 'The partnership id (a UUID that never changes).' })
  id!: string;

  @Field(() => Int, { description: 'The cohort start year.' })
  cohort!: number;

  @Field({ description: "The school's unique reference number." })
  urn!: string;

  @Field(() => ID, { description: 'The school id.' })
  schoolId!: string;

  @Field(() => ID, { description: 'The delivery partner id.' })
  deliveryPartnerId!: string;

  @Field({ description: "The delivery partner's name." })
  deliveryPartnerName!: string;

  @Field(() => PartnershipStatusEnum, { description: 'Active or challenged.' })
  status!: PartnershipView['status'];

  @Field(() => ChallengeReasonEnum, { nullable: true, description: 'Why the school challenged it; null while active.' })
  challengedReason!: PartnershipView['challengedReason'];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the school challenged it (with milliseconds); null while active.' })
  challengedAt!: string | null;

  @Field(() => String, { nullable: true, description: "The school's induction tutor." })
  inductionTutorName!: string | null;

  @Field(() => String, { nullable: true, description: "The induction tutor's email, else the school's contact email." })
  inductionTutorEmail!: string | null;

  @Field(() => Int, { description: "Participants of this partnership in training at the request's clock." })
  participantsCurrentlyTraining!: number;

  @Field(() => DateTimeScalar, { description: 'When the partnership was confirmed.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, {
    description:
      'When anything the partnership shows last changed (filter with updatedSince); with shape rect, also when participantsCurrentlyTraining last changed by itself.',
  })
  updatedAt!: string;
}

@ObjectType({ description: 'One page of partnerships.', simpleResolvers: true })
export class PartnershipPage extends PageOf(Partnership, 'partnerships') {}

@InputType({ description: 'Filters of the partnerships list; omitted filters match everything.' })
export class PartnershipFilterInput {
  @Field(() => [Int], { nullable: true, description: 'Cohort start years; omitted = every cohort after 2020; empty = none.' })
  cohorts?: number[];

  @Field(() => [ID], { nullable: true, description: 'Only partnerships with these delivery partners.' })
  deliveryPartnerIds?: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only partnerships whose updatedAt is at or after this instant.' })
  updatedSince?: Date;
}

@InputType({ description: 'A partnership to confirm. Values are checked by the rules; blank and unknown ones come back as violations.' })
export class CreatePartnershipInput {
  @Field(() => Int, { nullable: true, description: 'The cohort start year.' })
  cohort?: number | null;

  @Field(() => ID, { nullable: true, description: 'The school id.' })
  schoolId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery partner id.' })
  deliveryPartnerId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "RECT's rule (rect.md §7.8): refuse a school whose only participants in the cohort are school-led (its RECT trainingRoute is school_led). Default false: the ECF rule, which switches such a school to provider-led.",
  })
  refuseSchoolLed?: boolean | null;
}

@InputType({ description: 'Changes to a partnership.' })
export class UpdatePartnershipInput {
  @Field(() => ID, { nullable: true, description: 'The delivery partner to move the partnership to.' })
  deliveryPartnerId?: string | null;
}
