/**
 * Contract of the schools reads on the ECF paths (/schools/ecf → ecf_v3) and the RECT paths
 * (/schools → rect_v3): `filter[cohort]` is required on list and show (ecf.md §7, rect.md §2.6), only
 * ECF tokens may call them (an NPQ token gets a 403, ARCHITECTURE §2.2).
 */
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  COHORT_REQUIRED_BODY,
  errors,
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FILTER_HASH_BODY,
  FORBIDDEN_NPQ_ON_ECF,
  NOT_FOUND_BODY,
  PAGE_DETAIL,
  UNKNOWN_ID,
  UPDATED_SINCE_DETAIL,
  v3,
  type RefCheck,
} from './contract-support.js';

interface Family {
  name: 'ecf' | 'rect';
  base: string;
  refs: RefCheck[];
  attributes: string[];
}

const FAMILIES: Family[] = [
  {
    name: 'ecf',
    base: v3('/schools/ecf'),
    refs: [{ spec: 'ecf_v3' }],
    attributes: ['name', 'urn', 'cohort', 'in_partnership', 'induction_programme_choice', 'created_at', 'updated_at'],
  },
  {
    name: 'rect',
    base: v3('/schools'),
    refs: [{ spec: 'rect_v3' }],
    attributes: [
      'name',
      'urn',
      'cohort',
      'in_partnership',
      'induction_programme_choice',
      'expression_of_interest',
      'induction_tutor_name',
      'induction_tutor_email',
      'created_at',
      'updated_at',
    ],
  },
];

let app: TestApp;
let ecf: string;
let npq: string;
beforeAll(async () => {
  app = await startTestApp();
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
});
afterAll(async () => app?.close());

describe.each(FAMILIES)('schools on $base', (f) => {
  const cohort2025 = `${f.base}?${q('filter[cohort]=2025')}`;
  let school: { id: string; attributes: { urn: string } };
  beforeAll(async () => {
    school = (await app.request('GET', cohort2025, { token: ecf })).body.data[0];
  });

  describe(`GET ${f.base}`, () => {
    it('lists the schools of the cohort, each in the family shape', async () => {
      const res = await app.request('GET', cohort2025, { token: ecf });
      expectContract(res, { method: 'GET', path: cohort2025, status: 200, refs: f.refs });
      for (const s of expectNonEmptyList(res, 'school')) {
        expect(Object.keys(s.attributes)).toEqual(f.attributes);
        expect(s.attributes.cohort).toBe('2025');
      }
    });

    it('lists every seeded cohort from 2021 to 2026 non-empty (schema checked on each)', async () => {
      for (const year of [2021, 2022, 2023, 2024, 2026]) {
        const path = `${f.base}?${q(`filter[cohort]=${year}&page[per_page]=3000`)}`;
        const res = await app.request('GET', path, { token: ecf });
        expectContract(res, { method: 'GET', path, status: 200, refs: f.refs });
        expectNonEmptyList(res, 'school');
      }
    });

    it('filters by urn, updated_since and sorts', async () => {
      const path = `${f.base}?${q(`filter[cohort]=2025&filter[urn]=${school.attributes.urn}&filter[updated_since]=2000-01-01&sort=-updated_at`)}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 200, refs: f.refs });
      const data = expectNonEmptyList(res, 'school');
      expect(data.map((s) => s.id)).toEqual([school.id]);
    });

    it('answers 401 without a token or with an unknown token', async () => {
      await expectUnauthorised(app, 'GET', cohort2025, f.refs);
    });

    it('answers 403 to an NPQ token', async () => {
      const res = await app.request('GET', cohort2025, { token: npq });
      expectContract(res, { method: 'GET', path: cohort2025, status: 403, refs: f.refs, body: FORBIDDEN_NPQ_ON_ECF });
    });

    it('answers 400 without filter[cohort]', async () => {
      const res = await app.request('GET', f.base, { token: ecf });
      expectContract(res, { method: 'GET', path: f.base, status: 400, refs: f.refs, body: COHORT_REQUIRED_BODY });
    });

    it('answers 400 when filter is not a hash', async () => {
      const path = `${f.base}?filter=2025`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 400, refs: f.refs, body: FILTER_HASH_BODY });
    });

    it('answers 400 to a page number that is not a number', async () => {
      const path = `${f.base}?${q('filter[cohort]=2025&page[page]=first')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', PAGE_DETAIL[f.name]) });
    });

    it('answers 400 to an unparseable updated_since', async () => {
      const path = `${f.base}?${q('filter[cohort]=2025&filter[updated_since]=2025-02-30')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', UPDATED_SINCE_DETAIL[f.name]) });
    });
  });

  describe(`GET ${f.base}/{id}`, () => {
    it('shows one school as it stands in the cohort', async () => {
      const path = `${f.base}/${school.id}?${q('filter[cohort]=2025')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 200, refs: f.refs });
      expect(res.body.data.id).toBe(school.id);
      expect(Object.keys(res.body.data.attributes)).toEqual(f.attributes);
    });

    it('answers 401 without a token or with an unknown token', async () => {
      await expectUnauthorised(app, 'GET', `${f.base}/${school.id}?${q('filter[cohort]=2025')}`, f.refs);
    });

    it('answers 403 to an NPQ token', async () => {
      const path = `${f.base}/${school.id}?${q('filter[cohort]=2025')}`;
      const res = await app.request('GET', path, { token: npq });
      expectContract(res, { method: 'GET', path, status: 403, refs: f.refs, body: FORBIDDEN_NPQ_ON_ECF });
    });

    it('answers 404 to an unknown id', async () => {
      const path = `${f.base}/${UNKNOWN_ID}?${q('filter[cohort]=2025')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 404, refs: f.refs, body: NOT_FOUND_BODY });
    });

    it('answers 404 to a known school in a year that has no cohort', async () => {
      const path = `${f.base}/${school.id}?${q('filter[cohort]=1999')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 404, refs: f.refs, body: NOT_FOUND_BODY });
    });

    it('answers 400 without filter[cohort]', async () => {
      const path = `${f.base}/${school.id}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 400, refs: f.refs, body: COHORT_REQUIRED_BODY });
    });
  });
});
