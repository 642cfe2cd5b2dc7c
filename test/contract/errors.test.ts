/**
 * Error rules that hold across all v3 operations: the operation table matches the own document, every
 * operation answers 401 with the live body, ECF-only operations answer 403 to NPQ tokens and NPQ-only ones to
 * ECF tokens, unknown or malformed ids give the live 404 (NPQ's `{error}` body on NPQ-only operations), authentication is checked before the programme and the parameters,
 * 429 is the documented JSON body with its headers, and a non-provider (admin) token is refused with a 403.
 *
 * The app runs with RATE_LIMIT_MAX=100: only the 429 test uses the Teach First ECF token, every other test
 * uses Ambition Institute's tokens and stays far below that budget.
 */
import { openApiDocuments } from '../../spec/index.js';
import { assertMatchesSpec } from '../support/reference-specs.js';
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  errors,
  expectContract,
  expectUnauthorised,
  FORBIDDEN_ECF_ON_NPQ,
  FORBIDDEN_NPQ_ON_ECF,
  NOT_FOUND_BODY,
  NPQ_NOT_FOUND_BODY,
  NPQ_V3_WIRE,
  UNAUTHORISED_BODY,
  UNKNOWN_ID,
  v3,
  type RefCheck,
} from './contract-support.js';

const RATE_LIMIT = 100;

interface Ids {
  deliveryPartner: string;
  statement: string;
  school: string;
  partnership: string;
  participant: string;
  transferParticipant: string;
  unfundedMentor: string;
  npqApplication: string;
  /** A person with an accepted application with the NPQ provider. */
  npqParticipant: string;
  /** A declaration the ECF provider sees. */
  declaration: string;
}

interface Operation {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  template: string;
  audience: 'shared' | 'ecf' | 'npq';
  refs: RefCheck[];
  /** The concrete path for an id (the `{id}` of the template); query strings the operation needs included. */
  path(ids: Ids, id?: string): string;
  body?: unknown;
}

const SHARED_ECF_REFS: RefCheck[] = [{ spec: 'ecf_v3' }, { spec: 'rect_v3', relax: true }];
const ECF: RefCheck[] = [{ spec: 'ecf_v3' }];
const RECT: RefCheck[] = [{ spec: 'rect_v3' }];
const COHORT = `?${q('filter[cohort]=2025')}`;
const NPQ: RefCheck[] = [{ spec: NPQ_V3_WIRE, strictErrors: true }];
const npqAction = {
  data: { type: 'participant-action', attributes: { course_identifier: 'npq-headship', reason: 'other', schedule_identifier: 'npq-leadership-spring' } },
};
const ecfAction = {
  data: { type: 'participant-action', attributes: { course_identifier: 'ecf-induction', reason: 'other', schedule_identifier: 'ecf-extended-september' } },
};
const npqAccept = { data: { type: 'npq-application-accept', attributes: { funded_place: false } } };
const npqOutcome = {
  data: { type: 'npq-outcome-confirmation', attributes: { course_identifier: 'npq-headship', state: 'passed', completion_date: '2025-01-09' } },
};
const ecfDeclaration = {
  data: {
    type: 'participant-declaration',
    attributes: { participant_id: UNKNOWN_ID, declaration_type: 'started', declaration_date: '2024-10-01T10:00:00Z', course_identifier: 'ecf-induction' },
  },
};
const npqChangeDeliveryPartner = { data: { type: 'participant-declaration', attributes: { delivery_partner_id: UNKNOWN_ID } } };
const npqFundedPlace = { data: { type: 'npq-application-change-funded-place', attributes: { funded_place: false } } };

const ecfCreate = { data: { type: 'ecf-partnership', attributes: { cohort: '2025', school_id: UNKNOWN_ID, delivery_partner_id: UNKNOWN_ID } } };
const ecfUpdate = { data: { type: 'ecf-partnership-update', attributes: { delivery_partner_id: UNKNOWN_ID } } };
const rectCreate = { data: { type: 'partnership', attributes: { cohort: '2025', school_id: UNKNOWN_ID, delivery_partner_id: UNKNOWN_ID } } };
const rectUpdate = { data: { type: 'partnership-update', attributes: { delivery_partner_id: UNKNOWN_ID } } };

