import { startTestApp, type TestApp } from '../support/test-app.js';
import { createWorld, type World } from './fixtures.js';
import { ECF_PATH, putPartnership } from '../partnerships/fixtures.js';
import { ok, register, type AdminParticipant } from './admin-fixtures.js';

// README "Polling for changes": while participants are registered, moved between providers, given new mentors,
// merged, and have eligibility and completion recorded, concurrently through the admin operations (and the
// providers move partnerships to another delivery partner and withdraw and defer participants meanwhile), each
// provider's pollers of GET /api/v3/participants/ecf and the RECT GET /api/v3/participants that never overlap their
// updated_since windows (next since = the largest updated_at seen) end with every participant exactly as a full
// read shows it: no change is missed.

let app: TestApp;
let w: World;
beforeAll(async () => {
  app = await startTestApp({ env: { RATE_LIMIT_MAX: '1000000', RATE_LIMIT_IP_MAX: '1000000' } });
  w = await createWorld(app);
});
afterAll(async () => app.close());

type Resource = { id: string; attributes: { updated_at: string } };

const ECF_LIST = '/api/v3/participants/ecf';
const RECT_LIST = '/api/v3/participants';

async function read(token: string, since: string | null, path = ECF_LIST): Promise<Resource[]> {
  const filter = since ? `&filter%5Bupdated_since%5D=${encodeURIComponent(since)}` : '';
  const res = await app.request('GET', `${path}?sort=updated_at&page%5Bper_page%5D=3000${filter}`, { token });
  expect(res.status).toBe(200);
  return res.body.data as Resource[];
}

function poller(token: string, path = ECF_LIST) {
  const seen = new Map<string, Resource>();
  let since: string | null = null;
  let polls = 0;
  return {
    seen,
    get polls() {
      return polls;
    },
    async poll() {
      polls++;
      for (const r of await read(token, since, path)) {
        seen.set(r.id, r);
        if (since === null || r.attributes.updated_at > since) since = r.attributes.updated_at;
      }
    },
  };
}

