import type { OpenAPIV3 } from 'openapi-types';
import {
  REFERENCE_SPEC_NAMES,
  assertMatchesSpec,
  findOperation,
  getDriftRecords,
  listOperations,
  loadReferenceSpec,
  resetDriftRecords,
  type ReferenceSpecName,
} from './reference-specs.js';

const TS = '2024-05-31T02:22:32.000Z';
const DP_ID = 'cd3a1234-7308-4879-942a-c4a70ced400a';
const SCHOOL_ID = 'dd4a1134-7308-4879-942a-c4a70ced400b';
const STATEMENT_ID = 'ab3a1234-7308-4879-942a-c4a70ced400c';
const PARTNERSHIP_ID = '1c2f1234-7308-4879-942a-c4a70ced400d';

const unauthorised = { error: 'HTTP Token: Access denied' };
const notFound = { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] };

/* Realistic resources, built from the v3 schemas (see the report for the attribute tables). */

const ecfStatement = {
  id: STATEMENT_ID,
  type: 'statement',
  attributes: {
    month: 'May',
    year: '2024',
    type: 'ecf',
    cohort: '2023',
    cut_off_date: '2024-04-30',
    payment_date: '2024-05-25',
    paid: true,
    created_at: TS,
    updated_at: TS,
  },
};
const npqRectStatement = {
  id: STATEMENT_ID,
  type: 'statement',
  attributes: {
    month: 'May',
    year: '2024',
    cohort: '2023',
    cut_off_date: '2024-04-30',
    payment_date: '2024-05-25',
    paid: false,
    created_at: TS,
    updated_at: TS,
  },
};
const deliveryPartner = {
  id: DP_ID,
  type: 'delivery-partner',
  attributes: { name: 'Awesome Delivery Partner Ltd', cohort: ['2023', '2024'], created_at: TS, updated_at: TS },
};
const ecfSchool = {
  id: SCHOOL_ID,
  type: 'school',
  attributes: {
    name: 'Example Primary',
    urn: '123456',
    cohort: '2024',
    in_partnership: false,
    induction_programme_choice: 'not_yet_known',
    created_at: TS,
    updated_at: TS,
  },
};
const rectSchool = {
  id: SCHOOL_ID,
  type: 'school',
  attributes: {
    name: 'Example Primary',
    urn: '123456',
    cohort: '2024',
    in_partnership: true,
    induction_programme_choice: 'provider_led',
    expression_of_interest: false,
    induction_tutor_name: null,
    induction_tutor_email: null,
    created_at: TS,
    updated_at: TS,
  },
};
const ecfPartnership = {
  id: PARTNERSHIP_ID,
  type: 'partnership',
  attributes: {
    cohort: '2024',
    urn: '123456',
    school_id: SCHOOL_ID,
    delivery_partner_id: DP_ID,
    delivery_partner_name: 'Awesome Delivery Partner Ltd',
    status: 'active',
    challenged_reason: null,
    challenged_at: null,
    induction_tutor_name: null,
    induction_tutor_email: 'tutor@example.com',
    updated_at: TS,
    created_at: TS,
  },
};
const rectPartnership = {
  id: PARTNERSHIP_ID,
  type: 'partnership',
  attributes: {
    cohort: '2024',
    urn: '123456',
    school_id: SCHOOL_ID,
    delivery_partner_id: DP_ID,
    delivery_partner_name: 'Awesome Delivery Partner Ltd',
    induction_tutor_name: 'Jo Bloggs',
    induction_tutor_email: null,
    participants_currently_training: 3,
    updated_at: TS,
    created_at: TS,
  },
};

function withAttrs<T extends { attributes: object }>(resource: T, patch: Record<string, unknown>): T {
  return { ...resource, attributes: { ...resource.attributes, ...patch } };
}

function withoutAttr<T extends { attributes: object }>(resource: T, name: string): T {
  const attributes = { ...(resource.attributes as Record<string, unknown>) };
  delete attributes[name];
  return { ...resource, attributes };
}

