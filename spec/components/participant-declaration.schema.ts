import type { OpenAPIV3 } from 'openapi-types';
import { NPQ_COURSES } from './common.schemas.js';
import { collectionEnvelope, resourceObject, schemaRef, singleEnvelope } from './refs.js';

type Props = Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.SchemaObject>;
type Version = 'v1' | 'v2' | 'v3';

/** Participant declarations (domain/ecf.md §2.8, §4; npq.md §2.2–2.3, §5): responses and request bodies per version. */

const ECF_TYPES = ['started', 'retained-1', 'retained-2', 'retained-3', 'retained-4', 'completed', 'extended-1', 'extended-2', 'extended-3'];
const NPQ_TYPES = ['started', 'retained-1', 'retained-2', 'completed'];
const STATES = ['submitted', 'eligible', 'payable', 'paid', 'voided', 'ineligible', 'awaiting-clawback', 'clawed-back'];
const EVIDENCE = [
  'training-event-attended',
  'self-study-material-completed',
  'materials-engaged-with-offline',
  '75-percent-engagement-met',
  '75-percent-engagement-met-reduced-induction',
  'one-term-induction',
  'other',
];

// Redocly wants `type` beside `nullable`, so nullable ids are written out rather than referenced.
const nullableId = (description: string): OpenAPIV3.SchemaObject => ({ type: 'string', format: 'uuid', nullable: true, description });
const nullableText = (description: string): OpenAPIV3.SchemaObject => ({ type: 'string', nullable: true, description });
const timestamp = (description: string): OpenAPIV3.SchemaObject => ({ allOf: [schemaRef('Timestamp')], description });
const bool = (description: string): OpenAPIV3.SchemaObject => ({ type: 'boolean', description });

const common = (npq: boolean): Props => ({
  participant_id: { allOf: [schemaRef('Id')], description: 'The participant the declaration is for.' },
  declaration_type: { type: 'string', enum: npq ? NPQ_TYPES : ECF_TYPES, description: 'The milestone declared.', example: 'started' },
  course_identifier: npq
    ? {
        type: 'string',
        enum: NPQ_COURSES,
        description:
          'The course of the application (a declaration sent as the additional support offer on an early headship coaching offer application shows the latter).',
      }
    : { type: 'string', enum: ['ecf-induction', 'ecf-mentor'], description: '`ecf-induction` (ECT) or `ecf-mentor` (mentor).' },
  declaration_date: timestamp('When the declared event happened (fractional seconds dropped).'),
});
const state: OpenAPIV3.SchemaObject = {
  type: 'string',
  enum: STATES,
  description: 'Where the declaration is in the payment lifecycle; the clawback states are written with a dash (`awaiting-clawback`, `clawed-back`).',
};
const ecfHasPassed: OpenAPIV3.SchemaObject = { type: 'boolean', nullable: true, description: 'Always null for ECF declarations.' };
const npqHasPassed: OpenAPIV3.SchemaObject = {
  type: 'boolean',
  nullable: true,
  description: 'The latest outcome of the declaration: true passed, false failed; null when there is none or it was voided.',
};
const eligibleForPayment = bool('Deprecated (use `state`): true when the state is `eligible` or `payable`.');
const voided = bool('Deprecated (use `state`): true when the state is `voided`.');
const updatedAt = timestamp(
  'When the declaration last changed, or when it became visible to the lead provider if that is later (a participant who moved to it).',
);

/** Attribute lists in the live serializers' order. */
function ecfAttributes(version: Version): Props {
  const c = common(false);
  if (version === 'v1')
    return {
      participant_id: c.participant_id,
      declaration_type: c.declaration_type,
      course_identifier: c.course_identifier,
      eligible_for_payment: eligibleForPayment,
      declaration_date: c.declaration_date,
      updated_at: updatedAt,
      voided,
      state,
      has_passed: ecfHasPassed,
    };
  if (version === 'v2') return { ...c, updated_at: updatedAt, state, has_passed: ecfHasPassed };
  return {
    ...c,
    mentor_id: nullableId("ECT declarations: the ECT's mentor at the declaration date; null for mentors."),
    state,
    updated_at: updatedAt,
    created_at: timestamp('When the declaration was submitted.'),
    delivery_partner_id: nullableId("The delivery partner of the participant's training at the declaration date."),
    statement_id: nullableId('The statement the declaration is paid on (eligible, payable, paid, awaiting-clawback, clawed-back); otherwise null.'),
    clawback_statement_id: nullableId('The statement the declaration is clawed back on, if any.'),
    ineligible_for_funding_reason: {
      type: 'string',
      nullable: true,
      enum: ['duplicate_declaration', null],
      description: '`duplicate_declaration` when the declaration is ineligible as a duplicate; otherwise null.',
    },
    uplift_paid: bool('True for a paid (or clawed back) `started` declaration of an ECT with the pupil premium or sparsity uplift.'),
    evidence_held: { type: 'string', nullable: true, enum: [...EVIDENCE, null], description: 'The evidence the lead provider holds.' },
    has_passed: ecfHasPassed,
    lead_provider_name: { type: 'string', description: 'The lead provider that submitted the declaration.' },
  };
}

