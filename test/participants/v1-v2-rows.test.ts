import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { parseCsv, parseCsvRecords } from '../support/csv.js';
import { challenge, insertPartnership } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, reprojectParticipants, type World } from './fixtures.js';
import { bulkParticipants } from './bulk-fixtures.js';
import { stampWrite, Touched } from '../../src/domain/shared/write-stamp.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { CSV_CHUNK } from '../../src/rest-facade/participants-v1-v2/participants-v1-v2.routes.js';

// ECF v1/v2 participants (ecf.md §2.6): one row per training record the provider sees (§1.4 per record), `status`
// from the school's induction status, filters cohort (the record's schedule) and updated_since, no sort, CSV.

let app: TestApp;
let w: World;
const PAST = '2024-09-02T08:00:00Z';

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app.close());

type Row = { id: string; type: string; attributes: Record<string, any> };

const v1 = (token: string, query = 'page[per_page]=3000') =>
  app.request('GET', `/api/v1/participants/ecf?${query.replace(/\[/g, '%5B').replace(/\]/g, '%5D')}`, { token });
async function rowsOf(token: string, query?: string): Promise<Row[]> {
  const res = await v1(token, query);
  if (res.status !== 200) throw new Error(`${res.status}: ${res.text}`);
  return res.body.data;
}
const showV = async (version: 'v1' | 'v2', token: string, id: string) => app.request('GET', `/api/${version}/participants/ecf/${id}`, { token });
const recordsOf = (rows: Row[], id: string) => rows.filter((r) => r.id === id).map((r) => [r.attributes.participant_type, r.attributes.training_record_id]);