describe('loadReferenceSpec / listOperations', () => {
  it('loads every reference document once and freezes it', () => {
    for (const name of REFERENCE_SPEC_NAMES) {
      const doc = loadReferenceSpec(name);
      expect(doc.openapi).toMatch(/^3\.0/);
      expect(loadReferenceSpec(name)).toBe(doc);
      expect(Object.isFrozen(doc.paths)).toBe(true);
    }
  });

  it('lists the 139 operations (counts from spec/reference/SOURCE.md)', () => {
    const counts = Object.fromEntries(REFERENCE_SPEC_NAMES.map((n) => [n, listOperations(n).length]));
    expect(counts).toEqual({ ecf_v1: 16, ecf_v2: 12, ecf_v3: 24, npq_v1: 20, npq_v2: 21, npq_v3: 22, rect_v3: 24 });
    expect(listOperations('rect_v3')).toContainEqual({ method: 'GET', path: '/api/v3/participants/transfers', operationId: 'getTransfers' });
    expect(listOperations('npq_v3')).toContainEqual({ method: 'GET', path: '/api/v3/statements' }); // NPQ has no operationIds
  });
});

describe('path template matching', () => {
  it.each<[ReferenceSpecName, string, string, string]>([
    ['ecf_v3', 'GET', '/api/v3/participants/ecf/transfers', '/api/v3/participants/ecf/transfers'],
    ['ecf_v3', 'GET', '/api/v3/participants/ecf/0b6a1234-7308-4879-942a-c4a70ced400a', '/api/v3/participants/ecf/{id}'],
    ['ecf_v3', 'GET', '/api/v3/participants/ecf/0b6a/transfers', '/api/v3/participants/ecf/{id}/transfers'],
    ['rect_v3', 'GET', '/api/v3/participants/transfers?page[page]=2', '/api/v3/participants/transfers'],
    ['rect_v3', 'GET', '/api/v3/participants/abc', '/api/v3/participants/{id}'],
    ['npq_v3', 'GET', '/api/v3/participants/npq/outcomes', '/api/v3/participants/npq/outcomes'],
    ['npq_v3', 'GET', '/api/v3/participants/npq/xyz', '/api/v3/participants/npq/{id}'],
    ['ecf_v1', 'GET', '/api/v1/participants/ecf.csv', '/api/v1/participants/ecf.csv'],
    ['ecf_v1', 'PUT', '/api/v1/participants/ecf/abc/defer', '/api/v1/participants/ecf/{id}/defer'],
    ['ecf_v1', 'PUT', '/api/v1/participants/abc/defer', '/api/v1/participants/{id}/defer'],
    ['ecf_v3', 'GET', `/api/v3/partnerships/ecf/${PARTNERSHIP_ID}?filter[cohort]=2024`, '/api/v3/partnerships/ecf/{id}'],
    ['ecf_v3', 'PUT', '/api/v3/partnerships/ecf/{partnership_id}', '/api/v3/partnerships/ecf/{id}'],
    ['ecf_v3', 'GET', 'http://127.0.0.1:3000/api/v3/statements/', '/api/v3/statements'],
  ])('%s %s %s → %s', (spec, method, path, template) => {
    expect(findOperation(spec, method, path).path).toBe(template);
  });

  it('throws for an unknown path or a method the matching templates lack', () => {
    expect(() => findOperation('ecf_v3', 'GET', '/api/v3/nope')).toThrow(/ecf_v3: no path template matches '\/api\/v3\/nope'/);
    expect(() => findOperation('ecf_v3', 'DELETE', '/api/v3/participants/ecf/transfers')).toThrow(
      /no DELETE operation .*\/api\/v3\/participants\/ecf\/transfers \[GET\]; \/api\/v3\/participants\/ecf\/\{id\} \[GET\]/,
    );
  });
});