function npqAttributes(version: Version): Props {
  const c = common(true);
  const head = { ...c, state, has_passed: npqHasPassed };
  if (version === 'v1') return { ...head, voided, eligible_for_payment: eligibleForPayment, updated_at: updatedAt };
  if (version === 'v2') return { ...head, updated_at: updatedAt };
  return {
    ...head,
    delivery_partner_id: nullableId('The delivery partner declared.'),
    delivery_partner_name: nullableText("The delivery partner's name."),
    secondary_delivery_partner_id: nullableId('The secondary delivery partner declared.'),
    secondary_delivery_partner_name: nullableText("The secondary delivery partner's name."),
    statement_id: nullableId('The statement the declaration is paid on (eligible, payable, paid, awaiting-clawback, clawed-back); otherwise null.'),
    application_id: { allOf: [schemaRef('Id')], description: 'The NPQ application.' },
    clawback_statement_id: nullableId('The statement the declaration is clawed back on, if any.'),
    uplift_paid: bool(
      'True for a paid (or clawed back) `started` declaration whose application has targeted delivery funding, except for the additional support offer and early headship coaching offer.',
    ),
    lead_provider_name: { type: 'string', description: 'The lead provider that submitted the declaration.' },
    ineligible_for_funding_reason: {
      type: 'string',
      nullable: true,
      enum: ['duplicate_declaration', null],
      description: '`duplicate_declaration` when the declaration is ineligible as a duplicate; otherwise null.',
    },
    created_at: timestamp('When the declaration was submitted.'),
    updated_at: updatedAt,
  };
}

const object = (title: string, description: string, props: Props): OpenAPIV3.SchemaObject => ({
  type: 'object',
  title,
  description,
  required: Object.keys(props),
  additionalProperties: false,
  properties: props,
});

/* Request bodies ------------------------------------------------------------------------------------------------ */

function requestEnvelope(description: string, attributes: OpenAPIV3.SchemaObject): OpenAPIV3.SchemaObject {
  return {
    type: 'object',
    description,
    required: ['data'],
    properties: {
      data: {
        type: 'object',
        required: ['attributes'],
        properties: {
          type: { type: 'string', description: 'Send `participant-declaration`; the value is not checked.', example: 'participant-declaration' },
          attributes,
        },
      },
    },
  };
}

const ECF_CREATE: OpenAPIV3.SchemaObject = {
  type: 'object',
  title: 'ECF declaration',
  description:
    'ECF tokens (domain rules ecf.md §4.2): `evidence_held` is required for every type but `started` (2021–2024 cohorts ignore it on `started`; ' +
    '2025+ cohorts check it against the type and participant); `has_passed` is accepted and ignored. Other attributes are ignored.',
  required: ['participant_id', 'declaration_type', 'declaration_date', 'course_identifier'],
  properties: {
    participant_id: { type: 'string', format: 'uuid', description: 'The participant (a retired participant id is also accepted).' },
    declaration_type: { type: 'string', enum: ECF_TYPES, description: 'A milestone of the participant’s schedule.' },
    declaration_date: {
      type: 'string',
      format: 'date-time',
      description: 'RFC 3339 date-time, not in the future, inside the milestone’s window.',
      example: '2025-10-01T10:00:00Z',
    },
    course_identifier: { type: 'string', enum: ['ecf-induction', 'ecf-mentor'], description: '`ecf-induction` (ECT) or `ecf-mentor` (mentor).' },
    evidence_held: { type: 'string', enum: EVIDENCE, description: 'The evidence the lead provider holds for the milestone.' },
    has_passed: { type: 'boolean', nullable: true, description: 'Ignored for ECF.' },
  },
};

