/**
 * Contract of the RECT v3 participant reads (`/participants`, `/participants/{id}`, rect.md §1.2–1.5, §2.3–2.6,
 * §3.2) against the reference rect_v3 document and the own v3 document, with the seeded demo participants (every
 * participant status × training status, an ECT who became a mentor, a retired id, a participant without a TRN,
 * induction periods, working patterns and a `changed-lead-provider` withdrawal).
 */
import type { TestResponse } from '../support/test-app.js';
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  errors,
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FILTER_HASH_BODY,
  FORBIDDEN_NPQ_ON_ECF,
  NOT_FOUND_BODY,
  PAGE_DETAIL,
  sql,
  UNKNOWN_ID,
  UPDATED_SINCE_DETAIL,
  v3,
  type RefCheck,
} from './contract-support.js';

const BASE = v3('/participants');
const RECT: RefCheck[] = [{ spec: 'rect_v3' }];

const ATTRIBUTES = ['full_name', 'teacher_reference_number', 'updated_at', 'ecf_enrolments', 'participant_id_changes'];
const ENROLMENT = [
  'training_record_id',
  'email',
  'mentor_id',
  'school_urn',
  'participant_type',
  'cohort',
  'training_status',
  'participant_status',
  'eligible_for_funding',
  'pupil_premium_uplift',
  'sparsity_uplift',
  'schedule_identifier',
  'delivery_partner_id',
  'withdrawal',
  'deferral',
  'created_at',
  'induction_end_date',
  'most_recent_induction_period_end_date',
  'overall_induction_start_date',
  'mentor_funding_end_date',
  'cohort_changed_after_payments_frozen',
  'mentor_ineligible_for_funding_reason',
  'working_pattern',
];

type Participant = { id: string; type: string; attributes: Record<string, any> };

/** 200 against rect_v3 and the own document, attribute order, `participant` type. */
function expectParticipants(res: TestResponse, path: string): Participant[] {
  expectContract(res, { method: 'GET', path, status: 200, refs: RECT });
  const items: Participant[] = Array.isArray(res.body.data) ? res.body.data : [res.body.data];
  for (const p of items) {
    expect(p.type).toBe('participant');
    expect(Object.keys(p.attributes)).toEqual(ATTRIBUTES);
    for (const e of p.attributes.ecf_enrolments) expect(Object.keys(e)).toEqual(ENROLMENT);
  }
  return items;
}

let app: TestApp;
let ecf: string;
let npq: string;
let all: Participant[];

const get = (path: string, token = ecf) => app.request('GET', path, { token });
const list = async (query: string) => {
  const path = `${BASE}?${q(query)}`;
  return expectParticipants(await get(path), path);
};
const enrolments = () => all.flatMap((p) => p.attributes.ecf_enrolments);

beforeAll(async () => {
  app = await startTestApp();
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
  const path = `${BASE}?${q('page[per_page]=3000')}`;
  const res = await get(path);
  all = expectParticipants(res, path);
  expectNonEmptyList(res, 'participant');
});
afterAll(async () => app?.close());

