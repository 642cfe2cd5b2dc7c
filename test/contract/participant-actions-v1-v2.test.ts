/**
 * Contract of the ECF participant actions on v1 and v2 (PUT /participants/ecf/{id}/defer|resume|withdraw|change-schedule,
 * and v1's older /participants/{id}/… paths; ecf.md §2.1, §3) against the reference ecf_v1 / ecf_v2 documents and the
 * own documents: the 200 body is the acted-on training record's v1/v2 row, the errors are the live ECF bodies.
 */
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import { addParticipants, createWorld, type World } from '../participants/fixtures.js';
import { expectContract, expectUnauthorised, FORBIDDEN_NPQ_ON_ECF, MISSING_DATA_BODY, NOT_FOUND_BODY, UNKNOWN_ID, type RefCheck } from './contract-support.js';

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app?.close());

const BASES = [
  ['v1', '/api/v1/participants/ecf'],
  ['v1', '/api/v1/participants'],
  ['v2', '/api/v2/participants/ecf'],
] as const;

describe.each(BASES)('%s PUT %s/{id}/…', (version, base) => {
  const REFS: RefCheck[] = [{ spec: version === 'v1' ? 'ecf_v1' : 'ecf_v2', undocumentedErrors: true }];
  const path = (id: string, action: string) => `${base}/${id}/${action}`;
  const put = (id: string, action: string, attributes: Record<string, unknown> | undefined, token = w.P.token): Promise<TestResponse> =>
    app.request('PUT', path(id, action), { token, body: attributes === undefined ? {} : { data: { type: `participant-${action}`, attributes } } });
  const ectAndMentor = async () =>
    (
      await addParticipants(app, [
        {
          records: [
            { type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] },
            { type: 'mentor', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] },
          ],
        },
      ])
    )[0];

  it('answers every action with the acted-on record in the v1/v2 shape', async () => {
    const c = await ectAndMentor();
    const steps: [string, Record<string, unknown>, string][] = [
      ['defer', { course_identifier: 'ecf-mentor', reason: 'career-break' }, 'deferred'],
      ['resume', { course_identifier: 'ecf-mentor' }, 'active'],
      ['change-schedule', { course_identifier: 'ecf-mentor', schedule_identifier: 'ecf-extended-september', cohort: '2024' }, 'active'],
      ['withdraw', { course_identifier: 'ecf-mentor', reason: 'left-teaching-profession' }, 'withdrawn'],
    ];
    for (const [action, attributes, trainingStatus] of steps) {
      const res = await put(c.id, action, attributes);
      expectContract(res, { method: 'PUT', path: path(c.id, action), status: 200, refs: REFS });
      expect(res.body.data).toMatchObject({ id: c.id, type: 'participant', attributes: { participant_type: 'mentor', training_status: trainingStatus } });
    }
    const rows = (await app.request('GET', `/api/${version}/participants/ecf`, { token: w.P.token })).body.data.filter((r: { id: string }) => r.id === c.id);
    expect(rows.map((r: { attributes: Record<string, unknown> }) => [r.attributes.participant_type, r.attributes.training_status])).toEqual([
      ['ect', 'active'],
      ['mentor', 'withdrawn'],
    ]);
  });

  it('answers 422 with the live envelope', async () => {
    const c = await ectAndMentor();
    expectContract(await put(c.id, 'resume', { course_identifier: 'ecf-induction' }), {
      method: 'PUT',
      path: path(c.id, 'resume'),
      status: 422,
      refs: REFS,
      body: { errors: [{ title: 'participant_profile', detail: 'The participant is already active' }] },
    });
  });

  it("answers the ECF 404 to another provider's participant and an unknown id, 400 without data, 401, 403 to an NPQ token", async () => {
    const [other] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z' }] }] }]);
    for (const id of [other.id, UNKNOWN_ID])
      expectContract(await put(id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }), {
        method: 'PUT',
        path: path(id, 'defer'),
        status: 404,
        refs: REFS,
        body: NOT_FOUND_BODY,
      });
    const c = await ectAndMentor();
    expectContract(await put(c.id, 'withdraw', undefined), {
      method: 'PUT',
      path: path(c.id, 'withdraw'),
      status: 400,
      refs: REFS,
      body: MISSING_DATA_BODY.ecf,
    });
    await expectUnauthorised(app, 'PUT', path(c.id, 'defer'), REFS, { data: { attributes: { course_identifier: 'ecf-induction', reason: 'other' } } });
    const npq = await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }, app.token('Ambition Institute', 'npq'));
    expectContract(npq, { method: 'PUT', path: path(c.id, 'defer'), status: 403, refs: REFS, body: FORBIDDEN_NPQ_ON_ECF });
  });
});