describe('assertMatchesSpec: ECF v3 delivery partners', () => {
  it('accepts a well-formed list and single resource', () => {
    expect(assertMatchesSpec('ecf_v3', 'GET', '/api/v3/delivery-partners?filter[cohort]=2024', 200, { data: [deliveryPartner] })).toEqual({
      usedDriftSchema: false,
      undocumentedStatus: false,
      operation: { method: 'GET', path: '/api/v3/delivery-partners', operationId: 'delivery_patrners_get' },
      responseKey: '200',
    });
    assertMatchesSpec('ecf_v3', 'GET', `/api/v3/delivery-partners/${DP_ID}`, 200, { data: deliveryPartner });
    assertMatchesSpec('ecf_v3', 'GET', '/api/v3/delivery-partners', 200, { data: [] });
  });

  it('rejects a body without data', () => {
    expect(() => assertMatchesSpec('ecf_v3', 'GET', '/api/v3/delivery-partners', 200, { meta: {} })).toThrow(
      /ecf_v3 GET \/api\/v3\/delivery-partners .*status 200[\s\S]*\(root\) must have required property 'data'[\s\S]*Body: \{"meta":\{\}\}/,
    );
  });

  it('rejects a wrong type, a missing required attribute and bad formats, naming the instance path', () => {
    const wrongType = { data: [withAttrs(deliveryPartner, { name: 42 })] };
    expect(() => assertMatchesSpec('ecf_v3', 'GET', '/api/v3/delivery-partners', 200, wrongType)).toThrow(/\/data\/0\/attributes\/name must be string/);
    const missing = { data: withoutAttr(deliveryPartner, 'created_at') };
    expect(() => assertMatchesSpec('ecf_v3', 'GET', `/api/v3/delivery-partners/${DP_ID}`, 200, missing)).toThrow(
      /\/data\/attributes must have required property 'created_at'/,
    );
    const badUuid = { data: { ...deliveryPartner, id: 'not-a-uuid' } };
    expect(() => assertMatchesSpec('ecf_v3', 'GET', `/api/v3/delivery-partners/${DP_ID}`, 200, badUuid)).toThrow(/\/data\/id must match format "uuid"/);
    const badDate = { data: withAttrs(deliveryPartner, { updated_at: '31/05/2024' }) };
    expect(() => assertMatchesSpec('ecf_v3', 'GET', `/api/v3/delivery-partners/${DP_ID}`, 200, badDate)).toThrow(
      /\/data\/attributes\/updated_at must match format "date-time"/,
    );
  });

  it('parses a JSON string body', () => {
    assertMatchesSpec('ecf_v3', 'GET', '/api/v3/delivery-partners', 200, JSON.stringify({ data: [deliveryPartner] }));
  });
});

