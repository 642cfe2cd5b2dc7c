import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv } from 'ajv';
import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';
import { openApiDocuments, openApiYaml } from '../spec/index.js';
import { SERVED_DECLARATION_WRITES } from '../spec/paths/participant-declarations.paths.js';

const VERSIONS = ['v1', 'v2', 'v3'] as const;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

interface Op {
  key: string;
  operation: OpenAPIV3.OperationObject;
}

function operationsOf(doc: OpenAPIV3.Document): Op[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item?.[m]).map((m) => ({ key: `${m.toUpperCase()} ${path}`, operation: item![m]! })),
  );
}

/** Parameter names of an operation, following component references. */
function parameterNames(doc: OpenAPIV3.Document, operation: OpenAPIV3.OperationObject): string[] {
  return (operation.parameters ?? [])
    .map((p) => {
      if ('$ref' in p) return doc.components!.parameters![p.$ref.split('/').pop()!] as OpenAPIV3.ParameterObject;
      return p;
    })
    .map((p) => p.name);
}

const V3_OPERATIONS: Record<string, string> = {
  'GET /api/v3/delivery-partners': 'listDeliveryPartners',
  'GET /api/v3/delivery-partners/{id}': 'getDeliveryPartner',
  'GET /api/v3/statements': 'listStatements',
  'GET /api/v3/statements/{id}': 'getStatement',
  'GET /api/v3/schools/ecf': 'listEcfSchools',
  'GET /api/v3/schools/ecf/{id}': 'getEcfSchool',
  'GET /api/v3/partnerships/ecf': 'listEcfPartnerships',
  'POST /api/v3/partnerships/ecf': 'createEcfPartnership',
  'GET /api/v3/partnerships/ecf/{id}': 'getEcfPartnership',
  'PUT /api/v3/partnerships/ecf/{id}': 'updateEcfPartnership',
  'PATCH /api/v3/partnerships/ecf/{id}': 'patchEcfPartnership',
  'GET /api/v3/participants/ecf': 'listEcfParticipants',
  'GET /api/v3/participants/ecf/{id}': 'getEcfParticipant',
  'PUT /api/v3/participants/ecf/{id}/defer': 'deferEcfParticipant',
  'PUT /api/v3/participants/ecf/{id}/resume': 'resumeEcfParticipant',
  'PUT /api/v3/participants/ecf/{id}/change-schedule': 'changeEcfParticipantSchedule',
  'PUT /api/v3/participants/ecf/{id}/withdraw': 'withdrawEcfParticipant',
  'PUT /api/v3/participants/{id}/defer': 'deferParticipant',
  'PUT /api/v3/participants/{id}/resume': 'resumeParticipant',
  'PUT /api/v3/participants/{id}/change-schedule': 'changeParticipantSchedule',
  'PUT /api/v3/participants/{id}/withdraw': 'withdrawParticipant',
  'GET /api/v3/participants/ecf/transfers': 'listEcfParticipantTransfers',
  'GET /api/v3/participants/ecf/{id}/transfers': 'getEcfParticipantTransfers',
  'GET /api/v3/unfunded-mentors/ecf': 'listEcfUnfundedMentors',
  'GET /api/v3/unfunded-mentors/ecf/{id}': 'getEcfUnfundedMentor',
  'GET /api/v3/participants/transfers': 'listParticipantTransfers',
  'GET /api/v3/participants/{id}/transfers': 'getParticipantTransfers',
  'GET /api/v3/unfunded-mentors': 'listUnfundedMentors',
  'GET /api/v3/unfunded-mentors/{id}': 'getUnfundedMentor',
  'GET /api/v3/schools': 'listSchools',
  'GET /api/v3/schools/{id}': 'getSchool',
  'GET /api/v3/partnerships': 'listPartnerships',
  'POST /api/v3/partnerships': 'createPartnership',
  'GET /api/v3/partnerships/{id}': 'getPartnership',
  'PUT /api/v3/partnerships/{id}': 'updatePartnership',
  'PATCH /api/v3/partnerships/{id}': 'patchPartnership',
  'GET /api/v3/participants': 'listParticipants',
  'GET /api/v3/participants/{id}': 'getParticipant',
  'GET /api/v3/npq-applications': 'listNpqApplications',
  'GET /api/v3/npq-applications/{id}': 'getNpqApplication',
  'POST /api/v3/npq-applications/{id}/accept': 'acceptNpqApplication',
  'POST /api/v3/npq-applications/{id}/reject': 'rejectNpqApplication',
  ...npqParticipantOperations('v3'),
  'PUT /api/v3/npq-applications/{id}/change-funded-place': 'changeNpqFundedPlace',
  'GET /api/v3/participants/npq/outcomes': 'listNpqOutcomes',
  'GET /api/v3/participants/npq/{id}/outcomes': 'listNpqParticipantOutcomes',
  'POST /api/v3/participants/npq/{id}/outcomes': 'createNpqOutcome',
  ...declarationOperations('v3'),
};

