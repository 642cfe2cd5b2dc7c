import type { OpenAPIV3 } from 'openapi-types';

/**
 * Query, path and header parameters. Paging and filters are separate `page[...]` / `filter[...]`
 * query parameters rather than one deepObject, so generated clients send exactly these names.
 */
const query = (name: string, description: string, schema: OpenAPIV3.SchemaObject, required = false): OpenAPIV3.ParameterObject => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});

/** `sort` of one list: the fields its domain query can order by (the others are dropped, not refused). */
function sortParameter(fields: string[]): OpenAPIV3.ParameterObject {
  const list = fields.map((f) => `\`${f}\``).join(', ');
  return query(
    'sort',
    `Comma-separated sort fields, each optionally prefixed with \`-\` (descending) or \`+\` (ascending, the ` +
      `default; encode it as \`%2B\`). Fields: ${list}; other fields are ignored. Each operation states its ` +
      'default order. Ties are always broken by id, so paging is stable.',
    { type: 'string', example: '-updated_at,created_at' },
  );
}

export const parameters: Record<string, OpenAPIV3.ParameterObject> = {
  PageNumber: query('page[page]', 'Page to return, counting from 1. A page past the end returns an empty `data` array.', {
    type: 'integer',
    minimum: 1,
    default: 1,
  }),
  PageSize: query('page[per_page]', 'Number of records per page. Values above 3000 are treated as 3000. A value below 1 or not a number is a 400.', {
    type: 'integer',
    minimum: 1,
    default: 100,
  }),
  FilterCohortList: query(
    'filter[cohort]',
    'Comma-separated cohort start years, for example `2023,2024`. When absent or blank, every cohort from ' +
      '2021 onwards is included; an unknown year, or a value that is not a year, matches nothing.',
    { type: 'string', example: '2023,2024' },
  ),
  FilterDeliveryPartnerCohort: query(
    'filter[cohort]',
    'Cohort start years. ECF tokens: comma-separated, for example `2023,2024`. NPQ tokens: one year (of a ' +
      'comma-separated list only the first is used). When absent or blank, every cohort from 2021 onwards is ' +
      'included; an unknown year, or a value that is not a year, matches nothing.',
    { type: 'string', example: '2024' },
  ),
  FilterCohortRequired: query(
    'filter[cohort]',
    'One cohort start year (of a comma-separated list only the first is used). Required: a request without ' +
      'it is a 400. A year with no cohort, or a value that is not a year, gives an empty list (or a 404 for a ' +
      'single school).',
    { type: 'string', example: '2024' },
    true,
  ),
  FilterUpdatedSince: query(
    'filter[updated_since]',
    'Only records whose `updated_at` is at or after this instant: RFC 3339 (`2025-01-10T10:42:00Z`, ' +
      '`2025-01-10T11:42:00+01:00`) or a date (midnight UTC). Percent-encode the value (a `+` offset sent raw ' +
      'reads as a space). An unparseable value is a 400.',
    { type: 'string', format: 'date-time', example: '2025-01-10T10:42:00Z' },
  ),
  FilterCreatedSince: query(
    'filter[created_since]',
    'Only records created at or after this instant: RFC 3339 (`2025-01-10T10:42:00Z`) or a date (midnight UTC). ' +
      'Percent-encode the value (a `+` offset sent raw reads as a space). An unparseable value is a 400.',
    { type: 'string', format: 'date-time', example: '2025-01-10T10:42:00Z' },
  ),
  FilterStatementType: query(
    'filter[type]',
    'Statement programme. For an ECF token, blank or `ecf` returns the ECF statements and any other value ' + 'returns an empty list. NPQ tokens: ignored.',
    { type: 'string', example: 'ecf' },
  ),
  FilterUrn: query('filter[urn]', 'Only the school with this unique reference number (exact match).', {
    type: 'string',
    example: '106286',
  }),
  FilterDeliveryPartnerId: query(
    'filter[delivery_partner_id]',
    'Comma-separated delivery partner ids; only partnerships with one of these delivery partners are returned.',
    { type: 'string', example: 'd0b4a32e-a272-489e-b30a-cb17131457fc,db2fbf67-b7b7-454f-a1b7-0020411e2314' },
  ),
  FilterTrainingStatus: query(
    'filter[training_status]',
    'Only participants with a training record in this training status: `active`, `deferred` or `withdrawn`. Any other value is a 400.',
    { type: 'string', enum: ['active', 'deferred', 'withdrawn'], example: 'active' },
  ),
  FilterTrainingStatusRect: query(
    'filter[training_status]',
    'Only participants with a training record in this training status: `active`, `deferred` or `withdrawn`. Any other value matches nothing.',
    { type: 'string', enum: ['active', 'deferred', 'withdrawn'], example: 'active' },
  ),
  FilterFromParticipantId: query(
    'filter[from_participant_id]',
    'Only the participant that took over this retired participant id (see `participant_id_changes`).',
    { type: 'string', example: '439ac4fe-a003-417f-9694-07c45b3482f8' },
  ),
  FilterNpqParticipantId: query(
    'filter[participant_id]',
    'Comma-separated participant ids (UUIDs); only applications of these participants are returned. A value ' +
      'that is not a comma-separated list of UUIDs is a 400.',
    { type: 'string', example: '7e5bcdbf-c818-4961-8da5-439cab1984e0,c2a7ef98-bbfc-48c5-8f02-d484071d2165' },
  ),
  SortDeliveryPartners: sortParameter(['created_at', 'updated_at', 'name']),
  SortSchools: sortParameter(['created_at', 'updated_at', 'name', 'urn']),
  SortPartnerships: sortParameter(['created_at', 'updated_at']),
  SortNpqApplications: sortParameter(['created_at', 'updated_at']),
  SortParticipants: sortParameter(['created_at', 'updated_at']),
  ResourceId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The resource id (a UUID). An id that is unknown, not visible to the lead provider or not a UUID gets a 404.',
    schema: { type: 'string', format: 'uuid' },
  },
  WithServerDate: {
    name: 'X-With-Server-Date',
    in: 'header',
    required: false,
    description:
      'Outside production only: run the request as if the current time were this instant, an RFC 3339 ' +
      'date-time or a date (midnight UTC), from 2000-01-01T00:00:00Z to 2100-12-31T23:59:59Z. Records written ' +
      'by the request carry that time too; rate limiting keeps the real time. A value that is not such an ' +
      'instant, or is out of that range, is a 400. Ignored in production.',
    schema: { type: 'string', format: 'date-time', example: '2025-01-10T10:42:00Z' },
  },
};
