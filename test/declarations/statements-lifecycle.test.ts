/**
 * The statements' payment lifecycle through the admin GraphQL operations (ecf.md §4.6–4.7, npq.md §7): close a
 * statement after its cut-off (open → payable, its eligible declarations and items → payable; refused before),
 * mark it paid (payable → paid, awaiting_clawback → clawed_back), the totals by declaration type and line-item
 * state, end to end with a clawback; "participant becomes eligible later" (ecf.md §4.5 step 3) and a merge of
 * participants carrying their declarations.
 */
import { startTestApp, type TestApp } from '../support/test-app.js';
import { voidDeclaration } from '../../src/domain/declarations/void-declaration.service.js';
import { changeFundingEligibility } from '../../src/domain/participants/admin-participants.service.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { createProvider, sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type Created, type World } from '../participants/fixtures.js';
import { declarationRow, history, insertDeclaration, lineItems, listingUpdatedAt, statementDue } from './void-fixtures.js';

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app?.close());

const admin = (query: string, variables: Record<string, unknown> = {}) =>
  app.request('POST', '/graphql', { token: app.tokens.admin.token, body: { query, variables } });
const CLOSE = `mutation($id: ID!) { markStatementPayable(id: $id) { id state paid updatedAt } }`;
const PAY = `mutation($id: ID!) { markStatementPaid(id: $id) { id state paid updatedAt } }`;
const TOTALS = `query($id: ID!) { statementTotals(id: $id) { declarationType state count } }`;

const ect = async (o: { fundingEligibility?: string | null } = {}): Promise<Created> =>
  (
    await addParticipants(app, [
      {
        records: [{ type: 'ect', fundingEligibility: o.fundingEligibility, periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }],
      },
    ])
  )[0];
const declare = async (state: 'submitted' | 'eligible' | 'payable' | 'paid' | 'voided' | 'ineligible', statementId?: string, type = 'started', c?: Created) => {
  const p = c ?? (await ect());
  const id = await insertDeclaration(app, {
    leadProviderId: w.P.id,
    participantId: p.id,
    trainingRecordId: p.ect,
    cohort: 2024,
    state,
    statementId,
    declarationType: type,
  });
  return id;
};
const statementUpdatedAt = async (id: string) =>
  (await sql<{ u: string }>(app, `select to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as u from statements where id = ?`, [id]))[0]
    .u;