/** The declaration operations of a version: the reads, and the writes the service serves so far. */
function declarationOperations(version: 'v1' | 'v2' | 'v3'): Record<string, string> {
  const base = `/api/${version}/participant-declarations`;
  const served = new Set(SERVED_DECLARATION_WRITES);
  return {
    [`GET ${base}`]: 'listParticipantDeclarations',
    [`GET ${base}/{id}`]: 'getParticipantDeclaration',
    ...(version === 'v3' ? {} : { [`GET ${base}.csv`]: 'listParticipantDeclarationsCsv' }),
    ...(served.has('create') ? { [`POST ${base}`]: 'createParticipantDeclaration' } : {}),
    ...(served.has('void') ? { [`PUT ${base}/{id}/void`]: 'voidParticipantDeclaration' } : {}),
    ...(served.has('change-delivery-partner') && version === 'v3'
      ? { [`PUT ${base}/{id}/change-delivery-partner`]: 'changeParticipantDeclarationDeliveryPartner' }
      : {}),
  };
}

/** The six NPQ participant operations of a version. */
function npqParticipantOperations(version: 'v1' | 'v2' | 'v3'): Record<string, string> {
  const base = `/api/${version}/participants/npq`;
  return {
    [`GET ${base}`]: 'listNpqParticipants',
    [`GET ${base}/{id}`]: 'getNpqParticipant',
    [`PUT ${base}/{id}/defer`]: 'deferNpqParticipant',
    [`PUT ${base}/{id}/resume`]: 'resumeNpqParticipant',
    [`PUT ${base}/{id}/withdraw`]: 'withdrawNpqParticipant',
    [`PUT ${base}/{id}/change-schedule`]: 'changeNpqParticipantSchedule',
  };
}

