/**
 * GET /api/v{1,2,3}/participant-declarations (and the v1/v2 CSV): visibility (ecf.md §2.8 rules 1–3, npq.md §5.1),
 * every filter of each version and programme, paging order, bad-filter errors, and SQL statements per page.
 */
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import { PAGE_DETAIL, UPDATED_SINCE_DETAIL } from '../support/live-messages.js';
import {
  clearDeclarations,
  ecfPeriods,
  insertEcfDeclaration,
  insertNpqDeclaration,
  npqApplications,
  otherProvider,
  rebuildListings,
  setInductionStatus,
  sql,
  type EcfPeriod,
} from './declaration-fixtures.js';

const bad = (detail: string) => ({ errors: [{ title: 'Bad request', detail }] });
const PARTICIPANT_ID_DETAIL = "The filter '#/participant_id' must be a comma-delimited list of valid UUIDs";

let app: TestApp;
let counting = false;
let statements: string[] = [];
let A: string;
let B: string;
let ecfA: string;
let ecfB: string;
let npqA: string;
let npqB: string;
const D: Record<string, string> = {};
let periods: EcfPeriod[];

const ids = (body: any): string[] => (body?.data ?? []).map((d: { id: string }) => d.id);
async function list(token: string, version: string, query = ''): Promise<string[]> {
  const res = await app.request('GET', `/api/${version}/participant-declarations${query ? `?${q(query)}` : ''}`, { token });
  expect([version, query, res.status]).toEqual([version, query, 200]);
  return ids(res.body);
}

beforeAll(async () => {
  app = await startTestApp({
    onQuery: (text) => {
      if (counting && !/api_tokens/.test(text)) statements.push(text);
    },
  });
  await clearDeclarations(app);
  A = app.leadProviderId('Ambition Institute');
  const other = otherProvider(app, 'ecf', 'Ambition Institute');
  B = other.id;
  ecfA = app.token('Ambition Institute', 'ecf');
  ecfB = app.token(other.name, 'ecf');
  npqA = app.token('Ambition Institute', 'npq');
  const otherNpq = otherProvider(app, 'npq', 'Ambition Institute');
  npqB = app.token(otherNpq.name, 'npq');

  // ECF: periods of A's participants; created_at spaced a minute apart in insertion order.
  periods = await ecfPeriods(app, A, 9);
  const [bPeriod] = await ecfPeriods(app, B, 1);
  let minute = 0;
  const at = () => new Date(Date.UTC(2025, 9, 1, 12, minute++)).toISOString();
  const ecf = (key: string, period: EcfPeriod, o: Parameters<typeof insertEcfDeclaration>[2]) =>
    insertEcfDeclaration(app, period, { createdAt: at(), ...o }).then((id) => (D[key] = id));
  await ecf('own', periods[0], { leadProviderId: A });
  await ecf('ownVoided', periods[1], { leadProviderId: A, state: 'voided' });
  await ecf('otherActive', periods[2], { leadProviderId: B, state: 'eligible' });
  await ecf('otherCompleted', periods[3], { leadProviderId: B, state: 'paid' });
  await ecf('otherLeavingBefore', periods[4], { leadProviderId: B, declarationDate: '2025-10-01T00:00:00Z' });
  await ecf('otherLeavingAfter', periods[5], { leadProviderId: B, declarationDate: '2025-10-01T00:00:00Z' });
  await ecf('otherVoided', periods[6], { leadProviderId: B, state: 'voided' });
  await ecf('otherIneligible', periods[7], { leadProviderId: B, state: 'ineligible', stateReason: 'duplicate' });
  await ecf('otherOnly', bPeriod, { leadProviderId: B });
  await setInductionStatus(app, periods[3], 'completed');
  await setInductionStatus(app, periods[4], 'leaving', '2025-12-31T00:00:00Z');
  await setInductionStatus(app, periods[5], 'leaving', '2025-09-01T00:00:00Z');
  // Two declarations created at the same instant: the id breaks the tie.
  const same = new Date(Date.UTC(2025, 9, 1, 13, 0)).toISOString();
  await ecf('tieA', periods[8], { leadProviderId: A, createdAt: same, declarationType: 'started' });
  await ecf('tieB', periods[8], { leadProviderId: A, createdAt: same, declarationType: 'retained-1', evidenceHeld: 'other' });

  // NPQ: A's own; B's on an application A now holds; B's on B's own application.
  const [appA1, appA2] = await npqApplications(app, A, 2);
  const [appB] = await npqApplications(app, otherNpq.id, 1);
  D.npqOwn = await insertNpqDeclaration(app, appA1, { leadProviderId: A, createdAt: at() });
  D.npqMoved = await insertNpqDeclaration(app, appA2, { leadProviderId: otherNpq.id, createdAt: at() });
  D.npqOther = await insertNpqDeclaration(app, appB, { leadProviderId: otherNpq.id, createdAt: at() });
  await rebuildListings(app);
});
afterAll(async () => app?.close());