const OPERATIONS: Operation[] = [
  {
    method: 'GET',
    template: '/api/v3/delivery-partners',
    audience: 'shared',
    refs: [...SHARED_ECF_REFS, { spec: 'npq_v3' }],
    path: () => v3('/delivery-partners'),
  },
  {
    method: 'GET',
    template: '/api/v3/delivery-partners/{id}',
    audience: 'shared',
    refs: SHARED_ECF_REFS,
    path: (i, id) => v3(`/delivery-partners/${id ?? i.deliveryPartner}`),
  },
  { method: 'GET', template: '/api/v3/statements', audience: 'shared', refs: [...SHARED_ECF_REFS, { spec: 'npq_v3' }], path: () => v3('/statements') },
  {
    method: 'GET',
    template: '/api/v3/statements/{id}',
    audience: 'shared',
    refs: [...SHARED_ECF_REFS, { spec: 'npq_v3' }],
    path: (i, id) => v3(`/statements/${id ?? i.statement}`),
  },
  { method: 'GET', template: '/api/v3/schools/ecf', audience: 'ecf', refs: ECF, path: () => v3(`/schools/ecf${COHORT}`) },
  { method: 'GET', template: '/api/v3/schools/ecf/{id}', audience: 'ecf', refs: ECF, path: (i, id) => v3(`/schools/ecf/${id ?? i.school}${COHORT}`) },
  { method: 'GET', template: '/api/v3/partnerships/ecf', audience: 'ecf', refs: ECF, path: () => v3('/partnerships/ecf') },
  { method: 'POST', template: '/api/v3/partnerships/ecf', audience: 'ecf', refs: ECF, path: () => v3('/partnerships/ecf'), body: ecfCreate },
  { method: 'GET', template: '/api/v3/partnerships/ecf/{id}', audience: 'ecf', refs: ECF, path: (i, id) => v3(`/partnerships/ecf/${id ?? i.partnership}`) },
  {
    method: 'PUT',
    template: '/api/v3/partnerships/ecf/{id}',
    audience: 'ecf',
    refs: ECF,
    path: (i, id) => v3(`/partnerships/ecf/${id ?? i.partnership}`),
    body: ecfUpdate,
  },
  { method: 'GET', template: '/api/v3/schools', audience: 'ecf', refs: RECT, path: () => v3(`/schools${COHORT}`) },
  { method: 'GET', template: '/api/v3/schools/{id}', audience: 'ecf', refs: RECT, path: (i, id) => v3(`/schools/${id ?? i.school}${COHORT}`) },
  { method: 'GET', template: '/api/v3/partnerships', audience: 'ecf', refs: RECT, path: () => v3('/partnerships') },
  { method: 'POST', template: '/api/v3/partnerships', audience: 'ecf', refs: RECT, path: () => v3('/partnerships'), body: rectCreate },
  { method: 'GET', template: '/api/v3/partnerships/{id}', audience: 'ecf', refs: RECT, path: (i, id) => v3(`/partnerships/${id ?? i.partnership}`) },
  {
    method: 'PUT',
    template: '/api/v3/partnerships/{id}',
    audience: 'ecf',
    refs: RECT,
    path: (i, id) => v3(`/partnerships/${id ?? i.partnership}`),
    body: rectUpdate,
  },
  { method: 'GET', template: '/api/v3/participants/ecf', audience: 'ecf', refs: ECF, path: () => v3('/participants/ecf') },
  { method: 'GET', template: '/api/v3/participants/ecf/{id}', audience: 'ecf', refs: ECF, path: (i, id) => v3(`/participants/ecf/${id ?? i.participant}`) },
  { method: 'GET', template: '/api/v3/participants', audience: 'ecf', refs: RECT, path: () => v3('/participants') },
  { method: 'GET', template: '/api/v3/participants/{id}', audience: 'ecf', refs: RECT, path: (i, id) => v3(`/participants/${id ?? i.participant}`) },
  { method: 'GET', template: '/api/v3/participants/ecf/transfers', audience: 'ecf', refs: ECF, path: () => v3('/participants/ecf/transfers') },
  {
    method: 'GET',
    template: '/api/v3/participants/ecf/{id}/transfers',
    audience: 'ecf',
    refs: ECF,
    path: (i, id) => v3(`/participants/ecf/${id ?? i.transferParticipant}/transfers`),
  },
  { method: 'GET', template: '/api/v3/participants/transfers', audience: 'ecf', refs: RECT, path: () => v3('/participants/transfers') },
  {
    method: 'GET',
    template: '/api/v3/participants/{id}/transfers',
    audience: 'ecf',
    refs: RECT,
    path: (i, id) => v3(`/participants/${id ?? i.transferParticipant}/transfers`),
  },
  { method: 'GET', template: '/api/v3/unfunded-mentors/ecf', audience: 'ecf', refs: ECF, path: () => v3('/unfunded-mentors/ecf') },
  {
    method: 'GET',
    template: '/api/v3/unfunded-mentors/ecf/{id}',
    audience: 'ecf',
    refs: ECF,
    path: (i, id) => v3(`/unfunded-mentors/ecf/${id ?? i.unfundedMentor}`),
  },
  { method: 'GET', template: '/api/v3/unfunded-mentors', audience: 'ecf', refs: RECT, path: () => v3('/unfunded-mentors') },
  { method: 'GET', template: '/api/v3/unfunded-mentors/{id}', audience: 'ecf', refs: RECT, path: (i, id) => v3(`/unfunded-mentors/${id ?? i.unfundedMentor}`) },
  // ecf_v3 has no PATCH either: held against its PUT operation.
  {
    method: 'PATCH',
    template: '/api/v3/partnerships/ecf/{id}',
    audience: 'ecf',
    refs: [{ spec: 'ecf_v3', method: 'PUT' }],
    path: (i, id) => v3(`/partnerships/ecf/${id ?? i.partnership}`),
    body: ecfUpdate,
  },
  // rect_v3 has no PATCH: held against its PUT operation.
  {
    method: 'PATCH',
    template: '/api/v3/partnerships/{id}',
    audience: 'ecf',
    refs: [{ spec: 'rect_v3', method: 'PUT' }],
    path: (i, id) => v3(`/partnerships/${id ?? i.partnership}`),
    body: rectUpdate,
  },
  { method: 'GET', template: '/api/v3/npq-applications', audience: 'npq', refs: NPQ, path: () => v3('/npq-applications') },
  { method: 'GET', template: '/api/v3/npq-applications/{id}', audience: 'npq', refs: NPQ, path: (i, id) => v3(`/npq-applications/${id ?? i.npqApplication}`) },
  {
    method: 'POST',
    template: '/api/v3/npq-applications/{id}/accept',
    audience: 'npq',
    refs: NPQ,
    path: (i, id) => v3(`/npq-applications/${id ?? i.npqApplication}/accept`),
    body: npqAccept,
  },
  {
    method: 'POST',
    template: '/api/v3/npq-applications/{id}/reject',
    audience: 'npq',
    refs: NPQ,
    path: (i, id) => v3(`/npq-applications/${id ?? i.npqApplication}/reject`),
  },
  { method: 'GET', template: '/api/v3/participants/npq', audience: 'npq', refs: NPQ, path: () => v3('/participants/npq') },
  { method: 'GET', template: '/api/v3/participants/npq/{id}', audience: 'npq', refs: NPQ, path: (i, id) => v3(`/participants/npq/${id ?? i.npqParticipant}`) },
  ...(['defer', 'resume', 'withdraw', 'change-schedule'] as const).flatMap((action): Operation[] => [
    {
      method: 'PUT',
      template: `/api/v3/participants/ecf/{id}/${action}`,
      audience: 'ecf',
      // ecf_v3 documents only the 200 of the actions: errors are checked against the live envelope.
      refs: [{ spec: 'ecf_v3', undocumentedErrors: true }],
      path: (i, id) => v3(`/participants/ecf/${id ?? i.participant}/${action}`),
      body: ecfAction,
    },
    {
      method: 'PUT',
      template: `/api/v3/participants/{id}/${action}`,
      audience: 'ecf',
      refs: RECT,
      path: (i, id) => v3(`/participants/${id ?? i.participant}/${action}`),
      body: ecfAction,
    },
  ]),
  ...(['defer', 'resume', 'withdraw', 'change-schedule'] as const).map((action): Operation => ({
    method: 'PUT',
    template: `/api/v3/participants/npq/{id}/${action}`,
    audience: 'npq',
    refs: NPQ,
    path: (i, id) => v3(`/participants/npq/${id ?? i.npqParticipant}/${action}`),
    body: npqAction,
  })),
  {
    method: 'PUT',
    template: '/api/v3/npq-applications/{id}/change-funded-place',
    audience: 'npq',
    refs: NPQ,
    path: (i, id) => v3(`/npq-applications/${id ?? i.npqApplication}/change-funded-place`),
    body: npqFundedPlace,
  },
  { method: 'GET', template: '/api/v3/participants/npq/outcomes', audience: 'npq', refs: NPQ, path: () => v3('/participants/npq/outcomes') },
  {
    method: 'GET',
    template: '/api/v3/participants/npq/{id}/outcomes',
    audience: 'npq',
    refs: NPQ,
    path: (i, id) => v3(`/participants/npq/${id ?? i.npqParticipant}/outcomes`),
  },
  {
    method: 'POST',
    template: '/api/v3/participants/npq/{id}/outcomes',
    audience: 'npq',
    refs: NPQ,
    path: (i, id) => v3(`/participants/npq/${id ?? i.npqParticipant}/outcomes`),
    body: npqOutcome,
  },
  {
    method: 'GET',
    template: '/api/v3/participant-declarations',
    audience: 'shared',
    refs: [...SHARED_ECF_REFS, { spec: 'npq_v3' }],
    path: () => v3('/participant-declarations'),
  },
  {
    method: 'GET',
    template: '/api/v3/participant-declarations/{id}',
    audience: 'shared',
    refs: [...SHARED_ECF_REFS, { spec: 'npq_v3' }],
    path: (i, id) => v3(`/participant-declarations/${id ?? i.declaration}`),
  },
  // No declaration is created here (test/declarations/ecf-create*.test.ts, npq-*.test.ts create); the error rules need none.
  {
    method: 'POST',
    template: '/api/v3/participant-declarations',
    audience: 'shared',
    refs: [...SHARED_ECF_REFS, { spec: 'npq_v3' }],
    path: () => v3('/participant-declarations'),
    body: ecfDeclaration,
  },
  {
    method: 'PUT',
    template: '/api/v3/participant-declarations/{id}/change-delivery-partner',
    audience: 'npq',
    refs: NPQ,
    path: (_i, id) => v3(`/participant-declarations/${id ?? UNKNOWN_ID}/change-delivery-partner`),
    body: npqChangeDeliveryPartner,
  },
  // No declaration is voided here (test/declarations/void-rest.test.ts voids); the error rules need no real one.
  {
    method: 'PUT',
    template: '/api/v3/participant-declarations/{id}/void',
    audience: 'shared',
    // The ECF v3 document lists only 200 for void: its errors are checked against the live envelope.
    refs: [{ spec: 'ecf_v3', undocumentedErrors: true }, { spec: 'rect_v3', relax: true }, { spec: 'npq_v3' }],
    path: (_i, id) => v3(`/participant-declarations/${id ?? UNKNOWN_ID}/void`),
  },
];

