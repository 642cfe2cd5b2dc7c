import type { OpenAPIV3 } from 'openapi-types';
import { NPQ_COURSES } from './common.schemas.js';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;

const text = (description: string, example?: string): OpenAPIV3.SchemaObject => ({
  type: 'string',
  nullable: true,
  description,
  ...(example ? { example } : {}),
});
const flag = (description: string, nullable = false): OpenAPIV3.SchemaObject => ({ type: 'boolean', ...(nullable ? { nullable } : {}), description });
const oneOf = (values: string[], description: string, nullable = false): OpenAPIV3.SchemaObject => ({
  type: 'string',
  ...(nullable ? { nullable, enum: [...values, null] } : { enum: values }),
  description,
});

/** NPQ application attributes in the live serializer's order (npq.md §2.2); v1/v2 drop the v3 additions (§2.3). */
const v3Attributes: Props = {
  course_identifier: oneOf(NPQ_COURSES, 'The NPQ course applied for.'),
  email: text('The person’s email; null for archived people.', 'isabelle.macdonald2@some-school.example.com'),
  email_validated: { type: 'boolean', enum: [true], description: 'Always true.' },
  employer_name: text('Employer, for people not employed by a school.'),
  employment_role: text('Role with that employer.'),
  full_name: { type: 'string', description: 'The person’s full name.', example: 'Isabelle MacDonald' },
  funding_choice: oneOf(['school', 'trust', 'self', 'another', 'employer'], 'How the course is paid for when not DfE-funded.', true),
  headteacher_status: oneOf(
    ['no', 'yes_when_course_starts', 'yes_in_first_two_years', 'yes_over_two_years', 'yes_in_first_five_years', 'yes_over_five_years'],
    'Whether the person is or will be a headteacher.',
    true,
  ),
  ineligible_for_funding_reason: oneOf(
    ['previously-funded', 'establishment-ineligible'],
    'Why the application is not eligible for DfE funding; null when it is.',
    true,
  ),
  participant_id: { allOf: [schemaRef('Id')], description: 'The participant (the person; the same for all their applications).' },
  private_childcare_provider_urn: text('URN of the private childcare provider the person works at.', 'EY944860'),
  teacher_reference_number: text('The teacher reference number, only once verified; otherwise null.', '1234567'),
  teacher_reference_number_validated: flag('Whether the TRN has been verified.'),
  school_urn: text('URN of the person’s school.', '106286'),
  school_ukprn: text('UKPRN of the person’s school or employer.', '10079319'),
  status: oneOf(['pending', 'accepted', 'rejected'], 'The lead provider’s decision.'),
  reason_for_rejection: oneOf(
    ['registration_expired', 'rejected_by_provider', 'other_application_in_this_cohort_accepted'],
    'Why the application was rejected; null unless rejected.',
    true,
  ),
  works_in_school: flag('Whether the person works in a school.', true),
  cohort: {
    type: 'string',
    pattern: '^\\d{4}$',
    nullable: true,
    description: 'Start year of the cohort; null when the application has none.',
    example: '2025',
  },
  cohort_suffix: text('Which call-off contract of the year (e.g. `a`, `b`); null when the application has no cohort.', 'a'),
  eligible_for_funding: flag('Eligible for DfE funding (false when previously funded, unless marked funded by policy).'),
  targeted_delivery_funding_eligibility: flag('Eligible for the targeted delivery funding uplift.'),
  teacher_catchment: flag('Whether the person teaches in the UK.'),
  teacher_catchment_country: text('The country the person teaches in.'),
  teacher_catchment_iso_country_code: text('ISO 3166 alpha-3 code of that country.', 'GBR'),
  itt_provider: text('Legal name of the accredited ITT provider, for lead mentors.'),
  lead_mentor: flag('Whether the person is an ITT lead mentor.'),
  funded_place: flag('Funded place: set on accept in capped cohorts, false in unfunded cohorts, null in fully funded ones.', true),
  created_at: schemaRef('Timestamp'),
  updated_at: {
    allOf: [schemaRef('Timestamp')],
    description: 'When the application or its person last changed, including a decision on any of the person’s applications.',
  },
  schedule_identifier: text('The schedule, set on accept; null before.', 'npq-leadership-autumn'),
  works_as_senco: oneOf(
    ['yes', 'no_but_i_plan_to_become_one', 'no_i_do_not_plan_to_be_a_SENCO'],
    'SENCO answer, as text (the published NPQ document calls it a boolean; the live service sends this text).',
    true,
  ),
  senco_start_date: { type: 'string', format: 'date', nullable: true, description: 'When the person started as SENCO (`YYYY-MM-DD`).', example: '2021-09-01' },
};

