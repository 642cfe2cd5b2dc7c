/**
 * Contract of the participant transfers and unfunded mentors reads on the ECF paths (`/participants/ecf/transfers`,
 * `/participants/ecf/{id}/transfers`, `/unfunded-mentors/ecf[/{id}]` → ecf_v3) and the RECT paths
 * (`/participants/transfers`, `/participants/{id}/transfers`, `/unfunded-mentors[/{id}]` → rect_v3), with the
 * seeded demo data (a move within a provider, one to the next provider, a leaving-only move; mentors trained by
 * another provider or by none).
 *
 * Known wire drift (rect.md §1.7): rect_v3 declares `transfers[].created_at` a `date`, but RECT emits the leaving
 * period's `created_at` as an RFC 3339 date-time, as ECF does; against rect_v3 the responses are held to a copy
 * with that one format changed.
 */
import type { OpenAPIV3 } from 'openapi-types';
import type { TestResponse } from '../support/test-app.js';
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import { loadReferenceSpec } from '../support/reference-specs.js';
import {
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

function rectWire(): OpenAPIV3.Document {
  const doc = structuredClone(loadReferenceSpec('rect_v3'));
  const item = doc.components!.schemas!.ParticipantTransfersTransfer as OpenAPIV3.SchemaObject;
  (item.properties!.created_at as OpenAPIV3.SchemaObject).format = 'date-time';
  return doc;
}

interface Family {
  name: 'ECF' | 'RECT';
  transfers: string;
  unfunded: string;
  refs: RefCheck[];
  family: 'ecf' | 'rect';
}
const FAMILIES: Family[] = [
  { name: 'ECF', transfers: v3('/participants/ecf/transfers'), unfunded: v3('/unfunded-mentors/ecf'), refs: [{ spec: 'ecf_v3' }], family: 'ecf' },
  { name: 'RECT', transfers: v3('/participants/transfers'), unfunded: v3('/unfunded-mentors'), refs: [{ spec: rectWire() }], family: 'rect' },
];
const showTransfers = (f: Family, id: string) => f.transfers.replace(/\/transfers$/, `/${id}/transfers`);

const TRANSFER_KEYS = ['training_record_id', 'transfer_type', 'status', 'created_at', 'leaving', 'joining'];
const MENTOR_KEYS = ['full_name', 'email', 'teacher_reference_number', 'created_at', 'updated_at'];

let app: TestApp;
let ecf: string;
let npq: string;
let capita: string;

const get = (path: string, token = ecf) => app.request('GET', path, { token });

function ok(res: TestResponse, f: Family, path: string): any[] {
  expectContract(res, { method: 'GET', path, status: 200, refs: f.refs });
  return Array.isArray(res.body.data) ? res.body.data : [res.body.data];
}

beforeAll(async () => {
  app = await startTestApp();
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
  capita = app.token('Capita', 'ecf');
});
afterAll(async () => app?.close());

describe.each(FAMILIES)('$name participant transfers', (f) => {
  let all: any[];
  beforeAll(async () => {
    const path = `${f.transfers}?${q('page[per_page]=3000')}`;
    const res = await get(path);
    all = ok(res, f, path);
    expectNonEmptyList(res, 'participant-transfer');
  });

  it('lists moves within the provider, to another provider and announced ones, in the serializer’s shape', () => {
    for (const p of all) {
      expect(Object.keys(p.attributes)).toEqual(['updated_at', 'transfers']);
      for (const t of p.attributes.transfers) expect(Object.keys(t)).toEqual(TRANSFER_KEYS);
    }
    const items = all.flatMap((p) => p.attributes.transfers);
    expect(new Set(items.map((t) => t.transfer_type))).toEqual(new Set(['new_school', 'new_provider', 'unknown']));
    expect(new Set(items.map((t) => t.status))).toEqual(new Set(['complete', 'incomplete']));
    for (const t of items) {
      expect(t.joining === null).toBe(t.transfer_type === 'unknown');
      expect(t.leaving.provider === 'Ambition Institute' || t.joining?.provider === 'Ambition Institute').toBe(true);
    }
  });

  it('shows each listed participant’s transfers exactly as the list does', async () => {
    for (const p of all) {
      const path = showTransfers(f, p.id);
      expect(ok(await get(path), f, path)[0]).toEqual(p);
    }
  });

  it('filters by updated_since and pages deterministically', async () => {
    const newest = all
      .map((p) => p.attributes.updated_at)
      .sort()
      .at(-1);
    let path = `${f.transfers}?${q(`filter[updated_since]=${newest}`)}`;
    const found = ok(await get(path), f, path);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect(p.attributes.updated_at >= newest).toBe(true);
    const paged: string[] = [];
    for (let page = 1; page <= all.length + 1; page++) {
      path = `${f.transfers}?${q(`page[page]=${page}&page[per_page]=1`)}`;
      paged.push(...ok(await get(path), f, path).map((p) => p.id));
    }
    expect(paged).toEqual(all.map((p) => p.id));
  });

  it('answers 404 to another provider’s participant, an unknown id and a non-UUID', async () => {
    const capitaOnly = ok(await get(`${f.transfers}?${q('page[per_page]=3000')}`, capita), f, `${f.transfers}?${q('page[per_page]=3000')}`).find(
      (p) => !all.some((a) => a.id === p.id),
    );
    expect(capitaOnly).toBeDefined();
    for (const id of [capitaOnly.id, UNKNOWN_ID, 'not-a-uuid']) {
      const path = showTransfers(f, id);
      expectContract(await get(path), { method: 'GET', path, status: 404, refs: f.refs, body: NOT_FOUND_BODY });
    }
  });

  it('answers 400 to a bad updated_since, bad paging and a filter that is not a hash', async () => {
    let path = `${f.transfers}?${q('filter[updated_since]=yesterday')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', UPDATED_SINCE_DETAIL[f.family]) });
    path = `${f.transfers}?${q('page[page]=0')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', PAGE_DETAIL[f.family]) });
    path = `${f.transfers}?filter=x`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: f.refs, body: FILTER_HASH_BODY });
  });

  it('answers 401 without a token or with an unknown one, 403 to an NPQ token', async () => {
    const show = showTransfers(f, all[0].id);
    for (const path of [f.transfers, show]) {
      await expectUnauthorised(app, 'GET', path, f.refs);
      expectContract(await get(path, npq), { method: 'GET', path, status: 403, refs: f.refs, body: FORBIDDEN_NPQ_ON_ECF });
    }
  });
});