describe('close and pay (admin)', () => {
  it('refuses to close before the cut-off date (today included), and a non-admin token; nothing moves', async () => {
    // Another provider's statements, so P's next statement in the end-to-end test is its own.
    const X = await createProvider(app, 'ecf');
    for (const days of [0, 10]) {
      const st = await statementDue(app, X.id, 2024, days);
      const d = await declare('eligible', st);
      const res = await admin(CLOSE, { id: st });
      expect(res.body.errors[0]).toMatchObject({
        message: 'A statement can be closed only after its cut-off date',
        extensions: { code: 'INVALID_TRANSITION' },
      });
      expect((await declarationRow(app, d)).state).toBe('eligible');
    }
    const st = await statementDue(app, X.id, 2024, -1);
    const res = await app.request('POST', '/graphql', { token: w.P.token, body: { query: CLOSE, variables: { id: st } } });
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('refuses to pay an open statement, and to close or pay twice', async () => {
    const st = await statementDue(app, w.P.id, 2024, -3);
    expect((await admin(PAY, { id: st })).body.errors[0].message).toBe('A open statement cannot be marked paid');
    expect((await admin(CLOSE, { id: st })).body.data.markStatementPayable.state).toBe('payable');
    expect((await admin(CLOSE, { id: st })).body.errors[0].message).toBe('A payable statement cannot be marked payable');
    expect((await admin(PAY, { id: st })).body.data.markStatementPaid).toMatchObject({ state: 'paid', paid: true });
    expect((await admin(PAY, { id: st })).body.errors[0].message).toBe('A paid statement cannot be marked paid');
  });

  it('end to end: eligible → payable → paid; then void → awaiting_clawback on the next statement → paying that one → clawed_back', async () => {
    const st = await statementDue(app, w.P.id, 2024, -2);
    const next = await statementDue(app, w.P.id, 2024, 15);
    const a = await declare('eligible', st);
    const b = await declare('eligible', st, 'retained-1');
    const inel = await declare('ineligible', st);
    const voided = await declare('voided', st);
    const elsewhere = await declare('eligible', next);
    const before = {
      a: await declarationRow(app, a),
      listing: await listingUpdatedAt(app, a),
      st: await statementUpdatedAt(st),
      elsewhere: await declarationRow(app, elsewhere),
    };

    const closed = await admin(CLOSE, { id: st });
    expect(closed.body.data.markStatementPayable).toMatchObject({ id: st, state: 'payable', paid: false });
    for (const id of [a, b]) {
      expect(await declarationRow(app, id)).toMatchObject({ state: 'payable', payment_statement_id: st });
      expect(await lineItems(app, id)).toEqual([{ statement_id: st, state: 'payable' }]);
      expect((await history(app, id)).at(-1)).toEqual({ state: 'payable', lead_provider_id: null });
    }
    expect((await declarationRow(app, inel)).state).toBe('ineligible');
    expect((await declarationRow(app, voided)).state).toBe('voided');
    expect(await declarationRow(app, elsewhere)).toEqual(before.elsewhere);
    const afterClose = await declarationRow(app, a);
    expect(afterClose.updated_at > before.a.updated_at).toBe(true);
    expect((await listingUpdatedAt(app, a))[w.P.id]).toBe(afterClose.updated_at);
    expect(await statementUpdatedAt(st)).toBe(afterClose.updated_at);
    expect((await listingUpdatedAt(app, a))[w.P.id] > before.listing[w.P.id]).toBe(true);

    expect((await admin(TOTALS, { id: st })).body.data.statementTotals).toEqual([
      { declarationType: 'retained-1', state: 'payable', count: 1 },
      { declarationType: 'started', state: 'ineligible', count: 1 },
      { declarationType: 'started', state: 'payable', count: 1 },
      { declarationType: 'started', state: 'voided', count: 1 },
    ]);

    const paid = await admin(PAY, { id: st });
    expect(paid.body.data.markStatementPaid).toMatchObject({ state: 'paid', paid: true });
    const [{ marked }] = await sql<{ marked: boolean }>(app, `select marked_as_paid_at is not null as marked from statements where id = ?`, [st]);
    expect(marked).toBe(true);
    for (const id of [a, b]) {
      expect(await declarationRow(app, id)).toMatchObject({ state: 'paid', payment_statement_id: st });
      expect(await lineItems(app, id)).toEqual([{ statement_id: st, state: 'paid' }]);
    }
    expect((await declarationRow(app, a)).updated_at > afterClose.updated_at).toBe(true);

    // Clawback of a paid declaration, onto the next open statement, and paying that statement claws it back.
    await voidDeclaration(
      app.db.orm.em.fork(),
      fixedOffsetClock(() => new Date()),
      { leadProviderId: w.P.id, programme: 'ecf', declarationId: a },
    );
    expect(await declarationRow(app, a)).toMatchObject({ state: 'awaiting_clawback', payment_statement_id: st, clawback_statement_id: next });
    expect((await admin(TOTALS, { id: next })).body.data.statementTotals).toEqual([
      { declarationType: 'started', state: 'awaiting_clawback', count: 1 },
      { declarationType: 'started', state: 'eligible', count: 1 },
    ]);
    // The next statement's cut-off is ahead: move it into the past as time passing would, then close and pay it.
    await sql(app, `update statements set deadline_date = current_date - 1 where id = ?`, [next]);
    expect((await admin(CLOSE, { id: next })).body.data.markStatementPayable.state).toBe('payable');
    expect((await declarationRow(app, a)).state).toBe('awaiting_clawback');
    expect((await declarationRow(app, elsewhere)).state).toBe('payable');
    const beforePay = await declarationRow(app, a);
    expect((await admin(PAY, { id: next })).body.data.markStatementPaid.state).toBe('paid');
    expect(await declarationRow(app, a)).toMatchObject({ state: 'clawed_back', payment_statement_id: st, clawback_statement_id: next });
    expect(await lineItems(app, a)).toEqual([
      { statement_id: st, state: 'paid' },
      { statement_id: next, state: 'clawed_back' },
    ]);
    expect((await declarationRow(app, a)).updated_at > beforePay.updated_at).toBe(true);
    expect((await declarationRow(app, elsewhere)).state).toBe('paid');
    expect((await history(app, a)).map((h) => h.state)).toEqual(['eligible', 'payable', 'paid', 'awaiting_clawback', 'clawed_back']);
    expect((await admin(TOTALS, { id: next })).body.data.statementTotals).toEqual([
      { declarationType: 'started', state: 'clawed_back', count: 1 },
      { declarationType: 'started', state: 'paid', count: 1 },
    ]);
  });

  it('totals: an empty statement has none; an unknown one is not found; admin only', async () => {
    const st = await statementDue(app, (await createProvider(app, 'ecf')).id, 2024, 30);
    expect((await admin(TOTALS, { id: st })).body.data.statementTotals).toEqual([]);
    expect((await admin(TOTALS, { id: '00000000-0000-4000-8000-000000000000' })).body.errors[0].extensions.code).toBe('NOT_FOUND');
    const res = await app.request('POST', '/graphql', { token: w.P.token, body: { query: TOTALS, variables: { id: st } } });
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('participant becomes eligible later (ecf.md §4.5 step 3, §4.7)', () => {
  const ELIGIBILITY = `mutation($input: ChangeEcfFundingEligibilityInput!) { changeEcfFundingEligibility(input: $input) { id } }`;
  const makeEligible = (participantId: string) => admin(ELIGIBILITY, { input: { participantId, participantType: 'ect', status: 'eligible', reason: 'none' } });

  it("moves the record's submitted declarations to eligible on their provider's next output-fee statement; others untouched", async () => {
    const X = await createProvider(app, 'ecf');
    const st = await statementDue(app, X.id, 2024, 10);
    await statementDue(app, X.id, 2024, 40);
    const c = await ect({ fundingEligibility: 'manual_check' });
    const sub = await insertDeclaration(app, { leadProviderId: X.id, participantId: c.id, trainingRecordId: c.ect, cohort: 2024, state: 'submitted' });
    const sub2 = await insertDeclaration(app, {
      leadProviderId: X.id,
      participantId: c.id,
      trainingRecordId: c.ect,
      cohort: 2024,
      state: 'submitted',
      declarationType: 'retained-1',
    });
    const vd = await insertDeclaration(app, { leadProviderId: X.id, participantId: c.id, trainingRecordId: c.ect, cohort: 2024, state: 'voided' });
    const before = { sub: await declarationRow(app, sub), vd: await declarationRow(app, vd) };
    const res = await makeEligible(c.id);
    expect(res.body.errors).toBeUndefined();
    for (const id of [sub, sub2]) {
      expect(await declarationRow(app, id)).toMatchObject({ state: 'eligible', payment_statement_id: st });
      expect(await lineItems(app, id)).toEqual([{ statement_id: st, state: 'eligible' }]);
      expect((await history(app, id)).at(-1)).toEqual({ state: 'eligible', lead_provider_id: null });
    }
    const after = await declarationRow(app, sub);
    expect(after.updated_at > before.sub.updated_at).toBe(true);
    expect((await listingUpdatedAt(app, sub))[X.id]).toBe(after.updated_at);
    expect(await declarationRow(app, vd)).toEqual(before.vd);
  });

  it('a declaration whose provider has no open output-fee statement for its cohort stays submitted (documented choice)', async () => {
    const X = await createProvider(app, 'ecf');
    const c = await ect({ fundingEligibility: null });
    const sub = await insertDeclaration(app, { leadProviderId: X.id, participantId: c.id, trainingRecordId: c.ect, cohort: 2024, state: 'submitted' });
    const before = await declarationRow(app, sub);
    expect((await makeEligible(c.id)).body.errors).toBeUndefined();
    expect(await declarationRow(app, sub)).toEqual(before);
    expect(await lineItems(app, sub)).toEqual([]);
  });

  it('marking a record ineligible moves no declaration', async () => {
    const X = await createProvider(app, 'ecf');
    await statementDue(app, X.id, 2024, 10);
    const c = await ect({ fundingEligibility: 'manual_check' });
    const sub = await insertDeclaration(app, { leadProviderId: X.id, participantId: c.id, trainingRecordId: c.ect, cohort: 2024, state: 'submitted' });
    const res = await admin(ELIGIBILITY, { input: { participantId: c.id, participantType: 'ect', status: 'ineligible', reason: 'no_qts' } });
    expect(res.body.errors).toBeUndefined();
    expect((await declarationRow(app, sub)).state).toBe('submitted');
  });
});

describe('a close racing a declaration being attached to the statement', () => {
  it('an attach that found the statement open while a close held it goes to the next statement once the close commits', async () => {
    const X = await createProvider(app, 'ecf');
    const first = await statementDue(app, X.id, 2024, 5);
    const second = await statementDue(app, X.id, 2024, 40);
    const c = await ect({ fundingEligibility: 'manual_check' });
    const id = await insertDeclaration(app, { leadProviderId: X.id, participantId: c.id, trainingRecordId: c.ect, cohort: 2024 });
    // A close in progress: the statement row held FOR UPDATE (as advanceStatement holds it) until we let it commit.
    const closer = app.db.orm.em.fork();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const close = closer.transactional(async (tx) => {
      await tx.execute(`select id from statements where id = ? for update`, [first]);
      locked();
      await released;
      await tx.execute(`update statements set state = 'payable' where id = ?`, [first]);
    });
    await isLocked;
    const eligible = changeFundingEligibility(
      app.db.orm.em.fork(),
      fixedOffsetClock(() => new Date()),
      {
        participantId: c.id,
        participantType: 'ect',
        status: 'eligible',
        reason: 'none',
      },
    );
    // Let the attach reach the statement and wait on the close's lock, then commit the close.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    await close;
    await eligible;
    expect(await declarationRow(app, id)).toMatchObject({ state: 'eligible', payment_statement_id: second });
    expect(await lineItems(app, id)).toEqual([{ statement_id: second, state: 'eligible' }]);
  });
});

describe('merging participants carries their declarations', () => {
  it("the duplicate's declarations (and the ECTs' declarations naming it as mentor) move to the survivor; listings refreshed", async () => {
    const MERGE = `mutation($input: MergeEcfParticipantsInput!) { mergeEcfParticipants(input: $input) { id } }`;
    const [dup, survivor] = await addParticipants(app, [
      { records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] },
      { records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] },
    ]);
    const mentee = await ect();
    const d = await insertDeclaration(app, { leadProviderId: w.P.id, participantId: dup.id, trainingRecordId: dup.ect, cohort: 2024, state: 'submitted' });
    const m = await insertDeclaration(app, {
      leadProviderId: w.P.id,
      participantId: survivor.id,
      trainingRecordId: survivor.mentor,
      courseIdentifier: 'ecf-mentor',
      cohort: 2024,
      state: 'submitted',
    });
    const menteeDecl = await insertDeclaration(app, { leadProviderId: w.P.id, participantId: mentee.id, trainingRecordId: mentee.ect, cohort: 2024 });
    await sql(app, `update participant_declarations set mentor_participant_id = ? where id = ?`, [dup.id, menteeDecl]);
    const before = await declarationRow(app, d);
    const res = await admin(MERGE, { input: { fromParticipantId: dup.id, toParticipantId: survivor.id } });
    expect(res.body.errors).toBeUndefined();
    const after = await declarationRow(app, d);
    expect(after).toMatchObject({ participant_id: survivor.id, training_record_id: dup.ect, state: 'submitted' });
    expect(after.updated_at > before.updated_at).toBe(true);
    const [listing] = await sql<{ participant_id: string }>(app, `select participant_id from participant_declaration_listings where declaration_id = ?`, [d]);
    expect(listing.participant_id).toBe(survivor.id);
    expect((await listingUpdatedAt(app, d))[w.P.id]).toBe(after.updated_at);
    expect((await declarationRow(app, m)).participant_id).toBe(survivor.id);
    const [mt] = await sql<{ mentor_participant_id: string }>(app, `select mentor_participant_id from participant_declarations where id = ?`, [menteeDecl]);
    expect(mt.mentor_participant_id).toBe(survivor.id);
  });
});
