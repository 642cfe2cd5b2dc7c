/**
 * Contract of the NPQ participant operations on v1, v2 and v3 (npq.md §2.2, §2.3, §4): list, show, defer,
 * resume, withdraw and change-schedule. NPQ tokens only. Every response is held against the version's reference
 * document (npq_v1/v2/v3; statuses a reference does not list — the v3 410 and the training_status 422 — against
 * the live error envelope) and the own document of the version; error bodies are compared exactly.
 */
import { NPQ_PARTICIPANT_MESSAGES as M } from '../../src/domain/npq/npq-participant.messages.js';
import { createApplication, sql } from '../npq/npq-fixtures.js';
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
  UPDATED_SINCE_DETAIL,
  type RefCheck,
} from './contract-support.js';

type Version = 'v1' | 'v2' | 'v3';
const REFS: Record<Version, RefCheck[]> = {
  v1: [{ spec: NPQ_V1_WIRE, strictErrors: true, undocumentedErrors: true }],
  v2: [{ spec: NPQ_V2_WIRE, strictErrors: true, undocumentedErrors: true }],
  v3: [{ spec: NPQ_V3_WIRE, strictErrors: true, undocumentedErrors: true }],
};
const ATTRIBUTES: Record<Version, string[]> = {
  v1: ['participant_id', 'full_name', 'email', 'npq_courses', 'funded_places', 'teacher_reference_number', 'updated_at'],
  v2: ['email', 'full_name', 'teacher_reference_number', 'updated_at', 'npq_enrolments'],
  v3: ['full_name', 'previous_names', 'teacher_reference_number', 'updated_at', 'npq_enrolments', 'participant_id_changes'],
};
const ENROLMENT: Record<'v2' | 'v3', string[]> = {
  v2: [
    'course_identifier',
    'schedule_identifier',
    'cohort',
    'npq_application_id',
    'eligible_for_funding',
    'training_status',
    'school_urn',
    'targeted_delivery_funding_eligibility',
    'funded_place',
  ],
  v3: [
    'email',
    'course_identifier',
    'schedule_identifier',
    'cohort',
    'cohort_suffix',
    'npq_application_id',
    'eligible_for_funding',
    'training_status',
    'school_urn',
    'targeted_delivery_funding_eligibility',
    'withdrawal',
    'deferral',
    'created_at',
    'funded_place',
  ],
};
const PROVIDER = 'Ambition Institute';
const OTHER = 'Best Practice Network';
const VERSIONS: Version[] = ['v1', 'v2', 'v3'];
const MISSING_DATA = errors('Bad request', 'correct json data structure required. See API docs for reference');
const unprocessable = (...items: [string, string][]) => ({ errors: items.map(([title, detail]) => ({ title, detail })) });
const body = (attributes: Record<string, unknown>) => ({ data: { type: 'participant-action', attributes } });

let app: TestApp;
let npq: string;
let ecf: string;
beforeAll(async () => {
  app = await startTestApp();
  npq = app.token(PROVIDER, 'npq');
  ecf = app.token(PROVIDER, 'ecf');
});
afterAll(async () => app?.close());

const base = (v: Version) => `/api/${v}/participants/npq`;
const get = (path: string, token = npq) => app.request('GET', path, { token });
const put = (path: string, b: unknown, token = npq) => app.request('PUT', path, { token, body: b });

/**
 * A fresh participant of the provider: headship accepted in the fully funded 2023a cohort (leadership autumn), active,
 * with a voided `started` declaration (defer and withdraw need one, npq.md §4.3, §4.5) unless told otherwise.
 */
async function participant(provider = PROVIDER, declared = true): Promise<{ id: string; application: string }> {
  const a = await createApplication(app, { provider, cohort: '2023a', status: 'accepted' });
  if (declared) await insertNpqDeclaration(app, a.id, { type: 'started', state: 'voided' });
  return { id: a.person, application: a.id };
}

async function listed(v: Version, query: string, status = 200): Promise<any[]> {
  const path = query ? `${base(v)}?${q(query)}` : base(v);
  const res = await get(path);
  expectContract(res, { method: 'GET', path, status, refs: REFS[v] });
  return res.body.data;
}

