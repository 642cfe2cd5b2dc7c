/**
 * The void answers against every version's reference document (ecf_v1/v2/v3, rect_v3 for the ECF v3 shape, npq_v1/v2/v3)
 * and the service's own documents: the 200 body of a void and of a clawback, and the error bodies (422, 404, NPQ 403).
 * The reference ECF documents list only 200 for void: their error bodies are checked against the live envelope.
 */
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createProvider } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type World } from '../participants/fixtures.js';
import { expectContract, NPQ_V3_WIRE, type RefCheck } from '../contract/contract-support.js';
import { insertDeclaration, npqApplicationDeclaration, statementDue } from './void-fixtures.js';

let app: TestApp;
let w: World;
let paidSt: string;
let nextSt: string;
let A: { id: string; token: string };
let B: { id: string; token: string };
let npqPaid: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  paidSt = await statementDue(app, w.P.id, 2024, -40);
  nextSt = await statementDue(app, w.P.id, 2024, 20);
  A = await createProvider(app, 'npq');
  B = await createProvider(app, 'npq');
  npqPaid = await statementDue(app, A.id, 2024, -40, { programme: 'npq' });
  await statementDue(app, A.id, 2024, 20, { programme: 'npq' });
});
afterAll(async () => app?.close());

const ECF_REFS: Record<string, RefCheck[]> = {
  v1: [{ spec: 'ecf_v1', undocumentedErrors: true }],
  v2: [{ spec: 'ecf_v2', undocumentedErrors: true }],
  v3: [
    { spec: 'ecf_v3', undocumentedErrors: true },
    { spec: 'rect_v3', relax: true, undocumentedErrors: true },
  ],
};
const NPQ_REFS: Record<string, RefCheck[]> = {
  v1: [{ spec: 'npq_v1', undocumentedErrors: true }],
  v2: [{ spec: 'npq_v2', undocumentedErrors: true }],
  v3: [{ spec: NPQ_V3_WIRE, undocumentedErrors: true }],
};

/**
 * A clawback answers `awaiting-clawback`, dasherized as the live services send it although the reference enums say
 * `awaiting_clawback` (ecf.md §4.7, npq.md §2.2): that body is checked against the service's own documents only.
 */
const refsFor = (refs: RefCheck[], state: 'eligible' | 'paid'): RefCheck[] => (state === 'paid' ? [] : refs);
/** The own v3 document narrowed to the programme's branch applies to v3 paths only. */
const programmeCheck = (version: string, programme: 'ecf' | 'npq') => (version === 'v3' ? programme : undefined);

const ecfDeclaration = async (state: 'eligible' | 'paid' | 'voided') => {
  const [c] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]);
  return insertDeclaration(app, {
    leadProviderId: w.P.id,
    participantId: c.id,
    trainingRecordId: c.ect,
    cohort: 2024,
    deliveryPartnerId: w.dp,
    state,
    statementId: state === 'eligible' ? nextSt : state === 'paid' ? paidSt : undefined,
  });
};
const put = (version: string, id: string, token: string) => {
  const path = `/api/${version}/participant-declarations/${id}/void`;
  return { path, res: app.request('PUT', path, { token }) };
};

describe.each(['v1', 'v2', 'v3'])('%s', (version) => {
  it('ECF: void and clawback 200 bodies, 422 and 404 bodies match the reference documents', async () => {
    for (const state of ['eligible', 'paid'] as const) {
      const { path, res } = put(version, await ecfDeclaration(state), w.P.token);
      expectContract(await res, { method: 'PUT', path, status: 200, refs: refsFor(ECF_REFS[version], state), programme: programmeCheck(version, 'ecf') });
    }
    const voided = put(version, await ecfDeclaration('voided'), w.P.token);
    expectContract(await voided.res, { method: 'PUT', path: voided.path, status: 422, refs: ECF_REFS[version] });
    const other = put(version, await ecfDeclaration('eligible'), w.Q.token);
    expectContract(await other.res, { method: 'PUT', path: other.path, status: 404, refs: ECF_REFS[version] });
  });

  it('NPQ: void and clawback 200 bodies, 422 and 403/404 bodies match the reference documents', async () => {
    for (const state of ['eligible', 'paid'] as const) {
      const d = await npqApplicationDeclaration(app, A.id, { state, statementId: state === 'paid' ? npqPaid : undefined });
      const { path, res } = put(version, d.id, A.token);
      expectContract(await res, { method: 'PUT', path, status: 200, refs: refsFor(NPQ_REFS[version], state), programme: programmeCheck(version, 'npq') });
    }
    const voided = await npqApplicationDeclaration(app, A.id, { state: 'voided' });
    const v = put(version, voided.id, A.token);
    expectContract(await v.res, { method: 'PUT', path: v.path, status: 422, refs: NPQ_REFS[version] });
    const held = await npqApplicationDeclaration(app, A.id, { state: 'submitted', holder: B.id });
    const h = put(version, held.id, B.token);
    expectContract(await h.res, { method: 'PUT', path: h.path, status: version === 'v3' ? 403 : 404, refs: NPQ_REFS[version] });
  });
});
