import { startTestApp, q, type TestApp, type TestResponse } from '../support/test-app.js';
import {
  challenge,
  createDeliveryPartner,
  createRelationship,
  createSchool,
  ECF_PATH,
  insertPartnership,
  postPartnership,
  RECT_PATH,
  setProgrammeChoice,
  sql,
  unprocessable,
  type SchoolFixture,
} from './fixtures.js';

// The live services' messages, copied from the digests (ecf.md §6.2, rect.md §7.8), not from the source.
const COHORT_BLANK = "Enter a '#/cohort'.";
const COHORT_INVALID = "The '#/cohort' you have entered is invalid. Check cohort details and try again.";
const COHORT_FUTURE = 'You cannot create a partnership for a future cohort.';
const COHORT_CLOSED = 'You cannot create this partnership as the cohort is closed.';
const SCHOOL_BLANK = "Enter a '#/school_id'.";
const SCHOOL_INVALID =
  "The '#/school_id' you have entered is invalid. Check school details and try again. Contact the DfE for support if you are unable to find the '#/school_id'.";
const SCHOOL_CIP_ONLY = 'The school you have entered has not registered to deliver DfE-funded training. Contact the school for more information.';
const SCHOOL_INELIGIBLE = 'The school you have entered is currently ineligible for DfE funding. Contact the school for more information.';
const ALREADY_PARTNERED = 'You are already in a confirmed partnership with this school for the entered cohort.';
const OTHER_PROVIDER = 'Another provider is in a confirmed partnership with the school for the cohort you entered. Contact the school for more information.';
const NOT_CONFIRMED = 'The school you have entered has not yet confirmed they will deliver DfE-funded training. Contact the school for more information.';
const DP_BLANK = "Enter a '#/delivery_partner_id'.";
const DP_INVALID = "The '#/delivery_partner_id' you have entered is invalid. Check delivery partner details and try again.";
const NO_RELATIONSHIP =
  'The entered delivery partner is not recognised to be working in partnership with you for the given cohort. Contact the DfE for more information.';

const UNKNOWN_ID = '7f1c2b9e-3d4a-4e5f-8a6b-9c0d1e2f3a4b';

let app: TestApp;
let token: string; // Ambition Institute, ECF
let lp: string;
let otherToken: string; // Capita, ECF
let otherLp: string;

beforeAll(async () => {
  app = await startTestApp();
  token = app.token('Ambition Institute', 'ecf');
  lp = app.leadProviderId('Ambition Institute');
  otherToken = app.token('Capita', 'ecf');
  otherLp = app.leadProviderId('Capita');
});
afterAll(async () => app.close());

/** An eligible school and a delivery partner the caller works with in the cohort. */
async function ready(cohort = 2024, school: SchoolFixture = {}) {
  const s = await createSchool(app, school);
  const dp = await createDeliveryPartner(app);
  await createRelationship(app, lp, dp, cohort);
  return { schoolId: s.id, urn: s.urn, dpId: dp };
}

const partnershipsOf = (schoolId: string) =>
  sql<{ id: string; lead_provider_id: string; relationship: boolean; challenge_reason: string | null }>(
    app,
    'select id, lead_provider_id, relationship, challenge_reason from partnerships where school_id = ? order by created_at, id',
    [schoolId],
  );

