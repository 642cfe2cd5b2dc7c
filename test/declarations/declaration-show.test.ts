/**
 * GET /api/v{1,2,3}/participant-declarations/{id}: the token's programme picks the records and the shape
 * (ecf.md §2.8, npq.md §2.2–2.3); the declaration must be one the caller may read (else 404).
 */
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  ecfPeriods,
  insertEcfDeclaration,
  insertNpqDeclaration,
  npqApplications,
  otherProvider,
  rebuildListings,
  sql,
  statementOf,
} from './declaration-fixtures.js';

const ECF_NOT_FOUND = { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] };
const NPQ_NOT_FOUND = { error: 'Resource not found' };

let app: TestApp;
let ecf: string;
let npq: string;
let otherEcf: string;
let otherNpq: string;
let lp: string;
let ecfId: string;
let npqId: string;
let mentorId: string;
let ecfStatement: string;
let npqStatement: string;
let ecfParticipant: string;
let npqApplication: { id: string; participantId: string; courseIdentifier: string };
let dp: { id: string; name: string };

beforeAll(async () => {
  app = await startTestApp();
  lp = app.leadProviderId('Ambition Institute');
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
  otherEcf = app.token(otherProvider(app, 'ecf', 'Ambition Institute').name, 'ecf');
  otherNpq = app.token(otherProvider(app, 'npq', 'Ambition Institute').name, 'npq');
  const [period] = await ecfPeriods(app, lp, 1);
  ecfParticipant = period.participantId;
  [{ id: mentorId }] = await sql<{ id: string }>(app, `select participant_id as id from training_records where participant_type = 'mentor' limit 1`);
  ecfStatement = await statementOf(app, lp, 'ecf');
  npqStatement = await statementOf(app, lp, 'npq');
  ecfId = await insertEcfDeclaration(app, period, {
    leadProviderId: lp,
    state: 'paid',
    declarationDate: '2025-10-01T09:30:15.987Z',
    createdAt: '2025-10-02T10:00:00.5Z',
    updatedAt: '2025-10-03T11:00:00.25Z',
    paymentStatementId: ecfStatement,
    mentorParticipantId: mentorId,
    pupilPremiumUplift: true,
    evidenceHeld: 'training-event-attended',
  });
  const [application] = await npqApplications(app, lp, 1);
  npqApplication = application;
  [dp] = await sql<{ id: string; name: string }>(app, `select id, name from delivery_partners order by id limit 1`);
  await sql(app, `update npq_applications set targeted_delivery_funding_eligibility = true where id = ?`, [application.id]);
  npqId = await insertNpqDeclaration(app, application, {
    leadProviderId: lp,
    state: 'paid',
    paymentStatementId: npqStatement,
    deliveryPartnerId: dp.id,
    createdAt: '2025-10-02T10:00:00Z',
    updatedAt: '2025-10-03T11:00:00Z',
  });
  await rebuildListings(app);
});
afterAll(async () => app?.close());

describe('ECF token', () => {
  it('v1: the v1 attributes in order', async () => {
    const res = await app.request('GET', `/api/v1/participant-declarations/${ecfId}`, { token: ecf });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        id: ecfId,
        type: 'participant-declaration',
        attributes: {
          participant_id: ecfParticipant,
          declaration_type: 'started',
          course_identifier: 'ecf-induction',
          eligible_for_payment: false,
          declaration_date: '2025-10-01T09:30:15Z',
          updated_at: '2025-10-03T11:00:00Z',
          voided: false,
          state: 'paid',
          has_passed: null,
        },
      },
    });
    expect(Object.keys(res.body.data.attributes)).toEqual([
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
  });

  it('v2: the v2 attributes in order', async () => {
    const res = await app.request('GET', `/api/v2/participant-declarations/${ecfId}`, { token: ecf });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.data.attributes)).toEqual([
      'participant_id',
      'declaration_type',
      'course_identifier',
      'declaration_date',
      'updated_at',
      'state',
      'has_passed',
    ]);
  });

  it('v3: every v3 field, uplift paid for a paid started ecf-induction with an uplift flag', async () => {
    const res = await app.request('GET', `/api/v3/participant-declarations/${ecfId}`, { token: ecf });
    expect(res.status).toBe(200);
    const [period] = await sql<{ dp: string }>(app, `select delivery_partner_id as dp from participant_declarations where id = ?`, [ecfId]);
    expect(res.body.data.attributes).toEqual({
      participant_id: ecfParticipant,
      declaration_type: 'started',
      course_identifier: 'ecf-induction',
      declaration_date: '2025-10-01T09:30:15Z',
      mentor_id: mentorId,
      state: 'paid',
      updated_at: '2025-10-03T11:00:00Z',
      created_at: '2025-10-02T10:00:00Z',
      delivery_partner_id: period.dp,
      statement_id: ecfStatement,
      clawback_statement_id: null,
      ineligible_for_funding_reason: null,
      uplift_paid: true,
      evidence_held: 'training-event-attended',
      has_passed: null,
      lead_provider_name: 'Ambition Institute',
    });
    expect(Object.keys(res.body.data.attributes)).toEqual([
      'participant_id',
      'declaration_type',
      'course_identifier',
      'declaration_date',
      'mentor_id',
      'state',
      'updated_at',
      'created_at',
      'delivery_partner_id',
      'statement_id',
      'clawback_statement_id',
      'ineligible_for_funding_reason',
      'uplift_paid',
      'evidence_held',
      'has_passed',
      'lead_provider_name',
    ]);
  });

  it('an NPQ declaration id is 404 for an ECF token, and an unknown or malformed id too', async () => {
    for (const id of [npqId, '00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await app.request('GET', `/api/v3/participant-declarations/${id}`, { token: ecf });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(ECF_NOT_FOUND);
    }
  });

  it("another provider's own declaration is 404 (not visible)", async () => {
    for (const v of ['v1', 'v2', 'v3']) {
      const res = await app.request('GET', `/api/${v}/participant-declarations/${ecfId}`, { token: otherEcf });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(ECF_NOT_FOUND);
    }
  });
});