function npqCreate(version: Version): OpenAPIV3.SchemaObject {
  const dp: Props =
    version === 'v3'
      ? {
          delivery_partner_id: {
            type: 'string',
            format: 'uuid',
            description:
              "Required for 2024+ cohorts when the participant works in England; one of the lead provider's delivery partners for the cohort; not allowed outside England.",
          },
          secondary_delivery_partner_id: {
            type: 'string',
            format: 'uuid',
            description: 'Optional; needs `delivery_partner_id`, must differ from it and be one of the lead provider’s delivery partners for the cohort.',
          },
        }
      : {};
  return {
    type: 'object',
    title: 'NPQ declaration',
    description:
      'NPQ tokens (npq.md §5.2–5.4): `has_passed` is required on `completed` for the leadership and specialist courses' +
      (version === 'v3' ? '; the delivery partner fields follow the rules described on each.' : '. v1 and v2 take no delivery partner fields.'),
    required: ['participant_id', 'declaration_type', 'declaration_date', 'course_identifier'],
    properties: {
      participant_id: { type: 'string', format: 'uuid', description: 'The participant.' },
      declaration_type: { type: 'string', enum: NPQ_TYPES, description: 'A milestone of the application’s schedule.' },
      declaration_date: { type: 'string', format: 'date-time', description: 'RFC 3339 date-time, not in the future.', example: '2025-10-01T10:00:00Z' },
      course_identifier: { type: 'string', enum: NPQ_COURSES, description: 'The course of one of the participant’s accepted applications.' },
      has_passed: {
        oneOf: [{ type: 'boolean' }, { type: 'string', enum: ['true', 'false'] }],
        description: '`completed` declarations of the leadership and specialist courses: whether the participant passed.',
      },
      ...dp,
    },
  };
}

const CHANGE_DP_REQUEST = requestEnvelope('Change the delivery partners of an NPQ declaration (v3, NPQ tokens).', {
  type: 'object',
  required: ['delivery_partner_id'],
  properties: {
    delivery_partner_id: { type: 'string', format: 'uuid', description: "One of the lead provider's delivery partners for the declaration's cohort." },
    secondary_delivery_partner_id: { type: 'string', format: 'uuid', description: 'Optional; omitted clears it.' },
  },
});

/** Columns of the v1/v2 `.csv` per programme (ecf.md §2.8, npq.md §2.3). */
export const DECLARATION_CSV_HEADERS: Record<'ecf' | 'npq', Record<'v1' | 'v2', string>> = {
  ecf: {
    v1: 'id,participant_id,declaration_type,course_identifier,eligible_for_payment,declaration_date,updated_at,voided,state,has_passed',
    v2: 'id,participant_id,declaration_type,course_identifier,declaration_date,updated_at,state,has_passed',
  },
  npq: {
    v1: 'id,participant_id,declaration_type,course_identifier,declaration_date,state,has_passed,voided,eligible_for_payment,updated_at',
    v2: 'id,participant_id,declaration_type,course_identifier,declaration_date,state,has_passed,updated_at',
  },
};

