import { startTestApp, q, type TestApp } from '../support/test-app.js';
import {
  challenge,
  createDeliveryPartner,
  createRelationship,
  createSchool,
  ECF_PATH,
  insertPartnership,
  postPartnership,
  putPartnership,
  RECT_PATH,
  sql,
  unprocessable,
} from './fixtures.js';

// The live services' messages, copied from the digests (ecf.md §6.3, rect.md §7.8).
const DP_BLANK = "Enter a '#/delivery_partner_id'.";
const DP_INVALID = "The '#/delivery_partner_id' you have entered is invalid. Check delivery partner details and try again.";
const NO_RELATIONSHIP =
  'The entered delivery partner is not recognised to be working in partnership with you for the given cohort. Contact the DfE for more information.';
const CHALLENGED =
  'Your update cannot be made as this partnership has been challenged by the school. If this partnership has been challenged in error, submit a new partnership confirmation using the endpoint POST /api/v3/partnerships/ecf.';
const DUPLICATE =
  'We are unable to process this request. You are already confirmed to be in partnership with the entered delivery partner. Contact the DfE for support.';
const NOT_FOUND = { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] };
const UNKNOWN_ID = '7f1c2b9e-3d4a-4e5f-8a6b-9c0d1e2f3a4b';

let app: TestApp;
let token: string;
let lp: string;

beforeAll(async () => {
  app = await startTestApp();
  token = app.token('Ambition Institute', 'ecf');
  lp = app.leadProviderId('Ambition Institute');
});
afterAll(async () => app.close());

/**
 * A partnership of the caller in a cohort, created in the past (so a later change visibly moves
 * `updated_at`), and a second delivery partner the caller works with in that cohort.
 */
async function partnership(cohort = 2024) {
  const past = { 'X-With-Server-Date': '2025-06-01T00:00:00Z' };
  const school = await createSchool(app, {}, past);
  const dp = await createDeliveryPartner(app, undefined, past);
  const dp2 = await createDeliveryPartner(app, undefined, past);
  await createRelationship(app, lp, dp, cohort, 'ecf', past);
  await createRelationship(app, lp, dp2, cohort, 'ecf', past);
  const res = await postPartnership(app, ECF_PATH, token, { cohort: String(cohort), school_id: school.id, delivery_partner_id: dp }, past);
  expect(res.status).toBe(200);
  return { id: res.body.data.id as string, schoolId: school.id, dp, dp2 };
}