describe('assertMatchesSpec: statements, delivery partners, schools, partnerships in the three v3 documents', () => {
  type Case = [ReferenceSpecName, string, unknown];
  const cases: Case[] = [
    ['ecf_v3', '/api/v3/statements', ecfStatement],
    ['ecf_v3', '/api/v3/delivery-partners', deliveryPartner],
    ['ecf_v3', '/api/v3/schools/ecf', ecfSchool],
    ['ecf_v3', '/api/v3/partnerships/ecf', ecfPartnership],
    ['rect_v3', '/api/v3/statements', npqRectStatement],
    ['rect_v3', '/api/v3/delivery-partners', deliveryPartner],
    ['rect_v3', '/api/v3/schools', rectSchool],
    ['rect_v3', '/api/v3/partnerships', rectPartnership],
    ['npq_v3', '/api/v3/statements', npqRectStatement],
  ];
  it.each(cases)('%s %s list and show', (spec, path, resource) => {
    assertMatchesSpec(spec, 'GET', path, 200, { data: [resource, resource] });
    const show = assertMatchesSpec(spec, 'GET', `${path}/${(resource as { id: string }).id}`, 200, { data: resource });
    expect(show.operation.path).toBe(`${path}/{id}`);
    expect(() => assertMatchesSpec(spec, 'GET', path, 200, { data: resource })).toThrow(/\/data must be array/);
  });

  it('npq_v3 documents delivery partners as a list only', () => {
    assertMatchesSpec('npq_v3', 'GET', '/api/v3/delivery-partners', 200, { data: [deliveryPartner] });
    expect(() => findOperation('npq_v3', 'GET', `/api/v3/delivery-partners/${DP_ID}`)).toThrow(/no path template matches/);
  });

  it('enforces enums, nullable enums and nullable strings', () => {
    const challenged = withAttrs(ecfPartnership, { status: 'challenged', challenged_reason: 'mistake', challenged_at: TS });
    assertMatchesSpec('ecf_v3', 'GET', `/api/v3/partnerships/ecf/${PARTNERSHIP_ID}`, 200, { data: challenged });
    expect(() =>
      assertMatchesSpec('ecf_v3', 'GET', `/api/v3/partnerships/ecf/${PARTNERSHIP_ID}`, 200, {
        data: withAttrs(ecfPartnership, { challenged_reason: 'bored' }),
      }),
    ).toThrow(/\/data\/attributes\/challenged_reason must be equal to one of the allowed values/);
    expect(() =>
      assertMatchesSpec('ecf_v3', 'GET', `/api/v3/partnerships/ecf/${PARTNERSHIP_ID}`, 200, { data: withAttrs(ecfPartnership, { status: null }) }),
    ).toThrow(/\/data\/attributes\/status must be string/);
    // ECF v3 does not mark induction_tutor_email nullable; RECT does.
    expect(() =>
      assertMatchesSpec('ecf_v3', 'GET', `/api/v3/partnerships/ecf/${PARTNERSHIP_ID}`, 200, {
        data: withAttrs(ecfPartnership, { induction_tutor_email: null }),
      }),
    ).toThrow(/induction_tutor_email must be string/);
    // ECF v3 allows no_early_career_teachers; RECT's enum does not.
    const noEcts = { induction_programme_choice: 'no_early_career_teachers' };
    assertMatchesSpec('ecf_v3', 'GET', `/api/v3/schools/ecf/${SCHOOL_ID}`, 200, { data: withAttrs(ecfSchool, noEcts) });
    expect(() => assertMatchesSpec('rect_v3', 'GET', `/api/v3/schools/${SCHOOL_ID}`, 200, { data: withAttrs(rectSchool, noEcts) })).toThrow(
      /induction_programme_choice must be equal to one of the allowed values \["school_led","provider_led","not_yet_known"\]/,
    );
  });

  it('RECT and NPQ pin the resource type; ECF v3 does not', () => {
    const mistyped = { ...deliveryPartner, type: 'delivery_partner' };
    assertMatchesSpec('ecf_v3', 'GET', '/api/v3/delivery-partners', 200, { data: [mistyped] });
    expect(() => assertMatchesSpec('rect_v3', 'GET', '/api/v3/delivery-partners', 200, { data: [mistyped] })).toThrow(
      /\/data\/0\/type must be equal to one of the allowed values/,
    );
    expect(() => assertMatchesSpec('npq_v3', 'GET', '/api/v3/delivery-partners', 200, { data: [mistyped] })).toThrow(/\/data\/0\/type/);
  });

  it('hoists the NPQ Swagger-2 style `required: true` on declaration attributes', () => {
    const declaration = {
      id: 'db3a7848-7308-4879-942a-c4a70ced400a',
      type: 'participant-declaration',
      attributes: {
        participant_id: '08d78829-f864-417f-8a30-cb7655714e28',
        declaration_type: 'started',
        declaration_date: TS,
        course_identifier: 'npq-leading-teaching',
        state: 'eligible',
        has_passed: null,
        delivery_partner_id: null,
        delivery_partner_name: null,
        secondary_delivery_partner_id: null,
        secondary_delivery_partner_name: null,
        updated_at: TS,
        created_at: TS,
        application_id: 'db3a7848-7308-4879-942a-c4a70ced400b',
        statement_id: null,
        clawback_statement_id: null,
        uplift_paid: false,
        ineligible_for_funding_reason: null,
        lead_provider_name: 'Example LP',
      },
    };
    const path = `/api/v3/participant-declarations/${declaration.id}`;
    assertMatchesSpec('npq_v3', 'GET', path, 200, { data: declaration });
    const missing = withoutAttr(declaration, 'secondary_delivery_partner_name');
    expect(() => assertMatchesSpec('npq_v3', 'GET', path, 200, { data: missing })).toThrow(/must have required property 'secondary_delivery_partner_name'/);
  });
});

