/**
 * Contract of the NPQ v3 application operations (npq.md §2–3): GET /api/v3/npq-applications(/{id}), POST
 * …/{id}/accept and …/{id}/reject. NPQ tokens only. Every response is held against npq_v3 (with the one wire
 * drift the service keeps: NPQ_V3_WIRE) and the own v3 document; error bodies are compared exactly.
 * Applications to act on are written by the NPQ fixtures (people and applications by SQL, then projected).
 */
import { NPQ_APPLICATION_MESSAGES as M } from '../../src/domain/npq/npq-application.messages.js';
import { createApplication, sql } from '../npq/npq-fixtures.js';
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  errors,
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FORBIDDEN_ECF_ON_NPQ,
  NPQ_NOT_FOUND_BODY,
  NPQ_V3_WIRE,
  PAGE_DETAIL,
  UNKNOWN_ID,
  UPDATED_SINCE_DETAIL,
  v3,
  type RefCheck,
} from './contract-support.js';

const REFS: RefCheck[] = [{ spec: NPQ_V3_WIRE, strictErrors: true }];
const LIST = v3('/npq-applications');
const PROVIDER = 'Ambition Institute';

const ATTRIBUTES = [
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
  'reason_for_rejection',
  'works_in_school',
  'cohort',
  'cohort_suffix',
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
  'schedule_identifier',
  'works_as_senco',
  'senco_start_date',
];

const MISSING_DATA = errors('Bad request', 'correct json data structure required. See API docs for reference');
const unprocessable = (...items: [string, string][]) => ({ errors: items.map(([title, detail]) => ({ title, detail })) });

let app: TestApp;
let npq: string;
let ecf: string;
beforeAll(async () => {
  app = await startTestApp();
  npq = app.token(PROVIDER, 'npq');
  ecf = app.token(PROVIDER, 'ecf');
});
afterAll(async () => app?.close());

const get = (path: string, token = npq) => app.request('GET', path, { token });
const post = (path: string, body?: unknown, token = npq) => app.request('POST', path, { token, body });
const accept = (id: string, body?: unknown, token = npq) => post(v3(`/npq-applications/${id}/accept`), body, token);
const reject = (id: string, token = npq) => post(v3(`/npq-applications/${id}/reject`), undefined, token);
const acceptBody = (attributes: Record<string, unknown>) => ({ data: { type: 'npq-application-accept', attributes } });

/** GET the list with a query and check it against the documents; returns the rows. */
async function listed(query: string, status = 200): Promise<any[]> {
  const path = query ? `${LIST}?${q(query)}` : LIST;
  const res = await get(path);
  expectContract(res, { method: 'GET', path, status, refs: REFS });
  return res.body.data;
}