describe('NPQ token', () => {
  it('v3: the NPQ v3 attributes in order, the outcome as has_passed', async () => {
    await sql(
      app,
      `insert into npq_outcomes (id, application_id, participant_id, lead_provider_id, declaration_id, state, completion_date, created_at, updated_at)
       values (gen_random_uuid(), ?, ?, ?, ?, 'failed', '2025-10-01', '2025-10-04T00:00:00Z', '2025-10-04T00:00:00Z'),
              (gen_random_uuid(), ?, ?, ?, ?, 'passed', '2025-10-01', '2025-10-05T00:00:00Z', '2025-10-05T00:00:00Z')`,
      [npqApplication.id, npqApplication.participantId, lp, npqId, npqApplication.id, npqApplication.participantId, lp, npqId],
    );
    const res = await app.request('GET', `/api/v3/participant-declarations/${npqId}`, { token: npq });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      id: npqId,
      type: 'participant-declaration',
      attributes: {
        participant_id: npqApplication.participantId,
        declaration_type: 'started',
        course_identifier: npqApplication.courseIdentifier,
        declaration_date: '2025-10-01T09:30:15Z',
        state: 'paid',
        has_passed: true,
        delivery_partner_id: dp.id,
        delivery_partner_name: dp.name,
        secondary_delivery_partner_id: null,
        secondary_delivery_partner_name: null,
        statement_id: npqStatement,
        application_id: npqApplication.id,
        clawback_statement_id: null,
        uplift_paid: !['npq-additional-support-offer', 'npq-early-headship-coaching-offer'].includes(npqApplication.courseIdentifier),
        lead_provider_name: 'Ambition Institute',
        ineligible_for_funding_reason: null,
        created_at: '2025-10-02T10:00:00Z',
        updated_at: '2025-10-03T11:00:00Z',
      },
    });
  });

  it('v1 and v2: their attribute sets', async () => {
    const v1 = await app.request('GET', `/api/v1/participant-declarations/${npqId}`, { token: npq });
    expect(v1.status).toBe(200);
    expect(Object.keys(v1.body.data.attributes)).toEqual([
      'participant_id',
      'declaration_type',
      'course_identifier',
      'declaration_date',
      'state',
      'has_passed',
      'voided',
      'eligible_for_payment',
      'updated_at',
    ]);
    const v2 = await app.request('GET', `/api/v2/participant-declarations/${npqId}`, { token: npq });
    expect(v2.status).toBe(200);
    expect(Object.keys(v2.body.data.attributes)).toEqual([
      'participant_id',
      'declaration_type',
      'course_identifier',
      'declaration_date',
      'state',
      'has_passed',
      'updated_at',
    ]);
  });

  it("an ECF id, an unknown id, and another provider's NPQ declaration are the NPQ 404", async () => {
    for (const [id, token] of [
      [ecfId, npq],
      ['00000000-0000-4000-8000-000000000000', npq],
      [npqId, otherNpq],
    ]) {
      const res = await app.request('GET', `/api/v3/participant-declarations/${id}`, { token });
      expect(res.status).toBe(404);
      expect(res.body).toEqual(NPQ_NOT_FOUND);
    }
  });
});