it('zero-overlap updated_since pollers of each provider (ECF and RECT lists) miss no registration, move, mentor change, merge, eligibility change, completion or provider action', async () => {
  const [school0, school1, school2] = w.schools.map((s) => s.id);
  const ectsP: AdminParticipant[] = [];
  const ectsQ: AdminParticipant[] = [];
  const mentorsP: AdminParticipant[] = [];
  const pairs: { dup: AdminParticipant; survivor: AdminParticipant }[] = [];
  for (let i = 0; i < 10; i++) ectsP.push(await register(app, { schoolId: i % 2 ? school0 : school1 }));
  for (let i = 0; i < 10; i++) ectsQ.push(await register(app, { schoolId: school2 }));
  for (let i = 0; i < 4; i++) mentorsP.push(await register(app, { schoolId: school1, participantType: 'mentor' }));
  for (let i = 0; i < 6; i++) {
    pairs.push({
      dup: await register(app, { schoolId: school0, participantType: 'mentor' }),
      survivor: await register(app, { schoolId: i % 2 ? school2 : school1 }),
    });
  }

  const pollers = [poller(w.P.token), poller(w.Q.token), poller(w.P.token, RECT_LIST), poller(w.Q.token, RECT_LIST)];
  await Promise.all(pollers.map((p) => p.poll()));
  let writing = true;
  const polling = (async () => {
    while (writing) await Promise.all(pollers.map((p) => p.poll()));
  })();

  const tasks: (() => Promise<unknown>)[] = [];
  for (let i = 0; i < 8; i++) tasks.push(() => register(app, { schoolId: i % 2 ? school0 : school2 }));
  for (let i = 0; i < 5; i++) {
    const leave = { participantType: 'ect', leavingDate: '2025-03-31', joiningDate: '2025-04-01' };
    tasks.push(() => ok(app, 'recordEcfSchoolMove', { ...leave, participantId: ectsP[i].id, schoolId: school2 }));
    tasks.push(() => ok(app, 'recordEcfSchoolMove', { ...leave, participantId: ectsQ[i].id, schoolId: school0 }));
  }
  for (let i = 5; i < 10; i++) {
    tasks.push(() => ok(app, 'assignEcfMentor', { ectParticipantId: ectsP[i].id, mentorParticipantId: mentorsP[i % 4].id }));
    // Mentored by a duplicate that is merged at the same time: before the merge the mentee shows the duplicate's
    // id and the merge moves it; after, the retired id finds the survivor.
    tasks.push(() => ok(app, 'assignEcfMentor', { ectParticipantId: ectsQ[i].id, mentorParticipantId: pairs[i - 5].dup.id }));
  }
  for (const { dup, survivor } of pairs) tasks.push(() => ok(app, 'mergeEcfParticipants', { fromParticipantId: dup.id, toParticipantId: survivor.id }));
  // Record-level changes shown to every provider that sees the record, including a moved participant's old one.
  for (let i = 0; i < 3; i++) {
    tasks.push(() => ok(app, 'changeEcfFundingEligibility', { participantId: ectsP[i].id, participantType: 'ect', status: 'ineligible', reason: 'no_qts' }));
    tasks.push(() => ok(app, 'completeEcfTraining', { participantId: ectsQ[i + 5].id, participantType: 'ect', completionDate: '2025-07-01' }));
  }
  // A provider moving its partnerships to another delivery partner meanwhile (every participant there moves).
  for (const [i, dp] of [w.dp2, w.dp, w.dp2, w.dp].entries()) {
    tasks.push(async () => {
      const res = await putPartnership(app, ECF_PATH, w.P.token, i % 2 ? w.pA : w.pB, { delivery_partner_id: dp });
      expect(res.status).toBe(200);
    });
  }
  // Provider actions meanwhile: P withdraws and defers two of its ECTs, Q withdraws one.
  const action = (path: string, token: string, attributes: Record<string, string>) => async () => {
    const res = await app.request('PUT', path, { token, body: { data: { type: 'participant-action', attributes } } });
    expect([path, res.status, res.status === 200 ? '' : res.text]).toEqual([path, 200, '']);
  };
  tasks.push(action(`${ECF_LIST}/${ectsP[8].id}/withdraw`, w.P.token, { course_identifier: 'ecf-induction', reason: 'moved-school' }));
  tasks.push(action(`${ECF_LIST}/${ectsP[9].id}/defer`, w.P.token, { course_identifier: 'ecf-induction', reason: 'career-break' }));
  // (RECT refuses a withdrawal on the day of a training change, and every participant here was registered today.)
  tasks.push(action(`${ECF_LIST}/${ectsQ[9].id}/withdraw`, w.Q.token, { course_identifier: 'ecf-induction', reason: 'other' }));
  // Interleave the kinds of change and run them in concurrent bursts.
  const order = tasks.map((t, i) => ({ t, k: (i * 7919) % tasks.length })).sort((a, b) => a.k - b.k);
  for (let i = 0; i < order.length; i += 8) await Promise.all(order.slice(i, i + 8).map(({ t }) => t()));

  writing = false;
  await polling;
  await Promise.all(pollers.map((p) => p.poll()));
  expect(Math.min(...pollers.map((p) => p.polls))).toBeGreaterThan(2);

  for (const [p, token, path] of [
    [pollers[0], w.P.token, ECF_LIST],
    [pollers[1], w.Q.token, ECF_LIST],
    [pollers[2], w.P.token, RECT_LIST],
    [pollers[3], w.Q.token, RECT_LIST],
  ] as const) {
    const truth = await read(token, null, path);
    const missed = truth.filter((t) => JSON.stringify(p.seen.get(t.id)) !== JSON.stringify(t)).map((t) => t.id);
    expect(missed).toEqual([]);
  }
  // The moves, merges and mentors took effect: Q sees the moved P ECTs, P the moved Q ECTs and each survivor.
  const pIds = new Set((await read(w.P.token, null)).map((r) => r.id));
  const qIds = new Set((await read(w.Q.token, null)).map((r) => r.id));
  for (let i = 0; i < 5; i++) expect([qIds.has(ectsP[i].id), pIds.has(ectsQ[i].id)]).toEqual([true, true]);
  for (const { dup, survivor } of pairs) expect([pIds.has(dup.id), pIds.has(survivor.id)]).toEqual([false, true]);
});