const label = (op: Operation) => `${op.method} ${op.template}`;
const withId = OPERATIONS.filter((op) => op.template.includes('{id}'));
const ecfOnly = OPERATIONS.filter((op) => op.audience === 'ecf');
const npqOnly = OPERATIONS.filter((op) => op.audience === 'npq');
const lists = OPERATIONS.filter((op) => op.method === 'GET' && !op.template.includes('{id}'));
/** With an ECF token the NPQ document does not apply; NPQ-only operations are called with an NPQ token. */
const ecfRefs = (op: Operation) => op.refs.filter((r) => r.spec !== 'npq_v3');
const tokenFor = (op: Operation) => (op.audience === 'npq' ? npq : ecf);
const refsFor = (op: Operation) => (op.audience === 'npq' ? op.refs : ecfRefs(op));
const notFoundFor = (op: Operation) => (op.audience === 'npq' ? NPQ_NOT_FOUND_BODY : NOT_FOUND_BODY);
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${q(query)}`;

let app: TestApp;
let ecf: string;
let npq: string;
let ids: Ids;
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_MAX: String(RATE_LIMIT) } });
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
  const first = async (path: string, token = ecf) => {
    const res = await app.request('GET', path, { token });
    if (res.status !== 200 || !res.body.data.length) throw new Error(`no seeded data at ${path}: ${res.status}`);
    return res.body.data[0].id as string;
  };
  ids = {
    deliveryPartner: await first(v3('/delivery-partners')),
    statement: await first(v3('/statements')),
    school: await first(v3(`/schools${COHORT}`)),
    partnership: await first(v3('/partnerships')),
    participant: await first(v3('/participants/ecf')),
    transferParticipant: await first(v3('/participants/ecf/transfers')),
    unfundedMentor: await first(v3('/unfunded-mentors/ecf')),
    npqApplication: await first(v3('/npq-applications'), npq),
    npqParticipant: await first(v3('/participants/npq'), npq),
    declaration: await first(v3('/participant-declarations')),
  };
});
afterAll(async () => app?.close());

describe('operation coverage', () => {
  it('the table holds exactly the operations of the own v3 document', () => {
    const documented: string[] = [];
    for (const [path, item] of Object.entries(openApiDocuments.v3.paths)) {
      for (const m of ['get', 'put', 'post', 'patch', 'delete'] as const) if (item?.[m]) documented.push(`${m.toUpperCase()} ${path}`);
    }
    expect(OPERATIONS.map(label).sort()).toEqual(documented.sort());
    expect(OPERATIONS).toHaveLength(57);
  });
});

describe('401: no token or an unknown token', () => {
  it.each(OPERATIONS.map((op) => [label(op), op] as const))('%s answers 401 {"error":"HTTP Token: Access denied"}', async (_l, op) => {
    await expectUnauthorised(app, op.method, op.path(ids), op.refs, op.body);
  });

  it('takes precedence over parameter validation (bad paging without a token is a 401)', async () => {
    const path = `${v3('/partnerships/ecf')}?${q('page[page]=0')}`;
    const res = await app.request('GET', path, {});
    expectContract(res, { method: 'GET', path, status: 401, refs: ECF, body: UNAUTHORISED_BODY });
  });

  it('takes precedence over the id lookup (an unknown id without a token is a 401)', async () => {
    const path = v3(`/statements/${UNKNOWN_ID}`);
    const res = await app.request('GET', path, { token: 'unknown' });
    expectContract(res, { method: 'GET', path, status: 401, refs: SHARED_ECF_REFS, body: UNAUTHORISED_BODY });
  });
});

describe('403: an NPQ token on an ECF-only operation', () => {
  it.each(ecfOnly.map((op) => [label(op), op] as const))('%s answers 403 with the Forbidden error', async (_l, op) => {
    const path = op.path(ids);
    const res = await app.request(op.method, path, { token: npq, body: op.body });
    expectContract(res, { method: op.method, path, status: 403, refs: op.refs, body: FORBIDDEN_NPQ_ON_ECF });
  });

  it('is decided before the parameters are read (bad paging with an NPQ token is a 403)', async () => {
    const path = `${v3('/schools/ecf')}?${q('page[per_page]=0')}`;
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 403, refs: ECF, body: FORBIDDEN_NPQ_ON_ECF });
  });
});

describe('403: an ECF token on an NPQ-only operation', () => {
  it.each(npqOnly.map((op) => [label(op), op] as const))('%s answers 403 with the Forbidden error', async (_l, op) => {
    const path = op.path(ids);
    const res = await app.request(op.method, path, { token: ecf, body: op.body });
    expectContract(res, { method: op.method, path, status: 403, refs: op.refs, body: FORBIDDEN_ECF_ON_NPQ });
  });
});

describe('404: unknown and malformed ids', () => {
  it.each(withId.map((op) => [label(op), op] as const))('%s answers the live 404 to an unknown UUID', async (_l, op) => {
    const path = op.path(ids, UNKNOWN_ID);
    const res = await app.request(op.method, path, { token: tokenFor(op), body: op.body });
    expectContract(res, { method: op.method, path, status: 404, refs: refsFor(op), body: notFoundFor(op) });
  });

  it.each(withId.map((op) => [label(op), op] as const))('%s answers the live 404 to an id that is not a UUID', async (_l, op) => {
    const path = op.path(ids, 'not-a-uuid');
    const res = await app.request(op.method, path, { token: tokenFor(op), body: op.body });
    expectContract(res, { method: op.method, path, status: 404, refs: refsFor(op), body: notFoundFor(op) });
  });
});

describe('paging far past the end', () => {
  // The own document (PageNumber): "A page past the end returns an empty `data` array"; ecf.md §2.3: an
  // overflowing page is an empty page. 2^31 is past the end of every list, and past a 32-bit integer.
  it.each(lists.map((op) => [label(op), op] as const))('%s answers 200 {"data":[]} to page[page]=2147483648', async (_l, op) => {
    const path = withQuery(op.path(ids), 'page[page]=2147483648');
    const res = await app.request('GET', path, { token: tokenFor(op) });
    expectContract(res, { method: 'GET', path, status: 200, refs: refsFor(op), body: { data: [] } });
  });
});

describe('429: over the rate limit', () => {
  it('answers the documented JSON body with Retry-After and RateLimit headers once the token has used its budget', async () => {
    const token = app.token('Teach First', 'ecf');
    const path = v3('/delivery-partners');
    for (let i = 0; i < RATE_LIMIT; i++) {
      const ok = await app.request('GET', path, { token });
      expect(ok.status).toBe(200);
    }
    const res = await app.request('GET', path, { token });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
    // The live services answer text/plain "Retry later" (ecf.md §10); this service deliberately sends JSON
    // (ARCHITECTURE §2.3), so only the own document is the contract here.
    assertMatchesSpec(openApiDocuments.v3, 'GET', path, 429, res.body, { errorBodyDrift: false });
    expect(res.body.errors[0].title).toBe('Too many requests');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit')).toBeTruthy();
    expect(res.headers.get('ratelimit-policy')).toBeTruthy();
  });
});

describe('a token that is not a lead provider token (admin)', () => {
  // ecf.md §9: a valid token that is not a lead provider's answers 403; ARCHITECTURE §2.2: a refused
  // token gets a 403 with a JSON error body. Checked on an ECF-only operation, whose 403 the own document lists.
  it('GET /api/v3/schools/ecf answers 403 to an admin token', async () => {
    const path = v3(`/schools/ecf${COHORT}`);
    const res = await app.request('GET', path, { token: app.tokens.admin.token });
    expectContract(res, { method: 'GET', path, status: 403, refs: ECF });
    expect(res.body).toMatchObject(errors('Forbidden', expect.any(String)));
  });
});
