/**
 * Contract of the NPQ application operations on v1 and v2 (npq.md §2.3): the same four operations as v3 with
 * the v1/v2 application (no `reason_for_rejection`, `cohort_suffix`, `schedule_identifier`, `works_as_senco`,
 * `senco_start_date`; the TRN as recorded), filters `cohort` and `updated_since` only, and accept reading
 * `funded_place` only. Responses are held against npq_v1 / npq_v2 (NPQ_V*_WIRE) and the own v1 / v2 document.
 */
import { NPQ_APPLICATION_MESSAGES as M } from '../../src/domain/npq/npq-application.messages.js';
import { createApplication, createPerson, sql } from '../npq/npq-fixtures.js';
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
  UNKNOWN_ID,
  type RefCheck,
} from './contract-support.js';

const V1_ATTRIBUTES = [
  'course_identifier',
  'email',
  'email_validated',
  'employer_name',
  'employment_role',
  'full_name',
  'funding_choice',
  'headteacher_status',
  'ineligible_for_funding_reason',
  'participant_id',
  'private_childcare_provider_urn',
  'teacher_reference_number',
  'teacher_reference_number_validated',
  'school_urn',
  'school_ukprn',
  'status',
  'works_in_school',
  'cohort',
  'eligible_for_funding',
  'targeted_delivery_funding_eligibility',
  'teacher_catchment',
  'teacher_catchment_country',
  'teacher_catchment_iso_country_code',
  'itt_provider',
  'lead_mentor',
  'funded_place',
  'created_at',
  'updated_at',
];

const unprocessable = (title: string, detail: string) => ({ errors: [{ title, detail }] });
const acceptBody = (attributes: Record<string, unknown>) => ({ data: { type: 'npq-application-accept', attributes } });

let app: TestApp;
let npq: string;
beforeAll(async () => {
  app = await startTestApp();
  npq = app.token('Ambition Institute', 'npq');
});
afterAll(async () => app?.close());

