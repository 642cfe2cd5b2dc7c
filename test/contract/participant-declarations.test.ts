/**
 * Contract of GET /api/v{1,2,3}/participant-declarations, /{id} and the v1/v2 CSV: every response held against the
 * reference document of its version and the token's programme (ecf_v1/v2/v3 and rect_v3 for ECF tokens, npq_v1/v2/v3
 * for NPQ tokens) and against the service's own document of that version.
 *
 * Documented wire drift kept here (ecf.md §2.8, npq.md §2.2): the NPQ documents list underscored states and a
 * string `has_passed`; the wire has `awaiting-clawback`/`clawed-back` and a boolean or null. ecf_v2's state enum
 * omits the two clawback states, which v2 returns anyway. rect_v3 knows no `ineligible` state (ECF v3 shape).
 */
import type { OpenAPIV3 } from 'openapi-types';
import { openApiDocuments } from '../../spec/index.js';
import { loadReferenceSpec } from '../support/reference-specs.js';
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  clearDeclarations,
  ecfPeriods,
  insertEcfDeclaration,
  insertNpqDeclaration,
  npqApplications,
  rebuildListings,
  sql,
  statementOf,
} from '../declarations/declaration-fixtures.js';
import {
  errors,
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FILTER_HASH_BODY,
  NOT_FOUND_BODY,
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
const STATES = ['submitted', 'eligible', 'payable', 'paid', 'voided', 'ineligible', 'awaiting-clawback', 'clawed-back'];

/** A reference document with the declaration wire drift applied to `schema`'s attributes. */
function declarationWire(base: OpenAPIV3.Document, schema: string, patch: (props: Record<string, OpenAPIV3.SchemaObject>) => void): OpenAPIV3.Document {
  const doc = structuredClone(base);
  const resource = doc.components!.schemas![schema] as OpenAPIV3.SchemaObject;
  const attributes = (resource.properties?.attributes ?? resource) as OpenAPIV3.SchemaObject;
  patch(attributes.properties as Record<string, OpenAPIV3.SchemaObject>);
  return doc;
}
const npqDrift = (props: Record<string, OpenAPIV3.SchemaObject>) => {
  props.state = { ...props.state, enum: STATES };
  props.has_passed = { type: 'boolean', nullable: true };
};
const NPQ_WIRE: Record<Version, OpenAPIV3.Document> = {
  v1: declarationWire(NPQ_V1_WIRE, 'ParticipantDeclaration', npqDrift),
  v2: declarationWire(NPQ_V2_WIRE, 'ParticipantDeclaration', npqDrift),
  v3: declarationWire(NPQ_V3_WIRE, 'ParticipantDeclaration', npqDrift),
};
const ECF_V2_WIRE = declarationWire(loadReferenceSpec('ecf_v2'), 'ParticipantDeclarationAttributes', (props) => {
  props.state = { ...props.state, enum: STATES };
});
const ECF_REFS: Record<Version, RefCheck[]> = {
  v1: [{ spec: 'ecf_v1' }],
  v2: [{ spec: ECF_V2_WIRE }],
  v3: [{ spec: 'ecf_v3' }],
};
const NPQ_REFS = (v: Version): RefCheck[] => [{ spec: NPQ_WIRE[v], strictErrors: true }];

let app: TestApp;
let ecf: string;
let npq: string;
const ecfIds: Record<string, string> = {};
const npqIds: Record<string, string> = {};
let rectIds: string[] = [];

beforeAll(async () => {
  app = await startTestApp();
  await clearDeclarations(app);
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
  const lp = app.leadProviderId('Ambition Institute');
  const [ecfStatement, ecfClawback] = [await statementOf(app, lp, 'ecf'), await statementOf(app, lp, 'ecf', 1)];
  const [npqStatement, npqClawback] = [await statementOf(app, lp, 'npq'), await statementOf(app, lp, 'npq', 1)];
  const periods = await ecfPeriods(app, lp, STATES.length);
  const applications = await npqApplications(app, lp, STATES.length);
  const [{ id: mentor }] = await sql<{ id: string }>(app, `select participant_id as id from training_records where participant_type = 'mentor' limit 1`);
  for (const [i, dashed] of STATES.entries()) {
    const state = dashed.replace('-', '_');
    const paid = ['eligible', 'payable', 'paid', 'awaiting_clawback', 'clawed_back'].includes(state);
    const clawed = ['awaiting_clawback', 'clawed_back'].includes(state);
    ecfIds[dashed] = await insertEcfDeclaration(app, periods[i], {
      leadProviderId: lp,
      state,
      stateReason: state === 'ineligible' ? 'duplicate' : null,
      paymentStatementId: paid ? ecfStatement : null,
      clawbackStatementId: clawed ? ecfClawback : null,
      mentorParticipantId: i % 2 ? mentor : null,
      evidenceHeld: i % 3 ? 'training-event-attended' : null,
      sparsityUplift: true,
    });
    npqIds[dashed] = await insertNpqDeclaration(app, applications[i], {
      leadProviderId: lp,
      state,
      stateReason: state === 'ineligible' ? 'duplicate' : null,
      paymentStatementId: paid ? npqStatement : null,
      clawbackStatementId: clawed ? npqClawback : null,
    });
  }
  rectIds = STATES.filter((s) => s !== 'ineligible').map((s) => ecfIds[s]);
  await rebuildListings(app);
});
afterAll(async () => app?.close());

describe.each(['v1', 'v2', 'v3'] as const)('%s', (version) => {
  const LIST = `/api/${version}/participant-declarations`;
  const show = (id: string) => `${LIST}/${id}`;
  const ecfCheck = (path: string, status: number, body?: unknown) => ({
    method: 'GET',
    path,
    status,
    refs: ECF_REFS[version],
    ...(version === 'v3' ? { programme: 'ecf' as const } : {}),
    body,
  });
  const npqCheck = (path: string, status: number, body?: unknown) => ({
    method: 'GET',
    path,
    status,
    refs: NPQ_REFS(version),
    ...(version === 'v3' ? { programme: 'npq' as const } : {}),
    body,
  });

  it('the served document describes the reads', () => {
    const paths = openApiDocuments[version].paths;
    expect(Object.keys(paths[LIST] ?? {})).toContain('get');
    expect(Object.keys(paths[`${LIST}/{id}`] ?? {})).toContain('get');
    expect(Object.keys(paths[`${LIST}.csv`] ?? {})).toEqual(version === 'v3' ? [] : ['get']);
  });

  it('ECF token: the list in every state', async () => {
    const res = await app.request('GET', LIST, { token: ecf });
    expectContract(res, ecfCheck(LIST, 200));
    const data = expectNonEmptyList(res, 'participant-declaration');
    expect(new Set(data.map((d) => d.attributes.state))).toEqual(new Set(STATES));
  });

  it('ECF token: show in every state', async () => {
    for (const state of STATES) {
      const path = show(ecfIds[state]);
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, ecfCheck(path, 200));
      expect(res.body.data.attributes.state).toBe(state);
    }
  });

  if (version === 'v3')
    it('ECF v3 bodies also fit rect_v3 (relaxed: the ECF shape adds fields; RECT has no ineligible state)', async () => {
      for (const id of rectIds) {
        const path = show(id);
        const res = await app.request('GET', path, { token: ecf });
        expectContract(res, { method: 'GET', path, status: 200, refs: [{ spec: 'rect_v3', relax: true }], programme: 'ecf' });
      }
    });

  it('NPQ token: the list and show in every state', async () => {
    const res = await app.request('GET', LIST, { token: npq });
    expectContract(res, npqCheck(LIST, 200));
    expect(new Set(expectNonEmptyList(res, 'participant-declaration').map((d) => d.attributes.state))).toEqual(new Set(STATES));
    for (const state of STATES) {
      const path = show(npqIds[state]);
      expectContract(await app.request('GET', path, { token: npq }), npqCheck(path, 200));
    }
  });

  it('404s: unknown id, and the other programme’s declaration', async () => {
    expectContract(await app.request('GET', show(UNKNOWN_ID), { token: ecf }), ecfCheck(show(UNKNOWN_ID), 404, NOT_FOUND_BODY));
    expectContract(await app.request('GET', show(npqIds.paid), { token: ecf }), ecfCheck(show(npqIds.paid), 404, NOT_FOUND_BODY));
    expectContract(await app.request('GET', show(UNKNOWN_ID), { token: npq }), npqCheck(show(UNKNOWN_ID), 404, NPQ_NOT_FOUND_BODY));
    expectContract(await app.request('GET', show(ecfIds.paid), { token: npq }), npqCheck(show(ecfIds.paid), 404, NPQ_NOT_FOUND_BODY));
  });

  it('400s: bad page, bad updated_since, filter not a hash', async () => {
    const cases: [string, string, 'ecf' | 'npq', unknown][] = [
      [ecf, `${LIST}?${q('page[per_page]=0')}`, 'ecf', errors('Bad request', PAGE_DETAIL.ecf)],
      [ecf, `${LIST}?${q('filter[updated_since]=nope')}`, 'ecf', errors('Bad request', UPDATED_SINCE_DETAIL.ecf)],
      [ecf, `${LIST}?filter=x`, 'ecf', FILTER_HASH_BODY],
      [npq, `${LIST}?${q('page[page]=x')}`, 'npq', errors('Bad request', PAGE_DETAIL.npq)],
      [
        npq,
        `${LIST}?${q('filter[participant_id]=x')}`,
        'npq',
        errors('Bad request', "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs"),
      ],
    ];
    for (const [token, path, programme, body] of cases) {
      const res = await app.request('GET', path, { token });
      expectContract(res, programme === 'ecf' ? ecfCheck(path, 400, body) : { ...npqCheck(path, 400, body), refs: [{ spec: NPQ_WIRE[version] }] });
    }
  });

  it('401 without a valid token', async () => {
    await expectUnauthorised(app, 'GET', LIST, ECF_REFS[version]);
    await expectUnauthorised(app, 'GET', show(ecfIds.paid), ECF_REFS[version]);
  });
});
