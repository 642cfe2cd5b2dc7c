import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { NpqApplicationView } from '../../domain/npq/npq-applications.query.js';
import { DateScalar, DateTimeScalar } from '../shared/scalars.js';
import { PageOf } from '../shared/page.js';
import { sortInput } from '../shared/inputs.js';

export enum NpqApplicationStatusEnum {
  pending = 'pending',
  accepted = 'accepted',
  rejected = 'rejected',
}
registerEnumType(NpqApplicationStatusEnum, {
  name: 'NpqApplicationStatus',
  description: "The lead provider's decision on an NPQ application (npq.md §3.2).",
  valuesConfig: {
    pending: { description: 'Not yet accepted or rejected.' },
    accepted: { description: 'Accepted by the lead provider: the person is its participant for this course.' },
    rejected: { description: 'Rejected by the provider, automatically, or by DfE (see reasonForRejection).' },
  },
});

export enum NpqRejectionReasonEnum {
  registration_expired = 'registration_expired',
  rejected_by_provider = 'rejected_by_provider',
  other_application_in_this_cohort_accepted = 'other_application_in_this_cohort_accepted',
}
registerEnumType(NpqRejectionReasonEnum, {
  name: 'NpqRejectionReason',
  description: 'Why an NPQ application was rejected.',
  valuesConfig: {
    registration_expired: { description: 'The registration expired before a decision.' },
    rejected_by_provider: { description: 'The lead provider rejected it.' },
    other_application_in_this_cohort_accepted: { description: "Another of the person's applications for this course in this cohort was accepted." },
  },
});

export enum NpqTrainingStatusEnum {
  active = 'active',
  deferred = 'deferred',
  withdrawn = 'withdrawn',
}
registerEnumType(NpqTrainingStatusEnum, {
  name: 'NpqTrainingStatus',
  description: 'Training status of an accepted NPQ application.',
  valuesConfig: {
    active: { description: 'Training (set on accept and resume).' },
    deferred: { description: 'Training paused by the provider.' },
    withdrawn: { description: 'Training stopped by the provider.' },
  },
});

export enum NpqIneligibleForFundingReasonEnum {
  previously_funded = 'previously-funded',
  establishment_ineligible = 'establishment-ineligible',
}
registerEnumType(NpqIneligibleForFundingReasonEnum, {
  name: 'NpqIneligibleForFundingReason',
  description: 'Why an application is not eligible for DfE funding. The APIs write the values with hyphens (previously-funded).',
  valuesConfig: {
    previously_funded: { description: 'The person already had a funded place on this course (EHCO and ASO count as one).' },
    establishment_ineligible: { description: 'The registration answers were not eligible for funding.' },
  },
});

export enum NpqApplicationSortField {
  createdAt = 'created_at',
  updatedAt = 'updated_at',
}
registerEnumType(NpqApplicationSortField, {
  name: 'NpqApplicationSortField',
  description: 'Fields NPQ applications can be sorted by.',
  valuesConfig: { createdAt: { description: 'NpqApplication.createdAt' }, updatedAt: { description: 'NpqApplication.updatedAt' } },
});

export const NpqApplicationSortInput = sortInput('NpqApplicationSortInput', NpqApplicationSortField, 'NPQ applications');
export type NpqApplicationSortInput = InstanceType<typeof NpqApplicationSortInput>;

@ObjectType({ description: "An NPQ application: one person's registration for one course with the calling lead provider.", simpleResolvers: true })
export class NpqApplication implements NpqApplicationView {
  @Field(() => ID, { description: 'The application id (a UUID that never changes).' })
  id!: string;

  @Field({ description: 'The course, e.g. npq-headship.' })
  courseIdentifier!: string;

  @Field(() => String, { nullable: true, description: "The person's email; null for archived people." })
  email!: string | null;

  @Field({ description: 'Always true (the registration service validates emails).' })
  emailValidated!: boolean;

  @Field(() => String, { nullable: true, description: 'Employer, for people not working in a school.' })
  employerName!: string | null;

  @Field(() => String, { nullable: true, description: 'Role, for people not working in a school.' })
  employmentRole!: string | null;

