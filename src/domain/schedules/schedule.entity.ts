import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A training schedule (ecf.md §1.5, npq.md §1.4). Identifiers repeat in every cohort.
 * `type` for ECF: ecf_standard | ecf_reduced | ecf_extended | ecf_replacement; for NPQ: the course group.
 */
export const ScheduleSchema = defineEntity({
  name: 'Schedule',
  tableName: 'schedules',
  properties: {
    id: p.uuid().primary(),
    cohortId: p.uuid(),
    programme: p.enum(['ecf', 'npq'] as const),
    scheduleIdentifier: p.string(),
    identifierAlias: p.string().nullable(),
    name: p.string(),
    type: p.string(),
    /** Course identifiers this schedule may be used for. */
    courseIdentifiers: p.array<string>(),
    /** NPQ only: the suffixed NPQ cohort the schedule belongs to (identifiers repeat per NPQ cohort). */
    npqCohortId: p.uuid().nullable(),
    /** NPQ only: declarations may not be dated before this (npq.md §1.4). */
    appliesFrom: p.date().nullable(),
    appliesTo: p.date().nullable(),
    /** NPQ only: the declaration types the schedule allows. */
    allowedDeclarationTypes: p.array<string>().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Schedule = InferEntity<typeof ScheduleSchema>;

/** A declaration window of a schedule: `milestoneDate` null means no cut-off. */
export const MilestoneSchema = defineEntity({
  name: 'Milestone',
  tableName: 'milestones',
  properties: {
    id: p.uuid().primary(),
    scheduleId: p.uuid(),
    declarationType: p.string(),
    name: p.string(),
    startDate: p.date(),
    milestoneDate: p.date().nullable(),
    paymentDate: p.date().nullable(),
  },
});
export type Milestone = InferEntity<typeof MilestoneSchema>;