describe.each(VERSIONS)('GET /api/%s/participants/npq', (v) => {
  it('lists the provider’s participants in the version’s shape and attribute order', async () => {
    const res = await get(base(v));
    expectContract(res, { method: 'GET', path: base(v), status: 200, refs: REFS[v] });
    for (const p of expectNonEmptyList(res, 'npq-participant')) {
      expect(Object.keys(p.attributes)).toEqual(ATTRIBUTES[v]);
      expect(p.attributes.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      if (v !== 'v1') for (const e of p.attributes.npq_enrolments) expect(Object.keys(e)).toEqual(ENROLMENT[v]);
      if (v === 'v1') expect(p.attributes.participant_id).toBe(p.id);
    }
  });

  it('shows only people with an application the provider accepted, one row each, by registration time', async () => {
    const rows = await listed(v, 'page[per_page]=3000');
    const ids = rows.map((p) => p.id);
    const [visible] = await sql<{ n: string }>(
      app,
      `select count(distinct participant_id)::text as n from npq_applications where lead_provider_id = ? and status = 'accepted'`,
      [app.leadProviderId(PROVIDER)],
    );
    expect(ids).toHaveLength(Number(visible.n));
    const created = await sql<{ id: string }>(app, `select id from npq_participants where id = any(?::uuid[]) order by created_at, id`, [`{${ids.join(',')}}`]);
    expect(ids).toEqual(created.map((r) => r.id));
  });

  it('pages with page[page] and page[per_page] (an empty page past the end; 400 below 1)', async () => {
    const all = await listed(v, 'page[per_page]=3000');
    const first = await listed(v, 'page[per_page]=2&page[page]=1');
    const second = await listed(v, 'page[per_page]=2&page[page]=2');
    expect([...first, ...second].map((p) => p.id)).toEqual(all.slice(0, 4).map((p) => p.id));
    expect(await listed(v, 'page[page]=1000')).toEqual([]);
    const path = `${base(v)}?${q('page[per_page]=0')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: REFS[v], body: errors('Bad request', PAGE_DETAIL.npq) });
  });

  it('filters by updated_since (inclusive); 400 for an unparseable one', async () => {
    const all = await listed(v, 'page[per_page]=3000');
    const stamps = all.map((p) => p.attributes.updated_at as string).sort();
    const since = stamps[Math.floor(stamps.length / 2)];
    const rows = await listed(v, `filter[updated_since]=${since}&page[per_page]=3000`);
    expect(rows.map((p) => p.id).sort()).toEqual(
      all
        .filter((p) => p.attributes.updated_at >= since)
        .map((p) => p.id)
        .sort(),
    );
    const path = `${base(v)}?${q('filter[updated_since]=yesterday')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: REFS[v], body: errors('Bad request', UPDATED_SINCE_DETAIL.npq) });
  });

  it('answers 403 to an ECF token and 401 without a valid token', async () => {
    expectContract(await get(base(v), ecf), { method: 'GET', path: base(v), status: 403, refs: REFS[v], body: FORBIDDEN_ECF_ON_NPQ });
    await expectUnauthorised(app, 'GET', base(v), REFS[v]);
  });
});

describe('v3 list filters and sort', () => {
  it.each(['active', 'deferred', 'withdrawn'])('filter[training_status]=%s: people with an enrolment in that status', async (status) => {
    const rows = await listed('v3', `filter[training_status]=${status}&page[per_page]=3000`);
    expect(rows.length).toBeGreaterThan(0);
    for (const p of rows) expect(p.attributes.npq_enrolments.map((e: any) => e.training_status)).toContain(status);
    const withdrawn = rows.flatMap((p) => p.attributes.npq_enrolments).filter((e: any) => e.training_status === 'withdrawn');
    for (const e of withdrawn) expect(e.withdrawal).toEqual({ reason: expect.any(String), date: expect.stringMatching(/Z$/) });
  });

  it('answers 422 "Unpermitted parameters" to another training_status', async () => {
    const path = `${base('v3')}?${q('filter[training_status]=paused')}`;
    expectContract(await get(path), {
      method: 'GET',
      path,
      status: 422,
      refs: REFS.v3,
      body: errors('Unpermitted parameters', `The filter '#/training_status' must be ["active", "deferred", "withdrawn"]`),
    });
  });

  it('filter[from_participant_id] finds the participant a retired id was merged into', async () => {
    const [change] = await sql<{ from_participant_id: string; participant_id: string }>(
      app,
      'select from_participant_id, participant_id from npq_participant_id_changes',
    );
    const rows = await listed('v3', `filter[from_participant_id]=${change.from_participant_id}`);
    expect(rows.map((p) => p.id)).toEqual([change.participant_id]);
    expect(rows[0].attributes.participant_id_changes).toEqual([
      { from_participant_id: change.from_participant_id, to_participant_id: change.participant_id, changed_at: expect.stringMatching(/Z$/) },
    ]);
    expect(await listed('v3', `filter[from_participant_id]=${UNKNOWN_ID}`)).toEqual([]);
    expect(await listed('v3', 'filter[from_participant_id]=not-a-uuid')).toEqual([]);
  });

  it('sorts by created_at / updated_at either way; v1/v2 ignore sort and the v3 filters', async () => {
    const asc = await listed('v3', 'sort=updated_at&page[per_page]=3000');
    const key = (p: any) => p.attributes.updated_at as string;
    expect(asc.map(key)).toEqual(asc.map(key).sort());
    const desc = await listed('v3', 'sort=-updated_at&page[per_page]=3000');
    expect(desc.map(key)).toEqual(desc.map(key).sort().reverse());
    const plain = await listed('v2', 'page[per_page]=3000');
    expect((await listed('v2', 'sort=-updated_at&filter[training_status]=nonsense&page[per_page]=3000')).map((p) => p.id)).toEqual(plain.map((p) => p.id));
  });
});

