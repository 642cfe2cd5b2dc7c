/**
 * Contract of the NPQ outcome operations (npq.md §6) and change-funded-place (npq.md §3.5) on v1, v2 and v3:
 * GET /participants/npq/outcomes, GET and POST /participants/npq/{id}/outcomes, PUT
 * /npq-applications/{id}/change-funded-place. Every response is held against the version's reference document
 * (NPQ_V*_WIRE) and the own document of the version; error bodies are compared exactly.
 */
import { NPQ_FUNDED_PLACE_MESSAGES as F } from '../../src/domain/npq/npq-application.messages.js';
import { NPQ_OUTCOME_MESSAGES as M } from '../../src/domain/npq/npq-outcome.messages.js';
import { openApiDocuments } from '../../spec/index.js';
import { createApplication } from '../npq/npq-fixtures.js';
import { insertNpqDeclaration } from '../declarations/npq-declaration-fixtures.js';
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  errors,
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FORBIDDEN_ECF_ON_NPQ,
  NPQ_NOT_FOUND_BODY,
  NPQ_V1_WIRE,
  NPQ_V2_WIRE,
  NPQ_V3_WIRE,
  PAGE_DETAIL,
  UNKNOWN_ID,
  type RefCheck,
} from './contract-support.js';

const V1_ATTRIBUTES = ['state', 'completion_date', 'course_identifier', 'participant_id', 'created_at'];
const V3_ATTRIBUTES = [...V1_ATTRIBUTES, 'updated_at'];
const MISSING_DATA = errors('Bad request', 'correct json data structure required. See API docs for reference');
const outcomeBody = (attributes: Record<string, unknown>) => ({ data: { type: 'npq-outcome-confirmation', attributes } });
const fundedPlaceBody = (attributes: Record<string, unknown>) => ({ data: { type: 'npq-application-change-funded-place', attributes } });

let app: TestApp;
let npq: string;
beforeAll(async () => {
  app = await startTestApp();
  npq = app.token('Ambition Institute', 'npq');
});
afterAll(async () => app?.close());