describe('assertMatchesSpec: error bodies and the drift rule', () => {
  beforeEach(() => resetDriftRecords());

  it.each<ReferenceSpecName>(['ecf_v3', 'rect_v3', 'npq_v3'])('%s: 401 {"error":"HTTP Token: Access denied"} matches the spec itself', (spec) => {
    expect(assertMatchesSpec(spec, 'GET', '/api/v3/statements', 401, unauthorised).usedDriftSchema).toBe(false);
    expect(assertMatchesSpec(spec, 'GET', '/api/v3/delivery-partners', 401, unauthorised).usedDriftSchema).toBe(false);
    expect(() => assertMatchesSpec(spec, 'GET', '/api/v3/statements', 401, { error: 42 })).toThrow(/\/error must be string/);
  });

  it('RECT 404 errors envelope matches the spec itself', () => {
    expect(assertMatchesSpec('rect_v3', 'GET', `/api/v3/partnerships/${PARTNERSHIP_ID}`, 404, notFound).usedDriftSchema).toBe(false);
    expect(getDriftRecords()).toEqual([]);
  });

  // [spec, method, path, status, drift expected]
  const matrix: [ReferenceSpecName, string, string, number, boolean][] = [
    ['ecf_v3', 'POST', '/api/v3/participant-declarations', 400, true], // {bad_request: string}
    ['ecf_v3', 'GET', `/api/v3/statements/${STATEMENT_ID}`, 404, true], // top-level {title, detail}
    ['ecf_v3', 'POST', '/api/v3/participant-declarations', 422, true], // ErrorResponse {error: [...]}
    ['ecf_v3', 'POST', '/api/v3/partnerships/ecf', 422, true], // ECFPartnershipRequestErrorResponse {error: [...]}
    ['ecf_v3', 'PUT', `/api/v3/partnerships/ecf/${PARTNERSHIP_ID}`, 422, true],
    ['rect_v3', 'POST', '/api/v3/participant-declarations', 400, false],
    ['rect_v3', 'GET', `/api/v3/statements/${STATEMENT_ID}`, 404, false],
    ['rect_v3', 'POST', '/api/v3/partnerships', 422, false],
    ['npq_v3', 'POST', '/api/v3/participant-declarations', 400, false],
    ['npq_v3', 'GET', `/api/v3/statements/${STATEMENT_ID}`, 404, true], // {error: string}
    ['npq_v3', 'POST', '/api/v3/participant-declarations', 422, false],
  ];
  it.each(matrix)('%s %s %s %i with an errors envelope: usedDriftSchema=%s', (spec, method, path, status, drift) => {
    const body = { errors: [{ title: status === 422 ? 'cohort' : 'Bad request', detail: 'Something is wrong' }] };
    expect(assertMatchesSpec(spec, method, path, status, body).usedDriftSchema).toBe(drift);
    expect(getDriftRecords().length).toBe(drift ? 1 : 0);
  });

  it('the drift schema is strict: items need title and detail, at least one item, no other keys', () => {
    const path = `/api/v3/statements/${STATEMENT_ID}`;
    expect(() => assertMatchesSpec('ecf_v3', 'GET', path, 404, { errors: [{ title: 'Resource not found' }] })).toThrow(
      /live error envelope[\s\S]*\/errors\/0 must have required property 'detail'/,
    );
    expect(() => assertMatchesSpec('ecf_v3', 'GET', path, 404, { errors: [] })).toThrow(/\/errors must NOT have fewer than 1 items/);
    expect(() => assertMatchesSpec('npq_v3', 'GET', path, 404, { errors: [{ title: 1, detail: 'x' }] })).toThrow(/\/errors\/0\/title must be string/);
  });

  it('the NPQ 404 {"error":"Resource not found"} matches the NPQ spec without drift', () => {
    expect(assertMatchesSpec('npq_v3', 'GET', `/api/v3/statements/${STATEMENT_ID}`, 404, { error: 'Resource not found' }).usedDriftSchema).toBe(false);
  });

  it('without errorBodyDrift the vacuous ECF schemas accept anything (why the rule exists)', () => {
    const bogus = { errors: [{ nonsense: true }] };
    const result = assertMatchesSpec('ecf_v3', 'GET', `/api/v3/statements/${STATEMENT_ID}`, 404, bogus, { errorBodyDrift: false });
    expect(result.usedDriftSchema).toBe(false);
    expect(() => assertMatchesSpec('ecf_v3', 'GET', `/api/v3/statements/${STATEMENT_ID}`, 404, bogus)).toThrow(/live error envelope/);
  });

  it('an undocumented status throws, naming spec, operation and status', () => {
    expect(() => assertMatchesSpec('ecf_v3', 'PUT', '/api/v3/participants/ecf/abc/withdraw', 422, notFound)).toThrow(
      'ecf_v3 PUT /api/v3/participants/ecf/{id}/withdraw (operationId participant) documents no response for status 422 (documented: 200',
    );
    expect(() => assertMatchesSpec('rect_v3', 'POST', '/api/v3/partnerships', 201, { data: rectPartnership })).toThrow(
      /rect_v3 POST \/api\/v3\/partnerships \(operationId createPartnership\) documents no response for status 201/,
    );
  });

  it.each<[ReferenceSpecName, string, string]>([
    ['ecf_v3', 'GET', '/api/v3/statements'],
    ['rect_v3', 'PUT', `/api/v3/participant-declarations/${STATEMENT_ID}/void`],
    ['npq_v3', 'PUT', `/api/v3/participant-declarations/${STATEMENT_ID}/void`],
  ])('%s %s %s: 403 (documented nowhere) passes with allowUndocumentedErrorStatus', (spec, method, path) => {
    const forbidden = { errors: [{ title: 'Cannot modify declaration', detail: 'created by another lead provider' }] };
    expect(() => assertMatchesSpec(spec, method, path, 403, forbidden)).toThrow(/documents no response for status 403/);
    expect(assertMatchesSpec(spec, method, path, 403, forbidden, { allowUndocumentedErrorStatus: true })).toMatchObject({
      usedDriftSchema: true,
      undocumentedStatus: true,
      responseKey: '',
    });
    expect(getDriftRecords()).toEqual([{ spec, method, path: findOperation(spec, method, path).path, status: 403, reason: 'undocumented-status' }]);
    expect(() => assertMatchesSpec(spec, method, path, 403, { message: 'no' }, { allowUndocumentedErrorStatus: true })).toThrow(/status 403 is not documented/);
  });

  it('an undocumented 401 accepts {"error": string} through the drift schema (ECF v3 PUT operations list only 200)', () => {
    const result = assertMatchesSpec('ecf_v3', 'PUT', '/api/v3/participants/ecf/abc/defer', 401, unauthorised, { allowUndocumentedErrorStatus: true });
    expect(result.usedDriftSchema).toBe(true);
    expect(() =>
      assertMatchesSpec('ecf_v3', 'PUT', '/api/v3/participants/ecf/abc/defer', 404, { error: 'Resource not found' }, { allowUndocumentedErrorStatus: true }),
    ).toThrow(/live error envelope/);
  });
});