describe.each(VERSIONS)('GET /api/%s/participants/npq/{id}', (v) => {
  it('shows one of the provider’s participants; 404 for an unknown id, a pending applicant and another provider’s participant', async () => {
    const mine = await participant();
    const path = `${base(v)}/${mine.id}`;
    const res = await get(path);
    expectContract(res, { method: 'GET', path, status: 200, refs: REFS[v] });
    expect(res.body.data.id).toBe(mine.id);
    const pending = await createApplication(app, { provider: PROVIDER, cohort: '2023a' });
    const theirs = await participant(OTHER);
    for (const id of [UNKNOWN_ID, 'not-a-uuid', pending.person, theirs.id]) {
      const p = `${base(v)}/${id}`;
      expectContract(await get(p), { method: 'GET', path: p, status: 404, refs: REFS[v], body: NPQ_NOT_FOUND_BODY });
    }
  });

  it(v === 'v3' ? 'answers 410 naming the replacement for a retired id' : 'answers 404 for a retired id (no 410 before v3)', async () => {
    const [change] = await sql<{ from_participant_id: string; participant_id: string }>(
      app,
      'select from_participant_id, participant_id from npq_participant_id_changes',
    );
    const path = `${base(v)}/${change.from_participant_id}`;
    // Actions do not redirect or answer 410 for a retired id: it is not a participant (npq.md §4.1).
    const defer = `${path}/defer`;
    expectContract(await put(defer, body({ course_identifier: 'npq-headship', reason: 'other' })), {
      method: 'PUT',
      path: defer,
      status: 404,
      refs: REFS[v],
      body: NPQ_NOT_FOUND_BODY,
    });
    const res = await get(path);
    if (v !== 'v3') {
      expectContract(res, { method: 'GET', path, status: 404, refs: REFS[v], body: NPQ_NOT_FOUND_BODY });
      return;
    }
    // npq_v3 does not document the 410 (the live body adds participant_id_changes to the error envelope): own document only.
    expectContract(res, {
      method: 'GET',
      path,
      status: 410,
      refs: [],
      body: {
        errors: [
          {
            title: 'Participant ID has been changed',
            detail: `The participant_id '${change.from_participant_id}' has been replaced with '${change.participant_id}'.`,
            participant_id_changes: [
              { from_participant_id: change.from_participant_id, to_participant_id: change.participant_id, changed_at: expect.stringMatching(/Z$/) },
            ],
          },
        ],
      },
    });
  });
});

