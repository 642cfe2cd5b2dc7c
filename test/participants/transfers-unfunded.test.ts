import { startTestApp, type TestApp } from '../support/test-app.js';
import { refreshParticipantProjection } from '../../src/domain/participants/participant-projection.js';
import { stampWrite, Touched } from '../../src/domain/shared/write-stamp.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { createProvider, createRelationship, insertPartnership, sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type World } from './fixtures.js';

// Which participants the transfers and unfunded-mentor lists show, each field, filters, sort, paging, isolation and
// updated_at (ecf.md §1.7, §8.2, §8.3; rect.md §3.7–3.8), through GraphQL and both families' REST paths.

let app: TestApp;
let w: World;
/** A third provider, R, with a partnership at school 3. */
let rA: string;
let R: { id: string; token: string; name: string };
const ids: Record<string, string> = {};
const records: Record<string, string> = {};

const TRANSFER = `id updatedAt transfers { trainingRecordId transferType status createdAt leaving { schoolUrn provider date } joining { schoolUrn provider date } }`;
const MENTOR = 'id fullName email teacherReferenceNumber createdAt updatedAt';

async function graph<T = any>(token: string, query: string, variables: Record<string, unknown> = {}, serverDate?: string): Promise<T> {
  const res = await app.request('POST', '/graphql', { token, headers: serverDate ? { 'x-with-server-date': serverDate } : {}, body: { query, variables } });
  if (res.status !== 200 || res.body.errors) throw new Error(`GraphQL failed (${res.status}): ${res.text}`);
  return res.body.data as T;
}

const transfers = async (token: string, args: Record<string, unknown> = {}, serverDate?: string) =>
  (
    await graph<{ participantTransfers: { items: any[]; hasNextPage: boolean } }>(
      token,
      `query($f: ParticipantTransfersFilterInput, $p: PageInput, $s: [ParticipantTransfersSortInput!]) {
         participantTransfers(filter: $f, page: $p, sort: $s) { items { ${TRANSFER} } hasNextPage } }`,
      { f: args.filter ?? null, p: args.page ?? null, s: args.sort ?? null },
      serverDate,
    )
  ).participantTransfers;
const transferOf = async (token: string, id: string, serverDate?: string) =>
  (await graph(token, `query($id: ID!) { participantTransfer(id: $id) { ${TRANSFER} } }`, { id }, serverDate)).participantTransfer;
const mentors = async (token: string, args: Record<string, unknown> = {}) =>
  (
    await graph<{ unfundedMentors: { items: any[]; hasNextPage: boolean } }>(
      token,
      `query($f: UnfundedMentorFilterInput, $p: PageInput, $s: [UnfundedMentorSortInput!]) {
         unfundedMentors(filter: $f, page: $p, sort: $s) { items { ${MENTOR} } hasNextPage } }`,
      { f: args.filter ?? null, p: args.page ?? null, s: args.sort ?? null },
    )
  ).unfundedMentors;
const mentorOf = async (token: string, id: string) => (await graph(token, `query($id: ID!) { unfundedMentor(id: $id) { ${MENTOR} } }`, { id })).unfundedMentor;

/** A write as a write path does it: change rows, re-project the participants, stamp, in one transaction. */
async function write(statements: [string, unknown[]][], participantIds: string[]): Promise<void> {
  await app.db.orm.em.fork().transactional(async (tx) => {
    for (const [text, params] of statements) await tx.execute(text, params);
    const changed = await refreshParticipantProjection(tx, { participantIds });
    await stampWrite(
      tx,
      fixedOffsetClock(() => new Date()),
      new Touched().add('participant_provider_views', ...changed),
    );
  });
}