describe.each(VERSIONS)('OpenAPI document %s', (version) => {
  const doc = openApiDocuments[version];

  it('validates as an OpenAPI 3.0 document', async () => {
    const result = await validate(structuredClone(doc));
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    expect(result.warnings).toEqual([]);
    expect(doc.openapi).toBe('3.0.3');
  });

  it('requires a bearer token everywhere and lists a sandbox and a production server', () => {
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components?.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.servers?.map((s) => s.description?.split(':')[0])).toEqual(['Sandbox', 'Production']);
    expect(doc.info.license?.url).toBeDefined();
    expect(doc.info.contact?.email).toBeDefined();
  });

  it('explains the families, token scope, rate limit and X-With-Server-Date in info.description', () => {
    const text = doc.info.description ?? '';
    for (const fact of ['ECF', 'NPQ', 'RECT', 'one lead provider', '1000 requests per 300000 ms', 'Retry-After']) {
      expect(text).toContain(fact);
    }
    expect(text).toMatch(/X-With-Server-Date[\s\S]*production/i);
  });

  it('describes the rate-limit window as the service runs it: fixed, per token, from its first request', () => {
    const text = doc.info.description ?? '';
    expect(text).toContain("starts at the token's first request");
    expect(text).toContain('neither rolling nor aligned to the\nclock');
    expect(text).not.toMatch(/multiples of 5 minutes|since the Unix epoch/);
    for (const header of ['RateLimit', 'RateLimit-Policy', 'X-Request-Id', '503']) expect(text).toContain(header);
  });

  it('lists 400, 401, 403, 429 and 503 on every operation, and the rate-limit and request-id headers on every response', () => {
    const responses = (doc.components?.responses ?? {}) as Record<string, OpenAPIV3.ResponseObject>;
    for (const { key, operation } of operationsOf(doc)) {
      expect([key, Object.keys(operation.responses)]).toEqual([key, expect.arrayContaining(['400', '401', '403', '429', '503'])]);
      for (const [status, response] of Object.entries(operation.responses)) {
        const resolved = '$ref' in response ? responses[response.$ref.split('/').pop()!] : response;
        // 413 and 415 are answered while the body is read, before the rate limiter (no rate-limit headers).
        if (status === '413' || status === '415') {
          expect(Object.keys(resolved.headers ?? {})).toEqual(['X-Request-Id']);
          continue;
        }
        expect([key, status, Object.keys(resolved.headers ?? {})]).toEqual([
          key,
          status,
          expect.arrayContaining(['RateLimit', 'RateLimit-Policy', 'X-Request-Id']),
        ]);
        if (status === '429' || status === '503') expect(resolved.headers).toHaveProperty(['Retry-After']);
      }
    }
  });

  it('publishes only the components its operations use', () => {
    const refs = JSON.stringify(doc.paths) + JSON.stringify(doc.components);
    for (const [kind, map] of Object.entries(doc.components ?? {})) {
      for (const name of Object.keys(map as object)) {
        if (kind === 'securitySchemes') continue;
        expect(refs).toContain(`"#/components/${kind}/${name}"`);
      }
    }
  });

  it('gives every operation a unique operationId', () => {
    const ids = operationsOf(doc).map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents summary, tags, 401, 429, JSON success bodies (CSV for `.csv`) and X-With-Server-Date on every operation', () => {
    const tags = new Set((doc.tags ?? []).map((t) => t.name));
    for (const { operation, key } of operationsOf(doc)) {
      expect(operation.summary).toBeTruthy();
      expect(operation.description).toBeTruthy();
      expect(operation.tags?.every((t) => tags.has(t))).toBe(true);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '401', '429']));
      // The v1/v2 `.csv` operations answer CSV; every other success body is JSON.
      const media = key.endsWith('.csv') ? 'text/csv' : 'application/json';
      expect((operation.responses['200'] as OpenAPIV3.ResponseObject).content).toHaveProperty([media]);
      expect(parameterNames(doc, operation)).toContain('X-With-Server-Date');
    }
  });

  it('renders YAML that parses back to the same document, once per version', () => {
    const text = openApiYaml(version);
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify(doc)));
    expect(openApiYaml(version)).toBe(text);
  });
});

it('the validator rejects a document with a dangling $ref', async () => {
  const broken = structuredClone(openApiDocuments.v3);
  broken.components!.schemas!.Statement = { $ref: '#/components/schemas/Missing' };
  const result = await validate(broken);
  expect(result.valid ? '' : compileErrors(result)).toMatch(/Missing/);
});

