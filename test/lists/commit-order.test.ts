import { startTestApp, type TestApp } from '../support/test-app.js';
import { createDeliveryPartner, createRelationship, createSchool, ECF_PATH, postPartnership, putPartnership, sleep } from '../partnerships/fixtures.js';
import { get } from './list-fixtures.js';
import { stampWrite, Touched } from '../../src/domain/shared/write-stamp.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

// README "Commit-safe updated_at": a change never becomes visible with an updated_at older than a change a
// reader could already see, so a poller that sets filter[updated_since] to the largest updated_at it has
// seen (no overlap) misses nothing.

let app: TestApp;
let token: string;
let lp: string;
let dps: string[];
const PAST = { 'X-With-Server-Date': '2025-06-01T00:00:00Z' };

beforeAll(async () => {
  app = await startTestApp();
  token = app.token('Ambition Institute', 'ecf');
  lp = app.leadProviderId('Ambition Institute');
  dps = [await createDeliveryPartner(app, undefined, PAST), await createDeliveryPartner(app, undefined, PAST)];
  for (const dp of dps) await createRelationship(app, lp, dp, 2024, 'ecf', PAST);
});
afterAll(async () => app.close());

async function newPartnership(): Promise<string> {
  const school = await createSchool(app, {}, PAST);
  const res = await postPartnership(app, ECF_PATH, token, { cohort: '2024', school_id: school.id, delivery_partner_id: dps[0] }, PAST);
  expect(res.status).toBe(200);
  return res.body.data.id as string;
}

interface Row {
  id: string;
  updatedAt: string;
}

/** One poll of every page (sort=updated_at) from `since`; returns what it saw. */
async function poll(since: string, perPage: number): Promise<Row[]> {
  const seen: Row[] = [];
  for (let page = 1; ; page++) {
    const res = await get(app, ECF_PATH, token, `filter[updated_since]=${since}&sort=updated_at&page[per_page]=${perPage}&page[page]=${page}`);
    expect(res.status).toBe(200);
    seen.push(...res.body.data.map((d: { id: string; attributes: { updated_at: string } }) => ({ id: d.id, updatedAt: d.attributes.updated_at })));
    if (res.body.data.length < perPage) return seen;
  }
}

const maxOf = (rows: Row[], since: string) => rows.reduce((m, r) => (r.updatedAt > m ? r.updatedAt : m), since);

