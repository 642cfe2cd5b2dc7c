import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** A school with the GIAS fields that decide eligibility (ecf.md §1.3). */
export const SchoolSchema = defineEntity({
  name: 'School',
  tableName: 'schools',
  properties: {
    id: p.uuid().primary(),
    urn: p.string().unique(),
    name: p.string(),
    /** GIAS establishment type code. */
    schoolTypeCode: p.integer(),
    /** GIAS establishment status code: 1 open, 2 closed, 3 open but proposed to close, 4 proposed to open. */
    schoolStatusCode: p.integer(),
    administrativeDistrictCode: p.string(),
    section41Approved: p.boolean().name('section_41_approved').default(false),
    primaryContactEmail: p.string().nullable(),
    secondaryContactEmail: p.string().nullable(),
    inductionTutorName: p.string().nullable(),
    inductionTutorEmail: p.string().nullable(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type School = InferEntity<typeof SchoolSchema>;
