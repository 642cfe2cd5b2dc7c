import type { OpenAPIV3 } from 'openapi-types';

/**
 * Query, path and header parameters. Paging and filters are separate `page[...]` / `filter[...]`
 * query parameters rather than one deepObject, so generated clients send exactly these names.
 */
const query = (
  name: string,
  description: string,
  schema: OpenAPIV3.SchemaObject,
  required = false,
): OpenAPIV3.ParameterObject => ({ name, in: 'query', required, description, schema });

export const parameters: Record<string, OpenAPIV3.ParameterObject> = {
  PageNumber: query('page[page]', 'Page to return, counting from 1. A page past the end returns an empty `data` array.', {
    type: 'integer',
    minimum: 1,
    default: 1,
  }),
  PageSize: query(
    'page[per_page]',
    'Number of records per page. Values above 3000 are treated as 3000. A value below 1 or not a number is a 400.',
    { type: 'integer', minimum: 1, default: 100 },
  ),
  FilterCohortList: query(
    'filter[cohort]',
    'Comma-separated cohort start years, for example `2023,2024`. When absent or blank, every cohort from ' +
    '2021 onwards is included; an unknown year matches nothing.',
    { type: 'string', pattern: '^\\s*(\\d{4}\\s*(,\\s*\\d{4}\\s*)*)?$', example: '2023,2024' },
  ),
  FilterCohortRequired: query(
    'filter[cohort]',
    'One cohort start year. Required: a request without it is a 400. A year with no cohort gives an empty ' +
    'list (or 404 for a single school).',
    { type: 'string', pattern: '^\\d{4}$', example: '2024' },
    true,
  ),
  FilterUpdatedSince: query(
    'filter[updated_since]',
    'Only records whose `updated_at` is at or after this RFC 3339 instant. Percent-encode the value (a ' +
    '`+` offset sent raw reads as a space). An unparseable value is a 400.',
    { type: 'string', format: 'date-time', example: '2025-01-10T10:42:00Z' },
  ),
  FilterStatementType: query(
    'filter[type]',
    'Statement programme. For an ECF token, blank or `ecf` returns the ECF statements and any other value ' +
    'returns an empty list.',
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
  Sort: query(
    'sort',
    'Comma-separated sort fields, each optionally prefixed with `-` (descending) or `+` (ascending, the ' +
    'default; encode it as `%2B`). Typical fields are `created_at` and `updated_at`; unknown fields are ' +
    'ignored. Each operation states its default order. Ties are always broken by id, so paging is stable.',
    { type: 'string', example: '-updated_at,created_at' },
  ),
  ResourceId: {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The resource id (a UUID).',
    schema: { type: 'string', format: 'uuid' },
  },
  WithServerDate: {
    name: 'X-With-Server-Date',
    in: 'header',
    required: false,
    description:
      'Outside production only: run the request as if the current time were this RFC 3339 instant ' +
      '(records written by the request carry that time too). Ignored in production.',
    schema: { type: 'string', format: 'date-time', example: '2025-01-10T10:42:00Z' },
  },
};

/** Parameters every list accepts, after its filters. */
export const pagingParameterNames = ['PageNumber', 'PageSize'] as const;
