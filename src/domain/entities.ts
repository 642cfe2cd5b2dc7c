/** Every entity, listed explicitly so a bare `node` start needs no discovery (STACK.md "Node 22"). */
import { ApiTokenSchema } from './auth/api-token.entity.js';
import { CohortSchema } from './cohorts/cohort.entity.js';
import { CourseSchema } from './courses/course.entity.js';
import { DeliveryPartnerSchema } from './delivery-partners/delivery-partner.entity.js';
import { ProviderRelationshipSchema } from './delivery-partners/provider-relationship.entity.js';
import { LeadProviderSchema } from './lead-providers/lead-provider.entity.js';
import { PartnershipSchema } from './partnerships/partnership.entity.js';
import { ParticipantIdChangeSchema, ParticipantSchema } from './participants/participant.entity.js';
import { InductionPeriodSchema, TrainingPeriodSchema, TrainingRecordSchema } from './participants/training-record.entity.js';
import { ParticipantActionAuditSchema } from './participants/actions/participant-action-audit.entity.js';
import { NpqApplicationSchema, NpqApplicationStateSchema, NpqOutcomeSchema } from './npq/npq-application.entity.js';
import { NpqCohortSchema } from './npq/npq-cohort.entity.js';
import { NpqParticipantIdChangeSchema, NpqParticipantSchema } from './npq/npq-participant.entity.js';
import { MilestoneSchema, ScheduleSchema } from './schedules/schedule.entity.js';
import { SchoolCohortSchema } from './schools/school-cohort.entity.js';
import { SchoolSchema } from './schools/school.entity.js';
import { StatementSchema } from './statements/statement.entity.js';

export const entities = [
  ApiTokenSchema,
  CohortSchema,
  CourseSchema,
  DeliveryPartnerSchema,
  ProviderRelationshipSchema,
  LeadProviderSchema,
  PartnershipSchema,
  ParticipantSchema,
  ParticipantIdChangeSchema,
  TrainingRecordSchema,
  TrainingPeriodSchema,
  ParticipantActionAuditSchema,
  InductionPeriodSchema,
  ScheduleSchema,
  MilestoneSchema,
  NpqCohortSchema,
  NpqParticipantSchema,
  NpqParticipantIdChangeSchema,
  NpqApplicationSchema,
  NpqApplicationStateSchema,
  NpqOutcomeSchema,
  SchoolSchema,
  SchoolCohortSchema,
  StatementSchema,
];
