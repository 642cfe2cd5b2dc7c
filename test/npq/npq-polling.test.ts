import { startTestApp, type TestApp } from '../support/test-app.js';
import { ACCEPT, createApplication, gql, REJECT } from './npq-fixtures.js';

// README "Polling for changes" and npq.md §9.6/§10.1: while applications are accepted and rejected concurrently
// (each accept auto-rejecting another provider's application and moving all of the person's applications), a
// poller that never overlaps its `updatedSince` windows still ends with every application's final state.

const POLL = `query($since: DateTime) { npqApplications(filter: { updatedSince: $since }, page: { perPage: 3000 }, sort: [{ field: updatedAt }]) {
  items { id status updatedAt } } }`;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app.close());

function poller(token: string) {
  const seen = new Map<string, { status: string; updatedAt: string }>();
  let since: string | null = null;
  return {
    seen,
    async poll() {
      const res = await gql(app, token, POLL, { since });
      expect(res.errors).toBeUndefined();
      for (const a of res.data.npqApplications.items as { id: string; status: string; updatedAt: string }[]) {
        seen.set(a.id, { status: a.status, updatedAt: a.updatedAt });
        if (since === null || a.updatedAt > since) since = a.updatedAt;
      }
    },
  };
}

it('a zero-overlap poller of each provider misses no accept, reject or auto-reject', async () => {
  const ambition = app.token('Ambition Institute', 'npq');
  const ucl = app.token('UCL Institute of Education', 'npq');
  const pairs: { mine: string; theirs: string }[] = [];
  for (let i = 0; i < 24; i++) {
    const mine = await createApplication(app, { cohort: '2023a', provider: 'Ambition Institute' });
    const theirs = await createApplication(app, { cohort: '2023a', provider: 'UCL Institute of Education', person: mine.person });
    pairs.push({ mine: mine.id, theirs: theirs.id });
  }
  const pollers = [poller(ambition), poller(ucl)];
  await Promise.all(pollers.map((p) => p.poll()));

  let writing = true;
  const polling = (async () => {
    while (writing) await Promise.all(pollers.map((p) => p.poll()));
  })();
  await Promise.all(
    pairs.map(async ({ mine, theirs }, i) => {
      if (i % 3 === 0) await gql(app, ucl, REJECT, { id: theirs });
      else if (i % 3 === 1) await gql(app, ambition, ACCEPT, { id: mine });
      else await Promise.all([gql(app, ambition, ACCEPT, { id: mine }), gql(app, ucl, ACCEPT, { id: theirs })]);
    }),
  );
  writing = false;
  await polling;
  await Promise.all(pollers.map((p) => p.poll()));

  const finalState = async (token: string) =>
    new Map(
      ((await gql(app, token, POLL, { since: null })).data.npqApplications.items as { id: string; status: string; updatedAt: string }[]).map((a) => [
        a.id,
        { status: a.status, updatedAt: a.updatedAt },
      ]),
    );
  for (const [p, token] of [
    [pollers[0], ambition],
    [pollers[1], ucl],
  ] as const) {
    const truth = await finalState(token);
    for (const { mine, theirs } of pairs) {
      const id = token === ambition ? mine : theirs;
      expect({ id, ...p.seen.get(id) }).toEqual({ id, ...truth.get(id) });
    }
  }
  // Every pair ends with exactly one accepted application, or none when UCL rejected first.
  const truthA = await finalState(ambition);
  const truthU = await finalState(ucl);
  for (const { mine, theirs } of pairs) {
    expect([truthA.get(mine)!.status, truthU.get(theirs)!.status].filter((s) => s === 'accepted').length).toBeLessThanOrEqual(1);
  }
});
