import { NPQ_DECLARATION_MESSAGES as M } from '../../src/domain/declarations/npq/npq-declaration.messages.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createApplication, gql, sql } from '../npq/npq-fixtures.js';
import { AMBITION, UCL, deliveryPartnersOf, openStatementsFrom, otherDeliveryPartner } from './npq-declaration-fixtures.js';

// NPQ declarations over REST (npq.md §5.2–5.8): POST on v1/v2/v3 with an NPQ token, the v3 change-delivery-partner
// route, and the GraphQL mutations behind them.

const NOW = '2025-11-15T12:00:00Z';
const AT = { 'x-with-server-date': NOW };
let app: TestApp;
let npq: string;
let dp: string;
let dp2: string;
beforeAll(async () => {
  app = await startTestApp();
  npq = app.token(AMBITION, 'npq');
  await openStatementsFrom(app, AMBITION, 2025, '2025-11-15');
  await openStatementsFrom(app, AMBITION, 2023, '2023-11-15');
  [dp, dp2] = await deliveryPartnersOf(app, AMBITION, 2025);
});
afterAll(async () => app.close());

const body = (attributes: Record<string, unknown>) => ({ data: { type: 'participant-declaration', attributes } });
const post = (version: string, attributes: Record<string, unknown>, o: { token?: string; headers?: Record<string, string> } = {}) =>
  app.request('POST', `/api/${version}/participant-declarations`, { token: o.token ?? npq, body: body(attributes), headers: o.headers ?? AT });
const started = (person: string, o: Record<string, unknown> = {}) => ({
  participant_id: person,
  declaration_type: 'started',
  declaration_date: '2025-11-01T10:00:00Z',
  course_identifier: 'npq-headship',
  delivery_partner_id: dp,
  ...o,
});
const unprocessable = (...items: [string, string][]) => ({ errors: items.map(([title, detail]) => ({ title, detail })) });

describe('POST /api/{version}/participant-declarations (NPQ token)', () => {
  it('v3: 200 with the declaration in the v3 NPQ shape, eligible on the next output-fee statement', async () => {
    const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    const res = await post('v3', started(a.person, { secondary_delivery_partner_id: dp2 }));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      type: 'participant-declaration',
      attributes: {
        participant_id: a.person,
        declaration_type: 'started',
        course_identifier: 'npq-headship',
        declaration_date: '2025-11-01T10:00:00Z',
        state: 'eligible',
        has_passed: null,
        delivery_partner_id: dp,
        secondary_delivery_partner_id: dp2,
        application_id: a.id,
        ineligible_for_funding_reason: null,
      },
    });
    expect(res.body.data.attributes.statement_id).toEqual(expect.any(String));
  });

  it('a repeated identical POST answers the slot 422', async () => {
    const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    expect((await post('v3', started(a.person))).status).toBe(200);
    const again = await post('v3', started(a.person));
    expect([again.status, again.body]).toEqual([422, unprocessable(['base', M.slotTaken])]);
  });

  it('20 identical POSTs in parallel: one 200, nineteen answers identical to the sequential repeat, one declaration', async () => {
    const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    const responses = await Promise.all(Array.from({ length: 20 }, () => post('v3', started(a.person))));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = responses.filter((r) => r.status !== 200);
    expect(refused.map((r) => [r.status, r.body])).toEqual(Array.from({ length: 19 }, () => [422, unprocessable(['base', M.slotTaken])]));
    expect(await sql(app, 'select count(*)::int as n from participant_declarations where npq_application_id = ?', [a.id])).toEqual([{ n: 1 }]);
  });

  it('reports every rule under its attribute title', async () => {
    const res = await post('v3', { course_identifier: 'npq-headship' });
    expect([res.status, res.body]).toEqual([
      422,
      unprocessable(
        ['participant_id', M.participantIdMissing],
        ['declaration_date', M.declarationDateMissing],
        ['declaration_type', `${M.declarationTypeMissing}, ${M.declarationTypeNotRecognised}`],
      ),
    ]);
  });

  it('v1 and v2 carry no delivery partner: a 2024+ declaration in England is refused, as it was live', async () => {
    const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    for (const version of ['v1', 'v2']) {
      const res = await post(version, started(a.person));
      expect([res.status, res.body]).toEqual([422, unprocessable(['delivery_partner_id', M.deliveryPartnerRequired])]);
    }
  });

  it('v1 and v2 declare before 2024 and answer in their shapes', async () => {
    for (const version of ['v1', 'v2']) {
      const a = await createApplication(app, { cohort: '2023a', status: 'accepted' });
      const res = await post(version, started(a.person, { declaration_date: '2023-11-01T10:00:00Z', delivery_partner_id: undefined }), {
        headers: { 'x-with-server-date': '2023-11-15T12:00:00Z' },
      });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.data.attributes)).toEqual(
        version === 'v1'
          ? [
              'participant_id',
              'declaration_type',
              'course_identifier',
              'declaration_date',
              'state',
              'has_passed',
              'voided',
              'eligible_for_payment',
              'updated_at',
            ]
          : ['participant_id', 'declaration_type', 'course_identifier', 'declaration_date', 'state', 'has_passed', 'updated_at'],
      );
      expect(res.body.data.attributes.state).toBe('eligible');
    }
  });

  it('a completed headship declaration answers has_passed from its outcome', async () => {
    const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    const res = await post('v3', started(a.person, { declaration_type: 'completed', has_passed: 'false' }));
    expect([res.status, res.body.data?.attributes.has_passed]).toEqual([200, false]);
  });
});

