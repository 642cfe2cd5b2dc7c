import { startTestApp, type TestApp } from '../support/test-app.js';
import { rfc3339, sleep, sql } from './fixtures.js';
import { addParticipants, createWorld, type World } from '../participants/fixtures.js';

// A RECT partnership's participants_currently_training changes when a participant's training starts or stops, with
// no write. Its RECT updated_at moves then too (the stamp, or the instant the count last changed by itself if later),
// for the attribute, filter[updated_since] and sort=updated_at alike, so a zero-overlap poller sees the change; the
// ECF path, which does not show the count, keeps the stamp.

let app: TestApp;
let w: World;
let stamped: string; // pB's stored updated_at after its participant was added

const START = '2031-01-10T00:00:00Z';
const END = '2031-06-01T00:00:00Z';
const BEFORE = '2031-01-09T12:00:00Z';
const AFTER = '2031-02-01T00:00:00Z';
const LATER = '2031-07-01T00:00:00Z';

type Row = { id: string; attributes: Record<string, unknown> & { participants_currently_training: number; updated_at: string } };

const get = (path: string, token: string, at: string) => app.request('GET', path, { token, headers: { 'x-with-server-date': at } });
const show = async (id: string, at: string, path = '/api/v3/partnerships'): Promise<Row> => {
  const res = await get(`${path}/${id}`, w.P.token, at);
  expect(res.status).toBe(200);
  return res.body.data;
};
const list = async (query: string, at: string, path = '/api/v3/partnerships'): Promise<Row[]> => {
  const res = await get(`${path}?page[per_page]=100${query}`, w.P.token, at);
  expect(res.status).toBe(200);
  return res.body.data;
};
const ids = (rows: Row[]) => rows.map((r) => r.id);
const plusSecond = (iso: string) => rfc3339(new Date(new Date(iso).getTime() + 1000));

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  // One ECT in pB whose training starts and ends in the future, so both steps come after every stamp.
  await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: START, end: END }] }] }]);
  const [row] = await sql<{ at: Date }>(app, 'select updated_at as at from partnerships where id = ?', [w.pB]);
  stamped = rfc3339(row.at);
  // Then a write to pA (a participant who started long ago), so pA's stamp is the provider's latest stamp.
  await sleep(1100);
  await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]);
});
afterAll(async () => app.close());