describe('visibility per training record', () => {
  it('a person who is an ECT with P and a mentor with Q: P sees the ECT row, Q the mentor row, each show its own', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          { type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] },
          { type: 'mentor', periods: [{ partnershipId: w.qA, start: PAST }] },
        ],
      },
    ]);
    expect(recordsOf(await rowsOf(w.P.token), a.id)).toEqual([['ect', a.ect]]);
    expect(recordsOf(await rowsOf(w.Q.token), a.id)).toEqual([['mentor', a.mentor]]);
    expect((await showV('v1', w.P.token, a.id)).body.data.attributes.training_record_id).toBe(a.ect);
    expect((await showV('v2', w.Q.token, a.id)).body.data.attributes.training_record_id).toBe(a.mentor);
  });

  it('an ECT who is also a mentor with the provider: two rows with one id, ECT first; the show answers the ECT row', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          { type: 'mentor', periods: [{ partnershipId: w.pB, start: PAST }] },
          { type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] },
        ],
      },
    ]);
    const rows = await rowsOf(w.P.token);
    expect(recordsOf(rows, a.id)).toEqual([
      ['ect', a.ect],
      ['mentor', a.mentor],
    ]);
    const at = rows.findIndex((r) => r.id === a.id);
    expect(rows[at + 1].id).toBe(a.id);
    expect(rows[at].attributes.school_urn).toBe(w.schools[0].urn);
    expect(rows[at + 1].attributes.school_urn).toBe(w.schools[1].urn);
    expect(rows[at].attributes.updated_at).toBe(rows[at + 1].attributes.updated_at);
    const shown = await showV('v1', w.P.token, a.id);
    expect(shown.body.data).toEqual(rows[at]);
  });

  it('the GraphQL show answers the record of the type asked for (what the v1/v2 action routes answer with), else the ECT one', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          { type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] },
          { type: 'mentor', periods: [{ partnershipId: w.pB, start: PAST }] },
        ],
      },
    ]);
    const [m] = await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: PAST }] }] }]);
    const show = async (token: string, id: string, type?: string) => {
      const res = await app.request('POST', '/graphql', {
        token,
        body: {
          query: 'query($id: ID!, $t: ParticipantType) { ecfTrainingRecord(participantId: $id, participantType: $t) { trainingRecordId participantType } }',
          variables: { id, t: type ?? null },
        },
      });
      return res.body.data.ecfTrainingRecord as { trainingRecordId: string; participantType: string } | null;
    };
    expect(await show(w.P.token, a.id)).toEqual({ trainingRecordId: a.ect, participantType: 'ect' });
    expect(await show(w.P.token, a.id, 'ect')).toEqual({ trainingRecordId: a.ect, participantType: 'ect' });
    expect(await show(w.P.token, a.id, 'mentor')).toEqual({ trainingRecordId: a.mentor, participantType: 'mentor' });
    expect(await show(w.P.token, m.id)).toEqual({ trainingRecordId: m.mentor, participantType: 'mentor' });
    expect(await show(w.P.token, m.id, 'ect')).toBeNull();
    expect(await show(w.Q.token, a.id, 'mentor')).toBeNull();
  });

  it("another provider's participant is a 404 and never listed; a challenged partnership hides its records", async () => {
    const [q] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: PAST }] }] }]);
    expect((await showV('v1', w.P.token, q.id)).status).toBe(404);
    expect((await showV('v2', w.P.token, q.id)).status).toBe(404);
    expect(recordsOf(await rowsOf(w.P.token), q.id)).toEqual([]);
    const pc = await insertPartnership(app, { schoolId: w.schools[3].id, leadProviderId: w.P.id, deliveryPartnerId: w.dp, cohort: 2025 });
    const [a] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: pc, start: PAST }] }] }]);
    expect(recordsOf(await rowsOf(w.P.token), a.id)).toEqual([['ect', a.ect]]);
    await challenge(app, pc);
    await reprojectParticipants(app, [pc]);
    expect(recordsOf(await rowsOf(w.P.token), a.id)).toEqual([]);
    expect((await showV('v1', w.P.token, a.id)).status).toBe(404);
  });

  it('a move to another provider: the old provider keeps the row of its last period, the new one sees the new period', async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [
              { partnershipId: w.pA, start: PAST, end: '2025-03-01T00:00:00Z' },
              { partnershipId: w.qA, start: '2025-03-02T00:00:00Z', schoolTransfer: true },
            ],
          },
        ],
      },
    ]);
    expect((await showV('v1', w.P.token, a.id)).body.data.attributes).toMatchObject({ school_urn: w.schools[0].urn, status: 'active' });
    expect((await showV('v1', w.Q.token, a.id)).body.data.attributes).toMatchObject({ school_urn: w.schools[2].urn, status: 'active' });
  });

  it('with a challenged later period the row shows the latest unchallenged one; a move between the provider’s schools shows the new school', async () => {
    const pc = await insertPartnership(app, { schoolId: w.schools[3].id, leadProviderId: w.P.id, deliveryPartnerId: w.dp2, cohort: 2024, challenged: true });
    const [challenged, moved] = await addParticipants(app, [
      {
        records: [
          {
            type: 'mentor',
            periods: [
              { partnershipId: w.pA, start: PAST, end: '2025-01-10T00:00:00Z', inductionStatus: 'leaving' },
              { partnershipId: pc, start: '2025-01-11T00:00:00Z', schoolTransfer: true },
            ],
          },
        ],
      },
      {
        records: [
          {
            type: 'ect',
            periods: [
              { partnershipId: w.pA, start: PAST, end: '2025-03-01T00:00:00Z', inductionStatus: 'leaving' },
              { partnershipId: w.pB, start: '2025-03-02T00:00:00Z', schoolTransfer: true },
            ],
          },
        ],
      },
    ]);
    expect((await showV('v1', w.P.token, challenged.id)).body.data.attributes).toMatchObject({
      school_urn: w.schools[0].urn,
      participant_type: 'mentor',
      status: 'active',
    });
    expect((await showV('v1', w.P.token, moved.id)).body.data.attributes).toMatchObject({ school_urn: w.schools[1].urn, status: 'active' });
    expect(recordsOf(await rowsOf(w.P.token), moved.id)).toEqual([['ect', moved.ect]]);
  });

  it('a retired participant id finds its successor', async () => {
    const retired = randomUUID();
    const [a] = await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: PAST }] }], retiredIds: [retired] }]);
    expect((await showV('v1', w.P.token, retired)).body.data.id).toBe(a.id);
    expect((await showV('v1', w.Q.token, retired)).status).toBe(404);
  });

  it('an NPQ token gets 403 on the GraphQL reads as on REST', async () => {
    const res = await app.request('POST', '/graphql', {
      token: app.token('Ambition Institute', 'npq'),
      body: { query: '{ ecfTrainingRecords { items { id } } }' },
    });
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('fields', () => {
  it.each([
    ['active', 'active'],
    ['completed', 'active'],
    ['leaving', 'active'],
    ['withdrawn', 'withdrawn'],
    ['changed', 'withdrawn'],
  ] as const)('induction status %s gives status %s, whatever the dates', async (inductionStatus, status) => {
    const [now, future, ended] = await addParticipants(app, [
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: PAST, inductionStatus }] }] },
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2099-01-01T00:00:00Z', inductionStatus }] }] },
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: PAST, end: '2025-01-01T00:00:00Z', inductionStatus }] }] },
    ]);
    for (const p of [now, future, ended]) expect((await showV('v1', w.P.token, p.id)).body.data.attributes.status).toBe(status);
  });

  it('shows the record, the person, the mentor and the school cohort as the digest lists them', async () => {
    const [m] = await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: w.pB, start: PAST }] }] }]);
    const [e] = await addParticipants(app, [
      {
        name: 'Jo Bloggs',
        trn: null,
        records: [
          {
            type: 'ect',
            scheduleCohort: 2025,
            fundingEligibility: 'ineligible',
            periods: [{ partnershipId: w.pB, start: PAST, mentorRecordId: m.mentor, trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id }],
          },
        ],
      },
    ]);
    const res = await showV('v2', w.P.token, e.id);
    expect(res.body.data).toEqual({
      id: e.id,
      type: 'participant',
      attributes: {
        email: `${e.id.slice(0, 8)}@example.com`,
        full_name: 'Jo Bloggs',
        mentor_id: m.id,
        school_urn: w.schools[1].urn,
        participant_type: 'ect',
        cohort: '2024',
        status: 'active',
        teacher_reference_number: null,
        teacher_reference_number_validated: null,
        eligible_for_funding: false,
        pupil_premium_uplift: false,
        sparsity_uplift: false,
        training_status: 'deferred',
        training_record_id: e.ect,
        schedule_identifier: 'ecf-standard-september',
        updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      },
    });
    expect((await showV('v1', w.P.token, m.id)).body.data.attributes.mentor_id).toBeNull();
  });
});