describe.each([
  ['v1', NPQ_V1_WIRE],
  ['v2', NPQ_V2_WIRE],
] as const)('%s', (version, wire) => {
  const REFS: RefCheck[] = [{ spec: wire, strictErrors: true }];
  const LIST = `/api/${version}/npq-applications`;
  const one = (id: string, action = '') => `${LIST}/${id}${action}`;

  const call = async (method: string, path: string, status: number, o: { body?: unknown; token?: string; expected?: unknown; undocumented?: boolean } = {}) => {
    const res = await app.request(method, path, { token: o.token ?? npq, body: o.body });
    expectContract(res, { method, path, status, refs: o.undocumented ? [{ ...REFS[0], undocumentedErrors: true }] : REFS, body: o.expected });
    return res.body;
  };

  it(`lists applications in the ${version} shape and attribute order`, async () => {
    const res = await app.request('GET', LIST, { token: npq });
    expectContract(res, { method: 'GET', path: LIST, status: 200, refs: REFS });
    for (const a of expectNonEmptyList(res, 'npq_application')) expect(Object.keys(a.attributes)).toEqual(V1_ATTRIBUTES);
  });

  it('shows the TRN as recorded, verified or not (v3 shows only a verified one)', async () => {
    const person = await createPerson(app, { trn: '7654321', trnVerified: false });
    const { id } = await createApplication(app, { person, cohort: '2023a' });
    const body = await call('GET', one(id), 200);
    expect(body.data.attributes).toMatchObject({ teacher_reference_number: '7654321', teacher_reference_number_validated: false });
    const v3 = await app.request('GET', `/api/v3/npq-applications/${id}`, { token: npq });
    expect(v3.body.data.attributes.teacher_reference_number).toBeNull();
  });

  it('filters by cohort and updated_since; ignores participant_id and sort (v3 only)', async () => {
    const all = (await call('GET', `${LIST}?${q('page[per_page]=3000')}`, 200)).data as any[];
    const cohort = (await call('GET', `${LIST}?${q('filter[cohort]=2024&page[per_page]=3000')}`, 200)).data as any[];
    expect(cohort.length).toBeGreaterThan(0);
    expect(cohort.map((a) => a.id)).toEqual(all.filter((a) => a.attributes.cohort === '2024').map((a) => a.id));
    const since = all.map((a) => a.attributes.updated_at as string).sort()[Math.floor(all.length / 2)];
    const recent = (await call('GET', `${LIST}?${q(`filter[updated_since]=${since}&page[per_page]=3000`)}`, 200)).data as any[];
    expect(recent.map((a) => a.id)).toEqual(all.filter((a) => a.attributes.updated_at >= since).map((a) => a.id));
    const ignored = (await call('GET', `${LIST}?${q('filter[participant_id]=not-a-uuid&sort=-created_at&page[per_page]=3000')}`, 200)).data as any[];
    expect(ignored.map((a) => a.id)).toEqual(all.map((a) => a.id));
    await call('GET', `${LIST}?${q('filter[updated_since]=yesterday')}`, 400, {
      expected: errors('Bad request', "The filter '#/updated_since' must be a valid ISO 8601 date"),
    });
  });

  it('accepts with funded_place, ignoring schedule_identifier (the default schedule is used)', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', eligible: true });
    const body = await call('POST', one(id, '/accept'), 200, { body: acceptBody({ funded_place: true, schedule_identifier: 'no-such-schedule' }) });
    expect(Object.keys(body.data.attributes)).toEqual(V1_ATTRIBUTES);
    expect(body.data.attributes).toMatchObject({ status: 'accepted', funded_place: true });
    expect((await sql(app, 'select s.schedule_identifier from npq_applications a join schedules s on s.id = a.schedule_id where a.id = ?', [id]))[0]).toEqual({
      schedule_identifier: expect.stringMatching(/^npq-leadership-/),
    });
  });

  it('answers the live 422 and 400 bodies on accept', async () => {
    const capped = await createApplication(app, { cohort: '2025a' });
    await call('POST', one(capped.id, '/accept'), 422, { expected: unprocessable('funded_place', M.fundedPlaceRequired) });
    const rejected = await createApplication(app, { cohort: '2023a', status: 'rejected' });
    await call('POST', one(rejected.id, '/accept'), 422, { expected: unprocessable('application', M.rejectedCannotChange) });
    await call('POST', one(capped.id, '/accept'), 400, {
      body: { data: { type: 'npq-application-accept' } },
      expected: errors('Bad request', 'correct json data structure required. See API docs for reference'),
    });
  });

  it('rejects, and answers 422 to a rejected application (npq_v1/v2 list no 422 for reject)', async () => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    const body = await call('POST', one(id, '/reject'), 200);
    expect(body.data.attributes).toMatchObject({ status: 'rejected' });
    expect(Object.keys(body.data.attributes)).toEqual(V1_ATTRIBUTES);
    await call('POST', one(id, '/reject'), 422, { expected: unprocessable('application', M.alreadyRejected), undocumented: true });
  });

  it('answers 404 {"error":"Resource not found"} to an unknown id and another provider\'s application on every operation', async () => {
    const other = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    for (const id of [UNKNOWN_ID, other.id]) {
      await call('GET', one(id), 404, { expected: NPQ_NOT_FOUND_BODY });
      await call('POST', one(id, '/accept'), 404, { expected: NPQ_NOT_FOUND_BODY });
      await call('POST', one(id, '/reject'), 404, { expected: NPQ_NOT_FOUND_BODY });
    }
    expect((await sql(app, 'select status from npq_applications where id = ?', [other.id]))[0]).toEqual({ status: 'pending' });
  });

  it('answers 403 to an ECF token and 401 without a valid token', async () => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    const ecf = app.token('Ambition Institute', 'ecf');
    for (const [method, path] of [
      ['GET', LIST],
      ['GET', one(id)],
      ['POST', one(id, '/accept')],
      ['POST', one(id, '/reject')],
    ] as const) {
      await call(method, path, 403, { token: ecf, expected: FORBIDDEN_ECF_ON_NPQ });
      await expectUnauthorised(app, method, path, REFS);
    }
    expect((await sql(app, 'select status from npq_applications where id = ?', [id]))[0]).toEqual({ status: 'pending' });
  });
});