describe('GET /api/v3/npq-applications', () => {
  it('lists the provider’s applications in the NPQ v3 shape and attribute order (npq_v3, own)', async () => {
    const res = await get(LIST);
    expectContract(res, { method: 'GET', path: LIST, status: 200, refs: REFS });
    const data = expectNonEmptyList(res, 'npq_application');
    for (const a of data) {
      expect(Object.keys(a.attributes)).toEqual(ATTRIBUTES);
      expect(a.attributes.email_validated).toBe(true);
      expect(a.attributes.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    const statuses = new Set(data.map((a: any) => a.attributes.status));
    expect([...statuses].sort()).toEqual(['accepted', 'pending', 'rejected']);
  });

  it('writes ineligible_for_funding_reason with hyphens', async () => {
    const reasons = new Set((await listed('page[per_page]=3000')).map((a) => a.attributes.ineligible_for_funding_reason));
    expect(reasons.has('establishment-ineligible')).toBe(true);
    for (const r of reasons) expect([null, 'previously-funded', 'establishment-ineligible']).toContain(r);
  });

  it('filters by cohort (comma list of start years; a value that is not a year matches nothing)', async () => {
    const rows = await listed('filter[cohort]=2023,2024&page[per_page]=3000');
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((a) => a.attributes.cohort))).toEqual(new Set(['2023', '2024']));
    expect(await listed('filter[cohort]=abc')).toEqual([]);
  });

  it('filters by participant_id (comma-separated UUIDs)', async () => {
    const all = await listed('page[per_page]=3000');
    const [p1, p2] = [...new Set(all.map((a) => a.attributes.participant_id))];
    const rows = await listed(`filter[participant_id]=${p1},${p2}`);
    expect(rows.map((a) => a.id)).toEqual(all.filter((a) => [p1, p2].includes(a.attributes.participant_id)).map((a) => a.id));
    expect(await listed(`filter[participant_id]=${UNKNOWN_ID}`)).toEqual([]);
  });

  it('answers 400 to a participant_id that is not a list of UUIDs', async () => {
    const path = `${LIST}?${q(`filter[participant_id]=${UNKNOWN_ID},not-a-uuid`)}`;
    const res = await get(path);
    expectContract(res, {
      method: 'GET',
      path,
      status: 400,
      refs: REFS,
      body: errors('Bad request', "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs"),
    });
  });

  it('filters by updated_since (inclusive) and answers 400 to an unparseable one', async () => {
    const all = await listed('page[per_page]=3000');
    const stamps = all.map((a) => a.attributes.updated_at as string).sort();
    const since = stamps[Math.floor(stamps.length / 2)];
    const rows = await listed(`filter[updated_since]=${since}&page[per_page]=3000`);
    expect(rows.map((a) => a.id).sort()).toEqual(
      all
        .filter((a) => a.attributes.updated_at >= since)
        .map((a) => a.id)
        .sort(),
    );
    const path = `${LIST}?${q('filter[updated_since]=yesterday')}`;
    const res = await get(path);
    expectContract(res, { method: 'GET', path, status: 400, refs: REFS, body: errors('Bad request', UPDATED_SINCE_DETAIL.npq) });
  });

  it('orders by created_at ascending by default and sorts by created_at / updated_at either way', async () => {
    const key = (a: any, f: string) => `${a.attributes[f]}|${a.id}`;
    const byDefault = await listed('page[per_page]=3000');
    expect(byDefault.map((a) => key(a, 'created_at'))).toEqual(byDefault.map((a) => key(a, 'created_at')).sort());
    const desc = await listed('sort=-created_at&page[per_page]=3000');
    expect(desc.map((a) => a.attributes.created_at)).toEqual(
      byDefault
        .map((a) => a.attributes.created_at)
        .sort()
        .reverse(),
    );
    const updated = await listed('sort=updated_at,unknown_field&page[per_page]=3000');
    expect(updated.map((a) => a.attributes.updated_at)).toEqual(updated.map((a) => a.attributes.updated_at).sort());
  });

  it('pages without repeating a row, answers {"data":[]} past the end and 400 to a page below 1', async () => {
    const four = await listed('page[per_page]=4');
    const first = await listed('page[per_page]=2&page[page]=1');
    const second = await listed('page[per_page]=2&page[page]=2');
    expect([...first, ...second].map((a) => a.id)).toEqual(four.map((a) => a.id));
    expect(await listed('page[page]=100000')).toEqual([]);
    const path = `${LIST}?${q('page[per_page]=0')}`;
    const res = await get(path);
    expectContract(res, { method: 'GET', path, status: 400, refs: REFS, body: errors('Bad request', PAGE_DETAIL.npq) });
  });

  it('answers 400 "\'#/filter\' is not a valid field" to a scalar filter', async () => {
    const path = `${LIST}?filter=2024`;
    const res = await get(path);
    expectContract(res, { method: 'GET', path, status: 400, refs: REFS, body: errors('Bad request', "'#/filter' is not a valid field") });
  });

  it("never lists another provider's applications", async () => {
    const { id } = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    const ids = (await listed('page[per_page]=3000')).map((a) => a.id);
    expect(ids).not.toContain(id);
  });
});

describe('GET /api/v3/npq-applications/{id}', () => {
  it('shows one application as the list does', async () => {
    const [row] = await listed('page[per_page]=1');
    const path = v3(`/npq-applications/${row.id}`);
    const res = await get(path);
    expectContract(res, { method: 'GET', path, status: 200, refs: REFS });
    expect(res.body).toEqual({ data: row });
  });

  it.each([
    ['an unknown id', UNKNOWN_ID],
    ['an id that is not a UUID', 'not-a-uuid'],
  ])('answers 404 {"error":"Resource not found"} to %s', async (_l, id) => {
    const path = v3(`/npq-applications/${id}`);
    expectContract(await get(path), { method: 'GET', path, status: 404, refs: REFS, body: NPQ_NOT_FOUND_BODY });
  });

  it("answers 404 to another provider's application", async () => {
    const { id } = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    const path = v3(`/npq-applications/${id}`);
    expectContract(await get(path), { method: 'GET', path, status: 404, refs: REFS, body: NPQ_NOT_FOUND_BODY });
  });
});