describe('RECT partnership updated_at follows participants_currently_training', () => {
  it('is the stamp before the period starts, the start instant once it has started, the end instant once it has ended', async () => {
    const before = (await show(w.pB, BEFORE)).attributes;
    expect(before).toMatchObject({ participants_currently_training: 0, updated_at: stamped });
    const started = (await show(w.pB, START)).attributes;
    expect(started).toMatchObject({ participants_currently_training: 1, updated_at: START });
    expect((await show(w.pB, AFTER)).attributes).toMatchObject({ participants_currently_training: 1, updated_at: START });
    expect((await show(w.pB, LATER)).attributes).toMatchObject({ participants_currently_training: 0, updated_at: END });
    // Nothing was written: the stored value is unchanged.
    const [row] = await sql<{ at: Date }>(app, 'select updated_at as at from partnerships where id = ?', [w.pB]);
    expect(rfc3339(row.at)).toBe(stamped);
  });

  it('filter[updated_since] just after the stamp returns the partnership once the step has passed, and not before', async () => {
    const since = encodeURIComponent(plusSecond(stamped));
    expect(ids(await list(`&filter[updated_since]=${since}`, BEFORE))).not.toContain(w.pB);
    expect(ids(await list(`&filter[updated_since]=${since}`, START))).toContain(w.pB);
    expect(ids(await list(`&filter[updated_since]=${since}`, AFTER))).toContain(w.pB);
    // A zero-overlap poller: each poll asks from the previous poll's time; the change is seen exactly once.
    expect(ids(await list(`&filter[updated_since]=${encodeURIComponent(BEFORE)}`, AFTER))).toEqual([w.pB]);
    expect(ids(await list(`&filter[updated_since]=${encodeURIComponent(AFTER)}`, AFTER))).toEqual([]);
    expect(ids(await list(`&filter[updated_since]=${encodeURIComponent(AFTER)}`, LATER))).toEqual([w.pB]);
    expect(ids(await list(`&filter[updated_since]=${encodeURIComponent(plusSecond(END))}`, LATER))).toEqual([]);
  });

  it('sort=updated_at orders by the same value', async () => {
    // Before the step pA (stamped last) is last; once pB's count has changed, pB is.
    expect(ids(await list('&sort=updated_at', BEFORE)).at(-1)).toBe(w.pA);
    const asc = await list('&sort=updated_at', AFTER);
    expect(ids(asc).at(-1)).toBe(w.pB);
    expect(asc.map((r) => r.attributes.updated_at)).toEqual(asc.map((r) => r.attributes.updated_at).sort());
    expect(ids(await list('&sort=-updated_at', AFTER))[0]).toBe(w.pB);
    // Before the step, pB keeps its stamp and its place among the others' stamps.
    const early = await list('&sort=updated_at', BEFORE);
    expect(early.map((r) => r.attributes.updated_at)).toEqual(early.map((r) => r.attributes.updated_at).sort());
    expect(early.find((r) => r.id === w.pB)!.attributes.updated_at).toBe(stamped);
  });

  it.each([BEFORE, START, AFTER, LATER])('show and list agree at %s (default order, updated_since and sort=updated_at)', async (at) => {
    const one = await show(w.pB, at);
    for (const query of ['', `&filter[updated_since]=${encodeURIComponent(stamped)}`, '&sort=updated_at', '&sort=-updated_at']) {
      const row = (await list(query, at)).find((r) => r.id === w.pB);
      expect(row).toEqual(one);
    }
  });

  it('the ECF path, which does not show the count, keeps the stamp', async () => {
    expect((await show(w.pB, AFTER, '/api/v3/partnerships/ecf')).attributes.updated_at).toBe(stamped);
    const since = encodeURIComponent(plusSecond(stamped));
    expect(ids(await list(`&filter[updated_since]=${since}`, AFTER, '/api/v3/partnerships/ecf'))).not.toContain(w.pB);
  });

  it('a RECT update answers with the same updated_at as a show at that time', async () => {
    // Same delivery partner: 200 with no change (no stamp), so the answer must apply the clock rule itself.
    const res = await app.request('PUT', `/api/v3/partnerships/${w.pB}`, {
      token: w.P.token,
      headers: { 'x-with-server-date': AFTER },
      body: { data: { type: 'partnership', attributes: { delivery_partner_id: w.dp } } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(await show(w.pB, AFTER));
    expect(res.body.data.attributes.updated_at).toBe(START);
  });

  it('a training that stops at the instant another starts leaves the count as it was, so updated_at does not move then', async () => {
    await addParticipants(app, [
      { records: [{ type: 'ect', periods: [{ partnershipId: w.p25, start: '2032-01-01T00:00:00Z', end: '2032-03-01T00:00:00Z' }] }] },
      { records: [{ type: 'mentor', periods: [{ partnershipId: w.p25, start: '2032-03-01T00:00:00Z' }] }] },
    ]);
    expect((await show(w.p25, '2032-04-01T00:00:00Z')).attributes).toMatchObject({ participants_currently_training: 1, updated_at: '2032-01-01T00:00:00Z' });
    const steps = await sql<{ at: Date; n: number }>(
      app,
      'select from_at as at, participants as n from partnership_training_steps where partnership_id = ? order by from_at',
      [w.p25],
    );
    expect(steps.map((r) => [rfc3339(r.at), r.n])).toEqual([['2032-01-01T00:00:00Z', 1]]);
  });
});