describe('visibility (ECF)', () => {
  const visibleEverywhere = ['own', 'ownVoided', 'otherActive', 'otherCompleted', 'tieA', 'tieB'];
  it.each(['v1', 'v2'])('%s: own declarations and those of participants training (active or completed) with the caller', async (v) => {
    const got = await list(ecfA, v);
    expect(new Set(got)).toEqual(new Set(visibleEverywhere.map((k) => D[k])));
  });

  it('v3 adds a leaving participant’s declarations dated up to the leaving date', async () => {
    const got = await list(ecfA, 'v3');
    expect(new Set(got)).toEqual(new Set([...visibleEverywhere, 'otherLeavingBefore'].map((k) => D[k])));
    for (const hidden of ['otherLeavingAfter', 'otherVoided', 'otherIneligible', 'otherOnly', 'npqOwn', 'npqMoved']) expect(got).not.toContain(D[hidden]);
  });

  it('show follows the same rules per version', async () => {
    const show = (v: string, key: string) => app.request('GET', `/api/${v}/participant-declarations/${D[key]}`, { token: ecfA }).then((r) => r.status);
    expect(await show('v3', 'otherLeavingBefore')).toBe(200);
    expect(await show('v2', 'otherLeavingBefore')).toBe(404);
    expect(await show('v1', 'otherLeavingBefore')).toBe(404);
    for (const v of ['v1', 'v2', 'v3']) {
      expect(await show(v, 'otherActive')).toBe(200);
      for (const key of ['otherLeavingAfter', 'otherVoided', 'otherIneligible', 'otherOnly']) expect([v, key, await show(v, key)]).toEqual([v, key, 404]);
    }
  });

  it('the submitter sees its own declarations, not the other provider’s own ones', async () => {
    const got = await list(ecfB, 'v3');
    for (const key of ['otherActive', 'otherCompleted', 'otherLeavingBefore', 'otherLeavingAfter', 'otherVoided', 'otherIneligible', 'otherOnly'])
      expect(got).toContain(D[key]);
    expect(got).not.toContain(D.own);
  });

  it('lists by created_at, then id', async () => {
    const rows = await sql<{ id: string }>(app, `select d.id from participant_declarations d where d.id = any(?::uuid[]) order by d.created_at, d.id`, [
      `{${visibleEverywhere.map((k) => D[k]).join(',')}}`,
    ]);
    expect(await list(ecfA, 'v1')).toEqual(rows.map((r) => r.id));
  });
});

describe('visibility (NPQ)', () => {
  it.each(['v1', 'v2', 'v3'])('%s: own declarations and those on applications the caller now holds', async (v) => {
    expect(await list(npqA, v)).toEqual([D.npqOwn, D.npqMoved]);
  });
  it('the submitter of a moved application’s declaration still sees it', async () => {
    const got = await list(npqB, 'v3');
    expect(got).toEqual(expect.arrayContaining([D.npqMoved, D.npqOther]));
    expect(got).not.toContain(D.npqOwn);
  });
});

