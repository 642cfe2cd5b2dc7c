import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AdminParticipantView } from '../../domain/participants/admin-participants.service.js';
import { MentorIneligibleForFundingReasonEnum, ParticipantTypeEnum } from '../participants/participant.type.js';
import { DateScalar, DateTimeScalar } from '../shared/scalars.js';

export enum FundingEligibilityStatusEnum {
  eligible = 'eligible',
  matched = 'matched',
  manual_check = 'manual_check',
  ineligible = 'ineligible',
}
registerEnumType(FundingEligibilityStatusEnum, {
  name: 'FundingEligibilityStatus',
  description: "A training record's funding eligibility (ecf.md §1.4); only eligible is fundable.",
  valuesConfig: {
    eligible: { description: 'Eligible for funding (eligible_for_funding true).' },
    matched: { description: 'The teacher record matched; eligibility not decided yet.' },
    manual_check: { description: 'Needs a manual check by DfE.' },
    ineligible: { description: 'Not eligible for funding (eligible_for_funding false).' },
  },
});

export enum FundingEligibilityReasonEnum {
  active_flags = 'active_flags',
  previous_participation = 'previous_participation',
  previous_induction = 'previous_induction',
  no_qts = 'no_qts',
  different_trn = 'different_trn',
  duplicate_profile = 'duplicate_profile',
  none = 'none',
  no_induction = 'no_induction',
  exempt_from_induction = 'exempt_from_induction',
}
registerEnumType(FundingEligibilityReasonEnum, {
  name: 'FundingEligibilityReason',
  description: 'Why a training record has its funding eligibility.',
  valuesConfig: {
    active_flags: { description: 'The teacher record has active flags.' },
    previous_participation: { description: 'Took part in ECF training before.' },
    previous_induction: { description: 'Started induction before.' },
    no_qts: { description: 'Has no qualified teacher status.' },
    different_trn: { description: 'The TRN given differs from the one found (teacher_reference_number_validated false).' },
    duplicate_profile: { description: 'A duplicate of another training record.' },
    none: { description: 'No reason: the usual one for eligible.' },
    no_induction: { description: 'No induction recorded.' },
    exempt_from_induction: { description: 'Exempt from induction.' },
  },
});

@ObjectType({ description: 'An ECF participant as the admin operations return it (not scoped to a provider).', simpleResolvers: true })
export class AdminParticipant implements AdminParticipantView {
  @Field(() => ID, { description: 'The participant id.' })
  id!: string;

  @Field({ description: 'The full name.' })
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'The teacher reference number (TRN), if known.' })
  teacherReferenceNumber!: string | null;

  @Field(() => String, { nullable: true, description: 'The email.' })
  email!: string | null;

  @Field(() => ID, { nullable: true, description: 'The ECT training record id, if the participant is an ECT.' })
  ectTrainingRecordId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The mentor training record id, if the participant is a mentor.' })
  mentorTrainingRecordId!: string | null;

  @Field(() => [ID], { description: 'Retired participant ids merged into this participant, oldest first.' })
  retiredParticipantIds!: string[];

  @Field(() => DateTimeScalar, { description: 'When the participant row itself last changed (providers see their own updatedAt).' })
  updatedAt!: string;
}

@InputType({ description: 'An ECT or mentor registered by a school.' })
export class RegisterEcfParticipantInput {
  @Field(() => ID, { description: 'The school that registers the participant.' })
  schoolId!: string;

  @Field(() => Int, { description: "The cohort start year; the school's partnership in it decides the lead provider." })
  cohort!: number;

  @Field(() => ParticipantTypeEnum, { description: 'ECT or mentor.' })
  participantType!: ParticipantTypeEnum;

  @Field(() => String, { nullable: true, description: 'The TRN (7 digits); a participant with this TRN in the other role gets a second training record.' })
  trn?: string | null;

  @Field({ description: 'The full name.' })
  fullName!: string;

  @Field({ description: 'The email.' })
  email!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The date of birth. Outside production the magic dates make the record eligible: ECT 1900-01-22 (2022) … 1900-01-25 (2025), mentor 1900-01-01.',
  })
  dateOfBirth?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'ECTs: the day induction started.' })
  inductionStartDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The first day of training at the school; now when omitted.' })
  startDate?: string | null;
}

@InputType({ description: "An ECT's new mentor, from now." })
export class AssignEcfMentorInput {
  @Field(() => ID, { description: 'The ECT (a retired id finds its successor).' })
  ectParticipantId!: string;

  @Field(() => ID, { nullable: true, description: 'The mentor (a participant with a mentor training record); null removes the mentor.' })
  mentorParticipantId?: string | null;
}

@InputType({ description: 'A participant leaving one school and joining another.' })
export class RecordEcfSchoolMoveInput {
  @Field(() => ID, { description: 'The participant (a retired id finds its successor).' })
  participantId!: string;

  @Field(() => ParticipantTypeEnum, { description: 'Which training record moves.' })
  participantType!: ParticipantTypeEnum;

  @Field(() => DateScalar, { description: 'The day the participant leaves the current school.' })
  leavingDate!: string;

  @Field(() => ID, { description: 'The school joined.' })
  schoolId!: string;

  @Field(() => DateScalar, { description: 'The first day at the new school.' })
  joiningDate!: string;
}

@InputType({ description: "A training record's new funding eligibility." })
export class ChangeEcfFundingEligibilityInput {
  @Field(() => ID, { description: 'The participant (a retired id finds its successor).' })
  participantId!: string;

  @Field(() => ParticipantTypeEnum, { description: 'Which training record.' })
  participantType!: ParticipantTypeEnum;

  @Field(() => FundingEligibilityStatusEnum, { description: 'The eligibility.' })
  status!: FundingEligibilityStatusEnum;

  @Field(() => FundingEligibilityReasonEnum, { description: 'Why (none for eligible).' })
  reason!: FundingEligibilityReasonEnum;
}

@InputType({ description: "An ECT's completed induction or the end of a mentor's funded training." })
export class CompleteEcfTrainingInput {
  @Field(() => ID, { description: 'The participant (a retired id finds its successor).' })
  participantId!: string;

  @Field(() => ParticipantTypeEnum, { description: 'ECT (induction) or mentor (mentor training).' })
  participantType!: ParticipantTypeEnum;

  @Field(() => DateScalar, { description: 'The day it was completed (not in the future).' })
  completionDate!: string;

  @Field(() => MentorIneligibleForFundingReasonEnum, { nullable: true, description: "Mentors only (required): why the mentor's funding ended." })
  mentorFundingEndReason?: MentorIneligibleForFundingReasonEnum | null;
}

@InputType({ description: 'A duplicate participant merged into the one that survives.' })
export class MergeEcfParticipantsInput {
  @Field(() => ID, { description: 'The duplicate; its id is retired and then finds the survivor.' })
  fromParticipantId!: string;

  @Field(() => ID, { description: 'The participant that survives.' })
  toParticipantId!: string;
}