describe(`GET ${BASE}`, () => {
  it('lists the same people as the ECF path, one resource per person, with RECT statuses only', async () => {
    const ecfPath = v3(`/participants/ecf?${q('page[per_page]=3000')}`);
    const ecfIds = ((await get(ecfPath)).body.data as Participant[]).map((p) => p.id);
    expect(all.map((p) => p.id)).toEqual(ecfIds);
    expect(new Set(enrolments().map((e) => e.participant_status))).toEqual(new Set(['joining', 'active', 'leaving', 'left']));
    expect(new Set(enrolments().map((e) => e.training_status))).toEqual(new Set(['active', 'deferred', 'withdrawn']));
    const both = all.find((p) => p.attributes.ecf_enrolments.length === 2)!;
    expect(both.attributes.ecf_enrolments.map((e: any) => e.participant_type)).toEqual(['ect', 'mentor']);
    expect(all.some((p) => p.attributes.participant_id_changes.length > 0)).toBe(true);
    expect(all.some((p) => p.attributes.teacher_reference_number === null)).toBe(true);
  });

  it('withdrawn and deferred enrolments are left (RECT finishes the training when it is withdrawn or deferred)', () => {
    for (const e of enrolments()) {
      if (e.training_status !== 'active') expect(e.participant_status).toBe('left');
      if (e.withdrawal) expect(e.training_status).toBe('withdrawn');
      if (e.deferral) expect(e.training_status).toBe('deferred');
    }
    expect(enrolments().some((e) => e.withdrawal?.reason === 'changed-lead-provider')).toBe(true);
  });

  it('shows working patterns and induction dates for ECTs only', () => {
    const ects = enrolments().filter((e) => e.participant_type === 'ect');
    const mentors = enrolments().filter((e) => e.participant_type === 'mentor');
    expect(new Set(ects.map((e) => e.working_pattern))).toEqual(new Set(['full_time', 'part_time']));
    for (const m of mentors) {
      expect(m).toMatchObject({
        working_pattern: null,
        overall_induction_start_date: null,
        most_recent_induction_period_end_date: null,
        induction_end_date: null,
      });
    }
    expect(ects.some((e) => e.overall_induction_start_date !== null && e.most_recent_induction_period_end_date === null)).toBe(true);
    expect(ects.some((e) => e.induction_end_date !== null && e.most_recent_induction_period_end_date === e.induction_end_date)).toBe(true);
  });

  it('filters by cohort (a comma list; an unknown year or text matches nothing; blank is no filter)', async () => {
    const cohorts = [...new Set(enrolments().map((e) => e.cohort))].sort();
    const first = await list(`filter[cohort]=${cohorts[0]}&page[per_page]=3000`);
    expect(first.length).toBeGreaterThan(0);
    for (const p of first) expect(p.attributes.ecf_enrolments.map((e: any) => e.cohort)).toContain(cohorts[0]);
    expect(await list(`filter[cohort]=${cohorts.join(',')}&page[per_page]=3000`)).toHaveLength(all.length);
    expect(await list('filter[cohort]=1999')).toEqual([]);
    expect(await list('filter[cohort]=invalid')).toEqual([]);
    expect(await list('filter[cohort]=&page[per_page]=3000')).toHaveLength(all.length);
  });

  it.each(['active', 'deferred', 'withdrawn'])('filters by training_status=%s', async (status) => {
    const found = await list(`filter[training_status]=${status}&page[per_page]=3000`);
    const expected = all.filter((p) => p.attributes.ecf_enrolments.some((e: any) => e.training_status === status)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(found.map((p) => p.id)).toEqual(expected);
  });

  it('answers an empty list (not a 400) to any other training status; blank is no filter', async () => {
    for (const value of ['Active', 'joining', 'active,withdrawn']) expect(await list(`filter[training_status]=${value}`)).toEqual([]);
    expect(await list('filter[training_status]=&page[per_page]=3000')).toHaveLength(all.length);
  });

  it('filters by from_participant_id (the participant that took over a retired id; others match nothing)', async () => {
    const merged = all.find((p) => p.attributes.participant_id_changes.length > 0)!;
    const from = merged.attributes.participant_id_changes[0].from_participant_id;
    expect((await list(`filter[from_participant_id]=${from}`)).map((p) => p.id)).toEqual([merged.id]);
    expect(await list(`filter[from_participant_id]=${UNKNOWN_ID}`)).toEqual([]);
    expect(await list('filter[from_participant_id]=not-a-uuid')).toEqual([]);
  });

  it('filters by updated_since (>=, inclusive of the newest row)', async () => {
    const newest = all
      .map((p) => p.attributes.updated_at)
      .sort()
      .at(-1)!;
    const found = await list(`filter[updated_since]=${newest}`);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect(p.attributes.updated_at >= newest).toBe(true);
  });

  it('sorts by created_at by default, by -updated_at on request, drops unknown sort fields, and pages deterministically', async () => {
    expect((await list('sort=name&page[per_page]=3000')).map((p) => p.id)).toEqual(all.map((p) => p.id));
    const sorted = await list('sort=-updated_at&page[per_page]=3000');
    const stamps = sorted.map((p) => p.attributes.updated_at);
    expect(stamps).toEqual([...stamps].sort().reverse());
    const paged: string[] = [];
    for (let page = 1; page <= Math.ceil(all.length / 7) + 1; page++)
      paged.push(...(await list(`sort=-updated_at&page[page]=${page}&page[per_page]=7`)).map((p) => p.id));
    expect(paged).toEqual(sorted.map((p) => p.id));
  });

  it('answers 400 to an unparseable updated_since, bad paging and a filter that is not a hash (RECT bodies)', async () => {
    let path = `${BASE}?${q('filter[updated_since]=yesterday')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: RECT, body: errors('Bad request', UPDATED_SINCE_DETAIL.rect) });
    path = `${BASE}?${q('page[per_page]=0')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: RECT, body: errors('Bad request', PAGE_DETAIL.rect) });
    path = `${BASE}?filter=2025`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: RECT, body: FILTER_HASH_BODY });
  });

  it('answers 401 without a token or with an unknown token, 403 to an NPQ token', async () => {
    await expectUnauthorised(app, 'GET', BASE, RECT);
    expectContract(await get(BASE, npq), { method: 'GET', path: BASE, status: 403, refs: RECT, body: FORBIDDEN_NPQ_ON_ECF });
  });
});

describe(`GET ${BASE}/{id}`, () => {
  it('shows each listed participant exactly as the list does', async () => {
    for (const p of all) {
      const path = `${BASE}/${p.id}`;
      const [shown] = expectParticipants(await get(path), path);
      expect(shown).toEqual(p);
    }
  });

  it('finds the participant that took over a retired id', async () => {
    const merged = all.find((p) => p.attributes.participant_id_changes.length > 0)!;
    const path = `${BASE}/${merged.attributes.participant_id_changes[0].from_participant_id}`;
    const [shown] = expectParticipants(await get(path), path);
    expect(shown.id).toBe(merged.id);
  });

  it("answers the RECT 404 to another provider's participant, an unknown id and an id that is not a UUID", async () => {
    const [other] = await sql<{ id: string }>(
      app,
      `select v.participant_id as id from participant_provider_views v
        where v.api_visible and v.lead_provider_id = ?
          and not exists (select 1 from participant_provider_views w
                           where w.participant_id = v.participant_id and w.lead_provider_id = ? and w.api_visible)
        order by v.participant_id limit 1`,
      [app.leadProviderId('Capita'), app.leadProviderId('Ambition Institute')],
    );
    expect(other).toBeDefined();
    expect((await get(`${BASE}/${other.id}`, app.token('Capita', 'ecf'))).status).toBe(200);
    for (const id of [other.id, UNKNOWN_ID, 'not-a-uuid']) {
      const path = `${BASE}/${id}`;
      expectContract(await get(path), { method: 'GET', path, status: 404, refs: RECT, body: NOT_FOUND_BODY });
    }
  });

  it('answers 401 without a token or with an unknown token, 403 to an NPQ token', async () => {
    const path = `${BASE}/${all[0].id}`;
    await expectUnauthorised(app, 'GET', path, RECT);
    expectContract(await get(path, npq), { method: 'GET', path, status: 403, refs: RECT, body: FORBIDDEN_NPQ_ON_ECF });
  });
});
