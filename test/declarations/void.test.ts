/**
 * Void and clawback in the domain (ecf.md §4.8, npq.md §5.1, §5.6): every message, the state after a void (line
 * item voided, statement_id null, history row, listings' updated_at moved) and after a clawback (awaiting_clawback
 * with a refundable line item on the next output-fee statement, statement_id kept), cross-provider attempts (ECF
 * not found, NPQ "Cannot modify declaration") changing nothing, and NPQ outcome retraction.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { voidDeclaration, VOID_MESSAGES } from '../../src/domain/declarations/void-declaration.service.js';
import { DomainError } from '../../src/domain/shared/domain-error.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { createProvider, sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type Created, type World } from '../participants/fixtures.js';
import { declarationRow, history, insertDeclaration, lineItems, listingUpdatedAt, statementDue, type DeclarationSpec } from './void-fixtures.js';

let app: TestApp;
let w: World;
/** P's statements in 2024: one already past its deadline (holds paid items), the next open one. */
let paidSt: string;
let nextSt: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  paidSt = await statementDue(app, w.P.id, 2024, -40);
  nextSt = await statementDue(app, w.P.id, 2024, 20);
  // A later open one: the next statement is the earliest deadline, not this one.
  await statementDue(app, w.P.id, 2024, 50);
  // Not output-fee, earlier deadline: never chosen.
  await statementDue(app, w.P.id, 2024, 5, { outputFee: false });
});
afterAll(async () => app?.close());

const clock = () => fixedOffsetClock(() => new Date());
const voidAs = (leadProviderId: string, declarationId: string, programme: 'ecf' | 'npq' = 'ecf') =>
  voidDeclaration(app.db.orm.em.fork(), clock(), { leadProviderId, programme, declarationId });

async function refused(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const ect = async (): Promise<Created> =>
  (await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]))[0];
const ecfDeclaration = async (spec: Partial<DeclarationSpec> = {}): Promise<{ id: string; c: Created }> => {
  const c = await ect();
  const id = await insertDeclaration(app, { leadProviderId: w.P.id, participantId: c.id, trainingRecordId: c.ect, cohort: 2024, ...spec });
  return { id, c };
};

/** Nothing about the declaration changed: row, items, history, listings. */
async function snapshot(id: string) {
  return { row: await declarationRow(app, id), items: await lineItems(app, id), history: await history(app, id), listings: await listingUpdatedAt(app, id) };
}