/** The declaration schemas of one version's document (same names in each). */
export function participantDeclarationSchemas(version: Version): Record<string, OpenAPIV3.SchemaObject> {
  const schemas: Record<string, OpenAPIV3.SchemaObject> = {
    EcfParticipantDeclarationAttributes: object(
      `ECF declaration (${version})`,
      'Returned to ECF tokens (RECT clients read this shape).',
      ecfAttributes(version),
    ),
    NpqParticipantDeclarationAttributes: object(`NPQ declaration (${version})`, 'Returned to NPQ tokens.', npqAttributes(version)),
    ParticipantDeclaration: resourceObject(
      'participant-declaration',
      {
        oneOf: [schemaRef('EcfParticipantDeclarationAttributes'), schemaRef('NpqParticipantDeclarationAttributes')],
        description: 'ECF shape for an ECF token, NPQ shape for an NPQ token.',
      },
      'A participant declaration: a lead provider’s claim for payment for a milestone of a participant’s training.',
    ),
    ParticipantDeclarationResponse: singleEnvelope('ParticipantDeclaration', 'One declaration.'),
    ParticipantDeclarationsResponse: collectionEnvelope('ParticipantDeclaration', 'A page of declarations.'),
    ParticipantDeclarationCreateRequest: requestEnvelope('Submit a declaration: the ECF attributes for an ECF token, the NPQ ones for an NPQ token.', {
      oneOf: [schemaRef('EcfParticipantDeclarationCreateAttributes'), schemaRef('NpqParticipantDeclarationCreateAttributes')],
    }),
    EcfParticipantDeclarationCreateAttributes: ECF_CREATE,
    NpqParticipantDeclarationCreateAttributes: npqCreate(version),
  };
  if (version === 'v3') schemas.NpqParticipantDeclarationChangeDeliveryPartnerRequest = CHANGE_DP_REQUEST;
  else
    schemas.ParticipantDeclarationsCsv = {
      type: 'string',
      description:
        'Every declaration of the list as CSV (RFC 4180): a header row, then one row per declaration; booleans `true`/`false`, null an empty field. ' +
        `ECF tokens: \`${DECLARATION_CSV_HEADERS.ecf[version]}\`. NPQ tokens: \`${DECLARATION_CSV_HEADERS.npq[version]}\`. No declarations: an empty body (no header).`,
      example: `${DECLARATION_CSV_HEADERS.ecf[version]}\n`,
    };
  return schemas;
}

const body = (schema: string, description: string): OpenAPIV3.RequestBodyObject => ({
  required: true,
  description,
  content: { 'application/json': { schema: schemaRef(schema) } },
});

export function participantDeclarationRequestBodies(version: Version): Record<string, OpenAPIV3.RequestBodyObject> {
  return {
    ParticipantDeclarationCreate: body('ParticipantDeclarationCreateRequest', 'The declaration.'),
    ...(version === 'v3'
      ? { NpqParticipantDeclarationChangeDeliveryPartner: body('NpqParticipantDeclarationChangeDeliveryPartnerRequest', 'The new delivery partners.') }
      : {}),
  };
}

const query = (name: string, description: string, schema: OpenAPIV3.SchemaObject): OpenAPIV3.ParameterObject => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
});
const UUIDS_EXAMPLE = '7e5bcdbf-c818-4961-8da5-439cab1984e0,c2a7ef98-bbfc-48c5-8f02-d484071d2165';

/** The declaration list filters (ecf.md §2.8, npq.md §5.1): their rules differ by version and token programme. */
export const participantDeclarationParameters: Record<string, OpenAPIV3.ParameterObject> = {
  FilterDeclarationParticipantIdV1V2: query(
    'filter[participant_id]',
    'ECF tokens: one participant id; only that participant’s declarations (exact match, anything else matches nothing). NPQ tokens: ' +
      'comma-separated participant ids (UUIDs); a value that is not such a list is a 400.',
    { type: 'string', example: '7e5bcdbf-c818-4961-8da5-439cab1984e0' },
  ),
  FilterDeclarationParticipantIds: query(
    'filter[participant_id]',
    'Comma-separated participant ids; only their declarations. NPQ tokens: a value that is not a comma-separated list of UUIDs is a 400.',
    { type: 'string', example: UUIDS_EXAMPLE },
  ),
  FilterDeclarationUpdatedSinceV1V2: query(
    'filter[updated_since]',
    'Only declarations whose `updated_at` is after this instant (ECF tokens: strictly after; NPQ tokens: at or after): RFC 3339 or a date ' +
      '(midnight UTC). Percent-encode the value (a `+` offset sent raw reads as a space). An unparseable value is a 400.',
    { type: 'string', format: 'date-time', example: '2025-01-10T10:42:00Z' },
  ),
  FilterDeclarationCohort: query(
    'filter[cohort]',
    "Comma-separated start years of the declaration's cohort (its schedule's cohort when it was submitted), for example `2023,2024`. " +
      'When absent or blank, every cohort; an unknown year, or a value that is not a year, matches nothing.',
    { type: 'string', example: '2023,2024' },
  ),
  FilterDeclarationDeliveryPartnerId: query(
    'filter[delivery_partner_id]',
    'ECF tokens: comma-separated delivery partner ids; only declarations with one of these delivery partners. NPQ tokens: ignored.',
    { type: 'string', example: UUIDS_EXAMPLE },
  ),
};
