import { resource } from '../shared/envelope.js';
import type { SchoolData } from './schools.operations.js';

// Programme choices named by who leads the training: ECF with `programme_type_changes_2025` on
// (ecf.md §7) and RECT (rect.md §3.3); both reference specs list only these values.
const LED_BY: Record<string, string> = {
  full_induction_programme: 'provider_led',
  school_funded_fip: 'provider_led',
  core_induction_programme: 'school_led',
  design_our_own: 'school_led',
};

/** ECF v3 school (ecf.md §7). */
export function serializeEcfSchool(s: SchoolData) {
  return resource('school', s.id, {
    name: s.name,
    urn: s.urn,
    cohort: String(s.cohort),
    in_partnership: s.inPartnership,
    induction_programme_choice: LED_BY[s.inductionProgrammeChoice] ?? s.inductionProgrammeChoice,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  });
}

// RECT derives the choice from training periods and never reports `no_early_career_teachers` (rect.md §3.3).
const RECT_CHOICE: Record<string, string> = { ...LED_BY, no_early_career_teachers: 'not_yet_known' };

/** RECT v3 school: ECF's fields plus expression of interest and the induction tutor (rect.md §2.3). */
export function serializeRectSchool(s: SchoolData) {
  return resource('school', s.id, {
    name: s.name,
    urn: s.urn,
    cohort: String(s.cohort),
    in_partnership: s.inPartnership,
    induction_programme_choice: RECT_CHOICE[s.inductionProgrammeChoice] ?? s.inductionProgrammeChoice,
    expression_of_interest: s.expressionOfInterest,
    induction_tutor_name: s.inductionTutorName,
    induction_tutor_email: s.inductionTutorEmail,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  });
}
