/**
 * PUT /api/v{1,2,3}/participant-declarations/{id}/void end to end (ecf.md §4.8, §12; npq.md §5.1, §5.6, §9.5):
 * one path, the token's programme picks rules and shape; 200 with the declaration in the version's shape, the live
 * error bodies (ECF 422 "Invalid action", NPQ 422 `declaration`, NPQ 403 "Cannot modify declaration", the family's
 * 404), nothing changed by a refused call, and the mentor completion that follows a voided completed declaration.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import { createProvider, sql } from '../partnerships/fixtures.js';
import { addParticipants, createWorld, type Created, type World } from '../participants/fixtures.js';
import { declarationRow, insertDeclaration, lineItems, listingUpdatedAt, statementDue, type DeclarationSpec } from './void-fixtures.js';

let app: TestApp;
let w: World;
let paidSt: string;
let nextSt: string;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
  paidSt = await statementDue(app, w.P.id, 2024, -40);
  nextSt = await statementDue(app, w.P.id, 2024, 20);
});
afterAll(async () => app?.close());

const put = (version: string, id: string, token: string, body?: unknown): Promise<TestResponse> =>
  app.request('PUT', `/api/${version}/participant-declarations/${id}/void`, { token, body });
const ect = async (): Promise<Created> =>
  (await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]))[0];
const ecfDeclaration = async (spec: Partial<DeclarationSpec> = {}): Promise<string> => {
  const c = await ect();
  return insertDeclaration(app, { leadProviderId: w.P.id, participantId: c.id, trainingRecordId: c.ect, cohort: 2024, ...spec });
};
const invalidAction = (detail: string) => ({ errors: [{ title: 'Invalid action', detail }] });

describe('ECF tokens', () => {
  it.each(['v1', 'v2', 'v3'])(
    '%s: voids an eligible declaration; 200 with the declaration (state voided, statement_id null), no body needed',
    async (version) => {
      const id = await ecfDeclaration({ state: 'eligible', statementId: nextSt });
      const res = await put(version, id, w.P.token);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id, type: 'participant-declaration', attributes: { state: 'voided' } });
      if (version === 'v3') expect(res.body.data.attributes).toMatchObject({ statement_id: null, clawback_statement_id: null });
      expect(await lineItems(app, id)).toEqual([{ statement_id: nextSt, state: 'voided' }]);
      const row = await declarationRow(app, id);
      expect(res.body.data.attributes.updated_at).toBe(row.updated_at.replace(/\.\d+Z$/, 'Z'));
    },
  );

  it('a body is ignored', async () => {
    const id = await ecfDeclaration({ state: 'submitted' });
    expect((await put('v3', id, w.P.token, { data: { type: 'participant-declaration-void', attributes: { state: 'paid' } } })).body.data.attributes.state).toBe(
      'voided',
    );
  });

  it('clawback of a paid declaration: 200 state awaiting-clawback (dasherized), clawback_statement_id the next statement, statement_id kept', async () => {
    const id = await ecfDeclaration({ state: 'paid', statementId: paidSt });
    const res = await put('v3', id, w.P.token);
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toMatchObject({ state: 'awaiting-clawback', statement_id: paidSt, clawback_statement_id: nextSt });
  });

  it('422 Invalid action bodies: already voided; clawed back; no statement for the clawback (prefixed)', async () => {
    const voided = await ecfDeclaration({ state: 'voided' });
    expect([(await put('v2', voided, w.P.token)).status, (await put('v2', voided, w.P.token)).body]).toEqual([
      422,
      invalidAction('This declaration has already been voided.'),
    ]);
    for (const state of ['awaiting_clawback', 'clawed_back'] as const) {
      const id = await ecfDeclaration({ state, statementId: paidSt, clawbackStatementId: nextSt });
      const res = await put('v1', id, w.P.token);
      expect([res.status, res.body]).toEqual([422, invalidAction('This declaration has been clawed-back, so you can only view it.')]);
    }
    const noStatement = await ecfDeclaration({ state: 'paid', statementId: paidSt, cohort: 2025 });
    const res = await put('v3', noStatement, w.P.token);
    expect([res.status, res.body]).toEqual([
      422,
      invalidAction(
        'Participant declaration You cannot submit or void declarations for the 2025 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us',
      ),
    ]);
    expect((await declarationRow(app, noStatement)).state).toBe('paid');
  });

  it('another provider gets 404 even when it reads the declaration (participant moved to it); nothing changes', async () => {
    const [c] = await addParticipants(app, [
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
    ]);
    const id = await insertDeclaration(app, {
      leadProviderId: w.P.id,
      participantId: c.id,
      trainingRecordId: c.ect,
      cohort: 2024,
      state: 'paid',
      statementId: paidSt,
    });
    const show = await app.request('GET', `/api/v3/participant-declarations/${id}`, { token: w.Q.token });
    expect(show.status).toBe(200);
    const before = { row: await declarationRow(app, id), items: await lineItems(app, id), listings: await listingUpdatedAt(app, id) };
    for (const version of ['v1', 'v2', 'v3']) {
      const res = await put(version, id, w.Q.token);
      expect([res.status, res.body]).toEqual([404, { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] }]);
    }
    expect({ row: await declarationRow(app, id), items: await lineItems(app, id), listings: await listingUpdatedAt(app, id) }).toEqual(before);
  });

  it('unknown and malformed ids: 404; admin tokens: 403; no token: 401', async () => {
    for (const id of [randomUUID(), 'not-a-uuid']) expect((await put('v3', id, w.P.token)).status).toBe(404);
    const id = await ecfDeclaration();
    expect((await put('v3', id, app.tokens.admin.token)).status).toBe(403);
    expect((await app.request('PUT', `/api/v3/participant-declarations/${id}/void`)).status).toBe(401);
    expect((await declarationRow(app, id)).state).toBe('submitted');
  });

  it("voiding a mentor's completed declaration clears mentor_funding_end_date (ecf.md §4.9) and moves the participant for the provider", async () => {
    const [m] = await addParticipants(app, [{ records: [{ type: 'mentor', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]);
    const id = await insertDeclaration(app, {
      leadProviderId: w.P.id,
      participantId: m.id,
      trainingRecordId: m.mentor,
      courseIdentifier: 'ecf-mentor',
      declarationType: 'completed',
      declarationDate: '2026-05-01T10:00:00Z',
      cohort: 2024,
      state: 'eligible',
      statementId: nextSt,
    });
    await sql(
      app,
      `update training_records set mentor_funding_end_date = '2026-05-01', mentor_funding_end_reason = 'completed_declaration_received' where id = ?`,
      [m.mentor],
    );
    const viewUpdated = async () =>
      (
        await sql<{ u: Date }>(app, `select updated_at as u from participant_provider_views where lead_provider_id = ? and participant_id = ?`, [w.P.id, m.id])
      )[0].u;
    const before = await viewUpdated();
    expect((await put('v3', id, w.P.token)).status).toBe(200);
    const [tr] = await sql(app, `select mentor_funding_end_date, mentor_funding_end_reason from training_records where id = ?`, [m.mentor]);
    expect(tr).toEqual({ mentor_funding_end_date: null, mentor_funding_end_reason: null });
    expect((await viewUpdated()) > before).toBe(true);
  });
});

describe('NPQ tokens', () => {
  let A: { id: string; token: string };
  let B: { id: string; token: string };
  let npqNext: string;
  beforeAll(async () => {
    A = await createProvider(app, 'npq');
    B = await createProvider(app, 'npq');
    npqNext = await statementDue(app, A.id, 2024, 20, { programme: 'npq' });
  });
  const npqDeclaration = async (spec: Partial<DeclarationSpec> & { holder?: string } = {}): Promise<string> => {
    const person = randomUUID();
    const application = randomUUID();
    await sql(
      app,
      `insert into npq_participants (id, full_name, email, trn, trn_verified, created_at, updated_at) values (?, 'P', ?, null, false, now(), now())`,
      [person, `${person}@school.example`],
    );
    await sql(
      app,
      `insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, schedule_id, status, training_status,
                                     accepted_at, funded_place, eligible_for_funding, teacher_catchment, created_at, updated_at)
       select ?, ?, ?, 'npq-headship', c.id, (select s.id from schedules s where s.npq_cohort_id = c.id and 'npq-headship' = any(s.course_identifiers) limit 1),
              'accepted', 'active', now(), true, true, 'england', now(), now()
         from npq_cohorts c where c.identifier = '2024a'`,
      [application, person, spec.holder ?? A.id],
    );
    return insertDeclaration(app, { programme: 'npq', leadProviderId: A.id, participantId: person, applicationId: application, cohort: 2024, ...spec });
  };

  it.each(['v1', 'v2', 'v3'])('%s: voids; 200 with the NPQ shape', async (version) => {
    const id = await npqDeclaration({ state: 'eligible', statementId: npqNext });
    const res = await put(version, id, A.token);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id, attributes: { state: 'voided', course_identifier: 'npq-headship' } });
  });

  it('422 [declaration] bodies', async () => {
    const id = await npqDeclaration({ state: 'voided' });
    const res = await put('v3', id, A.token);
    expect([res.status, res.body]).toEqual([422, { errors: [{ title: 'declaration', detail: 'This declaration has already been voided.' }] }]);
    const claw = await npqDeclaration({ state: 'clawed_back', statementId: npqNext, clawbackStatementId: npqNext, cohort: 2025 });
    expect((await put('v2', claw, A.token)).body).toEqual({
      errors: [
        {
          title: 'declaration',
          detail:
            'The declaration will or has been be refunded., You cannot submit or void declarations for the 2025 cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.',
        },
      ],
    });
  });

  it("the application's current provider: v3 403 Cannot modify declaration, v1/v2 404; others: NPQ 404; an ECF token: ECF 404; nothing changes", async () => {
    const id = await npqDeclaration({ state: 'eligible', statementId: npqNext, holder: B.id });
    const before = await declarationRow(app, id);
    const res = await put('v3', id, B.token);
    expect([res.status, res.body]).toEqual([
      403,
      { errors: [{ title: 'Cannot modify declaration', detail: 'The declaration cannot be modified because it was created by another lead provider' }] },
    ]);
    // v1/v2 never answered 403 here (npq.md §2.3): the declaration is simply not the caller's.
    for (const version of ['v1', 'v2'])
      expect([(await put(version, id, B.token)).status, (await put(version, id, B.token)).body]).toEqual([404, { error: 'Resource not found' }]);
    const stranger = await createProvider(app, 'npq');
    expect([(await put('v1', id, stranger.token)).status, (await put('v1', id, stranger.token)).body]).toEqual([404, { error: 'Resource not found' }]);
    expect((await put('v3', id, w.P.token)).status).toBe(404);
    expect(await declarationRow(app, id)).toEqual(before);
  });
});
