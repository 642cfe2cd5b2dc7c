import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ParticipantAction, ParticipantActionRules } from '../../domain/participants/participant-actions.service.js';
import type { ParticipantActionAuditView } from '../../domain/participants/participant-action-audits.query.js';
import { DateTimeScalar } from '../shared/scalars.js';

export enum ParticipantActionRulesEnum {
  ecf = 'ecf',
  rect = 'rect',
}
registerEnumType(ParticipantActionRulesEnum, {
  name: 'ParticipantActionRules',
  description: "Whose rules and messages a participant action follows: the ECF API's or the RECT API's (they differ, rect.md §7).",
  valuesConfig: {
    ecf: { description: 'The ECF paths (/participants/ecf/{id}/…): ECF rules and messages. The default.' },
    rect: { description: 'The RECT paths (/participants/{id}/…): RECT rules and messages.' },
  },
});

export enum ParticipantActionEnum {
  defer = 'defer',
  resume = 'resume',
  withdraw = 'withdraw',
  change_schedule = 'change_schedule',
}
registerEnumType(ParticipantActionEnum, {
  name: 'ParticipantAction',
  description: 'A lead-provider action on a training record.',
  valuesConfig: {
    defer: { description: 'Deferred (a break in training).' },
    resume: { description: 'Resumed after a deferral or withdrawal.' },
    withdraw: { description: 'Withdrawn from training.' },
    change_schedule: { description: 'Moved to another schedule (and possibly cohort).' },
  },
});

const COURSE = 'ecf-induction (the ECT training record) or ecf-mentor (the mentor one); other values come back as violations.';
const RULES = 'Whose rules and messages apply; ecf when omitted.';

@InputType({ description: 'Defer a training record. Values are checked by the rules; blank and unknown ones come back as violations.' })
export class DeferEcfParticipantInput {
  @Field(() => String, { nullable: true, description: COURSE })
  courseIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: 'bereavement, long-term-sickness, parental-leave, career-break or other.' })
  reason?: string | null;

  @Field(() => ParticipantActionRulesEnum, { nullable: true, description: RULES })
  rules?: ParticipantActionRules | null;
}

@InputType({ description: 'Resume a deferred or withdrawn training record.' })
export class ResumeEcfParticipantInput {
  @Field(() => String, { nullable: true, description: COURSE })
  courseIdentifier?: string | null;

  @Field(() => ParticipantActionRulesEnum, { nullable: true, description: RULES })
  rules?: ParticipantActionRules | null;
}

@InputType({ description: 'Withdraw a training record. Values are checked by the rules; blank and unknown ones come back as violations.' })
export class WithdrawEcfParticipantInput {
  @Field(() => String, { nullable: true, description: COURSE })
  courseIdentifier?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'left-teaching-profession, moved-school, mentor-no-longer-being-mentor, switched-to-school-led or other (RECT rules also changed-lead-provider).',
  })
  reason?: string | null;

  @Field(() => ParticipantActionRulesEnum, { nullable: true, description: RULES })
  rules?: ParticipantActionRules | null;
}

@InputType({ description: 'Move a training record to another schedule, optionally in another cohort.' })
export class ChangeEcfParticipantScheduleInput {
  @Field(() => String, { nullable: true, description: COURSE })
  courseIdentifier?: string | null;

  @Field(() => String, { nullable: true, description: 'The new schedule, e.g. ecf-extended-january (or its alias).' })
  scheduleIdentifier?: string | null;

  @Field(() => Int, { nullable: true, description: 'The cohort start year to move to; omitted or unknown = the current cohort.' })
  cohort?: number | null;

  @Field(() => ParticipantActionRulesEnum, { nullable: true, description: RULES })
  rules?: ParticipantActionRules | null;
}

@ObjectType({ description: 'One lead-provider action on a training record, as audited (admin).', simpleResolvers: true })
export class ParticipantActionAudit implements ParticipantActionAuditView {
  @Field(() => ID, { description: 'The audit row id.' })
  id!: string;

  @Field(() => ID, { description: 'The participant acted on (the current id, even when the request used a retired one).' })
  participantId!: string;

  @Field(() => ID, { description: 'The training record acted on.' })
  trainingRecordId!: string;

  @Field(() => ID, { description: 'The lead provider that acted.' })
  leadProviderId!: string;

  @Field(() => ID, { nullable: true, description: "The provider's API token used; null when an admin acted for the provider." })
  apiTokenId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The admin token that acted for the provider, if any.' })
  adminTokenId!: string | null;

  @Field(() => ParticipantActionEnum, { description: 'The action.' })
  action!: ParticipantAction;

  @Field(() => ParticipantActionRulesEnum, { description: 'Whose rules applied.' })
  rules!: ParticipantActionRules;

  @Field(() => String, { nullable: true, description: 'The reason given (defer and withdraw).' })
  reason!: string | null;

  @Field({ description: 'The request attributes the action read, as sent, as JSON text.' })
  request!: string;

  @Field({ description: 'The training status before the action.' })
  beforeTrainingStatus!: string;

  @Field({ description: 'The training status after the action.' })
  afterTrainingStatus!: string;

  @Field({ description: 'The schedule before the action.' })
  beforeScheduleIdentifier!: string;

  @Field({ description: 'The schedule after the action.' })
  afterScheduleIdentifier!: string;

  @Field(() => Int, { description: 'The cohort before the action.' })
  beforeCohort!: number;

  @Field(() => Int, { description: 'The cohort after the action.' })
  afterCohort!: number;

  @Field(() => ID, { description: 'The training period the action started from.' })
  beforePeriodId!: string;

  @Field(() => ID, { description: 'The training period that carries the record after the action (a new one when the old was closed).' })
  afterPeriodId!: string;

  @Field(() => DateTimeScalar, { description: 'When the action happened, by the request clock (X-With-Server-Date in the sandbox).' })
  occurredAt!: string;
}