describe.each(['v1', 'v2'] as const)('OpenAPI document %s', (version) => {
  const doc = openApiDocuments[version];

  it('serves the ECF participant, NPQ application, participant, CSV and outcome operations and says which endpoints arrive later', () => {
    const base = `/api/${version}/npq-applications`;
    const participants = `/api/${version}/participants/ecf`;
    const npqParticipants = `/api/${version}/participants/npq`;
    expect(Object.fromEntries(operationsOf(doc).map((o) => [o.key, o.operation.operationId]))).toEqual({
      [`GET ${participants}`]: 'listEcfParticipants',
      [`GET ${participants}.csv`]: 'listEcfParticipantsCsv',
      [`GET ${participants}/{id}`]: 'getEcfParticipant',
      [`PUT ${participants}/{id}/defer`]: 'deferEcfParticipant',
      [`PUT ${participants}/{id}/resume`]: 'resumeEcfParticipant',
      [`PUT ${participants}/{id}/withdraw`]: 'withdrawEcfParticipant',
      [`PUT ${participants}/{id}/change-schedule`]: 'changeEcfParticipantSchedule',
      ...(version === 'v1'
        ? {
            'PUT /api/v1/participants/{id}/defer': 'legacyDeferEcfParticipant',
            'PUT /api/v1/participants/{id}/resume': 'legacyResumeEcfParticipant',
            'PUT /api/v1/participants/{id}/withdraw': 'legacyWithdrawEcfParticipant',
            'PUT /api/v1/participants/{id}/change-schedule': 'legacyChangeEcfParticipantSchedule',
          }
        : {}),
      [`GET ${base}`]: 'listNpqApplications',
      [`GET ${base}/{id}`]: 'getNpqApplication',
      [`POST ${base}/{id}/accept`]: 'acceptNpqApplication',
      [`POST ${base}/{id}/reject`]: 'rejectNpqApplication',
      ...npqParticipantOperations(version),
      [`PUT ${base}/{id}/change-funded-place`]: 'changeNpqFundedPlace',
      [`GET ${base}.csv`]: 'listNpqApplicationsCsv',
      ...(version === 'v2' ? { 'GET /api/v2/npq-enrolments.csv': 'listNpqEnrolmentsCsv' } : {}),
      [`GET ${npqParticipants}/outcomes`]: 'listNpqOutcomes',
      [`GET ${npqParticipants}/{id}/outcomes`]: 'listNpqParticipantOutcomes',
      [`POST ${npqParticipants}/{id}/outcomes`]: 'createNpqOutcome',
      ...declarationOperations(version),
    });
    expect(doc.info.description).toMatch(/Participant declarations \(list, show, CSV/);
  });

  it('describes the v1/v2 application: no v3 attributes, filters cohort and updated_since only, accept without a schedule', () => {
    const schemas = doc.components!.schemas as Record<string, OpenAPIV3.SchemaObject>;
    const attributes = Object.keys(schemas.NpqApplicationAttributes.properties!);
    for (const v3Only of ['reason_for_rejection', 'cohort_suffix', 'schedule_identifier', 'works_as_senco', 'senco_start_date']) {
      expect(attributes).not.toContain(v3Only);
    }
    const list = doc.paths[`/api/${version}/npq-applications`]!.get!;
    expect(parameterNames(doc, list)).toEqual(['filter[cohort]', 'filter[updated_since]', 'page[page]', 'page[per_page]', 'X-With-Server-Date']);
    const accept = schemas.NpqApplicationAcceptRequest.properties!.data as OpenAPIV3.SchemaObject;
    expect(Object.keys((accept.properties!.attributes as OpenAPIV3.SchemaObject).properties!)).toEqual(['funded_place']);
  });
});

describe('OpenAPI document v3', () => {
  const doc = openApiDocuments.v3;
  const ops = operationsOf(doc);

  it('contains exactly the operations the service serves', () => {
    expect(Object.fromEntries(ops.map((o) => [o.key, o.operation.operationId]))).toEqual(V3_OPERATIONS);
  });

  it('pages every list with separate page[page] and page[per_page] query parameters', () => {
    const lists = ops.filter((o) => o.key.startsWith('GET') && !o.key.includes('{id}'));
    expect(lists).toHaveLength(16);
    for (const { operation } of lists) {
      expect(parameterNames(doc, operation)).toEqual(expect.arrayContaining(['page[page]', 'page[per_page]']));
    }
    const params = doc.components!.parameters as Record<string, OpenAPIV3.ParameterObject>;
    expect(params.PageNumber.schema).toEqual({ type: 'integer', minimum: 1, default: 1 });
    expect(params.PageSize.schema).toEqual({ type: 'integer', minimum: 1, default: 100 });
    expect(Object.values(params).some((p) => p.style === 'deepObject')).toBe(false);
  });

  it('requires filter[cohort] on the school reads', () => {
    for (const key of ['GET /api/v3/schools/ecf', 'GET /api/v3/schools/{id}']) {
      const op = ops.find((o) => o.key === key)!.operation;
      expect(parameterNames(doc, op)).toContain('filter[cohort]');
      expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/FilterCohortRequired' });
    }
  });

  it('says NPQ delivery partners send cohort as year strings, as the serializer does', () => {
    for (const key of ['GET /api/v3/delivery-partners', 'GET /api/v3/delivery-partners/{id}']) {
      const op = ops.find((o) => o.key === key)!.operation;
      expect(op.description).not.toMatch(/integer/i);
      expect(op.description).toContain('year strings');
    }
    const npq = doc.components!.schemas!.NpqDeliveryPartnerAttributes as OpenAPIV3.SchemaObject;
    expect(npq.properties!.cohort).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/CohortYear' } });
  });

  it('documents PUT and PATCH alike on both partnership paths', () => {
    for (const path of ['/api/v3/partnerships/ecf/{id}', '/api/v3/partnerships/{id}']) {
      const item = doc.paths[path]!;
      expect(item.patch?.requestBody).toEqual(item.put?.requestBody);
      expect(Object.keys(item.patch!.responses)).toEqual(Object.keys(item.put!.responses));
    }
  });

  it('answers writes with 200, 400 and 422, never 201', () => {
    for (const { key, operation } of ops.filter((o) => !o.key.startsWith('GET'))) {
      expect([key, Object.keys(operation.responses)]).toEqual([key, expect.arrayContaining(['200', '400', '422'])]);
      expect(operation.responses).not.toHaveProperty('201');
    }
  });

  describe('schemas accept the shapes the service writes', () => {
    const ajv = new Ajv({ strict: false, validateFormats: false });
    ajv.addSchema({ components: doc.components }, 'v3');
    const valid = (schema: string, value: unknown) => ajv.validate({ $ref: `v3#/components/schemas/${schema}` }, value);
    const id = 'd0b4a32e-a272-489e-b30a-cb17131457fc';
    const at = '2025-01-10T10:42:00Z';
    const ecfDp = { id, type: 'delivery-partner', attributes: { name: 'DP', created_at: at, updated_at: at, cohort: ['2023'] } };
    const npqDp = { id, type: 'delivery-partner', attributes: { name: 'DP', cohort: ['2023'], created_at: at, updated_at: at } };
    const npqStatement = {
      id,
      type: 'statement',
      attributes: {
        month: 'May',
        year: '2022',
        cohort: '2021',
        cut_off_date: '2022-04-30',
        payment_date: '2022-05-25',
        paid: true,
        created_at: at,
        updated_at: at,
      },
    };

    it('delivery partners in the ECF and NPQ shapes, with year strings only', () => {
      expect(valid('DeliveryPartnerResponse', { data: ecfDp })).toBe(true);
      expect(valid('DeliveryPartnersResponse', { data: [npqDp] })).toBe(true);
      // Years are strings for both programmes (the NPQ spec's type; docs/compatibility.md).
      expect(valid('DeliveryPartner', { ...npqDp, attributes: { ...npqDp.attributes, cohort: [2023] } })).toBe(false);
      expect(valid('DeliveryPartner', { ...ecfDp, attributes: { ...ecfDp.attributes, cohort: [2023, '2024'] } })).toBe(false);
    });

    it('statements with type for ECF and without it for NPQ', () => {
      expect(valid('Statement', npqStatement)).toBe(true);
      expect(valid('Statement', { ...npqStatement, attributes: { ...npqStatement.attributes, type: 'ecf' } })).toBe(true);
      expect(valid('Statement', { ...npqStatement, attributes: { ...npqStatement.attributes, type: 'npq' } })).toBe(false);
    });

    it('timestamps only in UTC whole seconds', () => {
      expect(valid('Timestamp', at)).toBe(true);
      expect(valid('Timestamp', '2025-01-10T10:42:00.123Z')).toBe(false);
      expect(valid('Timestamp', '2025-01-10T10:42:00+01:00')).toBe(false);
    });

    it('an active ECF partnership with null challenge and tutor fields', () => {
      const attributes = {
        cohort: '2024',
        urn: '106286',
        school_id: id,
        delivery_partner_id: id,
        delivery_partner_name: 'DP',
        status: 'active',
        challenged_reason: null,
        challenged_at: null,
        induction_tutor_name: null,
        induction_tutor_email: null,
        updated_at: at,
        created_at: at,
      };
      expect(valid('EcfPartnershipResponse', { data: { id, type: 'partnership', attributes } })).toBe(true);
      expect(valid('EcfPartnership', { id, type: 'partnership', attributes: { ...attributes, challenged_reason: 'x' } })).toBe(false);
    });

    it('error envelopes', () => {
      expect(valid('UnauthorizedResponse', { error: 'HTTP Token: Access denied' })).toBe(true);
      expect(valid('ErrorsResponse', { errors: [{ title: 'Resource not found', detail: 'Nothing could be found' }] })).toBe(true);
      expect(valid('ErrorsResponse', { error: [{ title: 'cohort', detail: 'x' }] })).toBe(false);
    });
  });
});