describe('ECF and RECT transfers sorting', () => {
  it('RECT sorts by -created_at; ECF ignores sort and orders by updated_at when updated_since is given', async () => {
    const f = FAMILIES[1];
    const base = ok(await get(`${f.transfers}?${q('page[per_page]=3000')}`), f, f.transfers).map((p) => p.id);
    let path = `${f.transfers}?${q('sort=-created_at&page[per_page]=3000')}`;
    expect(ok(await get(path), f, path).map((p) => p.id)).toEqual([...base].reverse());
    const e = FAMILIES[0];
    path = `${e.transfers}?${q('sort=-created_at&page[per_page]=3000')}`;
    expect(ok(await get(path), e, path).map((p) => p.id)).toEqual(base);
    path = `${e.transfers}?${q('filter[updated_since]=2000-01-01T00:00:00Z&page[per_page]=3000')}`;
    const stamps = ok(await get(path), e, path).map((p) => p.attributes.updated_at);
    expect(stamps).toEqual([...stamps].sort());
  });
});

describe.each(FAMILIES)('$name unfunded mentors', (f) => {
  let all: any[];
  beforeAll(async () => {
    const path = `${f.unfunded}?${q('page[per_page]=3000')}`;
    const res = await get(path);
    all = ok(res, f, path);
    expectNonEmptyList(res, 'unfunded-mentor');
  });

  it('lists mentors of the provider’s ECTs trained elsewhere or not at all, in the serializer’s shape', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    for (const m of all) expect(Object.keys(m.attributes)).toEqual(MENTOR_KEYS);
    const created = all.map((m) => m.attributes.created_at);
    expect(created).toEqual([...created].sort());
  });

  it('shows each listed mentor exactly as the list does; 404 for another provider’s, unknown and non-UUID ids', async () => {
    for (const m of all) {
      const path = `${f.unfunded}/${m.id}`;
      expect(ok(await get(path), f, path)[0]).toEqual(m);
    }
    const capitaOnly = ok(await get(f.unfunded, capita), f, f.unfunded).find((m) => !all.some((a) => a.id === m.id));
    expect(capitaOnly).toBeDefined();
    for (const id of [capitaOnly.id, UNKNOWN_ID, 'not-a-uuid']) {
      const path = `${f.unfunded}/${id}`;
      expectContract(await get(path), { method: 'GET', path, status: 404, refs: f.refs, body: NOT_FOUND_BODY });
    }
  });

  it('sorts by -updated_at and filters by updated_since', async () => {
    let path = `${f.unfunded}?${q('sort=-updated_at')}`;
    const stamps = ok(await get(path), f, path).map((m) => m.attributes.updated_at);
    expect(stamps).toEqual([...stamps].sort().reverse());
    path = `${f.unfunded}?${q(`filter[updated_since]=${stamps[0]}`)}`;
    for (const m of ok(await get(path), f, path)) expect(m.attributes.updated_at >= stamps[0]).toBe(true);
    path = `${f.unfunded}?${q('filter[updated_since]=2999-01-01T00:00:00Z')}`;
    expect(ok(await get(path), f, path)).toEqual([]);
  });

  it('answers 400 to a bad updated_since and bad paging, 401 and 403 as every ECF read', async () => {
    let path = `${f.unfunded}?${q('filter[updated_since]=2025-13-01')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', UPDATED_SINCE_DETAIL[f.family]) });
    path = `${f.unfunded}?${q('page[per_page]=abc')}`;
    expectContract(await get(path), { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', PAGE_DETAIL[f.family]) });
    for (const p of [f.unfunded, `${f.unfunded}/${all[0].id}`]) {
      await expectUnauthorised(app, 'GET', p, f.refs);
      expectContract(await get(p, npq), { method: 'GET', path: p, status: 403, refs: f.refs, body: FORBIDDEN_NPQ_ON_ECF });
    }
  });
});