describe('ECF void (ecf.md §4.8)', () => {
  it.each(['submitted', 'eligible', 'payable', 'ineligible'] as const)(
    '%s → voided; its line item voided, statement_id null, a history row by the provider, listing updated_at moved',
    async (state) => {
      const { id } = await ecfDeclaration({ state, statementId: state === 'submitted' ? undefined : nextSt });
      const before = await snapshot(id);
      expect(await voidAs(w.P.id, id)).toBe(id);
      const after = await snapshot(id);
      expect(after.row).toMatchObject({ state: 'voided', payment_statement_id: null, clawback_statement_id: null, voided: true });
      expect(after.items).toEqual(state === 'submitted' ? [] : [{ statement_id: nextSt, state: 'voided' }]);
      expect(after.history).toEqual([...before.history, { state: 'voided', lead_provider_id: w.P.id }]);
      expect(after.row.updated_at > before.row.updated_at).toBe(true);
      expect(after.listings[w.P.id] > before.listings[w.P.id]).toBe(true);
      expect(after.listings[w.P.id]).toBe(after.row.updated_at);
    },
  );

  it('voids with no open statement at all (no statement check for these states)', async () => {
    const { id } = await ecfDeclaration({ cohort: 2025, state: 'eligible', statementId: nextSt });
    await voidAs(w.P.id, id);
    expect((await declarationRow(app, id)).state).toBe('voided');
  });

  it('paid → awaiting_clawback: a refundable item on the next output-fee statement (clawback_statement_id), statement_id kept', async () => {
    const { id } = await ecfDeclaration({ state: 'paid', statementId: paidSt });
    const before = await snapshot(id);
    await voidAs(w.P.id, id);
    const after = await snapshot(id);
    expect(after.row).toMatchObject({ state: 'awaiting_clawback', payment_statement_id: paidSt, clawback_statement_id: nextSt, voided: false });
    expect(after.items).toEqual([
      { statement_id: paidSt, state: 'paid' },
      { statement_id: nextSt, state: 'awaiting_clawback' },
    ]);
    expect(after.history.at(-1)).toEqual({ state: 'awaiting_clawback', lead_provider_id: w.P.id });
    expect(after.listings[w.P.id] > before.listings[w.P.id]).toBe(true);
  });

  it('paid with no open output-fee statement for the cohort: 422 Invalid action, "Participant declaration " + the contract message; nothing changes', async () => {
    const { id } = await ecfDeclaration({ cohort: 2025, state: 'paid', statementId: paidSt });
    const before = await snapshot(id);
    const e = await refused(voidAs(w.P.id, id));
    expect(e.code).toBe('invalid_transition');
    expect(e.message).toBe(
      'Participant declaration You cannot submit or void declarations for the 2025 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us',
    );
    expect(await snapshot(id)).toEqual(before);
  });

  it('paid with a refundable item already and no statement: both messages, each prefixed, joined with ", "', async () => {
    const { id } = await ecfDeclaration({ cohort: 2025, state: 'paid', statementId: paidSt });
    await sql(
      app,
      `insert into statement_line_items (id, statement_id, declaration_id, state, created_at, updated_at) values (?, ?, ?, 'clawed_back', now(), now())`,
      [randomUUID(), paidSt, id],
    );
    const e = await refused(voidAs(w.P.id, id));
    expect(e.message).toBe(
      `${VOID_MESSAGES.ecf.prefix}will or has been be refunded, ${VOID_MESSAGES.ecf.prefix}You cannot submit or void declarations for the 2025 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us`,
    );
  });

  it('voided → "This declaration has already been voided."', async () => {
    const { id } = await ecfDeclaration({ state: 'voided' });
    const before = await snapshot(id);
    const e = await refused(voidAs(w.P.id, id));
    expect([e.code, e.message]).toEqual(['invalid_transition', 'This declaration has already been voided.']);
    expect(await snapshot(id)).toEqual(before);
  });

  it.each(['awaiting_clawback', 'clawed_back'] as const)('%s → "This declaration has been clawed-back, so you can only view it."', async (state) => {
    const { id } = await ecfDeclaration({ state, statementId: paidSt, clawbackStatementId: nextSt });
    const before = await snapshot(id);
    const e = await refused(voidAs(w.P.id, id));
    expect([e.code, e.message]).toEqual(['invalid_transition', 'This declaration has been clawed-back, so you can only view it.']);
    expect(await snapshot(id)).toEqual(before);
  });

  it('a second void of the same declaration is refused as already voided', async () => {
    const { id } = await ecfDeclaration({ state: 'eligible', statementId: nextSt });
    await voidAs(w.P.id, id);
    expect((await refused(voidAs(w.P.id, id))).message).toBe(VOID_MESSAGES.ecf.alreadyVoided);
  });

  it('another provider that sees the declaration (the participant moved to it) gets not found and nothing changes', async () => {
    const c = (
      await addParticipants(app, [
        {
          records: [
            {
              type: 'ect',
              periods: [
                { partnershipId: w.pA, start: '2024-09-02T00:00:00Z', end: '2024-12-31T00:00:00Z', inductionStatus: 'leaving' },
                { partnershipId: w.qA, start: '2025-01-01T00:00:00Z', schoolTransfer: true },
              ],
            },
          ],
        },
      ])
    )[0];
    const id = await insertDeclaration(app, {
      leadProviderId: w.P.id,
      participantId: c.id,
      trainingRecordId: c.ect,
      cohort: 2024,
      state: 'eligible',
      statementId: nextSt,
    });
    const before = await snapshot(id);
    expect(Object.keys(before.listings).sort()).toEqual([w.P.id, w.Q.id].sort());
    const e = await refused(voidAs(w.Q.id, id));
    expect(e.code).toBe('not_found');
    expect(await snapshot(id)).toEqual(before);
  });

  it('unknown id, a non-UUID, and an NPQ token on an ECF declaration: not found', async () => {
    const { id } = await ecfDeclaration({ state: 'submitted' });
    for (const p of [voidAs(w.P.id, randomUUID()), voidAs(w.P.id, 'nope'), voidAs(w.P.id, id, 'npq')]) expect((await refused(p)).code).toBe('not_found');
    expect((await declarationRow(app, id)).state).toBe('submitted');
  });
});

