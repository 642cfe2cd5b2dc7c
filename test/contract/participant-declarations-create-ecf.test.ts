/**
 * Contract of POST /api/v{1,2,3}/participant-declarations with an ECF token (ecf.md §4): the 200 body against the
 * version's reference document (ecf_v1/v2/v3; on v3 also rect_v3, which RECT clients read) and the own document,
 * and the 400 and 422 bodies in the live envelope.
 */
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  createDeclarationWorld,
  participantWith,
  postDeclaration,
  SLOT_TAKEN_BODY,
  started,
  type DeclarationWorld,
} from '../declarations/ecf-create-fixtures.js';
import { expectContract, expectUnauthorised, MISSING_DATA_BODY, type RefCheck } from './contract-support.js';

type Version = 'v1' | 'v2' | 'v3';
const REFS: Record<Version, RefCheck[]> = {
  v1: [{ spec: 'ecf_v1', undocumentedErrors: true }],
  v2: [{ spec: 'ecf_v2', undocumentedErrors: true }],
  v3: [{ spec: 'ecf_v3', undocumentedErrors: true }],
};

let app: TestApp;
let w: DeclarationWorld;

beforeAll(async () => {
  app = await startTestApp();
  w = await createDeclarationWorld(app);
});
afterAll(async () => app?.close());

describe.each(['v1', 'v2', 'v3'] as const)('POST /api/%s/participant-declarations (ECF token)', (version) => {
  const path = `/api/${version}/participant-declarations`;

  it('200: the declaration in the version’s ECF shape', async () => {
    const p = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }]);
    const res = await postDeclaration(app, w.P.token, started(p.id), { version });
    expectContract(res, { method: 'POST', path, status: 200, refs: REFS[version], programme: version === 'v3' ? 'ecf' : undefined });
    if (version === 'v3') expectContract(res, { method: 'POST', path, status: 200, refs: [{ spec: 'rect_v3', relax: true }] });
    const shown = await app.request('GET', `${path}/${res.body.data.id}`, { token: w.P.token });
    expect(res.body).toEqual(shown.body);
  });

  it('422: one item per attribute; a repeat is the base error', async () => {
    const p = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }]);
    expect((await postDeclaration(app, w.P.token, started(p.id), { version })).status).toBe(200);
    const repeat = await postDeclaration(app, w.P.token, started(p.id), { version });
    expectContract(repeat, { method: 'POST', path, status: 422, body: SLOT_TAKEN_BODY, refs: REFS[version] });
  });

  it('400: no data', async () => {
    const res = await app.request('POST', path, { token: w.P.token, body: {} });
    expectContract(res, { method: 'POST', path, status: 400, body: MISSING_DATA_BODY.ecf, refs: REFS[version] });
  });

  it('401: no token', async () => {
    await expectUnauthorised(app, 'POST', path, REFS[version]);
  });
});