describe('POST /api/v3/npq-applications/{id}/accept', () => {
  const expectAccept = async (id: string, body: unknown, status: number, expected?: unknown) => {
    const path = v3(`/npq-applications/${id}/accept`);
    const res = await accept(id, body);
    expectContract(res, { method: 'POST', path, status, refs: REFS, body: expected });
    return res.body;
  };

  it('accepts with funded_place in a capped cohort and returns the application', async () => {
    const { id } = await createApplication(app, { cohort: '2025a', eligible: true });
    const body = await expectAccept(id, acceptBody({ funded_place: true }), 200);
    expect(body.data).toMatchObject({
      id,
      type: 'npq_application',
      attributes: { status: 'accepted', funded_place: true, cohort: '2025', cohort_suffix: 'a' },
    });
    expect(body.data.attributes.schedule_identifier).toEqual(expect.any(String));
    expect((await get(v3(`/npq-applications/${id}`))).body).toEqual(body);
  });

  it('accepts without a body in a fully funded cohort, and with a chosen schedule', async () => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    expect((await expectAccept(id, undefined, 200)).data.attributes).toMatchObject({ status: 'accepted', funded_place: null });
    const other = await createApplication(app, { cohort: '2025a', course: 'npq-senco' });
    const chosen = await expectAccept(other.id, acceptBody({ funded_place: false, schedule_identifier: 'npq-leadership-autumn' }), 200);
    expect(chosen.data.attributes).toMatchObject({ status: 'accepted', funded_place: false, schedule_identifier: 'npq-leadership-autumn' });
  });

  it("rejects the person's application for the course in the cohort with another provider (seen through its token)", async () => {
    const mine = await createApplication(app, { cohort: '2023a' });
    const theirs = await createApplication(app, { cohort: '2023a', person: mine.person, provider: 'Teach First' });
    await expectAccept(mine.id, undefined, 200);
    const res = await get(v3(`/npq-applications/${theirs.id}`), app.token('Teach First', 'npq'));
    expect(res.body.data.attributes).toMatchObject({ status: 'rejected', reason_for_rejection: 'other_application_in_this_cohort_accepted' });
  });

  it.each([
    ['capped cohort, no body', { cohort: '2025a' }, undefined, [['funded_place', M.fundedPlaceRequired]]],
    ['capped cohort, funded_place "true" (a string)', { cohort: '2025a' }, acceptBody({ funded_place: 'true' }), [['funded_place', M.fundedPlaceRequired]]],
    ['unfunded cohort, funded_place omitted', { cohort: '2026a' }, acceptBody({ schedule_identifier: '' }), [['funded_place', M.fundedPlaceUnfundedCohort]]],
    ['unfunded cohort, funded_place true', { cohort: '2026a' }, acceptBody({ funded_place: true }), [['funded_place', M.fundedPlaceUnfundedCohort]]],
    ['already accepted', { cohort: '2023a', status: 'accepted' }, undefined, [['application', M.alreadyAccepted]]],
    ['rejected', { cohort: '2023a', status: 'rejected' }, undefined, [['application', M.rejectedCannotChange]]],
    [
      'rejected, capped, no funded_place: both, in order',
      { cohort: '2025a', status: 'rejected' },
      undefined,
      [
        ['funded_place', M.fundedPlaceRequired],
        ['application', M.rejectedCannotChange],
      ],
    ],
    [
      'funded place without funding eligibility',
      { cohort: '2025a', eligible: false },
      acceptBody({ funded_place: true }),
      [['application', M.notEligibleForFundedPlace]],
    ],
    [
      'a schedule not in the cohort',
      { cohort: '2024a' },
      acceptBody({ funded_place: false, schedule_identifier: 'npq-leadership-spring' }),
      [['schedule_identifier', M.scheduleNotFoundInCohort]],
    ],
    [
      'a schedule of another course group',
      { cohort: '2025a' },
      acceptBody({ funded_place: false, schedule_identifier: 'npq-specialist-autumn' }),
      [['schedule_identifier', M.scheduleNotValidForCourse]],
    ],
    ['no default schedule', { cohort: '2023a', course: 'npq-additional-support-offer' }, undefined, [['schedule', M.scheduleCannotBeDetermined]]],
  ] as const)('422: %s', async (_l, fixture, body, expected) => {
    const { id } = await createApplication(app, fixture);
    await expectAccept(id, body, 422, unprocessable(...(expected as unknown as [string, string][])));
  });

  it('422: the participant already has an accepted application for the course in the cohort', async () => {
    const other = await createApplication(app, { cohort: '2023a', status: 'accepted', provider: 'LLSE' });
    const { id } = await createApplication(app, { cohort: '2023a', person: other.person });
    await expectAccept(id, undefined, 422, unprocessable(['application', M.acceptedForThisCourse]));
  });

  it.each([
    ['data without attributes', { data: { type: 'npq-application-accept' } }],
    ['empty attributes', acceptBody({})],
  ])('400: %s', async (_l, body) => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    await expectAccept(id, body, 400, MISSING_DATA);
    expect((await sql(app, 'select status from npq_applications where id = ?', [id]))[0]).toEqual({ status: 'pending' });
  });

  it("404: an unknown id, and another provider's application (left pending)", async () => {
    await expectAccept(UNKNOWN_ID, undefined, 404, NPQ_NOT_FOUND_BODY);
    const { id } = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    await expectAccept(id, undefined, 404, NPQ_NOT_FOUND_BODY);
    expect((await sql(app, 'select status from npq_applications where id = ?', [id]))[0]).toEqual({ status: 'pending' });
  });
});