describe('filters', () => {
  it("cohort is per record: the record's schedule cohort decides, so one of a person's two rows can match", async () => {
    const [a] = await addParticipants(app, [
      {
        records: [
          { type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] },
          { type: 'mentor', periods: [{ partnershipId: w.p25, start: PAST }] },
        ],
      },
    ]);
    expect(recordsOf(await rowsOf(w.P.token, 'filter[cohort]=2025&page[per_page]=3000'), a.id)).toEqual([['mentor', a.mentor]]);
    expect(recordsOf(await rowsOf(w.P.token, 'filter[cohort]=2024&page[per_page]=3000'), a.id)).toEqual([['ect', a.ect]]);
    expect(recordsOf(await rowsOf(w.P.token, 'filter[cohort]=2024,2025&page[per_page]=3000'), a.id)).toHaveLength(2);
  });

  it('updated_since returns both rows of a person changed since then, by updated_at', async () => {
    const before = (await rowsOf(w.P.token)).map((r) => r.attributes.updated_at as string).sort();
    const since = new Date(Date.parse(before.at(-1)!) + 1000).toISOString();
    await new Promise((r) => setTimeout(r, 1100));
    const [a] = await addParticipants(app, [
      {
        records: [
          { type: 'ect', periods: [{ partnershipId: w.pA, start: PAST }] },
          { type: 'mentor', periods: [{ partnershipId: w.pB, start: PAST }] },
        ],
      },
    ]);
    const found = await rowsOf(w.P.token, `filter[updated_since]=${since}`);
    expect(found.map((r) => [r.id, r.attributes.participant_type])).toEqual([
      [a.id, 'ect'],
      [a.id, 'mentor'],
    ]);
  });
});