  @Field({ description: "The person's full name." })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'How the course is paid for when not DfE-funded: school, trust, self, another or employer.' })
  fundingChoice!: string | null;

  @Field(() => String, { nullable: true, description: 'Headteacher status answer (no, yes_when_course_starts, yes_in_first_two_years, …).' })
  headteacherStatus!: string | null;

  @Field(() => NpqIneligibleForFundingReasonEnum, { nullable: true, description: 'Why the application is not eligible for funding; null when eligible.' })
  ineligibleForFundingReason!: NpqApplicationView['ineligibleForFundingReason'];

  @Field(() => ID, { description: 'The participant id (the person; stable across applications).' })
  participantId!: string;

  @Field(() => String, { nullable: true, description: 'URN of the private childcare provider the person works at.' })
  privateChildcareProviderUrn!: string | null;

  @Field(() => String, { nullable: true, description: 'The teacher reference number, only once verified (v3).' })
  teacherReferenceNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The teacher reference number as recorded, verified or not (v1/v2 and the CSV).' })
  recordedTeacherReferenceNumber!: string | null;

  @Field({ description: 'Whether the TRN has been verified.' })
  teacherReferenceNumberValidated!: boolean;

  @Field(() => String, { nullable: true, description: "URN of the person's school." })
  schoolUrn!: string | null;

  @Field(() => String, { nullable: true, description: "UKPRN of the person's school or employer." })
  schoolUkprn!: string | null;

  @Field(() => NpqApplicationStatusEnum, { description: 'Pending, accepted or rejected.' })
  status!: NpqApplicationView['status'];

  @Field(() => NpqRejectionReasonEnum, { nullable: true, description: 'Why it was rejected; null unless rejected.' })
  reasonForRejection!: NpqApplicationView['reasonForRejection'];

  @Field(() => Boolean, { nullable: true, description: 'Whether the person works in a school.' })
  worksInSchool!: boolean | null;

  @Field(() => Int, { nullable: true, description: 'The cohort start year; null when the application has no cohort.' })
  cohort!: number | null;

  @Field(() => String, { nullable: true, description: "The cohort's suffix, e.g. a or b (2026a, 2026b)." })
  cohortSuffix!: string | null;

  @Field(() => String, { nullable: true, description: 'The NPQ cohort identifier: start year and suffix, e.g. 2026b.' })
  cohortIdentifier!: string | null;

  @Field({ description: 'Eligible for DfE funding: the registration answer, but false when previously funded unless marked funded by policy.' })
  eligibleForFunding!: boolean;

  @Field({ description: 'The eligible-for-funding registration answer as stored (NPQ enrolments and the CSVs show this one).' })
  recordedEligibleForFunding!: boolean;

  @Field({ description: 'Eligible for targeted delivery funding (uplift).' })
  targetedDeliveryFundingEligibility!: boolean;

  @Field({ description: 'Whether the person teaches inside the UK.' })
  teacherCatchment!: boolean;

  @Field(() => String, { nullable: true, description: 'The country the person teaches in.' })
  teacherCatchmentCountry!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166 alpha-3 code of that country, e.g. GBR.' })
  teacherCatchmentIsoCountryCode!: string | null;

  @Field(() => String, { nullable: true, description: 'Legal name of the ITT provider, for lead mentors.' })
  ittProvider!: string | null;

  @Field({ description: 'Whether the person is a lead mentor for an accredited ITT provider.' })
  leadMentor!: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Funded place: set on accept in capped cohorts, false in unfunded ones, null in fully funded ones.' })
  fundedPlace!: boolean | null;

  @Field(() => DateTimeScalar, { description: 'When the person applied.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, {
    description:
      "When the application or its person last changed, including an approval change on any of the person's applications (filter with updatedSince).",
  })
  updatedAt!: string;

  @Field(() => String, { nullable: true, description: 'The schedule, set on accept; null before.' })
  scheduleIdentifier!: string | null;

  @Field(() => String, { nullable: true, description: 'SENCO answer: yes, no_but_i_plan_to_become_one or no_i_do_not_plan_to_be_a_SENCO.' })
  worksAsSenco!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the person started as SENCO.' })
  sencoStartDate!: string | null;

  @Field(() => NpqTrainingStatusEnum, { nullable: true, description: 'Training status once accepted; null before.' })
  trainingStatus!: NpqApplicationView['trainingStatus'];

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the application was accepted.' })
  acceptedAt!: string | null;
}

@ObjectType({ description: 'One page of NPQ applications.', simpleResolvers: true })
export class NpqApplicationPage extends PageOf(NpqApplication, 'NPQ applications') {}

@InputType({ description: 'Filters of the NPQ applications list; omitted filters match everything.' })
export class NpqApplicationFilterInput {
  @Field(() => [Int], { nullable: true, description: 'Cohort start years (every suffix of a year matches); omitted = every cohort; empty = none.' })
  cohorts?: number[];

  @Field(() => [ID], { nullable: true, description: 'Only applications of these participants (v3 filter[participant_id]).' })
  participantIds?: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only applications whose updatedAt is at or after this instant.' })
  updatedSince?: Date;

  @Field(() => [NpqApplicationStatusEnum], {
    nullable: true,
    description: 'Only applications in these statuses (accepted ones are the enrolments); omitted = every status.',
  })
  statuses?: NpqApplicationStatusEnum[];

  @Field(() => ID, {
    nullable: true,
    description:
      'Keyset paging for full exports: only applications after this one in the default createdAt order (read page 1 each time, passing the last id read); sort is then ignored.',
  })
  afterId?: string;
}

@InputType({ description: 'What a provider sends with accept (npq.md §3.3).' })
export class AcceptNpqApplicationInput {
  @Field(() => GraphQLJSON, {
    nullable: true,
    description:
      'Funded place, as sent: true or false. Any other JSON value (such as the string "true") counts as not given and is reported by the funded-place rules, as REST does.',
  })
  fundedPlace?: unknown;

  @Field(() => String, { nullable: true, description: "A schedule of the application's cohort (v3 only); blank or omitted = the default schedule." })
  scheduleIdentifier?: string | null;
}

@InputType({ description: 'What a provider sends with change-funded-place (npq.md §3.5).' })
export class ChangeNpqFundedPlaceInput {
  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'The funded place, as sent: true or false. Any other JSON value counts as not given and is reported by the rules, as REST does.',
  })
  fundedPlace?: unknown;
}
