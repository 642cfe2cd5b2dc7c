/**
 * Contract of the RECT v3 participant actions (PUT /participants/{id}/defer|resume|withdraw|change-schedule,
 * rect.md §7.2–7.5) against the reference rect_v3 document and the own v3 document: the 200 body is the RECT
 * participant (as the RECT show answers it), the 422s carry RECT's messages, the 404 and 400 are RECT's.
 */
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import { addParticipants, createWorld, type World } from '../participants/fixtures.js';
import {
  expectContract,
  expectUnauthorised,
  FORBIDDEN_NPQ_ON_ECF,
  MISSING_DATA_BODY,
  NOT_FOUND_BODY,
  UNKNOWN_ID,
  v3,
  type RefCheck,
} from './contract-support.js';

const RECT: RefCheck[] = [{ spec: 'rect_v3' }];

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app?.close());

const path = (id: string, action: string) => v3(`/participants/${id}/${action}`);
const put = (id: string, action: string, attributes: Record<string, unknown> | undefined, token = w.P.token, at?: string): Promise<TestResponse> =>
  app.request('PUT', path(id, action), {
    token,
    body: attributes === undefined ? {} : { data: { type: `participant-${action}`, attributes } },
    headers: at ? { 'X-With-Server-Date': at } : {},
  });
const newEct = async () => (await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]))[0];

describe('PUT /api/v3/participants/{id}/… (RECT)', () => {
  it('answers every action with the RECT participant, the same body as the RECT show', async () => {
    const c = await newEct();
    // A day apart: RECT refuses a resume on the day of the deferral (rect.md §7.4).
    const steps: [string, Record<string, unknown>, string, string][] = [
      ['defer', { course_identifier: 'ecf-induction', reason: 'career-break' }, 'deferred', '2025-01-10T10:00:00Z'],
      ['resume', { course_identifier: 'ecf-induction' }, 'active', '2025-01-11T10:00:00Z'],
      ['withdraw', { course_identifier: 'ecf-induction', reason: 'changed-lead-provider' }, 'withdrawn', '2025-01-12T10:00:00Z'],
    ];
    for (const [action, attributes, status, at] of steps) {
      const res = await put(c.id, action, attributes, w.P.token, at);
      expectContract(res, { method: 'PUT', path: path(c.id, action), status: 200, refs: RECT });
      expect(res.body.data.type).toBe('participant');
      expect(res.body.data.attributes.ecf_enrolments[0].training_status).toBe(status);
      expect('teacher_reference_number_validated' in res.body.data.attributes.ecf_enrolments[0]).toBe(false);
      const shown = await app.request('GET', v3(`/participants/${c.id}`), { token: w.P.token, headers: { 'X-With-Server-Date': at.replace(':00Z', ':01Z') } });
      expect(res.body).toEqual(shown.body);
    }
    const withdrawn = (await app.request('GET', v3(`/participants/${c.id}`), { token: w.P.token })).body.data.attributes.ecf_enrolments[0];
    expect(withdrawn.withdrawal.reason).toBe('changed-lead-provider');
  });

  it("answers 422 with RECT's message (resume of an active participant)", async () => {
    const c = await newEct();
    const res = await put(c.id, 'resume', { course_identifier: 'ecf-induction' });
    expectContract(res, {
      method: 'PUT',
      path: path(c.id, 'resume'),
      status: 422,
      refs: RECT,
      body: { errors: [{ title: 'participant_id', detail: "The '#/participant_id' is already active." }] },
    });
  });

  it('resumes a participant deferred through ECF (period still open), then defers and withdraws them a day apart: each answer is the RECT show, a second withdraw is 422 "already withdrawn"', async () => {
    const [c] = await addParticipants(app, [
      {
        records: [
          {
            type: 'ect',
            periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z', trainingStatus: 'deferred', reason: 'other', byLeadProviderId: w.P.id }],
          },
        ],
      },
    ]);
    const EXTENDED = 'ecf-extended-september';
    const steps: [string, Record<string, unknown>, string, string, string][] = [
      ['resume', { course_identifier: 'ecf-induction' }, 'active', 'ecf-standard-september', '2025-01-10T10:00:00Z'],
      ['change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: EXTENDED }, 'active', EXTENDED, '2025-01-10T11:00:00Z'],
      // The period the resume opened ends today: the one shown stays that one (not the older deferral), so the
      // withdraw acts on it and its repeat is refused.
      ['defer', { course_identifier: 'ecf-induction', reason: 'career-break' }, 'deferred', EXTENDED, '2025-01-11T10:00:00Z'],
      ['withdraw', { course_identifier: 'ecf-induction', reason: 'changed-lead-provider' }, 'withdrawn', EXTENDED, '2025-01-12T10:00:00Z'],
    ];
    for (const [action, attributes, status, schedule, at] of steps) {
      const res = await put(c.id, action, attributes, w.P.token, at);
      expectContract(res, { method: 'PUT', path: path(c.id, action), status: 200, refs: RECT });
      expect(res.body.data.attributes.ecf_enrolments[0]).toMatchObject({ training_status: status, schedule_identifier: schedule });
      const shown = await app.request('GET', v3(`/participants/${c.id}`), { token: w.P.token, headers: { 'X-With-Server-Date': at.replace(':00Z', ':01Z') } });
      expect(res.body).toEqual(shown.body);
    }
    const again = await put(c.id, 'withdraw', { course_identifier: 'ecf-induction', reason: 'changed-lead-provider' }, w.P.token, '2025-01-12T11:00:00Z');
    expectContract(again, {
      method: 'PUT',
      path: path(c.id, 'withdraw'),
      status: 422,
      refs: RECT,
      body: { errors: [{ title: 'participant_id', detail: "The '#/participant_id' is already withdrawn." }] },
    });
  });

  it("answers the RECT 404 to another provider's participant and an unknown id, and changes nothing", async () => {
    const [other] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z' }] }] }]);
    for (const id of [other.id, UNKNOWN_ID])
      expectContract(await put(id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }), {
        method: 'PUT',
        path: path(id, 'defer'),
        status: 404,
        refs: RECT,
        body: NOT_FOUND_BODY,
      });
    const seen = await app.request('GET', v3(`/participants/${other.id}`), { token: w.Q.token });
    expect(seen.body.data.attributes.ecf_enrolments[0].training_status).toBe('active');
  });

  it('answers the RECT 400 to a body without data, 401 without a valid token, 403 to an NPQ token', async () => {
    const c = await newEct();
    expectContract(await put(c.id, 'withdraw', undefined), {
      method: 'PUT',
      path: path(c.id, 'withdraw'),
      status: 400,
      refs: RECT,
      body: MISSING_DATA_BODY.rect,
    });
    await expectUnauthorised(app, 'PUT', path(c.id, 'defer'), RECT, { data: { attributes: { course_identifier: 'ecf-induction', reason: 'other' } } });
    const npq = await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }, app.token('Ambition Institute', 'npq'));
    expectContract(npq, { method: 'PUT', path: path(c.id, 'defer'), status: 403, refs: RECT, body: FORBIDDEN_NPQ_ON_ECF });
  });
});
