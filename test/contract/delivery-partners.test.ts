/**
 * Contract of GET /api/v3/delivery-partners and /delivery-partners/{id}: shared by ECF, RECT and NPQ, the
 * token decides the shape (ARCHITECTURE §2.2). ECF token → ecf_v3, and rect_v3 relaxed (the ECF v3 shape
 * only adds fields); NPQ token → npq_v3, which has no /delivery-partners/{id} (npq.md §2.1).
 */
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FILTER_HASH_BODY,
  NOT_FOUND_BODY,
  NPQ_NOT_FOUND_BODY,
  PAGE_DETAIL,
  errors,
  UNKNOWN_ID,
  v3,
  type RefCheck,
} from './contract-support.js';

const ECF_REFS: RefCheck[] = [{ spec: 'ecf_v3' }, { spec: 'rect_v3', relax: true }];
const NPQ_LIST_REFS: RefCheck[] = [{ spec: 'npq_v3' }];
const LIST = v3('/delivery-partners');

let app: TestApp;
let ecf: string;
let npq: string;
let ecfId: string;
let npqId: string;
beforeAll(async () => {
  app = await startTestApp();
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
  ecfId = (await app.request('GET', LIST, { token: ecf })).body.data[0].id;
  npqId = (await app.request('GET', LIST, { token: npq })).body.data[0].id;
});
afterAll(async () => app?.close());

describe('GET /api/v3/delivery-partners', () => {
  it('lists the ECF delivery partners of an ECF token in the ECF v3 shape (ecf_v3, rect_v3, own)', async () => {
    const res = await app.request('GET', LIST, { token: ecf });
    expectContract(res, { method: 'GET', path: LIST, status: 200, refs: ECF_REFS, programme: 'ecf' });
    const data = expectNonEmptyList(res, 'delivery-partner');
    for (const dp of data) expect(Object.keys(dp.attributes)).toEqual(['name', 'created_at', 'updated_at', 'cohort']);
  });

  it('lists only partners working in the filtered cohort, every cohort still listed', async () => {
    const path = `${LIST}?${q('filter[cohort]=2025&sort=-created_at&page[page]=1&page[per_page]=3')}`;
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 200, refs: ECF_REFS, programme: 'ecf' });
    const data = expectNonEmptyList(res, 'delivery-partner');
    expect(data.length).toBeLessThanOrEqual(3);
    for (const dp of data) expect(dp.attributes.cohort).toContain('2025');
  });

  it('lists the NPQ delivery partners of an NPQ token in the NPQ shape (npq_v3, own)', async () => {
    const res = await app.request('GET', LIST, { token: npq });
    expectContract(res, { method: 'GET', path: LIST, status: 200, refs: NPQ_LIST_REFS, programme: 'npq' });
    const data = expectNonEmptyList(res, 'delivery-partner');
    for (const dp of data) expect(Object.keys(dp.attributes)).toEqual(['name', 'cohort', 'created_at', 'updated_at']);
  });

  it('answers 401 without a token or with an unknown token', async () => {
    await expectUnauthorised(app, 'GET', LIST, [...ECF_REFS, ...NPQ_LIST_REFS]);
  });

  it('answers 400 to a page number below 1 (ECF wording for an ECF token)', async () => {
    const path = `${LIST}?${q('page[page]=0')}`;
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 400, refs: ECF_REFS, body: errors('Bad request', PAGE_DETAIL.ecf) });
  });

  it('answers 400 to a page size that is not a number (NPQ wording for an NPQ token)', async () => {
    const path = `${LIST}?${q('page[per_page]=abc')}`;
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 400, refs: NPQ_LIST_REFS, body: errors('Bad request', PAGE_DETAIL.npq) });
  });

  it('answers 400 when filter is not a hash (ECF token)', async () => {
    const path = `${LIST}?filter=2025`;
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 400, refs: ECF_REFS, body: FILTER_HASH_BODY });
  });

  it('answers 400 when filter is not a hash (NPQ token, NPQ wording)', async () => {
    const path = `${LIST}?filter=2025`;
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 400, refs: NPQ_LIST_REFS, body: errors('Bad request', "'#/filter' is not a valid field") });
  });
});

describe('GET /api/v3/delivery-partners/{id}', () => {
  it('shows a delivery partner to an ECF token in the ECF v3 shape (ecf_v3, rect_v3, own)', async () => {
    const path = v3(`/delivery-partners/${ecfId}`);
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 200, refs: ECF_REFS, programme: 'ecf' });
    expect(res.body.data.id).toBe(ecfId);
  });

  it('shows a delivery partner to an NPQ token in the NPQ shape (own document only: npq_v3 has no such operation)', async () => {
    const path = v3(`/delivery-partners/${npqId}`);
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 200, refs: [], programme: 'npq' });
    expect(res.body.data.id).toBe(npqId);
  });

  it('answers 401 without a token or with an unknown token', async () => {
    await expectUnauthorised(app, 'GET', v3(`/delivery-partners/${ecfId}`), ECF_REFS);
  });

  it('answers 404 to an unknown id (ECF token)', async () => {
    const path = v3(`/delivery-partners/${UNKNOWN_ID}`);
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 404, refs: ECF_REFS, body: NOT_FOUND_BODY });
  });

  it('answers 404 to an id that is not a UUID (ECF token)', async () => {
    const path = v3('/delivery-partners/not-a-uuid');
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 404, refs: ECF_REFS, body: NOT_FOUND_BODY });
  });

  it('answers 404 to an unknown id with the NPQ body {"error":"Resource not found"} (NPQ token, npq.md §9.5)', async () => {
    const path = v3(`/delivery-partners/${UNKNOWN_ID}`);
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 404, refs: [], body: NPQ_NOT_FOUND_BODY });
  });
});