describe('POST /api/v3/npq-applications/{id}/reject', () => {
  const expectReject = async (id: string, status: number, expected?: unknown) => {
    const path = v3(`/npq-applications/${id}/reject`);
    const res = await reject(id);
    expectContract(res, { method: 'POST', path, status, refs: REFS, body: expected });
    return res.body;
  };

  it.each(['pending', 'accepted'] as const)('rejects an application that is %s, with the reason rejected_by_provider', async (status) => {
    const { id } = await createApplication(app, { cohort: '2023a', status });
    const body = await expectReject(id, 200);
    expect(body.data).toMatchObject({ id, type: 'npq_application', attributes: { status: 'rejected', reason_for_rejection: 'rejected_by_provider' } });
  });

  it('422: already rejected', async () => {
    const { id } = await createApplication(app, { cohort: '2023a', status: 'rejected' });
    // npq_v3 lists no 422 for reject, though the live service answers one (npq.md §3.4).
    const path = v3(`/npq-applications/${id}/reject`);
    const res = await reject(id);
    expectContract(res, {
      method: 'POST',
      path,
      status: 422,
      refs: [{ ...REFS[0], undocumentedErrors: true }],
      body: unprocessable(['application', M.alreadyRejected]),
    });
  });

  it("404: an unknown id, and another provider's application (left pending)", async () => {
    await expectReject(UNKNOWN_ID, 404, NPQ_NOT_FOUND_BODY);
    const { id } = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    await expectReject(id, 404, NPQ_NOT_FOUND_BODY);
    expect((await sql(app, 'select status from npq_applications where id = ?', [id]))[0]).toEqual({ status: 'pending' });
  });
});

describe('tokens', () => {
  const operations = (id: string): [string, string, unknown][] => [
    ['GET', LIST, undefined],
    ['GET', v3(`/npq-applications/${id}`), undefined],
    ['POST', v3(`/npq-applications/${id}/accept`), acceptBody({ funded_place: false })],
    ['POST', v3(`/npq-applications/${id}/reject`), undefined],
  ];

  it('an ECF token gets 403 on every operation, and the application is untouched', async () => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    for (const [method, path, body] of operations(id)) {
      const res = await app.request(method, path, { token: ecf, body });
      expectContract(res, { method, path, status: 403, refs: REFS, body: FORBIDDEN_ECF_ON_NPQ });
    }
    expect((await sql(app, 'select status from npq_applications where id = ?', [id]))[0]).toEqual({ status: 'pending' });
  });

  it('no token or an unknown token gets 401 on every operation', async () => {
    const { id } = await createApplication(app, { cohort: '2023a' });
    for (const [method, path, body] of operations(id)) await expectUnauthorised(app, method, path, REFS, body);
  });
});