describe('assertMatchesSpec with the service’s own documents', () => {
  const doc: OpenAPIV3.Document = {
    openapi: '3.0.3',
    info: { title: 'Lead provider API', version: 'v3' },
    paths: {
      '/api/v3/widgets/{widget_id}': {
        get: {
          operationId: 'getWidget',
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/WidgetResponse' } } } },
            '4XX': { $ref: '#/components/responses/Error' },
          },
        },
        delete: { responses: { '204': { description: 'gone' }, default: { $ref: '#/components/responses/Error' } } },
      },
      '/api/v3/widgets.csv': {
        get: { responses: { '200': { description: 'csv', content: { 'text/csv': { schema: { type: 'string' } } } } } },
      },
    },
    components: {
      responses: {
        Error: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } } },
      },
      schemas: {
        WidgetResponse: {
          type: 'object',
          required: ['data'],
          additionalProperties: false,
          properties: { data: { $ref: '#/components/schemas/Widget' } },
        },
        Widget: {
          type: 'object',
          required: ['id', 'attributes'],
          additionalProperties: false,
          properties: {
            id: { type: 'string', format: 'uuid', example: 'x' },
            attributes: {
              type: 'object',
              additionalProperties: false,
              required: ['colour', 'parent', 'made_at', 'size'],
              properties: {
                colour: { type: 'string', nullable: true, enum: ['red', 'blue'] },
                parent: { nullable: true, allOf: [{ $ref: '#/components/schemas/Ref' }] },
                made_at: { type: 'string', format: 'date_time' },
                size: { type: 'integer', minimum: 0, exclusiveMinimum: true },
                email: { type: 'string', format: 'email' },
                made_on: { type: 'string', format: 'date' },
              },
            },
          },
          discriminator: { propertyName: 'id' },
          xml: { name: 'widget' },
        },
        Ref: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
        Errors: {
          type: 'object',
          required: ['errors'],
          properties: { errors: { type: 'array', items: { type: 'object', properties: { title: { type: 'string' } } } } },
        },
      },
    },
  };
  const widget = {
    id: '5f0c1234-7308-4879-942a-c4a70ced400a',
    attributes: { colour: null, parent: null, made_at: 'not checked: unknown format', size: 1, email: 'a@b.example', made_on: '2024-02-29' },
  };

  it('resolves $refs, nullable enums and nullable compositions; ignores unknown formats and annotations', () => {
    expect(assertMatchesSpec(doc, 'get', '/api/v3/widgets/1', 200, { data: widget }).operation).toEqual({
      method: 'GET',
      path: '/api/v3/widgets/{widget_id}',
      operationId: 'getWidget',
    });
    assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, { data: { ...widget, attributes: { ...widget.attributes, colour: 'red', parent: { id: 'p' } } } });
    expect(() => assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, { data: { ...widget, attributes: { ...widget.attributes, parent: {} } } })).toThrow(
      /'Lead provider API' v3 GET \/api\/v3\/widgets\/\{widget_id\}[\s\S]*\/data\/attributes\/parent must have required property 'id'/,
    );
  });

  it('converts formats and the OpenAPI 3.0 boolean exclusiveMinimum', () => {
    const bad = (patch: Record<string, unknown>) => ({ data: { ...widget, attributes: { ...widget.attributes, ...patch } } });
    expect(() => assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, bad({ size: 0 }))).toThrow(/size must be > 0/);
    expect(() => assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, bad({ email: 'nope' }))).toThrow(/email must match format "email"/);
    expect(() => assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, bad({ made_on: '2023-02-29' }))).toThrow(/made_on must match format "date"/);
  });

  it('relaxAdditionalProperties removes additionalProperties:false at every level', () => {
    const extra = { data: { ...widget, extra: 1, attributes: { ...widget.attributes, nickname: 'w' } } };
    expect(() => assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, extra)).toThrow(/must NOT have additional properties \('(extra|nickname)'\)/);
    assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, extra, { relaxAdditionalProperties: true });
    // the strict validator is still cached separately
    expect(() => assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 200, extra)).toThrow(/additional properties/);
  });

  it('falls back to a status range, then default; checks empty bodies and non-JSON media', () => {
    expect(assertMatchesSpec(doc, 'GET', '/api/v3/widgets/1', 404, { errors: [{ title: 'x' }] }).responseKey).toBe('4XX');
    expect(assertMatchesSpec(doc, 'DELETE', '/api/v3/widgets/1', 409, { errors: [] }).responseKey).toBe('default');
    assertMatchesSpec(doc, 'DELETE', '/api/v3/widgets/1', 204, {});
    assertMatchesSpec(doc, 'DELETE', '/api/v3/widgets/1', 204, undefined);
    expect(() => assertMatchesSpec(doc, 'DELETE', '/api/v3/widgets/1', 204, { data: 1 })).toThrow(/documents no content, but the body is not empty/);
    assertMatchesSpec(doc, 'GET', '/api/v3/widgets.csv', 200, 'id,colour\n1,red\n');
    expect(() => assertMatchesSpec(doc, 'GET', '/api/v3/widgets.csv', 200, { data: [] })).toThrow(/\(root\) must be string/);
  });
});