describe('filters', () => {
  it('ECF v1/v2 participant_id: one id, exact; a comma list or an unknown id matches nothing', async () => {
    const p = periods[2].participantId;
    for (const v of ['v1', 'v2']) {
      expect(await list(ecfA, v, `filter[participant_id]=${p}`)).toEqual([D.otherActive]);
      expect(await list(ecfA, v, `filter[participant_id]=${p},${periods[0].participantId}`)).toEqual([]);
      expect(await list(ecfA, v, 'filter[participant_id]=not-an-id')).toEqual([]);
    }
  });

  it('ECF v1/v2 updated_since is strictly after; v3 at or after', async () => {
    await sql(app, `update participant_declaration_listings set updated_at = '2025-11-01T10:00:00Z' where declaration_id = ? and lead_provider_id = ?`, [
      D.own,
      A,
    ]);
    await sql(app, `update participant_declaration_listings set updated_at = '2025-11-01T09:00:00Z' where lead_provider_id = ? and declaration_id <> ?`, [
      A,
      D.own,
    ]);
    expect(await list(ecfA, 'v1', 'filter[updated_since]=2025-11-01T10:00:00Z')).toEqual([]);
    expect(await list(ecfA, 'v2', 'filter[updated_since]=2025-11-01T09:59:59Z')).toEqual([D.own]);
    expect(await list(ecfA, 'v3', 'filter[updated_since]=2025-11-01T10:00:00Z')).toEqual([D.own]);
    expect(await list(npqA, 'v1', 'filter[updated_since]=2099-01-01T00:00:00Z')).toEqual([]);
  });

  it('ECF v3: participant_id list, cohort of the declaration, delivery_partner_id list, together', async () => {
    const [p0, p2] = [periods[0], periods[2]];
    expect(await list(ecfA, 'v3', `filter[participant_id]=${p0.participantId},${p2.participantId}`)).toEqual([D.own, D.otherActive]);
    expect(await list(ecfA, 'v3', `filter[cohort]=${p0.cohort}&filter[participant_id]=${p0.participantId}`)).toEqual([D.own]);
    expect(await list(ecfA, 'v3', `filter[cohort]=1999&filter[participant_id]=${p0.participantId}`)).toEqual([]);
    expect(await list(ecfA, 'v3', `filter[delivery_partner_id]=${p0.deliveryPartnerId}&filter[participant_id]=${p0.participantId}`)).toEqual([D.own]);
    expect(await list(ecfA, 'v3', `filter[delivery_partner_id]=00000000-0000-4000-8000-000000000000`)).toEqual([]);
    // v1/v2 have no cohort filter: ignored.
    expect(await list(ecfA, 'v1', `filter[cohort]=1999&filter[participant_id]=${p0.participantId}`)).toEqual([D.own]);
  });

  it('NPQ: participant_id a list of UUIDs on every version, cohort on v3 only', async () => {
    const [{ participant_id: person, start_year: year }] = await sql<{ participant_id: string; start_year: number }>(
      app,
      `select d.participant_id, c.start_year from participant_declarations d join cohorts c on c.id = d.cohort_id where d.id = ?`,
      [D.npqOwn],
    );
    for (const v of ['v1', 'v2', 'v3']) expect(await list(npqA, v, `filter[participant_id]=${person}`)).toEqual([D.npqOwn]);
    expect(await list(npqA, 'v3', `filter[cohort]=1999`)).toEqual([]);
    expect(await list(npqA, 'v3', `filter[cohort]=${year}&filter[participant_id]=${person}`)).toEqual([D.npqOwn]);
    expect(await list(npqA, 'v2', `filter[cohort]=1999&filter[participant_id]=${person}`)).toEqual([D.npqOwn]);
  });

  it('bad filters and pages answer 400 in the token programme’s words', async () => {
    const cases: [string, string, string, unknown][] = [
      [npqA, 'v3', 'filter[participant_id]=nope', bad(PARTICIPANT_ID_DETAIL)],
      [npqA, 'v1', 'filter[participant_id]=nope', bad(PARTICIPANT_ID_DETAIL)],
      [ecfA, 'v3', 'filter[updated_since]=yesterday', bad(UPDATED_SINCE_DETAIL.ecf)],
      [ecfA, 'v1', 'filter[updated_since]=yesterday', bad(UPDATED_SINCE_DETAIL.ecf)],
      [npqA, 'v2', 'filter[updated_since]=yesterday', bad(UPDATED_SINCE_DETAIL.npq)],
      [ecfA, 'v3', 'page[page]=0', bad(PAGE_DETAIL.ecf)],
      [npqA, 'v3', 'page[per_page]=abc', bad(PAGE_DETAIL.npq)],
    ];
    for (const [token, v, query, body] of cases) {
      const res = await app.request('GET', `/api/${v}/participant-declarations?${q(query)}`, { token });
      expect([v, query, res.status, res.body]).toEqual([v, query, 400, body]);
    }
    const csv = await app.request('GET', `/api/v1/participant-declarations.csv?${q('filter[participant_id]=nope')}`, { token: npqA });
    expect([csv.status, csv.body]).toEqual([400, bad(PARTICIPANT_ID_DETAIL)]);
  });
});

