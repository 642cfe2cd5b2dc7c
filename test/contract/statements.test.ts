/**
 * Contract of GET /api/v3/statements and /statements/{id}: shared by ECF, RECT and NPQ, the token decides
 * the records and the shape (ARCHITECTURE §2.2; ecf.md §5, npq.md §7). ECF token → ecf_v3 and rect_v3
 * relaxed; NPQ token → npq_v3.
 */
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  errors,
  sql,
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FILTER_HASH_BODY,
  NOT_FOUND_BODY,
  NPQ_NOT_FOUND_BODY,
  PAGE_DETAIL,
  UNKNOWN_ID,
  UPDATED_SINCE_DETAIL,
  v3,
  type RefCheck,
} from './contract-support.js';

const ECF_REFS: RefCheck[] = [{ spec: 'ecf_v3' }, { spec: 'rect_v3', relax: true }];
const NPQ_REFS: RefCheck[] = [{ spec: 'npq_v3' }];
/** An NPQ token's 404 is the live NPQ body, which npq_v3 describes: no drift allowance. */
const NPQ_404_REFS: RefCheck[] = [{ spec: 'npq_v3', strictErrors: true }];
const LIST = v3('/statements');

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

async function nonOutputFeeStatement(programme: 'ecf' | 'npq'): Promise<string> {
  const [row] = await sql<{ id: string }>(
    app,
    `select id from statements where lead_provider_id = ? and programme = ? and not output_fee order by payment_date, id limit 1`,
    [app.leadProviderId('Ambition Institute'), programme],
  );
  if (!row) throw new Error(`seed has no non-output-fee ${programme} statement`);
  return row.id;
}

describe('GET /api/v3/statements', () => {
  it('lists the ECF statements of an ECF token with type "ecf" (ecf_v3, rect_v3, own)', async () => {
    const res = await app.request('GET', LIST, { token: ecf });
    expectContract(res, { method: 'GET', path: LIST, status: 200, refs: ECF_REFS, programme: 'ecf' });
    const data = expectNonEmptyList(res, 'statement');
    for (const st of data) {
      expect(Object.keys(st.attributes)).toEqual(['month', 'year', 'type', 'cohort', 'cut_off_date', 'payment_date', 'paid', 'created_at', 'updated_at']);
      expect(st.attributes.type).toBe('ecf');
    }
  });

  it('lists the NPQ statements of an NPQ token without type (npq_v3, own)', async () => {
    const res = await app.request('GET', LIST, { token: npq });
    expectContract(res, { method: 'GET', path: LIST, status: 200, refs: NPQ_REFS, programme: 'npq' });
    const data = expectNonEmptyList(res, 'statement');
    for (const st of data)
      expect(Object.keys(st.attributes)).toEqual(['month', 'year', 'cohort', 'cut_off_date', 'payment_date', 'paid', 'created_at', 'updated_at']);
    expect(data.map((s: { id: string }) => s.id)).not.toContain(ecfId);
  });

  it('filters by cohort, type and updated_since with every filter in range (ECF token)', async () => {
    const path = `${LIST}?${q('filter[cohort]=2024,2025&filter[type]=ecf&filter[updated_since]=2020-01-01T00:00:00Z&page[per_page]=5')}`;
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 200, refs: ECF_REFS, programme: 'ecf' });
    const data = expectNonEmptyList(res, 'statement');
    expect(data.length).toBeLessThanOrEqual(5);
    for (const st of data) expect(['2024', '2025']).toContain(st.attributes.cohort);
  });

  it('filters by cohort (NPQ token)', async () => {
    const path = `${LIST}?${q('filter[cohort]=2025')}`;
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 200, refs: NPQ_REFS, programme: 'npq' });
    for (const st of expectNonEmptyList(res, 'statement')) expect(st.attributes.cohort).toBe('2025');
  });

  it('answers 401 without a token or with an unknown token', async () => {
    await expectUnauthorised(app, 'GET', LIST, [...ECF_REFS, ...NPQ_REFS]);
  });

  it('answers 400 to a page size below 1 (ECF token)', async () => {
    const path = `${LIST}?${q('page[per_page]=0')}`;
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 400, refs: ECF_REFS, body: errors('Bad request', PAGE_DETAIL.ecf) });
  });

  it('answers 400 to a page number below 1 (NPQ token)', async () => {
    const path = `${LIST}?${q('page[page]=-1')}`;
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 400, refs: NPQ_REFS, body: errors('Bad request', PAGE_DETAIL.npq) });
  });

  it('answers 400 to an unparseable updated_since (ECF token, "RCF3339" sic)', async () => {
    const path = `${LIST}?${q('filter[updated_since]=yesterday')}`;
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 400, refs: ECF_REFS, body: errors('Bad request', UPDATED_SINCE_DETAIL.ecf) });
  });

  it('answers 400 to an unparseable updated_since (NPQ token)', async () => {
    const path = `${LIST}?${q('filter[updated_since]=2025-13-45')}`;
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 400, refs: NPQ_REFS, body: errors('Bad request', UPDATED_SINCE_DETAIL.npq) });
  });

  it('answers 400 when filter is not a hash (ECF token)', async () => {
    const path = `${LIST}?filter=ecf`;
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 400, refs: ECF_REFS, body: FILTER_HASH_BODY });
  });
});