describe('PUT /api/v3/participant-declarations/{id}/change-delivery-partner', () => {
  const change = (id: string, attributes: Record<string, unknown> | null, token = npq) =>
    app.request('PUT', `/api/v3/participant-declarations/${id}/change-delivery-partner`, {
      token,
      body: attributes === null ? { data: {} } : { data: { type: 'participant-declaration', attributes } },
      headers: AT,
    });
  async function declared(secondary?: string) {
    const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    const res = await post('v3', started(a.person, { secondary_delivery_partner_id: secondary }));
    expect(res.status).toBe(200);
    return { id: res.body.data.id as string, application: a.id };
  }

  it('replaces both partners; an omitted secondary is cleared; any state', async () => {
    const d = await declared(dp2);
    await sql(app, `update participant_declarations set state = 'paid' where id = ?`, [d.id]);
    const res = await change(d.id, { delivery_partner_id: dp2 });
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toMatchObject({ delivery_partner_id: dp2, secondary_delivery_partner_id: null, state: 'paid' });
  });

  it('unknown partners and the §5.7 rules answer 422', async () => {
    const d = await declared();
    const unknown = '00000000-0000-4000-8000-00000000000d';
    let res = await change(d.id, { delivery_partner_id: unknown, secondary_delivery_partner_id: unknown });
    expect([res.status, res.body]).toEqual([
      422,
      unprocessable(
        ['delivery_partner', M.deliveryPartnerNotConfirmed],
        ['secondary_delivery_partner', M.secondaryNotConfirmed],
        ['delivery_partner_id', M.deliveryPartnerRequired],
      ),
    ]);
    res = await change(d.id, { delivery_partner_id: await otherDeliveryPartner(app, AMBITION, 2025), secondary_delivery_partner_id: dp });
    expect([res.status, res.body]).toEqual([422, unprocessable(['delivery_partner_id', M.deliveryPartnerNotConfirmed])]);
    res = await change(d.id, { delivery_partner_id: dp, secondary_delivery_partner_id: dp });
    expect([res.status, res.body]).toEqual([422, unprocessable(['secondary_delivery_partner_id', M.secondarySameAsPrimary])]);
  });

  it('the application’s new provider reads the declaration but may not change it (403 body); others get 404', async () => {
    const d = await declared();
    await sql(app, `update npq_applications set lead_provider_id = ? where id = ?`, [app.leadProviderId(UCL), d.application]);
    const ucl = app.token(UCL, 'npq');
    const res = await change(d.id, { delivery_partner_id: dp }, ucl);
    expect([res.status, res.body]).toEqual([
      403,
      { errors: [{ title: 'Cannot modify declaration', detail: 'The declaration cannot be modified because it was created by another lead provider' }] },
    ]);
    const tf = await change(d.id, { delivery_partner_id: dp }, app.token('Teach First', 'npq'));
    expect([tf.status, tf.body]).toEqual([404, { error: 'Resource not found' }]);
    const unknown = await change('00000000-0000-4000-8000-000000000000', { delivery_partner_id: dp });
    expect(unknown.status).toBe(404);
  });

  it('an application moved by DfE: the new provider reads its declarations (show and list) and gets the 403 on change', async () => {
    const d = await declared();
    const MOVE = `mutation($id: ID!, $lp: ID!) { moveNpqApplication(id: $id, leadProviderId: $lp) { id } }`;
    const moved = await gql(app, app.tokens.admin.token, MOVE, { id: d.application, lp: app.leadProviderId(UCL) });
    expect(moved.errors).toBeUndefined();
    const ucl = app.token(UCL, 'npq');
    const show = await app.request('GET', `/api/v3/participant-declarations/${d.id}`, { token: ucl });
    expect([show.status, show.body?.data?.id]).toEqual([200, d.id]);
    const list = await app.request('GET', `/api/v3/participant-declarations?per_page=3000`, { token: ucl });
    expect(list.body.data.map((x: { id: string }) => x.id)).toContain(d.id);
    expect((await change(d.id, { delivery_partner_id: dp }, ucl)).status).toBe(403);
  });

  it('400 without data.attributes; 403 for an ECF token; not on v1/v2', async () => {
    const d = await declared();
    expect((await change(d.id, null)).status).toBe(400);
    expect((await change(d.id, { delivery_partner_id: dp }, app.token(AMBITION, 'ecf'))).status).toBe(403);
    const v2 = await app.request('PUT', `/api/v2/participant-declarations/${d.id}/change-delivery-partner`, {
      token: npq,
      body: body({ delivery_partner_id: dp }),
    });
    expect(v2.status).toBe(404);
  });
});

describe('GraphQL', () => {
  it('createNpqParticipantDeclaration answers the declaration; an ECF token is FORBIDDEN', async () => {
    const a = await createApplication(app, { cohort: '2025a', status: 'accepted' });
    const CREATE = `mutation($input: CreateNpqDeclarationInput!) { createNpqParticipantDeclaration(input: $input) { id state deliveryPartnerId } }`;
    const input = {
      participantId: a.person,
      declarationType: 'started',
      declarationDate: '2025-11-01T10:00:00Z',
      courseIdentifier: 'npq-headship',
      deliveryPartnerId: dp,
    };
    const res = await gql(app, npq, CREATE, { input }, AT);
    expect(res.data.createNpqParticipantDeclaration).toMatchObject({ state: 'eligible', deliveryPartnerId: dp });
    const ecf = await gql(app, app.token(AMBITION, 'ecf'), CREATE, { input }, AT);
    expect(ecf.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
