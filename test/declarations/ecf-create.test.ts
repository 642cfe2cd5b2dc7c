/**
 * POST /api/v{1,2,3}/participant-declarations with an ECF token (ecf.md §4.1–4.5, §4.9): one test per rule and
 * message, the state after create, the attempts log, retired ids, other providers, X-With-Server-Date.
 */
import { startTestApp, type TestApp } from '../support/test-app.js';
import { showParticipant } from '../participants/fixtures.js';
import { createStatement } from '../partnerships/fixtures.js';
import {
  createDeclarationWorld,
  MESSAGES as M,
  participantWith,
  postDeclaration,
  SLOT_TAKEN_BODY,
  sql,
  started,
  type DeclarationWorld,
} from './ecf-create-fixtures.js';

let app: TestApp;
let w: DeclarationWorld;
let P: string;
let Q: string;

const err = (...entries: [string, string][]) => ({ errors: entries.map(([title, detail]) => ({ title, detail })) });
/** An ECT trained by P at school 0 (2024, standard september schedule), eligible for funding. */
const ect = (o: Parameters<typeof participantWith>[2] = {}) => participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }], o);
const attempts = (participantId: string) =>
  sql<{ outcome: string; errors: unknown; declaration_id: string | null; lead_provider_id: string; request: Record<string, unknown> }>(
    app,
    `select outcome, errors, declaration_id, lead_provider_id, request from participant_declaration_attempts where request->>'participant_id' = ? order by created_at`,
    [participantId],
  );
const declarationsOf = (participantId: string) =>
  sql<{ id: string; state: string }>(app, `select id, state from participant_declarations where participant_id = ?`, [participantId]);

beforeAll(async () => {
  app = await startTestApp();
  w = await createDeclarationWorld(app);
  P = w.P.token;
  Q = w.Q.token;
});
afterAll(async () => app?.close());