describe('updated_since is safe for zero-overlap polling', () => {
  it('a writer that stamped first but commits last is still seen by a poller that moved past the later writer', async () => {
    const [first, second] = [await newPartnership(), await newPartnership()];
    const since = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    let seen = await poll(since, 100);
    let cursor = maxOf(seen, since);

    // Writer 1 stamps `first` and stays open.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let stamped!: () => void;
    const isStamped = new Promise<void>((r) => (stamped = r));
    const writer1 = app.db.orm.em.fork().transactional(async (tx) => {
      await tx.execute('update partnerships set delivery_partner_id = ? where id = ?', [dps[1], first]);
      await stampWrite(
        tx,
        fixedOffsetClock(() => new Date()),
        new Touched().add('partnerships', first),
      );
      stamped();
      await held;
    });
    await isStamped;
    await sleep(1100); // so writer 2's request time is a later second than writer 1's stamp

    // Writer 2, a real API write, takes its stamp only after writer 1 has committed.
    const writer2 = putPartnership(app, ECF_PATH, token, second, { delivery_partner_id: dps[1] });
    const early = await Promise.race([writer2.then(() => 'committed'), sleep(500).then(() => 'waiting')]);
    expect(early).toBe('waiting');

    // A poll now sees neither change, so the cursor cannot move past writer 1's stamp.
    seen = await poll(cursor, 100);
    expect(seen.map((r) => r.id)).not.toContain(first);
    expect(seen.map((r) => r.id)).not.toContain(second);
    cursor = maxOf(seen, cursor);

    release();
    await writer1;
    expect((await writer2).status).toBe(200);

    seen = await poll(cursor, 100);
    const byId = new Map(seen.map((r) => [r.id, r.updatedAt]));
    expect(byId.has(first)).toBe(true);
    expect(byId.has(second)).toBe(true);
    expect(byId.get(first)! <= byId.get(second)!).toBe(true);
  });

  it("a stamp is never older than one already committed, even when the writer's clock is behind (another instance)", async () => {
    const [ahead, behind] = [await newPartnership(), await newPartnership()];
    const em = app.db.orm.em.fork();
    const clockAt = (ms: number) => ({ now: () => new Date(ms), today: () => new Date(ms).toISOString().slice(0, 10) });
    const aheadStamp = await em.transactional((tx) => stampWrite(tx, clockAt(Date.now() + 60_000), new Touched().add('partnerships', ahead)));
    const behindStamp = await em.transactional((tx) => stampWrite(tx, clockAt(Date.now()), new Touched().add('partnerships', behind)));
    expect(behindStamp.getTime()).toBe(aheadStamp.getTime());
    const rows = await em.execute<{ id: string; updated_at: Date }[]>('select id, updated_at from partnerships where id in (?, ?)', [ahead, behind]);
    expect(new Set(rows.map((r) => new Date(r.updated_at).getTime()))).toEqual(new Set([aheadStamp.getTime()]));
  });

  it('a time-travelled (sandbox) write stamps its travelled time and leaves the commit clock alone', async () => {
    const id = await newPartnership();
    const em = app.db.orm.em.fork();
    const [before] = await em.execute<{ stamped_at: Date }[]>('select stamped_at from api_write_clock');
    const travelled = fixedOffsetClock(() => new Date(), new Date('2024-01-01T00:00:00Z'));
    const stamp = await em.transactional((tx) => stampWrite(tx, travelled, new Touched().add('partnerships', id)));
    expect(stamp.toISOString().slice(0, 16)).toBe('2024-01-01T00:00');
    const [after] = await em.execute<{ stamped_at: Date }[]>('select stamped_at from api_write_clock');
    expect(new Date(after.stamped_at).getTime()).toBe(new Date(before.stamped_at).getTime());
  });
});

describe('a zero-overlap poller misses nothing while changes run in concurrent bursts', () => {
  it.each([100, 3000])('per_page %i, 120 changes in bursts of 12', async (perPage) => {
    const ids = await Promise.all(Array.from({ length: 24 }, () => newPartnership()));
    const start = new Date(Date.now() - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    let cursor = start;
    const latestSeen = new Map<string, string>();
    const current = new Map(ids.map((id) => [id, dps[0]]));
    let writing = true;
    const poller = (async () => {
      while (writing) {
        const seen = await poll(cursor, perPage);
        for (const r of seen) latestSeen.set(r.id, r.updatedAt);
        cursor = maxOf(seen, cursor);
      }
    })();
    for (let burst = 0; burst < 10; burst++) {
      await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const id = ids[(burst * 12 + i) % ids.length];
          const next = current.get(id) === dps[0] ? dps[1] : dps[0];
          current.set(id, next);
          const res = await putPartnership(app, ECF_PATH, token, id, { delivery_partner_id: next });
          expect(res.status).toBe(200);
        }),
      );
    }
    writing = false;
    await poller;
    const final = await poll(cursor, perPage);
    for (const r of final) latestSeen.set(r.id, r.updatedAt);
    const truth = await app.db.orm.em
      .fork()
      .execute<{ id: string; updated_at: string }[]>(
        `select id, to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at from partnerships where id = any(?::uuid[])`,
        [`{${ids.join(',')}}`],
      );
    // Every partnership changed during the run (the others kept their 2025 sandbox stamp) was last seen
    // with its final updated_at.
    const changed = truth.filter((t) => t.updated_at >= start);
    expect(changed.length).toBe(ids.length);
    const missed = changed.filter((t) => latestSeen.get(t.id) !== t.updated_at);
    expect(missed).toEqual([]);
  });
});