describe('paging', () => {
  it('pages of every size read the whole list once, in order; past the end is empty', async () => {
    const all = await list(ecfA, 'v3');
    for (const size of [1, 2, 3]) {
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const got = await list(ecfA, 'v3', `page[page]=${page}&page[per_page]=${size}`);
        if (got.length === 0) break;
        seen.push(...got);
      }
      expect(seen).toEqual(all);
    }
    expect(all.indexOf(D.tieA) < all.indexOf(D.tieB)).toBe(D.tieA < D.tieB);
    expect(await list(ecfA, 'v3', 'page[page]=99')).toEqual([]);
  });

  it('runs the same number of SQL statements for 1 row and for 7 rows', async () => {
    const count = async (perPage: number) => {
      statements = [];
      counting = true;
      const got = await list(ecfA, 'v3', `page[per_page]=${perPage}`);
      counting = false;
      return { rows: got.length, statements: statements.length };
    };
    await count(1);
    const one = await count(1);
    const seven = await count(7);
    expect([one.rows, seven.rows]).toEqual([1, 7]);
    expect(seven.statements).toBe(one.statements);
  });
});

describe('CSV (v1/v2)', () => {
  const csv = (token: string, v: string, query = '') =>
    app.request('GET', `/api/${v}/participant-declarations.csv${query ? `?${q(query)}` : ''}`, { token, headers: { accept: 'text/csv' } });

  it('ECF v1: the v1 columns, one row per declaration in list order, booleans as true/false and nulls empty', async () => {
    const res = await csv(ecfA, 'v1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.text.trimEnd().split('\n');
    expect(lines[0]).toBe('id,participant_id,declaration_type,course_identifier,eligible_for_payment,declaration_date,updated_at,voided,state,has_passed');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(await list(ecfA, 'v1'));
    const otherActive = lines.find((l) => l.startsWith(D.otherActive))!.split(',');
    expect(otherActive.slice(1, 5)).toEqual([periods[2].participantId, 'started', 'ecf-induction', 'true']);
    expect(otherActive.slice(7)).toEqual(['false', 'eligible', '']);
  });

  it('ECF v2 and NPQ v1/v2 columns; the page parameters are ignored', async () => {
    expect((await csv(ecfA, 'v2', 'page[per_page]=1')).text.split('\n')[0]).toBe(
      'id,participant_id,declaration_type,course_identifier,declaration_date,updated_at,state,has_passed',
    );
    expect((await csv(ecfA, 'v2', 'page[per_page]=1')).text.trimEnd().split('\n')).toHaveLength(7);
    expect((await csv(npqA, 'v1')).text.split('\n')[0]).toBe(
      'id,participant_id,declaration_type,course_identifier,declaration_date,state,has_passed,voided,eligible_for_payment,updated_at',
    );
    const v2 = (await csv(npqA, 'v2')).text.trimEnd().split('\n');
    expect(v2[0]).toBe('id,participant_id,declaration_type,course_identifier,declaration_date,state,has_passed,updated_at');
    expect(v2.slice(1).map((l) => l.split(',')[0])).toEqual([D.npqOwn, D.npqMoved]);
  });

  it('no rows: an empty body without a header', async () => {
    const res = await csv(ecfA, 'v1', 'filter[participant_id]=00000000-0000-4000-8000-000000000000');
    expect([res.status, res.text]).toEqual([200, '']);
  });

  it('is not served on v3', async () => {
    expect((await csv(ecfA, 'v3')).status).toBe(404);
  });
});

describe('deep pages (per-day counts)', () => {
  const counts = () =>
    sql<{ lp: string; programme: string; all: number; v12: number; listed_all: number; listed_v12: number }>(
      app,
      `select coalesce(d.lp, l.lp) as lp, coalesce(d.programme, l.programme) as programme, coalesce(d.all, 0)::int as all, coalesce(d.v12, 0)::int as v12,
              coalesce(l.all, 0)::int as listed_all, coalesce(l.v12, 0)::int as listed_v12
         from (select lead_provider_id as lp, programme, sum(n_all) as all, sum(n_v12) as v12 from participant_declaration_listing_days group by 1, 2) d
         full join (select lead_provider_id as lp, programme, count(*) as all, count(*) filter (where not v3_only) as v12
                      from participant_declaration_listings group by 1, 2) l on l.lp = d.lp and l.programme = d.programme`,
    );

  it('the day counts follow every insert, delete and v3_only change', async () => {
    for (const c of await counts()) expect([c.all, c.v12]).toEqual([c.listed_all, c.listed_v12]);
    // A participant leaving: the other provider's declaration becomes v3-only for the caller (an update), then hidden (a delete).
    const { refreshDeclarationListings } = await import('../../src/domain/declarations/declaration-listings.js');
    await setInductionStatus(app, periods[2], 'leaving', '2026-01-31T00:00:00Z');
    await refreshDeclarationListings(app.db.orm.em.fork(), { declarationIds: [D.otherActive] });
    const [row] = await sql<{ v3_only: boolean }>(
      app,
      `select v3_only from participant_declaration_listings where declaration_id = ? and lead_provider_id = ?`,
      [D.otherActive, A],
    );
    expect(row.v3_only).toBe(true);
    for (const c of await counts()) expect([c.all, c.v12]).toEqual([c.listed_all, c.listed_v12]);
    await setInductionStatus(app, periods[2], 'leaving', '2025-01-31T00:00:00Z');
    await refreshDeclarationListings(app.db.orm.em.fork(), { declarationIds: [D.otherActive] });
    for (const c of await counts()) expect([c.all, c.v12]).toEqual([c.listed_all, c.listed_v12]);
    expect(await list(ecfA, 'v3')).not.toContain(D.otherActive);
  });

  it('pages of every size across several days (a midnight UTC included) read the whole list once, in order', async () => {
    const types = ['retained-1', 'retained-2', 'retained-3', 'retained-4', 'completed', 'extended-1'];
    const days = [
      '2025-09-28T23:59:59.999Z',
      '2025-09-29T00:00:00Z',
      '2025-09-29T00:00:00Z',
      '2025-09-30T10:00:00Z',
      '2025-10-03T00:00:00Z',
      '2025-10-03T00:00:00.5Z',
    ];
    for (const [i, createdAt] of days.entries())
      await insertEcfDeclaration(app, periods[0], { leadProviderId: A, createdAt, declarationType: types[i], evidenceHeld: 'other' });
    await rebuildListings(app);
    for (const c of await counts()) expect([c.all, c.v12]).toEqual([c.listed_all, c.listed_v12]);
    for (const v of ['v1', 'v3']) {
      const expected = (
        await sql<{ id: string }>(
          app,
          `select declaration_id as id from participant_declaration_listings where lead_provider_id = ? and programme = 'ecf' ${v === 'v1' ? 'and not v3_only' : ''}
            order by declaration_created_at, declaration_id`,
          [A],
        )
      ).map((r) => r.id);
      expect(expected.length).toBeGreaterThan(10);
      for (const size of [1, 2, 3, 5]) {
        const seen: string[] = [];
        for (let page = 1; ; page++) {
          const got = await list(ecfA, v, `page[page]=${page}&page[per_page]=${size}`);
          if (got.length === 0) break;
          seen.push(...got);
        }
        expect([v, size, seen]).toEqual([v, size, expected]);
      }
      // A filtered list takes the plain walk: the same rows in the same order.
      expect(await list(ecfA, v, 'filter[updated_since]=2000-01-01T00:00:00Z')).toEqual(expected.slice(0, 100));
    }
  });
});
