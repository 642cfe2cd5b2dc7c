/**
 * At most one declaration per participant, course and type in a slot-holding state (ARCHITECTURE.md §2.9, issue 8
 * item 6): concurrent repeats queue on the slot's advisory lock and answer exactly what a sequential repeat answers
 * (422 on base, docs/compatibility.md), never a 400 or 500 from the unique index.
 */
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createStatement } from '../partnerships/fixtures.js';
import { recordEcfDeclaration } from '../../src/domain/declarations/ecf/record-ecf-declaration.service.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { createDeclarationWorld, participantWith, postDeclaration, SLOT_TAKEN_BODY, sql, started, type DeclarationWorld } from './ecf-create-fixtures.js';

let app: TestApp;
let w: DeclarationWorld;

const slotHolders = (participantId: string) =>
  sql<{ n: number }>(
    app,
    `select count(*)::int as n from participant_declarations where participant_id = ? and state in ('submitted', 'eligible', 'payable', 'paid')`,
    [participantId],
  );

beforeAll(async () => {
  app = await startTestApp();
  w = await createDeclarationWorld(app);
  await createStatement(app, { leadProviderId: w.Q.id, cohort: 2024, month: 4, year: 2027, deadlineDate: '2027-04-30', paymentDate: '2027-05-25' });
});
afterAll(async () => app?.close());

it('50 identical POSTs in parallel: one declaration, and 49 answers identical to the sequential repeat', async () => {
  const p = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }]);
  const responses = await Promise.all(Array.from({ length: 50 }, () => postDeclaration(app, w.P.token, started(p.id))));
  const ok = responses.filter((r) => r.status === 200);
  expect(ok).toHaveLength(1);
  expect(ok[0].body.data.attributes.state).toBe('eligible');
  const sequential = await postDeclaration(app, w.P.token, started(p.id));
  expect(sequential.status).toBe(422);
  expect(sequential.body).toEqual(SLOT_TAKEN_BODY);
  const rejected = responses.filter((r) => r.status !== 200);
  expect(rejected).toHaveLength(49);
  for (const r of rejected) {
    expect(r.status).toBe(422);
    expect(r.text).toBe(sequential.text);
  }
  expect(await slotHolders(p.id)).toEqual([{ n: 1 }]);
  expect(await sql(app, `select count(*)::int as n from statement_line_items where declaration_id = ?`, [ok[0].body.data.id])).toEqual([{ n: 1 }]);
  expect(
    await sql(
      app,
      `select outcome, count(*)::int as n from participant_declaration_attempts where request->>'participant_id' = ? group by outcome order by outcome`,
      [p.id],
    ),
  ).toEqual([
    { outcome: 'created', n: 1 },
    { outcome: 'rejected', n: 50 },
  ]);
});

it('near-identical declarations (different dates) from two providers training the participant: one slot holder, the rest the same 422', async () => {
  // P trained the ECT until the end of 2024; Q from January 2025. Both may declare `started` (ecf.md §4.2 rule 13).
  const p = await participantWith(app, [
    { partnershipId: w.pA, start: '2024-09-01T00:00:00Z', end: '2024-12-31T00:00:00Z', inductionStatus: 'leaving' },
    { partnershipId: w.qA, start: '2025-01-01T00:00:00Z' },
  ]);
  const requests = Array.from({ length: 20 }, (_, i) =>
    postDeclaration(
      app,
      i % 2 === 0 ? w.P.token : w.Q.token,
      started(p.id, `2024-${i % 2 === 0 ? 10 : 11}-${String(1 + (i >> 1)).padStart(2, '0')}T10:00:00Z`),
    ),
  );
  const responses = await Promise.all(requests);
  expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
  for (const r of responses.filter((x) => x.status !== 200)) {
    expect(r.status).toBe(422);
    expect(r.body).toEqual(SLOT_TAKEN_BODY);
  }
  expect(await slotHolders(p.id)).toEqual([{ n: 1 }]);
});

it('distinct declarations in parallel all succeed (no deadlock between different slots)', async () => {
  const people = await Promise.all(Array.from({ length: 20 }, () => participantWith(app, [{ partnershipId: w.pB, start: '2024-09-01T00:00:00Z' }])));
  const responses = await Promise.all(people.map((p) => postDeclaration(app, w.P.token, started(p.id))));
  expect(responses.map((r) => r.status)).toEqual(people.map(() => 200));
});

it('the unique index is the last guard: a slot holder committed by a writer that took no lock answers the sequential 422, not a 500', async () => {
  const p = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }]);
  const em = app.db.orm.em.fork();
  await em.begin();
  // Uncommitted: the POST's slot check cannot see it; its insert then waits on the index until this commits.
  await em.execute(
    `insert into participant_declarations (id, programme, lead_provider_id, participant_id, training_record_id, course_identifier, declaration_type,
                                           declaration_date, cohort_id, state, created_at, updated_at)
     select gen_random_uuid(), 'ecf', ?, ?, ?, 'ecf-induction', 'started', '2024-10-01T10:00:00Z', c.id, 'submitted', now(), now()
       from cohorts c where c.start_year = 2024`,
    [w.P.id, p.id, p.recordId],
  );
  const pending = postDeclaration(app, w.P.token, started(p.id));
  await new Promise((r) => setTimeout(r, 500));
  await em.commit();
  const res = await pending;
  expect(res.status).toBe(422);
  expect(res.body).toEqual(SLOT_TAKEN_BODY);
  expect(await slotHolders(p.id)).toEqual([{ n: 1 }]);
  expect(await sql(app, `select outcome from participant_declaration_attempts where request->>'participant_id' = ?`, [p.id])).toEqual([
    { outcome: 'rejected' },
  ]);
});

it('two participants sharing a TRN, declared at the same moment by two instances: the later post waits and is the duplicate (ecf.md §4.5)', async () => {
  const trn = String(3_000_000 + Math.floor(Math.random() * 900_000));
  const first = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }], { trn });
  const second = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }], { trn });
  // Another instance's transaction has written the first participant's declaration and not committed yet.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let wrote!: (id: string) => void;
  const written = new Promise<string>((r) => (wrote = r));
  const other = app.db.orm.em.fork().transactional(async (tx) => {
    const cmd = { leadProviderId: w.P.id, participantId: first.id, courseIdentifier: 'ecf-induction', declarationType: 'started' };
    wrote(
      await recordEcfDeclaration(
        tx,
        fixedOffsetClock(() => new Date()),
        { ...cmd, declarationDate: '2024-10-01T10:00:00Z', evidenceHeld: null },
      ),
    );
    await held;
  });
  const firstId = await written;
  let answered = false;
  const pending = postDeclaration(app, w.P.token, started(second.id, '2024-10-02T10:00:00Z')).then((r) => ((answered = true), r));
  await new Promise((r) => setTimeout(r, 500));
  // It waits on the TRN's lock before it reads anything, so it sees the first declaration once that commits.
  expect(answered).toBe(false);
  release();
  await other;
  const res = await pending;
  expect(res.status).toBe(200);
  expect(res.body.data.attributes).toMatchObject({ state: 'ineligible', ineligible_for_funding_reason: 'duplicate_declaration' });
  expect(await sql(app, `select superseded_by_id from participant_declarations where id = ?`, [res.body.data.id])).toEqual([{ superseded_by_id: firstId }]);
  expect(
    await sql(
      app,
      `select count(*)::int as n from participant_declarations d join participants p on p.id = d.participant_id
        where p.trn = ? and d.state in ('submitted', 'eligible', 'payable', 'paid') and d.superseded_by_id is null`,
      [trn],
    ),
  ).toEqual([{ n: 1 }]);
});
