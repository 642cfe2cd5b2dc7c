import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { addParticipants, createWorld, listParticipants, type World } from './fixtures.js';

let app: TestApp;
let w: World;
let counting = false;
let statements: string[] = [];
const SAME_TIME = '2025-01-15T09:00:00Z';
let sameTime: string[];
let deferred: string;
let cohort2025: string;
let merged: string;
const retired = randomUUID();

beforeAll(async () => {
  app = await startTestApp({
    onQuery: (text) => {
      if (counting && !/api_tokens/.test(text)) statements.push(text);
    },
  });
  w = await createWorld(app);
  // 60 participants created in the same second: only the id orders them.
  sameTime = (
    await addParticipants(
      app,
      Array.from({ length: 60 }, (_, i) => ({
        createdAt: SAME_TIME,
        records: [
          { type: i % 3 === 0 ? ('mentor' as const) : ('ect' as const), periods: [{ partnershipId: i % 2 ? w.pA : w.pB, start: '2024-09-02T00:00:00Z' }] },
        ],
      })),
    )
  ).map((c) => c.id);
  [{ id: deferred }, { id: cohort2025 }, { id: merged }] = await addParticipants(app, [
    {
      createdAt: '2025-02-01T00:00:00Z',
      records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', trainingStatus: 'deferred', reason: 'other' }] }],
    },
    { createdAt: '2025-02-02T00:00:00Z', records: [{ type: 'ect', periods: [{ partnershipId: w.p25, start: '2025-09-02T00:00:00Z' }] }] },
    {
      createdAt: '2025-02-03T00:00:00Z',
      records: [{ type: 'mentor', periods: [{ partnershipId: w.p25, start: '2025-09-02T00:00:00Z' }] }],
      retiredIds: [retired],
    },
  ]);
});
afterAll(async () => app.close());

async function readAll(perPage: number, sort?: { field: string; direction: string }[]): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const res = await listParticipants(app, w.P.token, { page: { page, perPage }, sort });
    out.push(...res.items.map((p) => p.id as string));
    if (!res.hasNextPage) return out;
  }
}

describe('ECF participants list', () => {
  it('orders by participant creation, then id, by default', async () => {
    const all = await readAll(1000);
    expect(all.slice(0, 60)).toEqual([...sameTime].sort());
    expect(all.slice(60)).toEqual([deferred, cohort2025, merged]);
  });

  it.each([1, 7, 25, 63])('a full paged read at %i per page returns every participant once, in the same order', async (perPage) => {
    const all = await readAll(1000);
    expect(await readAll(perPage)).toEqual(all);
    expect(await readAll(perPage, [{ field: 'updatedAt', direction: 'desc' }])).toEqual(await readAll(1000, [{ field: 'updatedAt', direction: 'desc' }]));
  });

  it('hasNextPage is false on the last page and past the end the page is empty', async () => {
    expect((await listParticipants(app, w.P.token, { page: { page: 8, perPage: 7 } })).hasNextPage).toBe(true);
    expect((await listParticipants(app, w.P.token, { page: { page: 9, perPage: 7 } })).hasNextPage).toBe(false);
    expect((await listParticipants(app, w.P.token, { page: { page: 10, perPage: 7 } })).items).toEqual([]);
  });

  it('filters by the cohort of a training record’s schedule', async () => {
    const ids = (await listParticipants(app, w.P.token, { filter: { cohorts: [2025] } })).items.map((p) => p.id);
    expect(ids).toEqual([cohort2025, merged]);
    expect((await listParticipants(app, w.P.token, { filter: { cohorts: [] } })).items).toEqual([]);
  });

  it('filters by training status', async () => {
    expect((await listParticipants(app, w.P.token, { filter: { trainingStatus: 'deferred' } })).items.map((p) => p.id)).toEqual([deferred]);
  });

  it('filters by a retired participant id', async () => {
    expect((await listParticipants(app, w.P.token, { filter: { fromParticipantId: retired } })).items.map((p) => p.id)).toEqual([merged]);
    expect((await listParticipants(app, w.P.token, { filter: { fromParticipantId: 'nonsense' } })).items).toEqual([]);
  });

  it('runs the same number of SQL statements for 1 participant and for 50', async () => {
    const count = async (perPage: number) => {
      statements = [];
      counting = true;
      const res = await listParticipants(app, w.P.token, { page: { page: 1, perPage } });
      counting = false;
      expect(res.items).toHaveLength(perPage);
      return statements.length;
    };
    await count(1);
    const one = await count(1);
    expect(one).toBeGreaterThan(0);
    expect(await count(50)).toBe(one);
  });
});

describe('demo data (provider-needs.md §6.2)', () => {
  it('every ECF provider sees every participant_status × training_status combination', async () => {
    for (const name of ['Ambition Institute', 'Capita', 'National Institute of Teaching']) {
      const seen = new Set<string>();
      for (let page = 1; ; page++) {
        const res = await listParticipants(app, app.token(name, 'ecf'), { page: { page, perPage: 100 } });
        for (const p of res.items) for (const e of p.ecfEnrolments) seen.add(`${e.participantStatus}/${e.trainingStatus}`);
        if (!res.hasNextPage) break;
      }
      for (const s of ['joining', 'active', 'leaving', 'left']) for (const t of ['active', 'deferred', 'withdrawn']) expect(seen).toContain(`${s}/${t}`);
      expect(seen).toContain('withdrawn/active');
    }
  });
});