describe.each(VERSIONS)('PUT /api/%s/participants/npq/{id}/… actions', (v) => {
  const action = (id: string, name: string, attributes: Record<string, unknown> | undefined, token = npq) =>
    put(`${base(v)}/${id}/${name}`, attributes === undefined ? {} : body(attributes), token);
  const expectOk = async (id: string, name: string, attributes: Record<string, unknown>) => {
    const path = `${base(v)}/${id}/${name}`;
    const res = await action(id, name, attributes);
    expectContract(res, { method: 'PUT', path, status: 200, refs: REFS[v] });
    expect(Object.keys(res.body.data.attributes)).toEqual(ATTRIBUTES[v]);
    return res.body.data;
  };
  const expect422 = async (id: string, name: string, attributes: Record<string, unknown>, ...items: [string, string][]) => {
    const path = `${base(v)}/${id}/${name}`;
    expectContract(await action(id, name, attributes), { method: 'PUT', path, status: 422, refs: REFS[v], body: unprocessable(...items) });
  };

  it('defer → resume → change-schedule → withdraw → resume, answering in the version’s shape', async () => {
    const p = await participant();
    const course = { course_identifier: 'npq-headship' };
    const deferred = await expectOk(p.id, 'defer', { ...course, reason: 'career-break' });
    const status = (d: any) => (v === 'v1' ? null : d.attributes.npq_enrolments[0].training_status);
    if (v !== 'v1') expect(status(deferred)).toBe('deferred');
    if (v === 'v3') expect(deferred.attributes.npq_enrolments[0].deferral).toEqual({ reason: 'career-break', date: expect.stringMatching(/Z$/) });
    const resumed = await expectOk(p.id, 'resume', course);
    if (v !== 'v1') expect(status(resumed)).toBe('active');
    if (v === 'v3') expect(resumed.attributes.npq_enrolments[0].deferral).toBeNull();
    const moved = await expectOk(p.id, 'change-schedule', { ...course, schedule_identifier: 'npq-leadership-spring' });
    if (v !== 'v1') expect(moved.attributes.npq_enrolments[0].schedule_identifier).toBe('npq-leadership-spring');
    const withdrawn = await expectOk(p.id, 'withdraw', { ...course, reason: 'quality-of-programme-structure-not-suitable.' });
    if (v !== 'v1') expect(status(withdrawn)).toBe('withdrawn');
    if (v === 'v3') {
      expect(withdrawn.attributes.npq_enrolments[0].withdrawal).toEqual({
        reason: 'quality-of-programme-structure-not-suitable.',
        date: expect.stringMatching(/Z$/),
      });
    }
    await expectOk(p.id, 'resume', course);
  });

  it('answers each rule with its 422 (title and live message)', async () => {
    const course = { course_identifier: 'npq-headship' };
    const undeclared = await participant(PROVIDER, false);
    await expect422(undeclared.id, 'defer', { ...course, reason: 'other' }, ['participant_id', M.noDeclarations]);
    await expect422(undeclared.id, 'withdraw', { ...course, reason: 'other' }, ['participant_id', M.noStartedDeclaration]);
    const p = await participant();
    await expect422(p.id, 'defer', { course_identifier: 'npq-nonsense', reason: 'career-break' }, ['course_identifier', M.courseNotRecognised]);
    await expect422(p.id, 'defer', { course_identifier: 'npq-senco', reason: 'career-break' }, ['participant_id', M.noAcceptedApplication]);
    await expect422(p.id, 'defer', { ...course, reason: 'holiday' }, ['reason', M.invalidReason]);
    await expect422(p.id, 'withdraw', { ...course }, ['reason', M.invalidReason]);
    await expect422(p.id, 'resume', course, ['participant_id', M.alreadyActive]);
    await expect422(p.id, 'change-schedule', { ...course, schedule_identifier: '' }, ['schedule_identifier', M.scheduleMustBePresent]);
    await expect422(p.id, 'change-schedule', { ...course, schedule_identifier: 'npq-leadership-autumn' }, ['schedule_identifier', M.alreadyHasSchedule]);
    await expect422(p.id, 'change-schedule', { ...course, schedule_identifier: 'npq-specialist-spring' }, ['schedule_identifier', M.scheduleNotValidForCourse]);
    await expectOk(p.id, 'defer', { ...course, reason: 'other' });
    await expect422(p.id, 'defer', { ...course, reason: 'other' }, ['participant_id', M.alreadyDeferred]);
    await expectOk(p.id, 'withdraw', { ...course, reason: 'other' });
    await expect422(p.id, 'defer', { ...course, reason: 'other' }, ['participant_id', M.alreadyWithdrawn]);
    await expect422(p.id, 'withdraw', { ...course, reason: 'other' }, ['participant_id', M.alreadyWithdrawn]);
    await expect422(p.id, 'change-schedule', { ...course, schedule_identifier: 'npq-leadership-spring' }, ['participant_id', M.alreadyWithdrawn]);
  });

  it('answers 400 without data.attributes, 404 for an id that is not the provider’s participant (no change), 403 to an ECF token', async () => {
    const mine = await participant();
    const theirs = await participant(OTHER);
    for (const name of ['defer', 'resume', 'withdraw', 'change-schedule']) {
      const path = `${base(v)}/${mine.id}/${name}`;
      expectContract(await put(path, { data: {} }), { method: 'PUT', path, status: 400, refs: REFS[v], body: MISSING_DATA });
      const attributes = { course_identifier: 'npq-headship', reason: 'other', schedule_identifier: 'npq-leadership-spring' };
      for (const id of [UNKNOWN_ID, theirs.id]) {
        const p = `${base(v)}/${id}/${name}`;
        expectContract(await put(p, body(attributes)), { method: 'PUT', path: p, status: 404, refs: REFS[v], body: NPQ_NOT_FOUND_BODY });
        // The lookup comes before the body check (npq.md §9.4).
        expectContract(await put(p, { data: {} }), { method: 'PUT', path: p, status: 404, refs: REFS[v], body: NPQ_NOT_FOUND_BODY });
      }
      expectContract(await put(path, body(attributes), ecf), { method: 'PUT', path, status: 403, refs: REFS[v], body: FORBIDDEN_ECF_ON_NPQ });
    }
    const [row] = await sql<{ training_status: string; states: string }>(
      app,
      `select training_status, (select count(*)::text from npq_application_states s where s.application_id = a.id) as states from npq_applications a where id = ?`,
      [theirs.application],
    );
    expect(row).toEqual({ training_status: 'active', states: '0' });
  });
});