const urn = (i: number) => w.schools[i].urn;
const PAST_END = '2024-12-20T00:00:00Z';

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  R = await createProvider(app, 'ecf');
  await createRelationship(app, R.id, w.dp, 2024);
  rA = await insertPartnership(app, { schoolId: w.schools[3].id, leadProviderId: R.id, deliveryPartnerId: w.dp, cohort: 2024 });
  const created = await addParticipants(app, [
    // 0: P school 0 → P school 1 (complete, new_school): P only.
    {
      createdAt: '2024-01-01T00:00:00Z',
      records: [
        {
          type: 'ect',
          periods: [
            { partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: PAST_END, inductionStatus: 'leaving' },
            { partnershipId: w.pB, start: '2025-01-06T00:00:00Z', schoolTransfer: true },
          ],
        },
      ],
    },
    // 1: P school 1 → Q school 2 (new_provider): P and Q.
    {
      createdAt: '2024-01-02T00:00:00Z',
      records: [
        {
          type: 'ect',
          periods: [
            { partnershipId: w.pB, start: '2024-09-02T00:00:00Z', end: PAST_END, inductionStatus: 'leaving' },
            { partnershipId: w.qA, start: '2025-01-06T00:00:00Z', schoolTransfer: true },
          ],
        },
      ],
    },
    // 2: leaving P in the future, no joiner yet (unknown, incomplete): P only.
    {
      createdAt: '2024-01-03T00:00:00Z',
      records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: '2031-07-31T00:00:00Z', inductionStatus: 'leaving' }] }],
    },
    // 3: leaving Q, no joiner: Q only.
    {
      createdAt: '2024-01-04T00:00:00Z',
      records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z', end: PAST_END, inductionStatus: 'leaving' }] }],
    },
    // 4: a later period at another school NOT marked as a school transfer, and a marked one at the same school: no joiner.
    {
      createdAt: '2024-01-05T00:00:00Z',
      records: [
        {
          type: 'ect',
          periods: [
            { partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: PAST_END, inductionStatus: 'leaving' },
            { partnershipId: w.pB, start: '2025-01-06T00:00:00Z' },
            { partnershipId: w.p25, start: '2025-09-01T00:00:00Z', schoolTransfer: true },
          ],
        },
      ],
    },
    // 5: no leaving period: never a transfer.
    { createdAt: '2024-01-06T00:00:00Z', records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] },
    // 6: R school 3 → P school 0, joining in the future (incomplete until then): P and R.
    {
      createdAt: '2024-01-07T00:00:00Z',
      records: [
        {
          type: 'ect',
          periods: [
            { partnershipId: rA, start: '2024-09-02T00:00:00Z', end: '2030-12-20T00:00:00Z', inductionStatus: 'leaving' },
            { partnershipId: w.pA, start: '2031-01-06T00:00:00Z', schoolTransfer: true },
          ],
        },
      ],
    },
  ]);
  created.forEach((c, i) => {
    ids[`t${i}`] = c.id;
    records[`t${i}`] = c.ect ?? c.mentor!;
  });

  // Mentors: m1 trained by Q; m2 not trained at all; m3 trained by P; m4 trained by Q and mentoring Q's ECT only.
  const [m1, m2, m3, m4] = await addParticipants(app, [
    { createdAt: '2023-06-01T00:00:00Z', name: 'Mentor One', records: [{ type: 'mentor', periods: [{ partnershipId: w.qA, start: '2024-09-01T00:00:00Z' }] }] },
    { createdAt: '2023-06-02T00:00:00Z', name: 'Mentor Two', trn: null, records: [{ type: 'mentor', scheduleCohort: 2024, periods: [] }] },
    {
      createdAt: '2023-06-03T00:00:00Z',
      name: 'Mentor Three',
      records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }] }],
    },
    {
      createdAt: '2023-06-04T00:00:00Z',
      name: 'Mentor Four',
      records: [{ type: 'mentor', periods: [{ partnershipId: w.qA, start: '2024-09-01T00:00:00Z' }] }],
    },
  ]);
  Object.assign(ids, { m1: m1.id, m2: m2.id, m3: m3.id, m4: m4.id });
  Object.assign(records, { m1: m1.mentor!, m2: m2.mentor!, m3: m3.mentor!, m4: m4.mentor! });
  const mentees = await addParticipants(app, [
    // P's ECTs mentored by m1, m2 (twice: one row), m3; Q's ECT mentored by m4.
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', mentorRecordId: m1.mentor }] }] },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', mentorRecordId: m2.mentor }] }] },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: '2024-09-02T00:00:00Z', mentorRecordId: m2.mentor }] }] },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.pB, start: '2024-09-02T00:00:00Z', mentorRecordId: m3.mentor }] }] },
    { records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z', mentorRecordId: m4.mentor }] }] },
  ]);
  ids.mentee1 = mentees[0].id;
  records.mentee1 = mentees[0].ect!;
});
afterAll(async () => app.close());