describe('request envelope', () => {
  it('a body without data is 400 bad request', async () => {
    for (const body of [{}, { data: {} }]) {
      const res = await app.request('POST', '/api/v3/participant-declarations', { token: P, body });
      expect(res.status).toBe(400);
      expect(res.body).toEqual(err(['Bad request', 'correct json data structure required. See API docs for reference']));
    }
  });

  it('data without attributes lists every missing attribute (participant_id, declaration_date, declaration_type)', async () => {
    const res = await app.request('POST', '/api/v3/participant-declarations', { token: P, body: { data: { type: 'participant-declaration' } } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(err(['participant_id', M.notRecognised], ['declaration_date', M.dateBlank], ['declaration_type', M.typeBlank]));
  });
});

describe('state after create', () => {
  it('a fundable ECT: eligible, on the next output-fee statement, with the delivery partner and mentor of the period at the date (v3 shape)', async () => {
    const mentor = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z' }], { type: 'mentor' });
    const p = await participantWith(app, [{ partnershipId: w.pA, start: '2024-09-01T00:00:00Z', mentorRecordId: mentor.recordId }]);
    const res = await postDeclaration(app, P, { ...started(p.id, '2024-10-01T10:00:00.123+01:00'), evidence_held: 'not-a-value', has_passed: true });
    expect(res.status).toBe(200);
    const { id, attributes } = res.body.data;
    expect(res.body.data.type).toBe('participant-declaration');
    expect(attributes).toEqual({
      participant_id: p.id,
      declaration_type: 'started',
      course_identifier: 'ecf-induction',
      declaration_date: '2024-10-01T09:00:00Z',
      mentor_id: mentor.id,
      state: 'eligible',
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      created_at: expect.stringMatching(/Z$/),
      delivery_partner_id: w.dp,
      statement_id: w.statements[2024],
      clawback_statement_id: null,
      ineligible_for_funding_reason: null,
      uplift_paid: false,
      // Pre-2025 `started` evidence is ignored and stored as null, even an invalid value (ecf.md §4.4).
      evidence_held: null,
      has_passed: null,
      lead_provider_name: w.P.name,
    });
    const history = await sql(
      app,
      `select state, state_reason, lead_provider_id from participant_declaration_states where declaration_id = ? order by created_at, state desc`,
      [id],
    );
    expect(history).toEqual([
      { state: 'submitted', state_reason: null, lead_provider_id: w.P.id },
      { state: 'eligible', state_reason: null, lead_provider_id: w.P.id },
    ]);
    expect(await sql(app, `select statement_id, state from statement_line_items where declaration_id = ?`, [id])).toEqual([
      { statement_id: w.statements[2024], state: 'eligible' },
    ]);
    const [row] = await sql(
      app,
      `select payment_statement_id, cohort_id = (select id from cohorts where start_year = 2024) as cohort_ok from participant_declarations where id = ?`,
      [id],
    );
    expect(row).toEqual({ payment_statement_id: w.statements[2024], cohort_ok: true });
    const show = await app.request('GET', `/api/v3/participant-declarations/${id}`, { token: P });
    expect(show.body).toEqual(res.body);
  });

  it('answers in each version’s ECF shape (v1, v2)', async () => {
    const [a, b] = [await ect(), await ect()];
    const v1 = await postDeclaration(app, P, started(a.id), { version: 'v1' });
    expect(v1.status).toBe(200);
    expect(Object.keys(v1.body.data.attributes)).toEqual([
      'participant_id',
      'declaration_type',
      'course_identifier',
      'eligible_for_payment',
      'declaration_date',
      'updated_at',
      'voided',
      'state',
      'has_passed',
    ]);
    expect(v1.body.data.attributes).toMatchObject({ eligible_for_payment: true, voided: false, state: 'eligible', declaration_date: '2024-10-01T10:00:00Z' });
    const v2 = await postDeclaration(app, P, started(b.id), { version: 'v2' });
    expect(v2.status).toBe(200);
    expect(Object.keys(v2.body.data.attributes)).toEqual([
      'participant_id',
      'declaration_type',
      'course_identifier',
      'declaration_date',
      'updated_at',
      'state',
      'has_passed',
    ]);
  });

  it('a participant not yet eligible for funding: submitted, on no statement (and no statement is needed)', async () => {
    const p = await participantWith(app, [{ partnershipId: w.qA, start: '2024-09-01T00:00:00Z' }], { fundingEligibility: 'manual_check' });
    const res = await postDeclaration(app, Q, started(p.id));
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toMatchObject({ state: 'submitted', statement_id: null });
    expect(await sql(app, `select count(*)::int as n from statement_line_items where declaration_id = ?`, [res.body.data.id])).toEqual([{ n: 0 }]);
  });

  it('the same TRN on another participant holding the slot: ineligible (duplicate_declaration), superseded by the oldest, on the statement', async () => {
    const trn = String(3_000_000 + Math.floor(Math.random() * 900_000));
    const [first, second] = [await ect({ trn }), await ect({ trn })];
    const original = await postDeclaration(app, P, started(first.id));
    expect(original.body.data.attributes.state).toBe('eligible');
    const dup = await postDeclaration(app, P, started(second.id, '2024-10-02T10:00:00Z'));
    expect(dup.status).toBe(200);
    expect(dup.body.data.attributes).toMatchObject({ state: 'ineligible', ineligible_for_funding_reason: 'duplicate_declaration', statement_id: null });
    const [row] = await sql(app, `select superseded_by_id, state_reason, payment_statement_id from participant_declarations where id = ?`, [dup.body.data.id]);
    expect(row).toEqual({ superseded_by_id: original.body.data.id, state_reason: 'duplicate', payment_statement_id: w.statements[2024] });
    expect(await sql(app, `select state from statement_line_items where declaration_id = ?`, [dup.body.data.id])).toEqual([{ state: 'ineligible' }]);
    expect(
      await sql(app, `select state, state_reason from participant_declaration_states where declaration_id = ? order by created_at, state desc`, [
        dup.body.data.id,
      ]),
    ).toEqual([
      { state: 'submitted', state_reason: null },
      { state: 'ineligible', state_reason: 'duplicate' },
    ]);
  });

  it('a retired participant id declares for the participant that took it over', async () => {
    const retired = crypto.randomUUID();
    const p = await ect({ retiredIds: [retired] });
    const res = await postDeclaration(app, P, started(retired));
    expect(res.status).toBe(200);
    expect(res.body.data.attributes.participant_id).toBe(p.id);
    expect((await attempts(retired)).map((a) => a.outcome)).toEqual(['created']);
  });

  it('every attempt whose participant resolves is recorded: the created one with its declaration, a rejected one with its errors', async () => {
    const p = await ect();
    const ok = await postDeclaration(app, P, started(p.id));
    const repeat = await postDeclaration(app, P, started(p.id));
    expect(repeat.status).toBe(422);
    expect(await attempts(p.id)).toEqual([
      { outcome: 'created', errors: null, declaration_id: ok.body.data.id, lead_provider_id: w.P.id, request: { ...started(p.id), evidence_held: null } },
      {
        outcome: 'rejected',
        errors: [{ field: 'base', message: M.slotTaken }],
        declaration_id: null,
        lead_provider_id: w.P.id,
        request: { ...started(p.id), evidence_held: null },
      },
    ]);
  });

  it('an unknown participant id is not recorded (nothing resolves)', async () => {
    const unknown = crypto.randomUUID();
    const res = await postDeclaration(app, P, started(unknown));
    expect(res.body).toEqual(err(['participant_id', M.notRecognised]));
    expect(await attempts(unknown)).toEqual([]);
  });
});

describe('rules and messages (ecf.md §4.2)', () => {
  it('rule 1: an unknown participant_id is not recognised', async () => {
    const res = await postDeclaration(app, P, started('not-a-uuid'));
    expect(res.status).toBe(422);
    expect(res.body).toEqual(err(['participant_id', M.notRecognised]));
  });

  it('rule 2: a declaration dated at or after the caller withdrew the participant is refused (before is accepted)', async () => {
    const p = await participantWith(app, [
      {
        partnershipId: w.pA,
        start: '2024-09-01T00:00:00Z',
        trainingStatus: 'withdrawn',
        reason: 'other',
        changedAt: '2024-10-15T12:00:00Z',
        byLeadProviderId: w.P.id,
      },
    ]);
    const after = await postDeclaration(app, P, started(p.id, '2024-11-01T00:00:00Z'));
    expect(after.status).toBe(422);
    expect(after.body).toEqual(err(['participant_id', M.withdrew('2024-10-15T12:00:00Z')]));
    // The live check is `withdrawn_at <= declaration_date`: the withdrawal instant itself is refused.
    expect((await postDeclaration(app, P, started(p.id, '2024-10-15T12:00:00Z'))).body).toEqual(err(['participant_id', M.withdrew('2024-10-15T12:00:00Z')]));
    const before = await postDeclaration(app, P, started(p.id, '2024-10-15T11:59:59Z'));
    expect(before.status).toBe(200);
  });

  it('rule 2: a withdrawal recorded by another provider does not count', async () => {
    const p = await participantWith(app, [
      {
        partnershipId: w.pA,
        start: '2024-09-01T00:00:00Z',
        trainingStatus: 'withdrawn',
        reason: 'other',
        changedAt: '2024-10-15T12:00:00Z',
        byLeadProviderId: w.Q.id,
      },
    ]);
    expect((await postDeclaration(app, P, started(p.id, '2024-11-01T00:00:00Z'))).status).toBe(200);
  });

  it('rule 3: a blank or unparseable declaration_date', async () => {
    const p = await ect();
    for (const date of [null, '', 'not a date', '2024-13-45T00:00:00Z']) {
      const res = await postDeclaration(app, P, { ...started(p.id), declaration_date: date });
      expect(res.body).toEqual(err(['declaration_date', M.dateBlank]));
    }
  });

  it('rule 4: a blank declaration_type (and so no milestone for it)', async () => {
    const p = await ect();
    const res = await postDeclaration(app, P, { ...started(p.id), declaration_type: '' });
    expect(res.body).toEqual(err(['declaration_type', `${M.typeBlank}, ${M.notInSchedule}`]));
  });

  it('rule 5: a date in the future of the request clock (with the milestone end, messages joined)', async () => {
    const p = await ect();
    const res = await postDeclaration(app, P, started(p.id, '2099-01-01T00:00:00Z'));
    expect(res.body).toEqual(err(['declaration_date', `${M.future}, ${M.afterEnd}`]));
  });

  it('rule 6: a date that is not an RFC 3339 date-time', async () => {
    const p = await ect();
    for (const date of ['2024-10-01', '2024-10-01 10:00:00', '2024-10-01T10:00Z']) {
      const res = await postDeclaration(app, P, { ...started(p.id), declaration_date: date });
      expect(res.body).toEqual(err(['declaration_date', M.format]));
    }
    for (const date of ['2024-10-01T10:00:00', '2024-10-01T10:00:00.5+01', '2024-10-01T10:00:00,25-0130']) {
      const other = await ect();
      expect((await postDeclaration(app, P, { ...started(other.id), declaration_date: date })).status).toBe(200);
    }
  });

  it('rule 7: the milestone window, from 00:00 UTC of the start to the last microsecond before the end of the cut-off day', async () => {
    const cases: [string, number, unknown][] = [
      ['2024-05-31T23:59:59.999999Z', 422, err(['declaration_date', M.beforeStart])],
      ['2024-06-01T01:00:00+01:00', 200, null],
      ['2024-12-31T23:59:59.999998Z', 200, null],
      ['2024-12-31T23:59:59.999999Z', 422, err(['declaration_date', M.afterEnd])],
    ];
    for (const [date, status, body] of cases) {
      const p = await ect();
      const res = await postDeclaration(app, P, started(p.id, date));
      expect([date, res.status]).toEqual([date, status]);
      if (body) expect(res.body).toEqual(body);
    }
  });

  it('rule 8: no next output-fee statement for a fundable participant: the funding contract has ended', async () => {
    const p = await participantWith(app, [{ partnershipId: w.qA, start: '2024-09-01T00:00:00Z' }]);
    const res = await postDeclaration(app, Q, started(p.id));
    expect(res.body).toEqual(err(['cohort', M.contractEnded(2024)]));
    expect(await declarationsOf(p.id)).toEqual([]);
  });

  it('rule 9: a declaration type the schedule has no milestone for', async () => {
    const p = await ect();
    const res = await postDeclaration(app, P, { ...started(p.id), declaration_type: 'extended-1', evidence_held: 'other' });
    expect(res.body).toEqual(err(['declaration_type', M.notInSchedule]));
  });

  it('rule 10: a second declaration for the participant, course and type (any provider) is refused on base', async () => {
    const p = await ect();
    expect((await postDeclaration(app, P, started(p.id))).status).toBe(200);
    const repeat = await postDeclaration(app, P, started(p.id, '2024-11-01T00:00:00Z'));
    expect(repeat.status).toBe(422);
    expect(repeat.body).toEqual(SLOT_TAKEN_BODY);
    expect(await declarationsOf(p.id)).toHaveLength(1);
  });

  it('rule 11: a mentor of a mentor-funding cohort (2025) may only declare started and completed', async () => {
    const p = await participantWith(app, [{ partnershipId: w.p25, start: '2025-09-01T00:00:00Z' }], { type: 'mentor' });
    const res = await postDeclaration(app, P, {
      participant_id: p.id,
      course_identifier: 'ecf-mentor',
      declaration_type: 'retained-1',
      declaration_date: '2025-10-01T00:00:00Z',
      evidence_held: 'other',
    });
    expect(res.body).toEqual(err(['declaration_type', M.mentorFunding]));
  });

  it('rule 12: a course the participant has no training record for, or no ECF course', async () => {
    const p = await ect();
    for (const course of ['ecf-mentor', 'ecf-something', '']) {
      const res = await postDeclaration(app, P, started(p.id, undefined, course));
      expect(res.body).toEqual(err(['course_identifier', M.courseNotRecognised]));
    }
  });

  it('an NPQ course is refused on its own (and not recorded as an attempt)', async () => {
    const p = await ect();
    const res = await postDeclaration(app, P, { ...started(p.id, undefined, 'npq-headship'), declaration_date: null });
    expect(res.body).toEqual(err(['course_identifier', 'NPQ Courses are no longer supported']));
    expect(await attempts(p.id)).toEqual([]);
  });

  it('rule 13: another provider’s participant is not recognised, and nothing is written', async () => {
    // Q has a statement for the cohort (else rule 8 answers first, as it does live).
    await createStatement(app, { leadProviderId: w.Q.id, cohort: 2024, month: 4, year: 2027, deadlineDate: '2027-04-30', paymentDate: '2027-05-25' });
    const p = await ect();
    const res = await postDeclaration(app, Q, started(p.id));
    expect(res.status).toBe(422);
    expect(res.body).toEqual(err(['participant_id', M.notRecognised]));
    expect(await declarationsOf(p.id)).toEqual([]);
    expect((await attempts(p.id)).map((a) => [a.outcome, a.lead_provider_id])).toEqual([['rejected', w.Q.id]]);
  });

  it('rule 13: a training record whose schedule the caller does not train it on is not recognised', async () => {
    const p = await ect();
    await sql(
      app,
      `update training_records set schedule_id = (select s.id from schedules s join cohorts c on c.id = s.cohort_id
        where c.start_year = 2024 and s.programme = 'ecf' and s.schedule_identifier = 'ecf-extended-september') where id = ?`,
      [p.recordId],
    );
    const res = await postDeclaration(app, P, started(p.id));
    expect(res.body).toEqual(err(['participant_id', M.notRecognised]));
  });

  it('rule 14 (2020–2024): evidence_held is required for every type but started, from the three basic values', async () => {
    const p = await ect();
    const retained = { participant_id: p.id, course_identifier: 'ecf-induction', declaration_type: 'retained-1', declaration_date: '2025-02-01T00:00:00Z' };
    expect((await postDeclaration(app, P, retained)).body).toEqual(err(['evidence_held', M.evidenceBlank]));
    expect((await postDeclaration(app, P, { ...retained, evidence_held: 'materials-engaged-with-offline' })).body).toEqual(
      err(['evidence_held', M.evidenceInvalid]),
    );
    const ok = await postDeclaration(app, P, { ...retained, evidence_held: 'self-study-material-completed' });
    expect(ok.status).toBe(200);
    expect(ok.body.data.attributes.evidence_held).toBe('self-study-material-completed');
  });

  it('rule 14 (2025+): per-type lists; started without evidence is accepted', async () => {
    const ect25 = await participantWith(app, [{ partnershipId: w.p25, start: '2025-09-01T00:00:00Z' }]);
    const base = { participant_id: ect25.id, course_identifier: 'ecf-induction', declaration_date: '2025-10-01T00:00:00Z' };
    const s = await postDeclaration(app, P, { ...base, declaration_type: 'started' });
    expect(s.status).toBe(200);
    expect(s.body.data.attributes.evidence_held).toBeNull();
    expect((await postDeclaration(app, P, { ...base, declaration_type: 'retained-2', evidence_held: 'training-event-attended' })).body).toEqual(
      err(['evidence_held', M.evidenceInvalid]),
    );
    const r2 = await postDeclaration(app, P, { ...base, declaration_type: 'retained-2', evidence_held: '75-percent-engagement-met' });
    expect(r2.status).toBe(200);
    expect(r2.body.data.attributes.evidence_held).toBe('75-percent-engagement-met');
  });
});

describe('mentor completion (ecf.md §4.9)', () => {
  it('a mentor completed declaration sets mentor_funding_end_date, and the participant’s updated_at moves', async () => {
    const m = await participantWith(app, [{ partnershipId: w.p25, start: '2025-09-01T00:00:00Z' }], { type: 'mentor' });
    const before = await showParticipant(app, P, m.id);
    expect(before.ecfEnrolments[0].mentorFundingEndDate).toBeNull();
    await new Promise((r) => setTimeout(r, 1100)); // updated_at is shown in whole seconds
    const res = await postDeclaration(app, P, {
      participant_id: m.id,
      course_identifier: 'ecf-mentor',
      declaration_type: 'completed',
      declaration_date: '2026-07-10T10:00:00Z',
      evidence_held: '75-percent-engagement-met',
    });
    expect(res.status).toBe(200);
    const after = await showParticipant(app, P, m.id);
    expect(after.ecfEnrolments[0]).toMatchObject({ mentorFundingEndDate: '2026-07-10', mentorIneligibleForFundingReason: 'completed_declaration_received' });
    expect(new Date(after.updatedAt).getTime()).toBeGreaterThan(new Date(before.updatedAt).getTime());
  });
});

describe('X-With-Server-Date', () => {
  it('declares ahead of time: a date in the future of the real clock is accepted when the travelled clock is later', async () => {
    const p = await participantWith(app, [{ partnershipId: w.p25, start: '2025-09-01T00:00:00Z' }]);
    const attrs = {
      participant_id: p.id,
      course_identifier: 'ecf-induction',
      declaration_type: 'retained-1',
      declaration_date: '2027-03-01T10:00:00Z',
      evidence_held: 'training-event-attended',
    };
    const real = await postDeclaration(app, P, attrs);
    expect(real.body).toEqual(err(['declaration_date', M.future]));
    const travelled = await postDeclaration(app, P, attrs, { serverDate: '2027-03-02T09:00:00Z' });
    expect(travelled.status).toBe(200);
    expect(travelled.body.data.attributes).toMatchObject({
      state: 'eligible',
      statement_id: w.statements[2025],
      created_at: expect.stringMatching(/^2027-03-02T09:/),
    });
  });
});

describe('GraphQL recordEcfParticipantDeclaration', () => {
  const MUTATION = `mutation($input: RecordEcfParticipantDeclarationInput!, $as: AsLeadProviderInput) {
    recordEcfParticipantDeclaration(input: $input, as: $as) { id participantId state statementId deliveryPartnerId leadProviderName } }`;
  const input = (id: string) => ({ participantId: id, courseIdentifier: 'ecf-induction', declarationType: 'started', declarationDate: '2024-10-01T10:00:00Z' });

  it('an admin records for a provider it names', async () => {
    const p = await ect();
    const res = await app.request('POST', '/graphql', {
      token: app.tokens.admin.token,
      body: { query: MUTATION, variables: { input: input(p.id), as: { leadProviderId: w.P.id, programme: 'ecf' } } },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.recordEcfParticipantDeclaration).toMatchObject({
      participantId: p.id,
      state: 'eligible',
      statementId: w.statements[2024],
      deliveryPartnerId: w.dp,
      leadProviderName: w.P.name,
    });
  });

  it('violations come back with the UNPROCESSABLE code, field by field', async () => {
    const res = await app.request('POST', '/graphql', { token: P, body: { query: MUTATION, variables: { input: { participantId: null } } } });
    expect(res.body.errors[0].extensions).toMatchObject({
      code: 'UNPROCESSABLE',
      violations: [
        { field: 'participantId', message: M.notRecognised },
        { field: 'declarationDate', message: M.dateBlank },
        { field: 'declarationType', message: M.typeBlank },
      ],
    });
  });

  it('an NPQ token is refused (the ECF programme’s operation)', async () => {
    const npq = app.token('Ambition Institute', 'npq');
    const res = await app.request('POST', '/graphql', { token: npq, body: { query: MUTATION, variables: { input: input(crypto.randomUUID()) } } });
    expect(res.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