describe.each([
  { family: 'ECF', path: ECF_PATH },
  { family: 'RECT', path: RECT_PATH },
])('PUT $path/{id} ($family)', ({ family, path }) => {
  const put = (id: string, attributes: Record<string, unknown>, t = token) => putPartnership(app, path, t, id, attributes);
  const show = (id: string) => app.request('GET', `${path}/${id}`, { token });

  it('a blank delivery_partner_id is "Enter a \'#/delivery_partner_id\'."', async () => {
    const p = await partnership();
    const res = await put(p.id, { delivery_partner_id: '' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(unprocessable(['delivery_partner_id', DP_BLANK]));
  });

  it.each([UNKNOWN_ID, 'not-a-uuid'])('an unknown delivery_partner_id (%s) is invalid', async (dpId) => {
    const p = await partnership();
    const res = await put(p.id, { delivery_partner_id: dpId });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(unprocessable(['delivery_partner_id', DP_INVALID]));
  });

  it('a discarded delivery partner is invalid', async () => {
    const p = await partnership();
    await sql(app, 'update delivery_partners set discarded_at = now() where id = ?', [p.dp2]);
    const res = await put(p.id, { delivery_partner_id: p.dp2 });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(unprocessable(['delivery_partner_id', DP_INVALID]));
  });

  it("a delivery partner without a relationship in the partnership's cohort is not recognised", async () => {
    const p = await partnership(2024);
    const dp3 = await createDeliveryPartner(app);
    await createRelationship(app, lp, dp3, 2023); // the caller works with it, but in another cohort
    const res = await put(p.id, { delivery_partner_id: dp3 });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(unprocessable(['delivery_partner_id', NO_RELATIONSHIP]));
  });

  it('a partnership the school has challenged cannot be updated (title "partnership")', async () => {
    const p = await partnership();
    await challenge(app, p.id, 'do_not_recognise');
    const res = await put(p.id, { delivery_partner_id: p.dp2 });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(unprocessable(['partnership', CHALLENGED]));
  });

  it('a hidden relationship row with the new delivery partner is "already confirmed to be in partnership"', async () => {
    const p = await partnership();
    await insertPartnership(app, { schoolId: p.schoolId, leadProviderId: lp, deliveryPartnerId: p.dp2, cohort: 2024, relationship: true });
    const res = await put(p.id, { delivery_partner_id: p.dp2 });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(unprocessable(['delivery_partner_id', DUPLICATE]));
  });

  it("another provider's partnership is a 404", async () => {
    const p = await partnership();
    const res = await put(p.id, { delivery_partner_id: p.dp2 }, app.token('Capita', 'ecf'));
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
    expect((await show(p.id)).body.data.attributes.delivery_partner_id).toBe(p.dp);
  });

  it.each([UNKNOWN_ID, 'not-a-uuid'])('an unknown partnership id (%s) is a 404', async (id) => {
    const p = await partnership();
    const res = await put(id, { delivery_partner_id: p.dp2 });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  it('a hidden relationship row is not a partnership the provider can update (404)', async () => {
    const p = await partnership();
    const hidden = await insertPartnership(app, { schoolId: p.schoolId, leadProviderId: lp, deliveryPartnerId: p.dp2, cohort: 2024, relationship: true });
    const res = await put(hidden, { delivery_partner_id: p.dp });
    expect(res.status).toBe(404);
    expect(res.body).toEqual(NOT_FOUND);
  });

  it('the same delivery partner is a 200 with no change (updated_at unchanged)', async () => {
    const p = await partnership();
    const before = await show(p.id);
    const res = await put(p.id, { delivery_partner_id: p.dp });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(before.body);
    expect(res.body.data.attributes.updated_at).toBe('2025-06-01T00:00:00Z');
  });

  it('a new delivery partner is a 200 with the partnership moved to it; the same partnership, updated_at moved', async () => {
    const p = await partnership();
    const before = await show(p.id);
    const [{ name }] = await sql<{ name: string }>(app, 'select name from delivery_partners where id = ?', [p.dp2]);
    const res = await putPartnership(app, path, token, p.id, { delivery_partner_id: p.dp2 }, { 'X-With-Server-Date': '2026-01-15T09:30:00Z' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      data: {
        ...before.body.data,
        attributes: { ...before.body.data.attributes, delivery_partner_id: p.dp2, delivery_partner_name: name, updated_at: '2026-01-15T09:30:00Z' },
      },
    });
    expect((await show(p.id)).body).toEqual(res.body);
    const polled = await app.request('GET', `${path}?${q('filter[updated_since]=2026-01-15T09:30:00Z&filter[delivery_partner_id]=' + p.dp2)}`, { token });
    expect(polled.body.data.map((d: any) => d.id)).toEqual([p.id]);
  });

  it('PATCH updates like PUT', async () => {
    const p = await partnership();
    const res = await app.request('PATCH', `${path}/${p.id}`, {
      token,
      body: { data: { type: 'ecf-partnership-update', attributes: { delivery_partner_id: p.dp2 } } },
    });
    expect(res.status).toBe(200);
    expect(res.body.data.attributes.delivery_partner_id).toBe(p.dp2);
  });

  it('a refused update leaves the partnership as it was', async () => {
    const p = await partnership();
    const [before] = await sql(app, 'select delivery_partner_id, updated_at, report_id from partnerships where id = ?', [p.id]);
    const dp3 = await createDeliveryPartner(app);
    expect((await put(p.id, { delivery_partner_id: dp3 })).status).toBe(422);
    const [after] = await sql(app, 'select delivery_partner_id, updated_at, report_id from partnerships where id = ?', [p.id]);
    expect(after).toEqual(before);
  });

  const detail =
    family === 'ECF' ? 'correct json data structure required. See API docs for reference' : 'Correct json data structure required. See API docs for reference.';
  it.each([
    ['no data', {}],
    ['empty attributes', { data: { type: 'ecf-partnership-update', attributes: {} } }],
  ])('%s is a 400 with the family wording', async (_label, body) => {
    const p = await partnership();
    const res = await app.request('PUT', `${path}/${p.id}`, { token, body });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ errors: [{ title: 'Bad request', detail }] });
  });
});