describe('participant transfers: who appears', () => {
  it('lists the participants with a transfer on either side of the provider, one row per person, by created_at', async () => {
    expect((await transfers(w.P.token)).items.map((t) => t.id)).toEqual([ids.t0, ids.t1, ids.t2, ids.t4, ids.t6]);
    expect((await transfers(w.Q.token)).items.map((t) => t.id)).toEqual([ids.t1, ids.t3]);
    expect((await transfers(R.token)).items.map((t) => t.id)).toEqual([ids.t6]);
  });

  it('shows every field of a complete move within the provider', async () => {
    const t = await transferOf(w.P.token, ids.t0);
    expect(t.transfers).toEqual([
      {
        trainingRecordId: records.t0,
        transferType: 'new_school',
        status: 'complete',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        leaving: { schoolUrn: urn(0), provider: w.P.name, date: '2024-12-20' },
        joining: { schoolUrn: urn(1), provider: w.P.name, date: '2025-01-06' },
      },
    ]);
  });

  it('shows a move to another provider to both providers, and a leaving-only move only to the provider left', async () => {
    const expected = [
      {
        trainingRecordId: records.t1,
        transferType: 'new_provider',
        status: 'complete',
        createdAt: expect.any(String),
        leaving: { schoolUrn: urn(1), provider: w.P.name, date: '2024-12-20' },
        joining: { schoolUrn: urn(2), provider: w.Q.name, date: '2025-01-06' },
      },
    ];
    expect((await transferOf(w.P.token, ids.t1)).transfers).toEqual(expected);
    expect((await transferOf(w.Q.token, ids.t1)).transfers).toEqual(expected);
    expect((await transferOf(w.P.token, ids.t2)).transfers).toEqual([
      {
        trainingRecordId: records.t2,
        transferType: 'unknown',
        status: 'incomplete',
        createdAt: expect.any(String),
        leaving: { schoolUrn: urn(0), provider: w.P.name, date: '2031-07-31' },
        joining: null,
      },
    ]);
    expect(await transferOf(w.P.token, ids.t3)).toBeNull();
  });

  it('pairs only with a later period at another school marked as a school transfer', async () => {
    const [t] = (await transferOf(w.P.token, ids.t4)).transfers;
    expect([t.transferType, t.status, t.joining]).toEqual(['unknown', 'complete', null]);
    expect(await transferOf(w.P.token, ids.t5)).toBeNull();
  });

  it('answers null (REST 404) for another provider’s participant, an unknown id and a non-UUID', async () => {
    expect(await transferOf(R.token, ids.t0)).toBeNull();
    expect(await transferOf(w.P.token, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await transferOf(w.P.token, 'nope')).toBeNull();
  });
});

describe('participant transfers: status and updated_at with the clock', () => {
  it('is incomplete until the later date, then complete, and updatedAt moves to that instant', async () => {
    const before = await transferOf(w.P.token, ids.t6, '2030-12-31T00:00:00Z');
    expect(before.transfers[0].status).toBe('incomplete');
    expect(before.updatedAt < '2030-01-01').toBe(true);
    const after = await transferOf(w.P.token, ids.t6, '2031-01-07T00:00:00Z');
    expect(after.transfers[0].status).toBe('complete');
    expect(after.updatedAt).toBe('2031-01-06T00:00:00Z');
  });

  it('updatedSince finds a row whose transfer completed in [since, now], not before', async () => {
    const filter = { updatedSince: '2031-01-01T00:00:00Z' };
    expect((await transfers(w.P.token, { filter }, '2031-01-05T00:00:00Z')).items).toEqual([]);
    expect((await transfers(w.P.token, { filter }, '2031-01-07T00:00:00Z')).items.map((t) => t.id)).toEqual([ids.t6]);
  });

  it('a write that changes a shown date moves updatedAt; one that changes nothing shown does not', async () => {
    const [before] = (await transfers(w.Q.token, { filter: { updatedSince: '2000-01-01T00:00:00Z' } })).items.filter((t) => t.id === ids.t3);
    await new Promise((r) => setTimeout(r, 1100));
    await write([[`update training_periods set training_status = 'deferred' where training_record_id = ?`, [records.t3]]], [ids.t3]);
    expect((await transferOf(w.Q.token, ids.t3)).updatedAt).toBe(before.updatedAt);
    await write([[`update training_periods set end_date = '2024-12-21T00:00:00Z' where training_record_id = ?`, [records.t3]]], [ids.t3]);
    const after = await transferOf(w.Q.token, ids.t3);
    expect(after.transfers[0].leaving.date).toBe('2024-12-21');
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect((await transfers(w.Q.token, { filter: { updatedSince: after.updatedAt } })).items.map((t) => t.id)).toEqual([ids.t3]);
  });

  it('a participant whose last leaving period goes away leaves the list', async () => {
    await write([[`update training_periods set induction_status = 'active', end_date = null where training_record_id = ?`, [records.t3]]], [ids.t3]);
    expect(await transferOf(w.Q.token, ids.t3)).toBeNull();
  });
});

describe('participant transfers: sort and paging', () => {
  it.each([1, 2, 3])('pages at %i per page return every row once in the same order', async (perPage) => {
    for (const sort of [undefined, [{ field: 'updatedAt', direction: 'desc' }]]) {
      const all = (await transfers(w.P.token, { sort, page: { page: 1, perPage: 100 } })).items.map((t) => t.id);
      const paged: string[] = [];
      for (let page = 1; ; page++) {
        const res = await transfers(w.P.token, { sort, page: { page, perPage } });
        paged.push(...res.items.map((t) => t.id));
        if (!res.hasNextPage) break;
      }
      expect(paged).toEqual(all);
    }
  });

  it('sorts by createdAt descending', async () => {
    expect((await transfers(w.P.token, { sort: [{ field: 'createdAt', direction: 'desc' }] })).items.map((t) => t.id)).toEqual(
      [ids.t0, ids.t1, ids.t2, ids.t4, ids.t6].reverse(),
    );
  });
});

describe('unfunded mentors', () => {
  it('lists mentors of the provider’s ECTs who do not train with it, once each, by created_at', async () => {
    expect((await mentors(w.P.token)).items.map((m) => m.id)).toEqual([ids.m1, ids.m2]);
    expect((await mentors(w.Q.token)).items).toEqual([]);
  });

  it('shows every field: the email of the mentor’s own latest mentor training, else theirs; TRN or null', async () => {
    const m1 = await mentorOf(w.P.token, ids.m1);
    const [p] = await sql<{ email: string; trn: string }>(app, 'select email, trn from participants where id = ?', [ids.m1]);
    expect(m1).toEqual({
      id: ids.m1,
      fullName: 'Mentor One',
      email: p.email,
      teacherReferenceNumber: p.trn,
      createdAt: '2023-06-01T00:00:00Z',
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    expect((await mentorOf(w.P.token, ids.m2)).teacherReferenceNumber).toBeNull();
  });

  it('answers null (REST 404) for a funded mentor, another provider’s mentor and a non-UUID', async () => {
    expect(await mentorOf(w.P.token, ids.m3)).toBeNull();
    expect(await mentorOf(w.Q.token, ids.m1)).toBeNull();
    expect(await mentorOf(w.P.token, ids.m4)).toBeNull();
    expect(await mentorOf(w.P.token, 'nope')).toBeNull();
  });

  it('updatedAt moves when the shown email changes, and updatedSince finds it', async () => {
    const before = await mentorOf(w.P.token, ids.m1);
    await new Promise((r) => setTimeout(r, 1100));
    await write([[`update training_periods set email = 'm1@school.example' where training_record_id = ?`, [records.m1]]], [ids.m1]);
    const after = await mentorOf(w.P.token, ids.m1);
    expect(after.email).toBe('m1@school.example');
    expect(after.updatedAt > before.updatedAt).toBe(true);
    expect((await mentors(w.P.token, { filter: { updatedSince: after.updatedAt } })).items.map((m) => m.id)).toEqual([ids.m1]);
    expect((await mentorOf(w.P.token, ids.m2)).updatedAt <= before.updatedAt).toBe(true);
  });

  it('a mentor who starts training with the provider leaves the list; one newly assigned enters it with a fresh updatedAt', async () => {
    await write(
      [
        [
          `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, start_date, created_at, updated_at)
           select gen_random_uuid(), tr.id, p.school_id, p.cohort_id, p.id, tr.schedule_id, 'active', now(), now(), now()
             from training_records tr, partnerships p where tr.id = ? and p.id = ?`,
          [records.m2, w.pA],
        ],
      ],
      [ids.m2],
    );
    expect((await mentors(w.P.token)).items.map((m) => m.id)).toEqual([ids.m1]);
    const since = new Date(Date.now() - 1000).toISOString().slice(0, 19) + 'Z';
    // The ECT's mentor changes: the period closes and a new one names m4 (ecf.md §3.8).
    await write(
      [
        [`update training_periods set end_date = now(), induction_status = 'changed' where training_record_id = ?`, [records.mentee1]],
        [
          `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, mentor_training_record_id, start_date, created_at, updated_at)
           select gen_random_uuid(), tr.id, p.school_id, p.cohort_id, p.id, tr.schedule_id, 'active', ?, now(), now(), now()
             from training_records tr, partnerships p where tr.id = ? and p.id = ?`,
          [records.m4, records.mentee1, w.pA],
        ],
      ],
      [ids.mentee1],
    );
    const now = await mentors(w.P.token, { sort: [{ field: 'updatedAt', direction: 'desc' }] });
    expect(now.items.map((m) => m.id)).toEqual([ids.m4]);
    expect(now.items[0].updatedAt >= since).toBe(true);
  });

  it('pages and sorts with a stable order', async () => {
    const one = await mentors(w.P.token, { page: { page: 1, perPage: 1 } });
    expect(one.items).toHaveLength(1);
    expect(one.hasNextPage).toBe(false);
    expect((await mentors(w.P.token, { page: { page: 2, perPage: 1 } })).items).toEqual([]);
  });
});

describe('commit stamps', () => {
  it('leave no row marked for stamping after the writes commit, and the seed marks none', async () => {
    for (const table of ['participant_transfer_views', 'unfunded_mentor_views']) {
      expect(await sql(app, `select id from ${table} where pending_stamp`)).toEqual([]);
    }
  });

  it('a rename moves the mentor’s updatedAt to the write’s stamp (here a time-travelled one)', async () => {
    await app.db.orm.em.fork().transactional(async (tx) => {
      await tx.execute(`update participants set full_name = 'Mentor Four Renamed' where id = ?`, [ids.m4]);
      const changed = await refreshParticipantProjection(tx, { participantIds: [ids.m4] });
      await stampWrite(
        tx,
        fixedOffsetClock(() => new Date(), new Date('2030-06-01T10:00:00Z')),
        new Touched().add('participant_provider_views', ...changed),
      );
    });
    const m4 = await mentorOf(w.P.token, ids.m4);
    expect([m4.fullName, m4.updatedAt.slice(0, 16)]).toEqual(['Mentor Four Renamed', '2030-06-01T10:00']);
  });
});