const attributes = (description: string, properties: Props): OpenAPIV3.SchemaObject => ({
  type: 'object',
  description,
  required: Object.keys(properties),
  additionalProperties: false,
  properties,
});

const resourceDescription = 'One person’s registration for one NPQ course with the lead provider.';

/** What v3 added to the application (npq.md §2.3); v1 and v2 (the same shape) have none of them. */
export const NPQ_APPLICATION_V3_ONLY = ['reason_for_rejection', 'cohort_suffix', 'schedule_identifier', 'works_as_senco', 'senco_start_date'] as const;

/** v1/v2: the v3 attributes in the same order without the v3 additions, and the TRN as recorded, verified or not. */
const v1Attributes: Props = Object.fromEntries(
  Object.entries(v3Attributes)
    .filter(([name]) => !(NPQ_APPLICATION_V3_ONLY as readonly string[]).includes(name))
    .map(([name, schema]) =>
      name === 'teacher_reference_number'
        ? [name, text('The teacher reference number as recorded, verified or not (see `teacher_reference_number_validated`).', '1234567')]
        : [name, schema],
    ),
);

const FUNDED_PLACE: OpenAPIV3.SchemaObject = {
  type: 'boolean',
  description:
    'Required (true or false) for cohorts with capped funding; must be false (or sent as false) for unfunded cohorts; ignored for fully funded ones. A string such as `"true"` is not a boolean.',
};
const SCHEDULE_IDENTIFIER: OpenAPIV3.SchemaObject = {
  type: 'string',
  nullable: true,
  description: 'A schedule of the application’s cohort that fits the course; omitted or blank: the default schedule.',
  example: 'npq-leadership-autumn',
};

const acceptRequest = (attributes: Props, description: string): OpenAPIV3.SchemaObject => ({
  type: 'object',
  description,
  properties: {
    data: {
      type: 'object',
      required: ['attributes'],
      properties: {
        type: { type: 'string', description: 'Send `npq-application-accept`; the value is not checked.', example: 'npq-application-accept' },
        attributes: { type: 'object', properties: attributes },
      },
    },
  },
});

/** The application schemas of one version's document (same names in each; v1 and v2 share the v1 shape). */
export function npqApplicationSchemas(version: 'v1' | 'v2' | 'v3'): Record<string, OpenAPIV3.SchemaObject> {
  const v3 = version === 'v3';
  return {
    NpqApplicationAttributes: attributes(`An NPQ application (${version}).`, v3 ? v3Attributes : v1Attributes),
    NpqApplication: resourceObject('npq_application', schemaRef('NpqApplicationAttributes'), resourceDescription),
    NpqApplicationResponse: singleEnvelope('NpqApplication', 'One NPQ application.'),
    NpqApplicationsResponse: collectionEnvelope('NpqApplication', 'A page of NPQ applications.'),
    NpqApplicationAcceptRequest: v3
      ? acceptRequest(
          { funded_place: FUNDED_PLACE, schedule_identifier: SCHEDULE_IDENTIFIER },
          'Accept an NPQ application. The body is optional; so are both attributes.',
        )
      : acceptRequest(
          { funded_place: FUNDED_PLACE },
          'Accept an NPQ application. The body is optional, and so is `funded_place`; the schedule is always the default one (choosing it is v3 only).',
        ),
  };
}

export const npqApplicationRequestBodies = (version: 'v1' | 'v2' | 'v3'): Record<string, OpenAPIV3.RequestBodyObject> => ({
  NpqApplicationAccept: {
    required: false,
    description: version === 'v3' ? 'Optional: the funded place and the schedule.' : 'Optional: the funded place.',
    content: { 'application/json': { schema: schemaRef('NpqApplicationAcceptRequest') } },
  },
});