describe.each([
  ['v1', NPQ_V1_WIRE, V1_ATTRIBUTES],
  ['v2', NPQ_V2_WIRE, V1_ATTRIBUTES],
  ['v3', NPQ_V3_WIRE, V3_ATTRIBUTES],
] as const)('%s', (version, wire, attributes) => {
  const REFS: RefCheck[] = [{ spec: wire, strictErrors: true }];
  const OUTCOMES = `/api/${version}/participants/npq/outcomes`;
  const participantOutcomes = (id: string) => `/api/${version}/participants/npq/${id}/outcomes`;
  const changeFundedPlace = (id: string) => `/api/${version}/npq-applications/${id}/change-funded-place`;

  const call = async (method: string, path: string, status: number, o: { body?: unknown; token?: string; expected?: unknown } = {}) => {
    const res = await app.request(method, path, { token: o.token ?? npq, body: o.body });
    expectContract(res, { method, path, status, refs: REFS, body: o.expected });
    return res.body;
  };
  const participant = async () => {
    const a = await createApplication(app, { status: 'accepted', cohort: '2023a', course: 'npq-headship' });
    await insertNpqDeclaration(app, a.id, { type: 'completed' });
    return a.person;
  };

  it('the served document describes the operations', () => {
    const paths = openApiDocuments[version].paths;
    expect(Object.keys(paths[`/api/${version}/participants/npq/outcomes`] ?? {})).toEqual(['get']);
    expect(Object.keys(paths[`/api/${version}/participants/npq/{id}/outcomes`] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths[`/api/${version}/npq-applications/{id}/change-funded-place`] ?? {})).toEqual(['put']);
  });

  it(`lists the provider's outcomes in the ${version} shape, by created_at, with created_since and paging`, async () => {
    const res = await app.request('GET', `${OUTCOMES}?${q('page[per_page]=3000')}`, { token: npq });
    expectContract(res, { method: 'GET', path: OUTCOMES, status: 200, refs: REFS });
    const all = expectNonEmptyList(res, 'participant-outcome');
    for (const o of all) {
      expect(Object.keys(o.attributes)).toEqual(attributes);
      expect(o.attributes.completion_date).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+00:00$/);
    }
    const since = all[Math.floor(all.length / 2)].attributes.created_at as string;
    const recent = (await call('GET', `${OUTCOMES}?${q(`filter[created_since]=${since}&page[per_page]=3000`)}`, 200)).data as any[];
    expect(recent.map((o) => o.id)).toEqual(all.filter((o) => o.attributes.created_at >= since).map((o) => o.id));
    const two = (await call('GET', `${OUTCOMES}?${q('page[per_page]=2&page[page]=2')}`, 200)).data as any[];
    expect(two.map((o) => o.id)).toEqual(all.slice(2, 4).map((o) => o.id));
    await call('GET', `${OUTCOMES}?${q('filter[created_since]=yesterday')}`, 400, {
      expected: errors('Bad request', "The filter '#/created_since' must be a valid ISO 8601 date"),
    });
    await call('GET', `${OUTCOMES}?${q('page[per_page]=0')}`, 400, { expected: errors('Bad request', PAGE_DETAIL.npq) });
  });

  it('creates an outcome (200) and lists it for the participant; the same outcome again returns it', async () => {
    const p = await participant();
    const body = { course_identifier: 'npq-headship', state: 'passed', completion_date: '2025-01-09' };
    const created = (await call('POST', participantOutcomes(p), 200, { body: outcomeBody(body) })).data;
    expect(created.type).toBe('participant-outcome');
    expect(Object.keys(created.attributes)).toEqual(attributes);
    expect(created.attributes).toMatchObject({
      state: 'passed',
      completion_date: '2025-01-09T00:00:00+00:00',
      course_identifier: 'npq-headship',
      participant_id: p,
    });
    const again = await call('POST', participantOutcomes(p), 200, { body: outcomeBody({ ...body, completion_date: '2024-01-01' }) });
    expect(again.data).toEqual(created);
    expect(await call('GET', participantOutcomes(p), 200)).toEqual({ data: [created] });
  });

  it('answers the live 422 bodies, 400 without attributes, and 404 for a person who is not the provider’s participant', async () => {
    const p = await participant();
    await call('POST', participantOutcomes(p), 422, {
      body: outcomeBody({ state: 'won', completion_date: '31/12/2024' }),
      expected: {
        errors: [
          { title: 'course_identifier', detail: M.courseIdentifierMissing },
          { title: 'state', detail: M.stateInvalid },
          { title: 'completion_date', detail: M.completionDateFormat },
          { title: 'base', detail: M.noCompletedDeclaration },
        ],
      },
    });
    await call('POST', participantOutcomes(p), 422, {
      body: outcomeBody({ course_identifier: 'npq-early-headship-coaching-offer', state: 'passed', completion_date: '2999-01-01' }),
      expected: {
        errors: [
          { title: 'course_identifier', detail: M.courseIdentifierNotRecognised },
          { title: 'base', detail: M.noCompletedDeclaration },
          { title: 'completion_date', detail: M.completionDateFuture },
        ],
      },
    });
    await call('POST', participantOutcomes(p), 400, { body: { data: { type: 'npq-outcome-confirmation', attributes: {} } }, expected: MISSING_DATA });
    await call('POST', participantOutcomes(p), 400, { body: {}, expected: MISSING_DATA });
    const theirs = (await createApplication(app, { status: 'accepted', cohort: '2023a', provider: 'Teach First' })).person;
    const pending = (await createApplication(app, { cohort: '2023a' })).person;
    for (const id of [theirs, pending, UNKNOWN_ID]) {
      await call('GET', participantOutcomes(id), 404, { expected: NPQ_NOT_FOUND_BODY });
      await call('POST', participantOutcomes(id), 404, {
        body: outcomeBody({ course_identifier: 'npq-headship', state: 'passed', completion_date: '2025-01-09' }),
        expected: NPQ_NOT_FOUND_BODY,
      });
    }
  });

  it('changes the funded place and answers the live 422, 400 and 404 bodies', async () => {
    const { id } = await createApplication(app, { status: 'accepted', cohort: '2025a', eligible: true });
    const body = (await call('PUT', changeFundedPlace(id), 200, { body: fundedPlaceBody({ funded_place: false }) })).data;
    expect(body).toMatchObject({ id, type: 'npq_application', attributes: { funded_place: false, status: 'accepted' } });
    expect('schedule_identifier' in body.attributes).toBe(version === 'v3');
    await call('PUT', changeFundedPlace(id), 422, { body: fundedPlaceBody({ funded_place: 'true' }), expected: errors('funded_place', F.fundedPlaceRequired) });
    await call('PUT', changeFundedPlace(id), 422, { expected: errors('funded_place', F.fundedPlaceRequired) });
    const full = await createApplication(app, { status: 'accepted', cohort: '2023a' });
    await call('PUT', changeFundedPlace(full.id), 422, { body: fundedPlaceBody({ funded_place: true }), expected: errors('application', F.notCapped) });
    const pending = await createApplication(app, { cohort: '2025a', eligible: false });
    await call('PUT', changeFundedPlace(pending.id), 422, {
      body: fundedPlaceBody({ funded_place: true }),
      expected: { errors: [{ title: 'application', detail: `${F.notAccepted}, ${F.notEligible}` }] },
    });
    await call('PUT', changeFundedPlace(id), 400, { body: { data: { type: 'x' } }, expected: MISSING_DATA });
    const theirs = await createApplication(app, { status: 'accepted', cohort: '2025a', provider: 'Teach First' });
    for (const other of [theirs.id, UNKNOWN_ID]) {
      await call('PUT', changeFundedPlace(other), 404, { body: fundedPlaceBody({ funded_place: false }), expected: NPQ_NOT_FOUND_BODY });
    }
  });

  it('answers 401 without a valid token and 403 to an ECF token on every operation', async () => {
    const p = await participant();
    const { id } = await createApplication(app, { status: 'accepted', cohort: '2025a' });
    const ops: [string, string, unknown?][] = [
      ['GET', OUTCOMES],
      ['GET', participantOutcomes(p)],
      ['POST', participantOutcomes(p), outcomeBody({ course_identifier: 'npq-headship', state: 'passed', completion_date: '2025-01-09' })],
      ['PUT', changeFundedPlace(id), fundedPlaceBody({ funded_place: false })],
    ];
    for (const [method, path, body] of ops) {
      await expectUnauthorised(app, method, path, REFS, body);
      await call(method, path, 403, { body, token: app.token('Ambition Institute', 'ecf'), expected: FORBIDDEN_ECF_ON_NPQ });
    }
  });
});
