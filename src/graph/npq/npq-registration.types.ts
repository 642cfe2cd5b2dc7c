import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../shared/scalars.js';

/** Eligibility and funding answers (npq.md §1.5); an omitted field keeps its value. */
@InputType({ description: 'Eligibility and funding answers of an NPQ application, as the registration service recorded them.' })
export class NpqEligibilityInput {
  @Field(() => Boolean, { nullable: true, description: 'Eligible for DfE funding (the raw answer; the APIs derive previously-funded from it).' })
  eligibleForFunding?: boolean;

  @Field(() => String, { nullable: true, description: 'Funding eligibility status code, e.g. funded, previously_funded, marked_funded_by_policy.' })
  fundingEligibilityStatusCode?: string | null;

  @Field(() => String, { nullable: true, description: 'How the course is paid for when not DfE-funded: school, trust, self, another or employer.' })
  fundingChoice?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Eligible for targeted delivery funding (uplift).' })
  targetedDeliveryFundingEligibility?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Eligible for targeted support funding (not shown to providers).' })
  targetedSupportFundingEligibility?: boolean;
}

@InputType({ description: 'A new NPQ application for a person, as the registration service submits it (npq.md §1.5).' })
export class SubmitNpqApplicationInput extends NpqEligibilityInput {
  @Field(() => ID, { nullable: true, description: 'An existing person; otherwise the person is found by email (case-insensitive) or created.' })
  participantId?: string | null;

  @Field(() => String, { nullable: true, description: "The person's full name (needed when a new person is created)." })
  fullName?: string | null;

  @Field(() => String, { nullable: true, description: "The person's email: finds an existing person, or is recorded for a new one." })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Teacher reference number of a new person (not used to find people: people may share one).' })
  trn?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Whether a new person's TRN is verified." })
  trnVerified?: boolean;

  @Field(() => ID, { description: 'The NPQ lead provider applied to.' })
  leadProviderId!: string;

  @Field({ description: 'The course, e.g. npq-headship.' })
  courseIdentifier!: string;

  @Field(() => String, { nullable: true, description: 'The NPQ cohort identifier, e.g. 2025a; omitted = no cohort.' })
  cohort?: string | null;

  @Field(() => String, { nullable: true, description: 'Headteacher status answer (no, yes_when_course_starts, …).' })
  headteacherStatus?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the person teaches: england, scotland, wales, northern_ireland, jersey_guernsey_isle_of_man or another.',
  })
  teacherCatchment?: string | null;

  @Field(() => String, { nullable: true, description: 'The country the person teaches in.' })
  teacherCatchmentCountry?: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166 alpha-3 code of that country.' })
  teacherCatchmentIsoCountryCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Employment type for people not in a school (lead_mentor_for_accredited_itt_provider makes a lead mentor).',
  })
  employmentType?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the person works in a school.' })
  worksInSchool?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Employer, for people not working in a school.' })
  employerName?: string | null;

  @Field(() => String, { nullable: true, description: 'Role with that employer.' })
  employmentRole?: string | null;

  @Field(() => String, { nullable: true, description: "URN of the person's school." })
  schoolUrn?: string | null;

  @Field(() => String, { nullable: true, description: 'URN of the private childcare provider.' })
  privateChildcareProviderUrn?: string | null;

  @Field(() => String, { nullable: true, description: "UKPRN of the person's school or employer." })
  ukprn?: string | null;

  @Field(() => String, { nullable: true, description: 'Legal name of the ITT provider, for lead mentors.' })
  ittProvider?: string | null;

  @Field(() => String, { nullable: true, description: 'SENCO answer: yes, no_but_i_plan_to_become_one or no_i_do_not_plan_to_be_a_SENCO.' })
  sencoInRole?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the person started as SENCO.' })
  sencoStartDate?: string | null;
}

@InputType({ description: 'New eligibility and funding answers of an NPQ application, and optionally its funded place.' })
export class ChangeNpqEligibilityInput extends NpqEligibilityInput {
  @Field(() => Boolean, {
    nullable: true,
    description:
      'The funded place (only when given; null clears it). It must fit the cohort: false when unfunded, empty when fully funded and accepted, set when capped and accepted.',
  })
  fundedPlace?: boolean | null;
}
