/**
 * Contract of the ECF participant reads on v1 and v2 (`/participants/ecf`, `.csv`, `/{id}`, ecf.md §2.6) against
 * the reference ecf_v1 / ecf_v2 documents and the own v1 / v2 documents, with the seeded demo participants
 * (every status × training status, an ECT who became a mentor: two rows with one id, a retired id, no TRN).
 * The reference documents list only 200 and 401 for these operations; the 404 is checked against the live
 * error envelope there (`undocumentedErrors`).
 */
import { parseCsv } from '../support/csv.js';
import { q, startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import {
  errors,
  expectContract,
  expectUnauthorised,
  FILTER_HASH_BODY,
  FORBIDDEN_NPQ_ON_ECF,
  NOT_FOUND_BODY,
  PAGE_DETAIL,
  sql,
  UNKNOWN_ID,
  UPDATED_SINCE_DETAIL,
  type RefCheck,
} from './contract-support.js';

const ATTRIBUTES = [
  'email',
  'full_name',
  'mentor_id',
  'school_urn',
  'participant_type',
  'cohort',
  'status',
  'teacher_reference_number',
  'teacher_reference_number_validated',
  'eligible_for_funding',
  'pupil_premium_uplift',
  'sparsity_uplift',
  'training_status',
  'training_record_id',
  'schedule_identifier',
  'updated_at',
];
const CSV_HEADER = `id,${ATTRIBUTES.join(',')}`;

type Row = { id: string; type: string; attributes: Record<string, any> };

let app: TestApp;
let ecf: string;
let npq: string;

beforeAll(async () => {
  app = await startTestApp();
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
});
afterAll(async () => app?.close());

describe.each(['v1', 'v2'] as const)('%s', (version) => {
  const BASE = `/api/${version}/participants/ecf`;
  const REFS: RefCheck[] = [{ spec: version === 'v1' ? 'ecf_v1' : 'ecf_v2', undocumentedErrors: true }];
  const get = (path: string, token: string | null = ecf) => app.request('GET', path, { token });
  let all: Row[];

  const rows = (res: TestResponse, path: string): Row[] => {
    expectContract(res, { method: 'GET', path, status: 200, refs: REFS });
    const items: Row[] = Array.isArray(res.body.data) ? res.body.data : [res.body.data];
    for (const r of items) {
      expect(r.type).toBe('participant');
      expect(Object.keys(r.attributes)).toEqual(ATTRIBUTES);
    }
    return items;
  };
  const list = async (query: string) => {
    const path = `${BASE}?${q(query)}`;
    return rows(await get(path), path);
  };

  beforeAll(async () => {
    all = await list('page[per_page]=3000');
  });

  describe(`GET ${BASE}`, () => {
    it('lists one row per training record: an ECT who is also a mentor appears twice with one id, ECT first', () => {
      expect(all.length).toBeGreaterThan(0);
      expect(new Set(all.map((r) => r.attributes.training_record_id)).size).toBe(all.length);
      const twice = all.filter((r, i) => all.findIndex((o) => o.id === r.id) !== i);
      expect(twice.length).toBeGreaterThan(0);
      for (const second of twice) {
        const pair = all.filter((r) => r.id === second.id);
        expect(pair.map((r) => r.attributes.participant_type)).toEqual(['ect', 'mentor']);
        expect(all.indexOf(pair[1])).toBe(all.indexOf(pair[0]) + 1);
      }
      expect(new Set(all.map((r) => r.attributes.status))).toEqual(new Set(['active', 'withdrawn']));
      expect(new Set(all.map((r) => r.attributes.training_status))).toEqual(new Set(['active', 'deferred', 'withdrawn']));
      expect(all.some((r) => r.attributes.teacher_reference_number === null && r.attributes.teacher_reference_number_validated === null)).toBe(true);
    });

    it('filters by cohort (a comma list; an unknown year matches nothing)', async () => {
      const [schedule] = await sql<{ year: number }>(
        app,
        `select min(coalesce(ect_cohort, mentor_cohort)) as year from participant_provider_views where lead_provider_id = ? and api_visible`,
        [app.leadProviderId('Ambition Institute')],
      );
      const found = await list(`filter[cohort]=${schedule.year}&page[per_page]=3000`);
      expect(found.length).toBeGreaterThan(0);
      expect(found.length).toBeLessThan(all.length);
      expect(await list('filter[cohort]=2021,2022,2023,2024,2025,2026&page[per_page]=3000')).toEqual(all);
      expect(await list('filter[cohort]=1999')).toEqual([]);
    });

    it('filters by updated_since (>=) and then orders by updated_at', async () => {
      const stamps = all.map((r) => r.attributes.updated_at).sort();
      const newest = stamps.at(-1)!;
      const found = await list(`filter[updated_since]=${newest}`);
      expect(found.length).toBeGreaterThan(0);
      for (const r of found) expect(r.attributes.updated_at).toBe(newest);
      const since = await list('filter[updated_since]=2000-01-01&page[per_page]=3000');
      expect(since.map((r) => r.attributes.updated_at)).toEqual(stamps);
      expect(new Set(since)).toEqual(new Set(all));
    });

    it('pages deterministically at 7 per page, and ignores sort', async () => {
      const paged: Row[] = [];
      for (let page = 1; page <= Math.ceil(all.length / 7) + 1; page++) paged.push(...(await list(`page[page]=${page}&page[per_page]=7`)));
      expect(paged).toEqual(all);
      expect(await list('sort=-updated_at&page[per_page]=3000')).toEqual(all);
    });

    it('answers 400 to an unparseable updated_since, bad paging and a filter that is not a hash', async () => {
      let path = `${BASE}?${q('filter[updated_since]=yesterday')}`;
      expectContract(await get(path), { method: 'GET', path, status: 400, refs: REFS, body: errors('Bad request', UPDATED_SINCE_DETAIL.ecf) });
      path = `${BASE}?${q('page[per_page]=0')}`;
      expectContract(await get(path), { method: 'GET', path, status: 400, refs: REFS, body: errors('Bad request', PAGE_DETAIL.ecf) });
      path = `${BASE}?filter=2025`;
      expectContract(await get(path), { method: 'GET', path, status: 400, refs: REFS, body: FILTER_HASH_BODY });
    });

    it('answers 401 without a token or with an unknown token, 403 to an NPQ token', async () => {
      await expectUnauthorised(app, 'GET', BASE, REFS);
      expectContract(await get(BASE, npq), { method: 'GET', path: BASE, status: 403, refs: REFS, body: FORBIDDEN_NPQ_ON_ECF });
    });
  });

  describe(`GET ${BASE}.csv`, () => {
    const CSV = `${BASE}.csv`;

    it('sends every row of the list as text/csv: the header row, then one line per row in the JSON values', async () => {
      const res = await get(`${CSV}?${q('page[per_page]=2')}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = res.text.split('\n');
      expect(lines[0]).toBe(CSV_HEADER);
      expect(res.text.endsWith('\n')).toBe(true);
      const records = parseCsv(res.text);
      const text = (v: string | number | boolean | null) => (v === null ? '' : String(v));
      expect(records).toEqual(all.map((r) => ({ id: r.id, ...Object.fromEntries(ATTRIBUTES.map((a) => [a, text(r.attributes[a])])) })));
    });

    it('applies the filters, and an empty result is an empty body', async () => {
      const filtered = await list('filter[cohort]=2025&page[per_page]=3000');
      const res = await get(`${CSV}?${q('filter[cohort]=2025')}`);
      expect(parseCsv(res.text).map((r) => r.training_record_id)).toEqual(filtered.map((r) => r.attributes.training_record_id));
      const empty = await get(`${CSV}?${q('filter[cohort]=1999')}`);
      expect(empty.status).toBe(200);
      expect(empty.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(empty.text).toBe('');
    });

    it('answers the JSON 400 to a bad updated_since, 401 without a token, 403 to an NPQ token', async () => {
      const path = `${CSV}?${q('filter[updated_since]=yesterday')}`;
      expectContract(await get(path), { method: 'GET', path, status: 400, refs: REFS, body: errors('Bad request', UPDATED_SINCE_DETAIL.ecf) });
      for (const token of [null, 'not-a-real-token-0123456789']) {
        const res = await get(CSV, token);
        expect([res.status, res.body]).toEqual([401, { error: 'HTTP Token: Access denied' }]);
      }
      expectContract(await get(CSV, npq), { method: 'GET', path: CSV, status: 403, refs: REFS, body: FORBIDDEN_NPQ_ON_ECF });
    });
  });

  describe(`GET ${BASE}/{id}`, () => {
    it('shows each participant as its first row in the list (the ECT row when the person is also a mentor)', async () => {
      for (const r of all) {
        if (all.find((o) => o.id === r.id) !== r) continue;
        const path = `${BASE}/${r.id}`;
        expect(rows(await get(path), path)).toEqual([r]);
      }
    });

    it('finds the participant that took over a retired id', async () => {
      const [change] = await sql<{ from: string; id: string }>(
        app,
        `select ch.from_participant_id as "from", ch.participant_id as id from participant_id_changes ch
           join participant_provider_views v on v.participant_id = ch.participant_id and v.lead_provider_id = ? and v.api_visible
          order by ch.from_participant_id limit 1`,
        [app.leadProviderId('Ambition Institute')],
      );
      expect(change).toBeDefined();
      const path = `${BASE}/${change.from}`;
      expect(rows(await get(path), path)[0].id).toBe(change.id);
    });

    it("answers the ECF 404 to another provider's participant, an unknown id and an id that is not a UUID", async () => {
      const [other] = await sql<{ id: string }>(
        app,
        `select v.participant_id as id from participant_provider_views v
          where v.api_visible and v.lead_provider_id = ?
            and not exists (select 1 from participant_provider_views w
                             where w.participant_id = v.participant_id and w.lead_provider_id = ? and w.api_visible)
          order by v.participant_id limit 1`,
        [app.leadProviderId('Capita'), app.leadProviderId('Ambition Institute')],
      );
      expect((await get(`${BASE}/${other.id}`, app.token('Capita', 'ecf'))).status).toBe(200);
      for (const id of [other.id, UNKNOWN_ID, 'not-a-uuid']) {
        const path = `${BASE}/${id}`;
        expectContract(await get(path), { method: 'GET', path, status: 404, refs: REFS, body: NOT_FOUND_BODY });
      }
    });

    it('answers 401 without a token or with an unknown token, 403 to an NPQ token', async () => {
      const path = `${BASE}/${all[0].id}`;
      await expectUnauthorised(app, 'GET', path, REFS);
      expectContract(await get(path, npq), { method: 'GET', path, status: 403, refs: REFS, body: FORBIDDEN_NPQ_ON_ECF });
    });
  });
});