describe('a provider with more rows than a page of 3000 and a CSV chunk', () => {
  let world: World;
  let all: Row[];

  beforeAll(async () => {
    world = await createWorld(app);
    await bulkParticipants(app, 3100, world.pA);
    await addParticipants(app, [
      {
        name: 'Smith, "Jo"\nthe second',
        createdAt: '2026-01-01T00:00:00Z',
        records: [
          { type: 'ect', periods: [{ partnershipId: world.pA, start: PAST }] },
          { type: 'mentor', periods: [{ partnershipId: world.pB, start: PAST }] },
        ],
      },
    ]);
    const first = await rowsOf(world.P.token, 'page[per_page]=3000');
    const second = await rowsOf(world.P.token, 'page[page]=2&page[per_page]=3000');
    all = [...first, ...second];
  }, 60_000);

  it('pages 3000 at a time, then the rest', () => {
    expect(all).toHaveLength(3102);
    expect(new Set(all.map((r) => r.attributes.training_record_id)).size).toBe(3102);
    expect(all.at(-2)!.attributes.participant_type).toBe('ect');
    expect(all.at(-1)!.attributes.participant_type).toBe('mentor');
  });

  it.each([7, 100])('a paged read at %i per page gives the same rows in the same order', async (perPage) => {
    const pages = Math.ceil(all.length / perPage);
    // Every page of the small size would be hundreds of requests: check the first pages, the pages around the
    // person with two rows, and that the page past the end is empty.
    const check = [1, 2, 3, pages - 1, pages];
    for (const page of check) {
      const got = await rowsOf(world.P.token, `page[page]=${page}&page[per_page]=${perPage}`);
      expect(got).toEqual(all.slice((page - 1) * perPage, page * perPage));
    }
    expect(await rowsOf(world.P.token, `page[page]=${pages + 1}&page[per_page]=${perPage}`)).toEqual([]);
  });

  it(`the CSV has every row (more than one chunk of ${CSV_CHUNK}) in list order, quoting a name with a comma, quote and line break`, async () => {
    const res = await app.request('GET', '/api/v1/participants/ecf.csv', { token: world.P.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(all.length).toBeGreaterThan(3 * CSV_CHUNK);
    const records = parseCsv(res.text);
    expect(records.map((r) => r.training_record_id)).toEqual(all.map((r) => r.attributes.training_record_id));
    expect(res.text).toContain(',"Smith, ""Jo""\nthe second",');
    const last = records.at(-1)!;
    expect(last).toMatchObject({ full_name: 'Smith, "Jo"\nthe second', participant_type: 'mentor', mentor_id: '', teacher_reference_number_validated: 'true' });
    // No TRN, so validated is null; no eligibility decision yet: nulls are empty fields, booleans true/false.
    const bulk = parseCsvRecords(res.text)[1];
    expect(bulk.slice(8, 14)).toEqual(['', '', '', 'false', 'false', 'active']);
  });
});

describe('cursor reads (`after`)', () => {
  it('walking the list by cursor never skips a row that moved behind the reader', async () => {
    const world = await createWorld(app);
    await addParticipants(
      app,
      Array.from({ length: 12 }, () => ({ records: [{ type: 'ect' as const, periods: [{ partnershipId: world.pA, start: PAST }] }] })),
    );
    const read = async (after: string | null) => {
      const res = await app.request('POST', '/graphql', {
        token: world.P.token,
        body: {
          query: `query($a: String) { ecfTrainingRecords(filter: { updatedSince: "2000-01-01T00:00:00Z" }, page: { perPage: 5 }, after: $a) { items { id cursor } hasNextPage } }`,
          variables: { a: after },
        },
      });
      return res.body.data.ecfTrainingRecords as { items: { id: string; cursor: string }[]; hasNextPage: boolean };
    };
    const first = await read(null);
    const ids = first.items.map((i) => i.id);
    // The first row read and the cursor's own row are changed now: they move to the end of the updated_at order.
    const changed = [ids[0], ids[4]];
    const em = app.db.orm.em.fork();
    await em.transactional(async (tx) => {
      await tx.execute(`update participants set full_name = 'Moved' where id in (?, ?)`, changed);
      const views = await tx.execute<{ id: string }[]>(`select id from participant_provider_views where participant_id in (?, ?) and lead_provider_id = ?`, [
        ...changed,
        world.P.id,
      ]);
      await new Promise((r) => setTimeout(r, 1100));
      await stampWrite(
        tx,
        fixedOffsetClock(() => new Date()),
        new Touched().add('participant_provider_views', ...views.map((v) => v.id)),
      );
    });
    let page = first;
    while (page.hasNextPage) {
      page = await read(page.items.at(-1)!.cursor);
      ids.push(...page.items.map((i) => i.id));
    }
    // Every row once, and the two changed ones again at the end (in participant id order: one stamp).
    expect(new Set(ids).size).toBe(12);
    expect(ids).toHaveLength(14);
    expect(ids.slice(-2)).toEqual([...changed].sort());
  });

  it('a cursor that is not one is a bad input', async () => {
    const res = await app.request('POST', '/graphql', {
      token: w.P.token,
      body: { query: '{ ecfTrainingRecords(after: "nonsense") { items { id } } }' },
    });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('the list key table', () => {
  it('after every write above holds exactly the visible records of the projection, with its updated_at', async () => {
    const em = app.db.orm.em.fork();
    const records = await em.execute(
      `select v.lead_provider_id, v.participant_id, r.ord, r.cohort, v.participant_created_at::text, v.updated_at::text
         from participant_provider_views v cross join lateral (values (0, v.ect_cohort), (1, v.mentor_cohort)) r(ord, cohort)
        where v.api_visible and r.cohort is not null order by 1, 2, 3`,
    );
    const keys = await em.execute(
      `select lead_provider_id, participant_id, ord::int, cohort, participant_created_at::text, updated_at::text from training_record_keys order by 1, 2, 3`,
    );
    expect(records.length).toBeGreaterThan(3000);
    expect(keys).toEqual(records);
  });
});
