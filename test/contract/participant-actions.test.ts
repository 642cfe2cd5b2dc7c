/**
 * Contract of the ECF v3 participant actions (PUT /participants/ecf/{id}/defer|resume|withdraw|change-schedule,
 * ecf.md §3) against the reference ecf_v3 document and the own v3 document: the 200 body is the v3 participant
 * (ECFParticipantResponse), and every error body is the live one. ecf_v3 documents only the 200 of these
 * operations, so its check of the 404 and 422 bodies is against the live error envelope.
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
import { assertMatchesSpec } from '../support/reference-specs.js';

const ECF: RefCheck[] = [{ spec: 'ecf_v3', undocumentedErrors: true }];

let app: TestApp;
let w: World;

beforeAll(async () => {
  app = await startTestApp();
  w = await createWorld(app);
});
afterAll(async () => app?.close());

const path = (id: string, action: string) => v3(`/participants/ecf/${id}/${action}`);
const put = (id: string, action: string, attributes: Record<string, unknown> | undefined, token = w.P.token): Promise<TestResponse> =>
  app.request('PUT', path(id, action), { token, body: attributes === undefined ? {} : { data: { type: `participant-${action}`, attributes } } });
const newEct = async () => (await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.pA, start: '2024-09-02T00:00:00Z' }] }] }]))[0];

/** 200: the own document with no allowance and ecf_v3's ECFParticipantResponse; the same body as the show. */
async function expectParticipant(res: TestResponse, id: string, action: string): Promise<void> {
  expectContract(res, { method: 'PUT', path: path(id, action), status: 200, refs: [] });
  assertMatchesSpec('ecf_v3', 'PUT', path(id, action), 200, res.body);
  const shown = await app.request('GET', v3(`/participants/ecf/${id}`), { token: w.P.token });
  expect(res.body).toEqual(shown.body);
}

describe('PUT /api/v3/participants/ecf/{id}/…', () => {
  it('answers every action with the v3 participant', async () => {
    const c = await newEct();
    const steps: [string, Record<string, unknown>][] = [
      ['defer', { course_identifier: 'ecf-induction', reason: 'career-break' }],
      ['resume', { course_identifier: 'ecf-induction' }],
      ['change-schedule', { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-september', cohort: '2024' }],
      ['withdraw', { course_identifier: 'ecf-induction', reason: 'left-teaching-profession' }],
    ];
    for (const [action, attributes] of steps) await expectParticipant(await put(c.id, action, attributes), c.id, action);
  });

  it('answers 422 with the live envelope: one item per attribute, messages joined', async () => {
    const c = await newEct();
    const cases: [string, Record<string, unknown>, [string, string][]][] = [
      [
        'defer',
        { course_identifier: 'ecf-induction' },
        [['reason', "The property '#/reason' must be present, The property '#/reason' must be a valid reason"]],
      ],
      [
        'defer',
        { course_identifier: 'npq-senco', reason: 'nope' },
        [
          ['course_identifier', "The entered '#/course_identifier' is not recognised for the given participant. Check details and try again."],
          ['reason', "The property '#/reason' must be a valid reason"],
        ],
      ],
      ['resume', { course_identifier: 'ecf-induction' }, [['participant_profile', 'The participant is already active']]],
      [
        'change-schedule',
        { course_identifier: 'ecf-induction', schedule_identifier: '' },
        [['schedule_identifier', "The property '#/schedule_identifier' must be present and correspond to a valid schedule"]],
      ],
      ['withdraw', { course_identifier: 'ecf-induction', reason: 'school-left-fip' }, [['reason', "The property '#/reason' must be a valid reason"]]],
    ];
    for (const [action, attributes, expected] of cases) {
      const body = { errors: expected.map(([title, detail]) => ({ title, detail })) };
      expectContract(await put(c.id, action, attributes), { method: 'PUT', path: path(c.id, action), status: 422, refs: ECF, body });
    }
  });

  it("answers the ECF 404 to another provider's participant, an unknown id and a non-UUID", async () => {
    const [other] = await addParticipants(app, [{ records: [{ type: 'ect', periods: [{ partnershipId: w.qA, start: '2024-09-02T00:00:00Z' }] }] }]);
    for (const id of [other.id, UNKNOWN_ID, 'not-a-uuid'])
      expectContract(await put(id, 'resume', { course_identifier: 'ecf-induction' }), {
        method: 'PUT',
        path: path(id, 'resume'),
        status: 404,
        refs: ECF,
        body: NOT_FOUND_BODY,
      });
  });

  it('answers 400 to a body without data, 401 without a valid token, 403 to an NPQ token', async () => {
    const c = await newEct();
    expectContract(await put(c.id, 'withdraw', undefined), {
      method: 'PUT',
      path: path(c.id, 'withdraw'),
      status: 400,
      refs: ECF,
      body: MISSING_DATA_BODY.ecf,
    });
    await expectUnauthorised(app, 'PUT', path(c.id, 'defer'), ECF, { data: { attributes: { course_identifier: 'ecf-induction', reason: 'other' } } });
    const npq = await put(c.id, 'defer', { course_identifier: 'ecf-induction', reason: 'other' }, app.token('Ambition Institute', 'npq'));
    expectContract(npq, { method: 'PUT', path: path(c.id, 'defer'), status: 403, refs: ECF, body: FORBIDDEN_NPQ_ON_ECF });
  });
});