describe('GET /api/v3/statements/{id}', () => {
  it('shows an ECF statement to an ECF token (ecf_v3, rect_v3, own)', async () => {
    const path = v3(`/statements/${ecfId}`);
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 200, refs: ECF_REFS, programme: 'ecf' });
    expect(res.body.data.id).toBe(ecfId);
    expect(res.body.data.attributes.type).toBe('ecf');
  });

  it('shows an NPQ statement to an NPQ token (npq_v3, own)', async () => {
    const path = v3(`/statements/${npqId}`);
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 200, refs: NPQ_REFS, programme: 'npq' });
    expect(res.body.data.id).toBe(npqId);
  });

  it('answers 401 without a token or with an unknown token', async () => {
    await expectUnauthorised(app, 'GET', v3(`/statements/${ecfId}`), [...ECF_REFS, ...NPQ_REFS]);
  });

  it('answers 404 to an unknown id (ECF token)', async () => {
    const path = v3(`/statements/${UNKNOWN_ID}`);
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 404, refs: ECF_REFS, body: NOT_FOUND_BODY });
  });

  it('answers 404 to an unknown id with the NPQ body {"error":"Resource not found"} (NPQ token, npq.md §9.5)', async () => {
    const path = v3(`/statements/${UNKNOWN_ID}`);
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 404, refs: NPQ_404_REFS, body: NPQ_NOT_FOUND_BODY });
  });

  it('answers 404 to an ECF token asking for an NPQ statement of the same provider (the token decides the records)', async () => {
    const path = v3(`/statements/${npqId}`);
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 404, refs: ECF_REFS, body: NOT_FOUND_BODY });
  });

  it('shows a non-output-fee ECF statement to an ECF token (ecf.md §5: any ECF statement of the caller)', async () => {
    const id = await nonOutputFeeStatement('ecf');
    const path = v3(`/statements/${id}`);
    const res = await app.request('GET', path, { token: ecf });
    expectContract(res, { method: 'GET', path, status: 200, refs: ECF_REFS, programme: 'ecf' });
    expect(res.body.data.id).toBe(id);
  });

  it('answers 404 to an NPQ token asking for a non-output-fee statement (npq.md §7)', async () => {
    const path = v3(`/statements/${await nonOutputFeeStatement('npq')}`);
    const res = await app.request('GET', path, { token: npq });
    expectContract(res, { method: 'GET', path, status: 404, refs: NPQ_404_REFS, body: NPQ_NOT_FOUND_BODY });
  });

  it("answers 404 to another provider's statement", async () => {
    const path = v3(`/statements/${ecfId}`);
    const res = await app.request('GET', path, { token: app.token('Capita', 'ecf') });
    expectContract(res, { method: 'GET', path, status: 404, refs: ECF_REFS, body: NOT_FOUND_BODY });
  });
});
