import type { SchoolFieldsFragment } from '../generated/graphql.js';
import type { components } from '../generated/openapi-v3.js';
import { resource } from '../shared/envelope.js';

type Schemas = components['schemas'];

/** ECF v3 school (ecf.md §7). */
export function serializeEcfSchool(s: SchoolFieldsFragment): Schemas['EcfSchool'] {
  return resource<Schemas['EcfSchool']>('school', s.id, {
    name: s.name,
    urn: s.urn,
    cohort: String(s.cohort),
    in_partnership: s.inPartnership,
    induction_programme_choice: s.trainingRoute,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  });
}

/** RECT v3 school: ECF's fields plus expression of interest and the induction tutor (rect.md §2.3). */
export function serializeRectSchool(s: SchoolFieldsFragment): Schemas['School'] {
  return resource<Schemas['School']>('school', s.id, {
    name: s.name,
    urn: s.urn,
    cohort: String(s.cohort),
    in_partnership: s.inPartnership,
    // RECT derives the choice from the training periods at the school in the cohort (rect.md §3.3).
    induction_programme_choice: s.rectTrainingRoute === 'no_early_career_teachers' ? 'not_yet_known' : s.rectTrainingRoute,
    expression_of_interest: s.expressionOfInterest,
    induction_tutor_name: s.inductionTutorName,
    induction_tutor_email: s.inductionTutorEmail,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  });
}