describe('NPQ void (npq.md §5.6)', () => {
  let A: { id: string; token: string };
  let B: { id: string; token: string };
  let npqPaid: string;
  let npqNext: string;
  beforeAll(async () => {
    A = await createProvider(app, 'npq');
    B = await createProvider(app, 'npq');
    npqPaid = await statementDue(app, A.id, 2024, -40, { programme: 'npq' });
    npqNext = await statementDue(app, A.id, 2024, 20, { programme: 'npq' });
  });

  /** An accepted application of a new person with A (or `provider`), and a declaration A submitted on it. */
  async function npqDeclaration(spec: Partial<DeclarationSpec> & { holder?: string } = {}): Promise<{ id: string; person: string; application: string }> {
    const person = randomUUID();
    const application = randomUUID();
    await sql(
      app,
      `insert into npq_participants (id, full_name, email, trn, trn_verified, created_at, updated_at) values (?, 'Fixture Person', ?, null, false, now(), now())`,
      [person, `${person}@school.example`],
    );
    await sql(
      app,
      `insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, schedule_id, status, training_status,
                                     accepted_at, funded_place, eligible_for_funding, teacher_catchment, created_at, updated_at)
       select ?, ?, ?, ?, c.id, (select s.id from schedules s where s.npq_cohort_id = c.id and ? = any(s.course_identifiers) order by s.applies_from limit 1),
              'accepted', 'active', now(), true, true, 'england', now(), now()
         from npq_cohorts c where c.identifier = '2024a'`,
      [application, person, spec.holder ?? A.id, spec.courseIdentifier ?? 'npq-headship', spec.courseIdentifier ?? 'npq-headship'],
    );
    const id = await insertDeclaration(app, {
      programme: 'npq',
      leadProviderId: A.id,
      participantId: person,
      applicationId: application,
      cohort: 2024,
      ...spec,
    });
    return { id, person, application };
  }
  const npqVoid = (lp: string, id: string) => voidAs(lp, id, 'npq');

  it.each(['submitted', 'eligible', 'payable', 'ineligible'] as const)('%s → voided, line item voided, statement_id null', async (state) => {
    const { id } = await npqDeclaration({ state, statementId: state === 'submitted' ? undefined : npqNext });
    await npqVoid(A.id, id);
    expect(await declarationRow(app, id)).toMatchObject({ state: 'voided', payment_statement_id: null });
    expect(await lineItems(app, id)).toEqual(state === 'submitted' ? [] : [{ statement_id: npqNext, state: 'voided' }]);
  });

  it('paid → awaiting_clawback on the next output-fee statement; statement_id kept', async () => {
    const { id } = await npqDeclaration({ state: 'paid', statementId: npqPaid });
    await npqVoid(A.id, id);
    expect(await declarationRow(app, id)).toMatchObject({ state: 'awaiting_clawback', payment_statement_id: npqPaid, clawback_statement_id: npqNext });
  });

  const violations = (e: DomainError) => [e.code, e.violations];

  it('voided → [declaration] "This declaration has already been voided."', async () => {
    const { id } = await npqDeclaration({ state: 'voided' });
    expect(violations(await refused(npqVoid(A.id, id)))).toEqual([
      'validation',
      [{ field: 'declaration', message: 'This declaration has already been voided.' }],
    ]);
  });

  it('awaiting_clawback: "The declaration will or has been be refunded." (a refundable item exists), not "must be paid"', async () => {
    const { id } = await npqDeclaration({ state: 'awaiting_clawback', statementId: npqPaid, clawbackStatementId: npqNext });
    expect(violations(await refused(npqVoid(A.id, id)))).toEqual([
      'validation',
      [{ field: 'declaration', message: 'The declaration will or has been be refunded.' }],
    ]);
  });

  it('clawed_back with no next statement (cohort 2025): refunded, then the contract message with its full stop', async () => {
    const { id } = await npqDeclaration({ cohort: 2025, state: 'clawed_back', statementId: npqPaid, clawbackStatementId: npqNext });
    expect(violations(await refused(npqVoid(A.id, id)))).toEqual([
      'validation',
      [
        { field: 'declaration', message: 'The declaration will or has been be refunded.' },
        {
          field: 'declaration',
          message:
            'You cannot submit or void declarations for the 2025 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.',
        },
      ],
    ]);
  });

  it('"The declaration must be paid before it can be clawed back." when the only problem is the state (awaiting_clawback without its item)', async () => {
    const { id } = await npqDeclaration({ state: 'awaiting_clawback', statementId: npqPaid });
    expect(violations(await refused(npqVoid(A.id, id)))).toEqual([
      'validation',
      [{ field: 'declaration', message: 'The declaration must be paid before it can be clawed back.' }],
    ]);
  });

  it('the application’s current provider (sees it, did not submit it) gets 403 "Cannot modify declaration"; a stranger not found; nothing changes', async () => {
    const { id } = await npqDeclaration({ state: 'eligible', statementId: npqNext, holder: B.id });
    const before = await snapshot(id);
    const e = await refused(npqVoid(B.id, id));
    expect([e.code, e.message, e.violations]).toEqual([
      'forbidden',
      'The declaration cannot be modified because it was created by another lead provider',
      [{ field: 'Cannot modify declaration', message: 'The declaration cannot be modified because it was created by another lead provider' }],
    ]);
    const stranger = await createProvider(app, 'npq');
    expect((await refused(npqVoid(stranger.id, id))).code).toBe('not_found');
    expect((await refused(voidAs(A.id, id, 'ecf'))).code).toBe('not_found');
    expect(await snapshot(id)).toEqual(before);
  });

  describe('outcome retraction (completed, leadership or specialist course)', () => {
    const outcomes = (declarationId: string) =>
      sql<{ state: string; completion_date: string; lead_provider_id: string }>(
        app,
        `select state, to_char(completion_date, 'YYYY-MM-DD') as completion_date, lead_provider_id from npq_outcomes where declaration_id = ? order by created_at, id`,
        [declarationId],
      );
    const passedOutcome = async (d: { id: string; person: string; application: string }) =>
      sql(
        app,
        `insert into npq_outcomes (id, application_id, participant_id, lead_provider_id, declaration_id, state, completion_date, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, ?, 'passed', '2025-01-10', now() - interval '1 minute', now() - interval '1 minute')`,
        [d.application, d.person, A.id, d.id],
      );

    it('voiding a completed headship declaration appends a voided outcome (completion date = declaration date) and has_passed becomes null', async () => {
      const d = await npqDeclaration({
        declarationType: 'completed',
        declarationDate: '2025-01-10T09:00:00Z',
        state: 'eligible',
        statementId: npqNext,
        hasPassed: true,
      });
      await passedOutcome(d);
      await npqVoid(A.id, d.id);
      expect(await outcomes(d.id)).toEqual([
        { state: 'passed', completion_date: '2025-01-10', lead_provider_id: A.id },
        { state: 'voided', completion_date: '2025-01-10', lead_provider_id: A.id },
      ]);
      const [o] = await sql<{ created: string; updated: string }>(
        app,
        `select created_at::text as created, updated_at::text as updated from npq_outcomes where declaration_id = ? and state = 'voided'`,
        [d.id],
      );
      expect(o.created).toBe(o.updated);
      expect((await declarationRow(app, d.id)).has_passed).toBeNull();
    });

    it('a clawback retracts too', async () => {
      const d = await npqDeclaration({
        declarationType: 'completed',
        declarationDate: '2025-01-10T09:00:00Z',
        state: 'paid',
        statementId: npqPaid,
        hasPassed: false,
      });
      await npqVoid(A.id, d.id);
      expect((await outcomes(d.id)).map((o) => o.state)).toEqual(['voided']);
    });

    it('no retraction for EHCO, nor for a started declaration', async () => {
      const ehco = await npqDeclaration({ declarationType: 'completed', courseIdentifier: 'npq-early-headship-coaching-offer', state: 'submitted' });
      const started = await npqDeclaration({ declarationType: 'started', state: 'submitted' });
      await npqVoid(A.id, ehco.id);
      await npqVoid(A.id, started.id);
      expect(await outcomes(ehco.id)).toEqual([]);
      expect(await outcomes(started.id)).toEqual([]);
    });
  });
});
