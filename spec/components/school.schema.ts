import type { OpenAPIV3 } from 'openapi-types';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

/**
 * A school's training route for a cohort, named by who leads the training (domain/ecf.md §7 with
 * `programme_type_changes_2025`, as the ECF v3 spec lists them).
 */
const ECF_PROGRAMME_CHOICES = ['provider_led', 'school_led', 'no_early_career_teachers', 'not_yet_known'];

/** RECT has no `no_early_career_teachers` (domain/rect.md §3.3). */
const RECT_PROGRAMME_CHOICES = ['provider_led', 'school_led', 'not_yet_known'];

const nullableString = (description: string): OpenAPIV3.SchemaObject => ({ type: 'string', nullable: true, description });

/** Shared leading attributes of both school shapes, in wire order. */
const schoolHead = (
  choices: string[],
  choiceDescription = 'How the school has chosen to train its early career teachers in this cohort.',
): Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject> => ({
  name: { type: 'string', description: 'Name of the school.' },
  urn: { type: 'string', description: 'Unique reference number of the school.', example: '106286' },
  cohort: schemaRef('CohortYear'),
  in_partnership: {
    type: 'boolean',
    description: 'Whether the school has an unchallenged partnership with any lead provider in this cohort.',
  },
  induction_programme_choice: {
    type: 'string',
    enum: choices,
    description: choiceDescription,
  },
});

const timestamps = { created_at: schemaRef('Timestamp'), updated_at: schemaRef('Timestamp') };

function attributes(description: string, properties: Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>): OpenAPIV3.SchemaObject {
  return { type: 'object', description, required: Object.keys(properties), additionalProperties: false, properties };
}

export const schoolSchemas: Record<string, OpenAPIV3.SchemaObject> = {
  EcfSchoolAttributes: attributes('A school as seen on the ECF paths, for the cohort in `filter[cohort]`.', {
    ...schoolHead(ECF_PROGRAMME_CHOICES),
    ...timestamps,
  }),
  EcfSchool: resourceObject('school', schemaRef('EcfSchoolAttributes'), 'A school eligible for ECF-funded training.'),
  EcfSchoolResponse: singleEnvelope('EcfSchool', 'One school.'),
  EcfSchoolsResponse: collectionEnvelope('EcfSchool', 'A page of schools.'),
  SchoolAttributes: attributes('A school as seen on the RECT paths, for the cohort in `filter[cohort]`.', {
    ...schoolHead(
      RECT_PROGRAMME_CHOICES,
      'Who trains the school’s participants in this cohort, from their training: `provider_led` if a mentor or a ' +
        'provider-led early career teacher trains there, `school_led` if only school-led early career teachers do, ' +
        'otherwise `not_yet_known`.',
    ),
    expression_of_interest: {
      type: 'boolean',
      description:
        'Whether this lead provider has partnered with the school in this cohort (or trains a participant there under ' +
        'one of its partnerships); once true it stays true, also after a challenge.',
    },
    induction_tutor_name: nullableString('Name of the induction tutor; null unless `expression_of_interest` is true.'),
    induction_tutor_email: nullableString('Contact email of the induction tutor (or the school contact); null unless `expression_of_interest` is true.'),
    ...timestamps,
  }),
  School: resourceObject('school', schemaRef('SchoolAttributes'), 'A school that can register early career teachers.'),
  SchoolResponse: singleEnvelope('School', 'One school.'),
  SchoolsResponse: collectionEnvelope('School', 'A page of schools.'),
};
