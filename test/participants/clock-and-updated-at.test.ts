import { startTestApp, type TestApp } from '../support/test-app.js';
import { gql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, listParticipants, showParticipant, type World } from './fixtures.js';

// participant_status is computed with the request clock (ecf.md §1.4, X-With-Server-Date); a status that changes by
// itself moves updatedAt to the instant it changed, and updatedSince finds it (README "Participant status and the clock").

let app: TestApp;
let w: World;
let joiner: string;
let leaver: string;
let withdrawn: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  [{ id: joiner }, { id: leaver }, { id: withdrawn }] = await addParticipants(app, [
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2030-01-10T00:00:00Z' }] }] },
    {
      records: [{ type: 'mentor', periods: [{ partnershipId: w.pB, start: '2029-01-01T00:00:00Z', end: '2030-03-01T00:00:00Z', inductionStatus: 'leaving' }] }],
    },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: '2024-09-02T00:00:00Z', inductionStatus: 'withdrawn' }] }] },
  ]);
});
afterAll(async () => app.close());

const statusAt = async (id: string, at: string) => (await showParticipant(app, w.P.token, id, at)).ecfEnrolments[0].participantStatus as string;

describe('participant_status across the clock', () => {
  it('is joining before the start date and active after it', async () => {
    expect(await statusAt(joiner, '2030-01-09T23:59:59Z')).toBe('joining');
    expect(await statusAt(joiner, '2030-01-10T00:00:01Z')).toBe('active');
  });

  it('is leaving before the end date and left after it', async () => {
    expect(await statusAt(leaver, '2030-02-28T12:00:00Z')).toBe('leaving');
    expect(await statusAt(leaver, '2030-03-01T00:00:01Z')).toBe('left');
  });

  it('is withdrawn when the school withdrew the participant, whatever the date', async () => {
    expect(await statusAt(withdrawn, '2030-01-01T00:00:00Z')).toBe('withdrawn');
  });

  it('the list computes it with the same clock', async () => {
    const page = await listParticipants(app, w.P.token, {}, '2030-02-01T00:00:00Z');
    const byId = new Map(page.items.map((p) => [p.id, p.ecfEnrolments[0].participantStatus]));
    expect([byId.get(joiner), byId.get(leaver), byId.get(withdrawn)]).toEqual(['active', 'leaving', 'withdrawn']);
  });
});

describe('updatedAt when a status changes by itself', () => {
  it('is the stamped value until the flip, then the flip instant', async () => {
    const before = await showParticipant(app, w.P.token, joiner, '2030-01-09T00:00:00Z');
    expect(before.updatedAt < '2030-01-01').toBe(true);
    expect((await showParticipant(app, w.P.token, joiner, '2030-01-11T00:00:00Z')).updatedAt).toBe('2030-01-10T00:00:00Z');
    expect((await showParticipant(app, w.P.token, leaver, '2030-03-02T00:00:00Z')).updatedAt).toBe('2030-03-01T00:00:00Z');
  });

  it('updatedSince finds a row whose status flipped in (since, now], and not before the flip', async () => {
    const since = { updatedSince: '2030-01-05T00:00:00Z' };
    const early = await listParticipants(app, w.P.token, { filter: since }, '2030-01-09T00:00:00Z');
    expect(early.items.map((p) => p.id)).toEqual([]);
    const later = await listParticipants(app, w.P.token, { filter: since }, '2030-01-11T00:00:00Z');
    expect(later.items.map((p) => p.id)).toEqual([joiner]);
    const both = await listParticipants(app, w.P.token, { filter: since, sort: [{ field: 'updatedAt', direction: 'asc' }] }, '2030-03-02T00:00:00Z');
    expect(both.items.map((p) => [p.id, p.updatedAt])).toEqual([
      [joiner, '2030-01-10T00:00:00Z'],
      [leaver, '2030-03-01T00:00:00Z'],
    ]);
  });

  it('a zero-overlap poller sees each flip exactly once', async () => {
    let since = '2029-12-31T00:00:00Z';
    const seen: string[] = [];
    for (const now of ['2030-01-09T00:00:00Z', '2030-01-20T00:00:00Z', '2030-02-20T00:00:00Z', '2030-03-05T00:00:00Z']) {
      const page = await listParticipants(app, w.P.token, { filter: { updatedSince: since }, sort: [{ field: 'updatedAt', direction: 'asc' }] }, now);
      for (const p of page.items) if (!seen.includes(`${p.id}@${p.updatedAt}`)) seen.push(`${p.id}@${p.updatedAt}`);
      if (page.items.length) since = page.items.at(-1).updatedAt;
    }
    expect(seen).toEqual([`${joiner}@2030-01-10T00:00:00Z`, `${leaver}@2030-03-01T00:00:00Z`]);
  });
});

describe('updatedAt after writes', () => {
  it('moving a partnership to another delivery partner moves its participants’ updatedAt (and only theirs)', async () => {
    const [inA, inB] = await addParticipants(app, [
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] },
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: '2024-09-02T00:00:00Z' }] }] },
    ]);
    const [a0, b0] = [await showParticipant(app, w.P.token, inA.id), await showParticipant(app, w.P.token, inB.id)];
    await new Promise((r) => setTimeout(r, 1100));
    const res = await app.request('POST', '/graphql', {
      token: w.P.token,
      body: {
        query: `mutation($id: ID!, $dp: ID!) { updatePartnership(id: $id, input: { deliveryPartnerId: $dp }) { id } }`,
        variables: { id: w.pA, dp: w.dp2 },
      },
    });
    expect(res.body.errors).toBeUndefined();
    const [a1, b1] = [await showParticipant(app, w.P.token, inA.id), await showParticipant(app, w.P.token, inB.id)];
    expect(a1.ecfEnrolments[0].deliveryPartnerId).toBe(w.dp2);
    expect(a1.updatedAt > a0.updatedAt).toBe(true);
    expect(b1.updatedAt).toBe(b0.updatedAt);
    const since = await listParticipants(app, w.P.token, { filter: { updatedSince: a1.updatedAt } });
    expect(since.items.map((p) => p.id)).toContain(inA.id);
    expect(since.items.map((p) => p.id)).not.toContain(inB.id);
  });

  it('stamps come from the commit-ordered write clock', async () => {
    const [a] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]);
    const [clock] = await app.db.orm.em.fork().execute<{ stamped_at: Date }[]>('select stamped_at from api_write_clock');
    const [row] = await app.db.orm.em
      .fork()
      .execute<{ updated_at: Date }[]>('select updated_at from participant_provider_views where participant_id = ?', [a.id]);
    expect(new Date(row.updated_at).getTime()).toBeLessThanOrEqual(new Date(clock.stamped_at).getTime());
    expect(new Date(row.updated_at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('is unchanged by a read', async () => {
    const a = await showParticipant(app, w.P.token, joiner);
    await gql(app, `{ __typename }`);
    expect((await showParticipant(app, w.P.token, joiner)).updatedAt).toBe(a.updatedAt);
  });
});
