import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A course (`course_identifier`): ecf-induction, ecf-mentor, npq-* (npq.md §1.3). */
export const CourseSchema = defineEntity({
  name: 'Course',
  tableName: 'courses',
  properties: {
    id: p.uuid().primary(),
    identifier: p.string().unique(),
    name: p.string(),
    programme: p.enum(['ecf', 'npq'] as const),
    /** NPQ course group (leadership, specialist, support, ehco); null for ECF. */
    courseGroup: p.string().nullable(),
  },
});
export type Course = InferEntity<typeof CourseSchema>;