describe.each([
  { family: 'ECF', path: ECF_PATH },
  { family: 'RECT', path: RECT_PATH },
])('POST $path ($family)', ({ family, path }) => {
  const post = (attributes: Record<string, unknown>, headers: Record<string, string> = {}, t = token) => postPartnership(app, path, t, attributes, headers);

  describe('cohort', () => {
    it('a blank cohort is "Enter a \'#/cohort\'."', async () => {
      const { schoolId, dpId } = await ready();
      const res = await post({ cohort: '', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['cohort', COHORT_BLANK]));
    });

    it('a missing cohort attribute is blank too', async () => {
      const { schoolId, dpId } = await ready();
      const res = await post({ school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['cohort', COHORT_BLANK]));
    });

    it.each(['1999', '2030', 'abc', '2024abc'])('a cohort with no such start year (%s) is invalid', async (cohort) => {
      const { schoolId, dpId } = await ready();
      const res = await post({ cohort, school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['cohort', COHORT_INVALID]));
    });

    it('a cohort whose registration has not started yet is a future cohort', async () => {
      const { schoolId, dpId } = await ready(2025);
      const res = await post({ cohort: '2025', school_id: schoolId, delivery_partner_id: dpId }, { 'X-With-Server-Date': '2025-01-01T10:00:00Z' });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['cohort', COHORT_FUTURE]));
    });

    it('the same cohort is accepted once its registration has started', async () => {
      const { schoolId, dpId } = await ready(2025);
      const res = await post({ cohort: '2025', school_id: schoolId, delivery_partner_id: dpId }, { 'X-With-Server-Date': '2025-05-10T10:00:00Z' });
      expect(res.status).toBe(200);
    });

    it('a cohort whose payments are frozen (2021) is closed', async () => {
      const { schoolId, dpId } = await ready(2021);
      const res = await post({ cohort: '2021', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['cohort', COHORT_CLOSED]));
    });

    it('a cohort whose payments freeze later is open before the freeze (2021 before 2024-04-03)', async () => {
      const { schoolId, dpId } = await ready(2021);
      const res = await post({ cohort: '2021', school_id: schoolId, delivery_partner_id: dpId }, { 'X-With-Server-Date': '2024-01-01T10:00:00Z' });
      expect(res.status).toBe(200);
    });

    it('a cohort is accepted as a JSON number', async () => {
      const { schoolId, dpId } = await ready();
      const res = await post({ cohort: 2024, school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(200);
      expect(res.body.data.attributes.cohort).toBe('2024');
    });
  });

  describe('school_id', () => {
    it('a blank school_id is "Enter a \'#/school_id\'."', async () => {
      const { dpId } = await ready();
      const res = await post({ cohort: '2024', school_id: '', delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['school_id', SCHOOL_BLANK]));
    });

    it.each([UNKNOWN_ID, 'not-a-uuid'])('an unknown school_id (%s) is invalid', async (schoolId) => {
      const { dpId } = await ready();
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['school_id', SCHOOL_INVALID]));
    });

    it('an open independent school (CIP only) has not registered to deliver DfE-funded training', async () => {
      const { schoolId, dpId } = await ready(2024, { schoolTypeCode: 11 });
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['school_id', SCHOOL_CIP_ONLY]));
    });

    it.each([
      ['a closed school', { schoolStatusCode: 2 }],
      ['a school in Wales', { administrativeDistrictCode: 'W06000015' }],
      ['an open school of an ineligible, not CIP-only type (24)', { schoolTypeCode: 24 }],
      ['a closed independent school (not CIP-only: it is not open)', { schoolTypeCode: 11, schoolStatusCode: 2 }],
    ])('%s is ineligible for DfE funding', async (_label, school) => {
      const { schoolId, dpId } = await ready(2024, school);
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['school_id', SCHOOL_INELIGIBLE]));
    });

    it('a section 41 approved independent school is eligible', async () => {
      const { schoolId, dpId } = await ready(2024, { schoolTypeCode: 11, section41Approved: true });
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(200);
    });

    it('a school the caller already partners in the cohort is "already in a confirmed partnership"', async () => {
      const { schoolId, dpId } = await ready();
      expect((await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId })).status).toBe(200);
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['school_id', ALREADY_PARTNERED]));
    });

    it('a school another provider partners in the cohort is refused', async () => {
      const { schoolId, dpId } = await ready();
      await createRelationship(app, otherLp, dpId, 2024);
      expect((await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId }, {}, otherToken)).status).toBe(200);
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['school_id', OTHER_PROVIDER]));
    });

    it("another provider's challenged partnership does not block the school", async () => {
      const { schoolId, dpId } = await ready();
      const theirs = await insertPartnership(app, { schoolId, leadProviderId: otherLp, deliveryPartnerId: dpId, cohort: 2024 });
      await challenge(app, theirs, 'another_provider');
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(200);
    });

    it("another provider's hidden relationship row is not the school's provider", async () => {
      const { schoolId, dpId } = await ready();
      await insertPartnership(app, { schoolId, leadProviderId: otherLp, deliveryPartnerId: dpId, cohort: 2024, relationship: true });
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(200);
    });

    it('a school partnered in the previous cohort that has not chosen a programme for this one has not yet confirmed', async () => {
      const { schoolId, dpId } = await ready();
      await insertPartnership(app, { schoolId, leadProviderId: otherLp, deliveryPartnerId: dpId, cohort: 2023 });
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['school_id', NOT_CONFIRMED]));
    });

    it('a school partnered in the previous cohort that has chosen a programme for this one can be partnered', async () => {
      const { schoolId, dpId } = await ready();
      await insertPartnership(app, { schoolId, leadProviderId: otherLp, deliveryPartnerId: dpId, cohort: 2023 });
      await setProgrammeChoice(app, schoolId, 2024, 'full_induction_programme');
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(200);
    });
  });

  describe('delivery_partner_id', () => {
    it('a blank delivery_partner_id is "Enter a \'#/delivery_partner_id\'."', async () => {
      const { schoolId } = await ready();
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: '' });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['delivery_partner_id', DP_BLANK]));
    });

    it.each([UNKNOWN_ID, 'not-a-uuid'])('an unknown delivery_partner_id (%s) is invalid', async (dpId) => {
      const { schoolId } = await ready();
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['delivery_partner_id', DP_INVALID]));
    });

    it('a discarded delivery partner is invalid', async () => {
      const { schoolId, dpId } = await ready();
      await sql(app, 'update delivery_partners set discarded_at = now() where id = ?', [dpId]);
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['delivery_partner_id', DP_INVALID]));
    });

    it('a delivery partner the caller has no relationship with in the cohort is not recognised', async () => {
      const { schoolId } = await ready();
      const dp = await createDeliveryPartner(app);
      await createRelationship(app, lp, dp, 2023); // another cohort
      await createRelationship(app, otherLp, dp, 2024); // another provider
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dp });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['delivery_partner_id', NO_RELATIONSHIP]));
    });

    it('a discarded relationship does not count', async () => {
      const { schoolId, dpId } = await ready();
      await sql(app, 'update provider_relationships set discarded_at = now() where delivery_partner_id = ?', [dpId]);
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['delivery_partner_id', NO_RELATIONSHIP]));
    });

    it('an NPQ relationship with the delivery partner does not count for ECF partnerships', async () => {
      const { schoolId } = await ready();
      const dp = await createDeliveryPartner(app);
      await createRelationship(app, lp, dp, 2024, 'npq');
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dp });
      expect(res.status).toBe(422);
      expect(res.body).toEqual(unprocessable(['delivery_partner_id', NO_RELATIONSHIP]));
    });
  });

  describe('several errors', () => {
    it('are reported together in the order cohort, school_id, delivery_partner_id', async () => {
      const res = await post({ delivery_partner_id: '', school_id: '', cohort: '' });
      expect(res.status).toBe(422);
      expect(res.text).toBe(JSON.stringify(unprocessable(['cohort', COHORT_BLANK], ['school_id', SCHOOL_BLANK], ['delivery_partner_id', DP_BLANK])));
    });

    it('invalid values are reported together in the same order', async () => {
      const res = await post({ delivery_partner_id: UNKNOWN_ID, school_id: UNKNOWN_ID, cohort: '1999' });
      expect(res.status).toBe(422);
      expect(res.text).toBe(JSON.stringify(unprocessable(['cohort', COHORT_INVALID], ['school_id', SCHOOL_INVALID], ['delivery_partner_id', DP_INVALID])));
    });

    it('a closed cohort, a CIP-only school and an unknown delivery partner are reported together', async () => {
      const s = await createSchool(app, { schoolTypeCode: 11 });
      const res = await post({ cohort: '2021', school_id: s.id, delivery_partner_id: UNKNOWN_ID });
      expect(res.status).toBe(422);
      expect(res.text).toBe(JSON.stringify(unprocessable(['cohort', COHORT_CLOSED], ['school_id', SCHOOL_CIP_ONLY], ['delivery_partner_id', DP_INVALID])));
    });

    it('an ineligible school and a delivery partner without a relationship are reported together', async () => {
      const s = await createSchool(app, { schoolStatusCode: 2 });
      const dp = await createDeliveryPartner(app);
      const res = await post({ cohort: '2024', school_id: s.id, delivery_partner_id: dp });
      expect(res.status).toBe(422);
      expect(res.text).toBe(JSON.stringify(unprocessable(['school_id', SCHOOL_INELIGIBLE], ['delivery_partner_id', NO_RELATIONSHIP])));
    });
  });

  describe('request body', () => {
    const detail =
      family === 'ECF'
        ? 'correct json data structure required. See API docs for reference'
        : 'Correct json data structure required. See API docs for reference.';
    it.each([
      ['no data', {}],
      ['data without attributes', { data: { type: 'ecf-partnership' } }],
      ['empty attributes', { data: { type: 'ecf-partnership', attributes: {} } }],
    ])('%s is a 400 with the %s wording', async (_label, body) => {
      const res = await app.request('POST', path, { token, body });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ errors: [{ title: 'Bad request', detail }] });
    });

    it('an NPQ token is refused with 403', async () => {
      const { schoolId, dpId } = await ready();
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId }, {}, app.token('Ambition Institute', 'npq'));
      expect(res.status).toBe(403);
      expect(await partnershipsOf(schoolId)).toEqual([]);
    });
  });

  describe('success', () => {
    it('returns 200 with the partnership in the family shape, stamped with the request time', async () => {
      const { schoolId, urn, dpId } = await ready(2024, { inductionTutorName: 'Tess Tutor', inductionTutorEmail: 'tess@school.example' });
      const [{ name }] = await sql<{ name: string }>(app, 'select name from delivery_partners where id = ?', [dpId]);
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId }, { 'X-With-Server-Date': '2026-02-03T04:05:06Z' });
      expect(res.status).toBe(200);
      const id = res.body.data.id;
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const head = { cohort: '2024', urn, school_id: schoolId, delivery_partner_id: dpId, delivery_partner_name: name };
      const tutor = { induction_tutor_name: 'Tess Tutor', induction_tutor_email: 'tess@school.example' };
      const stamps = { created_at: '2026-02-03T04:05:06Z', updated_at: '2026-02-03T04:05:06Z' };
      const attributes =
        family === 'ECF'
          ? { ...head, status: 'active', challenged_reason: null, challenged_at: null, ...tutor, ...stamps }
          : { ...head, ...tutor, participants_currently_training: 0, ...stamps };
      expect(res.text).toBe(JSON.stringify({ data: { id, type: 'partnership', attributes } }));
    });

    it('the partnership is readable afterwards, by id and in the list', async () => {
      const { schoolId, dpId } = await ready();
      const created = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(created.status).toBe(200);
      const shown = await app.request('GET', `${path}/${created.body.data.id}`, { token });
      expect(shown.status).toBe(200);
      expect(shown.body).toEqual(created.body);
      const listed = await app.request('GET', `${path}?${q(`filter[delivery_partner_id]=${dpId}`)}`, { token });
      expect(listed.body).toEqual({ data: [created.body.data] });
    });

    it('the school is in_partnership in that cohort and its updated_at moves (ECF and RECT school paths)', async () => {
      const old = { 'X-With-Server-Date': '2025-06-01T00:00:00Z' };
      const s = await createSchool(app, {}, old);
      const dpId = await createDeliveryPartner(app);
      await createRelationship(app, lp, dpId, 2024);
      const school = (p: string) => app.request('GET', `${p}/${s.id}?${q('filter[cohort]=2024')}`, { token });
      for (const p of ['/api/v3/schools/ecf', '/api/v3/schools']) {
        const before = await school(p);
        expect(before.body.data.attributes).toMatchObject({ in_partnership: false, updated_at: '2025-06-01T00:00:00Z' });
      }
      const created = await post({ cohort: '2024', school_id: s.id, delivery_partner_id: dpId });
      expect(created.status).toBe(200);
      for (const p of ['/api/v3/schools/ecf', '/api/v3/schools']) {
        const after = await school(p);
        expect(after.body.data.attributes).toMatchObject({ in_partnership: true, updated_at: created.body.data.attributes.updated_at });
      }
      // Other cohorts of the school are untouched.
      const other = await app.request('GET', `/api/v3/schools/ecf/${s.id}?${q('filter[cohort]=2023')}`, { token });
      expect(other.body.data.attributes).toMatchObject({ in_partnership: false, updated_at: '2025-06-01T00:00:00Z' });
    });

    it('a school-led school is switched to provider-led in that cohort', async () => {
      const { schoolId, dpId } = await ready();
      await setProgrammeChoice(app, schoolId, 2024, 'core_induction_programme');
      expect((await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId })).status).toBe(200);
      const res = await app.request('GET', `/api/v3/schools/ecf/${schoolId}?${q('filter[cohort]=2024')}`, { token });
      expect(res.body.data.attributes.induction_programme_choice).toBe('provider_led');
    });

    it('confirming again after the school challenged the partnership reuses the same partnership (same id)', async () => {
      const { schoolId, dpId } = await ready();
      const first = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      await challenge(app, first.body.data.id, 'mistake');
      const dp2 = await createDeliveryPartner(app);
      await createRelationship(app, lp, dp2, 2024);
      const again = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dp2 });
      expect(again.status).toBe(200);
      expect(again.body.data.id).toBe(first.body.data.id);
      expect(again.body.data.attributes.delivery_partner_id).toBe(dp2);
      if (family === 'ECF') expect(again.body.data.attributes).toMatchObject({ status: 'active', challenged_reason: null, challenged_at: null });
      expect((await partnershipsOf(schoolId)).map((p) => p.id)).toEqual([first.body.data.id]);
    });

    it("the caller's hidden relationship row with that delivery partner is confirmed in place (same id)", async () => {
      const { schoolId, dpId } = await ready();
      const hidden = await insertPartnership(app, { schoolId, leadProviderId: lp, deliveryPartnerId: dpId, cohort: 2024, relationship: true });
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect(res.status).toBe(200);
      expect(res.body.data.id).toBe(hidden);
      expect(await partnershipsOf(schoolId)).toEqual([{ id: hidden, lead_provider_id: lp, relationship: false, challenge_reason: null }]);
    });

    it('a hidden relationship row is confirmed even when an earlier partnership with the school was challenged', async () => {
      const { schoolId, dpId } = await ready();
      const dpOld = await createDeliveryPartner(app);
      await createRelationship(app, lp, dpOld, 2024);
      const old = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpOld });
      await challenge(app, old.body.data.id, 'mistake');
      await insertPartnership(app, { schoolId, leadProviderId: lp, deliveryPartnerId: dpId, cohort: 2024, relationship: true });
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
      expect({ status: res.status, dp: res.body?.data?.attributes?.delivery_partner_id ?? res.body }).toEqual({ status: 200, dp: dpId });
      const listed = await app.request('GET', `${ECF_PATH}?${q('filter[cohort]=2024&page[per_page]=3000')}`, { token });
      const mine = listed.body.data.filter((p: any) => p.attributes.school_id === schoolId && p.attributes.status === 'active');
      expect(mine.map((p: any) => p.attributes.delivery_partner_id)).toEqual([dpId]);
    });
  });

  describe('failures and races', () => {
    it('a refused request leaves no partnership and does not touch the school', async () => {
      const { schoolId } = await ready();
      await setProgrammeChoice(app, schoolId, 2024, 'core_induction_programme');
      const before = await sql(app, 'select cohort_id, induction_programme_choice, updated_at from school_cohorts where school_id = ? order by cohort_id', [
        schoolId,
      ]);
      const dp = await createDeliveryPartner(app); // no relationship
      const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dp });
      expect(res.status).toBe(422);
      expect(await partnershipsOf(schoolId)).toEqual([]);
      const after = await sql(app, 'select cohort_id, induction_programme_choice, updated_at from school_cohorts where school_id = ? order by cohort_id', [
        schoolId,
      ]);
      expect(after).toEqual(before);
    });

    it('a write that fails in the database part-way is a 500 and leaves no partnership and no school change', async () => {
      const { schoolId, dpId } = await ready();
      await setProgrammeChoice(app, schoolId, 2024, 'core_induction_programme');
      const before = await sql(app, 'select cohort_id, induction_programme_choice, updated_at from school_cohorts where school_id = ? order by cohort_id', [
        schoolId,
      ]);
      // The school-in-cohort update is the last write of a confirmation; make it fail for this school only.
      await sql(
        app,
        `create or replace function test_fail_school_cohort() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`,
      );
      await sql(
        app,
        `create trigger test_fail_school_cohort before update on school_cohorts for each row when (new.school_id = ?) execute function test_fail_school_cohort()`,
        [schoolId],
      );
      try {
        const res = await post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
        expect({ status: res.status, body: res.body }).toEqual({ status: 500, body: { error: 'Internal server error' } });
      } finally {
        await sql(app, 'drop trigger test_fail_school_cohort on school_cohorts');
      }
      expect(await partnershipsOf(schoolId)).toEqual([]);
      const after = await sql(app, 'select cohort_id, induction_programme_choice, updated_at from school_cohorts where school_id = ? order by cohort_id', [
        schoolId,
      ]);
      expect(after).toEqual(before);
    });

    /**
     * Runs `request` while the test holds an exclusive lock on provider_relationships, which the
     * create flow reads last before it writes (create-partnership.service.ts loadFacts): the request
     * has checked the school by then. `meanwhile` commits a competing confirmation in that window,
     * then the lock is released. This is the interleaving a real race hits only a few times in a
     * hundred, made deterministic.
     */
    async function interleave(request: () => Promise<TestResponse>, meanwhile: () => Promise<unknown>): Promise<TestResponse> {
      let pending: Promise<TestResponse> | undefined;
      await app.db.orm.em.fork().transactional(async (tx) => {
        await tx.execute('lock table provider_relationships in access exclusive mode');
        pending = request();
        for (let i = 0; ; i++) {
          const [{ n }] = await sql<{ n: number }>(
            app,
            `select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from "provider_relationships"%'`,
          );
          if (n > 0) break;
          if (i > 200) throw new Error('the request never reached the relationship check');
          await new Promise((r) => setTimeout(r, 10));
        }
        await meanwhile();
      });
      return pending!;
    }

    it('a confirmation by the same provider committed while a second one is being checked makes the second a 422 (not a silent overwrite)', async () => {
      const { schoolId, dpId } = await ready();
      const dpOther = await createDeliveryPartner(app);
      await createRelationship(app, lp, dpOther, 2024);
      let winner = '';
      const res = await interleave(
        () => post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpOther }),
        async () => (winner = await insertPartnership(app, { schoolId, leadProviderId: lp, deliveryPartnerId: dpId, cohort: 2024, project: false })),
      );
      expect({ status: res.status, body: res.body }).toEqual({ status: 422, body: unprocessable(['school_id', ALREADY_PARTNERED]) });
      const rows = await sql(app, 'select id, delivery_partner_id from partnerships where school_id = ?', [schoolId]);
      expect(rows).toEqual([{ id: winner, delivery_partner_id: dpId }]);
    });

    it("another provider's confirmation committed while the caller's is being checked makes the caller's a 422", async () => {
      const { schoolId, dpId } = await ready();
      const res = await interleave(
        () => post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId }),
        () => insertPartnership(app, { schoolId, leadProviderId: otherLp, deliveryPartnerId: dpId, cohort: 2024, project: false }),
      );
      expect({ status: res.status, body: res.body }).toEqual({ status: 422, body: unprocessable(['school_id', OTHER_PROVIDER]) });
      expect((await partnershipsOf(schoolId)).map((p) => p.lead_provider_id)).toEqual([otherLp]);
    });

    it('two concurrent confirmations of the same school by the same provider leave exactly one partnership; a loser is told "already in a confirmed partnership"', async () => {
      // Which interleaving a real race hits is down to timing; the deterministic form is the test above.
      for (let i = 0; i < 10; i++) {
        const { schoolId, dpId } = await ready();
        const results = await Promise.all([1, 2].map(() => post({ cohort: '2024', school_id: schoolId, delivery_partner_id: dpId })));
        expect(results.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
        for (const r of results.filter((r) => r.status !== 200))
          expect({ status: r.status, body: r.body }).toEqual({ status: 422, body: unprocessable(['school_id', ALREADY_PARTNERED]) });
        expect(await partnershipsOf(schoolId)).toHaveLength(1);
      }
    });

    it('two concurrent confirmations of the same school by two providers make one partnership and one 422', async () => {
      const tally: Record<string, number> = {};
      const refusals = new Set<string>();
      const confirmed: Record<string, number> = {};
      for (let i = 0; i < 10; i++) {
        const { schoolId, dpId } = await ready();
        await createRelationship(app, otherLp, dpId, 2024);
        const attrs = { cohort: '2024', school_id: schoolId, delivery_partner_id: dpId };
        const results = await Promise.all([token, otherToken].map((t) => post(attrs, {}, t)));
        const key = results
          .map((r) => r.status)
          .sort()
          .join(' and ');
        tally[key] = (tally[key] ?? 0) + 1;
        for (const r of results) if (r.status === 422) refusals.add(JSON.stringify(r.body));
        const rows = (await partnershipsOf(schoolId)).filter((p) => !p.relationship && p.challenge_reason === null).length;
        confirmed[`${rows} confirmed`] = (confirmed[`${rows} confirmed`] ?? 0) + 1;
      }
      expect({ tally, refusals: [...refusals].map((r) => JSON.parse(r)), confirmed }).toEqual({
        tally: { '200 and 422': 10 },
        refusals: [unprocessable(['school_id', OTHER_PROVIDER])],
        confirmed: { '1 confirmed': 10 },
      });
    });
  });
});

it('a school confirmed on the ECF path is already partnered on the RECT path (one data set)', async () => {
  const { schoolId, dpId } = await ready();
  expect((await postPartnership(app, ECF_PATH, token, { cohort: '2024', school_id: schoolId, delivery_partner_id: dpId })).status).toBe(200);
  const res = await postPartnership(app, RECT_PATH, token, { cohort: '2024', school_id: schoolId, delivery_partner_id: dpId });
  expect(res.status).toBe(422);
  expect(res.body).toEqual(unprocessable(['school_id', ALREADY_PARTNERED]));
});
