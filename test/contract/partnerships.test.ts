/**
 * Contract of the partnership operations on the ECF paths (/partnerships/ecf → ecf_v3) and the RECT paths
 * (/partnerships → rect_v3), reads and writes (ecf.md §6, rect.md §7.8). Only ECF tokens may call them.
 * RECT also routes PATCH /partnerships/{id}, which no reference document lists: its body is checked
 * against rect_v3's PUT operation, and against the own document's PATCH operation.
 * Writes use cohort 2025 (2021 is closed, ecf.md §1.2); the fixtures come from the seeded database.
 */
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import {
  errors,
  expectContract,
  expectNonEmptyList,
  expectUnauthorised,
  FILTER_HASH_BODY,
  FORBIDDEN_NPQ_ON_ECF,
  MISSING_DATA_BODY,
  NOT_FOUND_BODY,
  PAGE_DETAIL,
  partnerableSchoolIds,
  relatedDeliveryPartnerIds,
  sql,
  unrelatedDeliveryPartnerId,
  challengedPartnership,
  UNKNOWN_ID,
  UPDATED_SINCE_DETAIL,
  v3,
  type RefCheck,
} from './contract-support.js';

const YEAR = 2025;

const MESSAGES = {
  cohortBlank: "Enter a '#/cohort'.",
  schoolBlank: "Enter a '#/school_id'.",
  deliveryPartnerBlank: "Enter a '#/delivery_partner_id'.",
  cohortInvalid: "The '#/cohort' you have entered is invalid. Check cohort details and try again.",
  schoolInvalid:
    "The '#/school_id' you have entered is invalid. Check school details and try again. Contact the DfE for support if you are unable to find the '#/school_id'.",
  deliveryPartnerInvalid: "The '#/delivery_partner_id' you have entered is invalid. Check delivery partner details and try again.",
  noRelationship:
    'The entered delivery partner is not recognised to be working in partnership with you for the given cohort. Contact the DfE for more information.',
  alreadyPartnered: 'You are already in a confirmed partnership with this school for the entered cohort.',
  challenged:
    'Your update cannot be made as this partnership has been challenged by the school. If this partnership has been challenged in error, submit a new partnership confirmation using the endpoint POST /api/v3/partnerships/ecf.',
};

interface Family {
  name: 'ecf' | 'rect';
  base: string;
  refs: RefCheck[];
  createType: string;
  updateType: string;
  attributes: string[];
  updateMethods: Array<'PUT' | 'PATCH'>;
}

const HEAD = ['cohort', 'urn', 'school_id', 'delivery_partner_id', 'delivery_partner_name'];

const FAMILIES: Family[] = [
  {
    name: 'ecf',
    base: v3('/partnerships/ecf'),
    refs: [{ spec: 'ecf_v3' }],
    createType: 'ecf-partnership',
    updateType: 'ecf-partnership-update',
    attributes: [...HEAD, 'status', 'challenged_reason', 'challenged_at', 'induction_tutor_name', 'induction_tutor_email', 'created_at', 'updated_at'],
    updateMethods: ['PUT'],
  },
  {
    name: 'rect',
    base: v3('/partnerships'),
    refs: [{ spec: 'rect_v3' }],
    createType: 'partnership',
    updateType: 'partnership-update',
    attributes: [...HEAD, 'induction_tutor_name', 'induction_tutor_email', 'participants_currently_training', 'created_at', 'updated_at'],
    updateMethods: ['PUT', 'PATCH'],
  },
];

/** rect_v3 has no PATCH: a PATCH response is held against its PUT operation. */
const refsFor = (f: Family, method: string): RefCheck[] => f.refs.map((r) => (method === 'PATCH' ? { ...r, method: 'PUT' } : r));

let app: TestApp;
let ecf: string;
let npq: string;
let lpId: string;
let schools: string[];
let dps: string[];
let unrelatedDp: string;
/** Active 2025 partnerships of the provider, one per update operation (ecf PUT, rect PUT, rect PATCH). */
let updatable: Array<{ id: string; deliveryPartnerId: string }>;
let challenged: { id: string; year: number };
let otherProvidersPartnership: string;

beforeAll(async () => {
  app = await startTestApp();
  ecf = app.token('Ambition Institute', 'ecf');
  npq = app.token('Ambition Institute', 'npq');
  lpId = app.leadProviderId('Ambition Institute');
  // [0] and [1] are confirmed by the ECF and RECT POST tests; [2] is never partnered.
  schools = await partnerableSchoolIds(app, YEAR, 3);
  dps = await relatedDeliveryPartnerIds(app, lpId, YEAR);
  if (dps.length < 2) throw new Error('the provider needs two delivery partners in 2025');
  unrelatedDp = await unrelatedDeliveryPartnerId(app, lpId, YEAR);
  updatable = (
    await sql<{ id: string; dp: string }>(
      app,
      `select p.id, p.delivery_partner_id as dp from partnerships p join cohorts c on c.id = p.cohort_id
        where p.lead_provider_id = ? and c.start_year = ? and p.relationship = false and p.challenge_reason is null
        order by p.created_at, p.id limit 3`,
      [lpId, YEAR],
    )
  ).map((r) => ({ id: r.id, deliveryPartnerId: r.dp }));
  if (updatable.length < 3) throw new Error('the provider needs three active 2025 partnerships');
  challenged = await challengedPartnership(app, lpId);
  [{ id: otherProvidersPartnership }] = await sql<{ id: string }>(
    app,
    `select id from partnerships where lead_provider_id = ? and relationship = false order by created_at, id limit 1`,
    [app.leadProviderId('Capita')],
  );
});
afterAll(async () => app?.close());

describe.each(FAMILIES)('partnerships on $base', (f) => {
  const familyIndex = FAMILIES.indexOf(f);
  const createBody = (attributes: Record<string, unknown>) => ({ data: { type: f.createType, attributes } });
  const updateBody = (attributes: Record<string, unknown>) => ({ data: { type: f.updateType, attributes } });

  describe(`GET ${f.base}`, () => {
    it("lists the provider's partnerships in the family shape, challenged ones included", async () => {
      const path = `${f.base}?${q('page[per_page]=3000')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 200, refs: f.refs });
      const data = expectNonEmptyList(res, 'partnership');
      for (const p of data) expect(Object.keys(p.attributes)).toEqual(f.attributes);
      expect(data.map((p) => p.id)).toContain(challenged.id);
      if (f.name === 'ecf') {
        const c = data.find((p) => p.id === challenged.id);
        expect(c.attributes.status).toBe('challenged');
        expect(c.attributes.challenged_reason).not.toBeNull();
      }
    });

    it('filters by cohort, delivery partner and updated_since, sorts and pages', async () => {
      const path = `${f.base}?${q(`filter[cohort]=${YEAR}&filter[delivery_partner_id]=${dps.join(',')}&filter[updated_since]=2000-01-01T00:00:00Z&sort=-updated_at&page[page]=1&page[per_page]=5`)}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 200, refs: f.refs });
      const data = expectNonEmptyList(res, 'partnership');
      expect(data.length).toBeLessThanOrEqual(5);
      for (const p of data) {
        expect(p.attributes.cohort).toBe(String(YEAR));
        expect(dps).toContain(p.attributes.delivery_partner_id);
      }
    });

    it('answers 401 without a token or with an unknown token', async () => {
      await expectUnauthorised(app, 'GET', f.base, f.refs);
    });

    it('answers 403 to an NPQ token', async () => {
      const res = await app.request('GET', f.base, { token: npq });
      expectContract(res, { method: 'GET', path: f.base, status: 403, refs: f.refs, body: FORBIDDEN_NPQ_ON_ECF });
    });

    it('answers 400 to a page size below 1', async () => {
      const path = `${f.base}?${q('page[per_page]=-5')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', PAGE_DETAIL[f.name]) });
    });

    it('answers 400 to an unparseable updated_since', async () => {
      const path = `${f.base}?${q('filter[updated_since]=not-a-date')}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 400, refs: f.refs, body: errors('Bad request', UPDATED_SINCE_DETAIL[f.name]) });
    });

    it('answers 400 when filter is not a hash', async () => {
      const path = `${f.base}?filter=${YEAR}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 400, refs: f.refs, body: FILTER_HASH_BODY });
    });
  });

  describe(`POST ${f.base}`, () => {
    it('confirms a partnership with an eligible school and answers 200 with it; the other family shows the same record', async () => {
      const school = schools[familyIndex];
      const res = await app.request('POST', f.base, {
        token: ecf,
        body: createBody({ cohort: String(YEAR), school_id: school, delivery_partner_id: dps[0] }),
      });
      expectContract(res, { method: 'POST', path: f.base, status: 200, refs: f.refs });
      expect(res.body.data.type).toBe('partnership');
      expect(Object.keys(res.body.data.attributes)).toEqual(f.attributes);
      expect(res.body.data.attributes).toMatchObject({ cohort: String(YEAR), school_id: school, delivery_partner_id: dps[0] });

      for (const other of FAMILIES) {
        const path = `${other.base}/${res.body.data.id}`;
        const shown = await app.request('GET', path, { token: ecf });
        expectContract(shown, { method: 'GET', path, status: 200, refs: other.refs });
        expect(shown.body.data.attributes.school_id).toBe(school);
      }
    });

    it('answers 422 naming the attribute when the provider already partners the school in the cohort', async () => {
      const res = await app.request('POST', f.base, {
        token: ecf,
        body: createBody({ cohort: String(YEAR), school_id: schools[familyIndex], delivery_partner_id: dps[0] }),
      });
      expectContract(res, { method: 'POST', path: f.base, status: 422, refs: f.refs, body: errors('school_id', MESSAGES.alreadyPartnered) });
    });

    it('answers 422 with one entry per blank attribute', async () => {
      const res = await app.request('POST', f.base, { token: ecf, body: createBody({ cohort: String(YEAR) }) });
      expectContract(res, {
        method: 'POST',
        path: f.base,
        status: 422,
        refs: f.refs,
        body: {
          errors: [
            { title: 'school_id', detail: MESSAGES.schoolBlank },
            { title: 'delivery_partner_id', detail: MESSAGES.deliveryPartnerBlank },
          ],
        },
      });
    });

    it('answers 422 to unknown cohort, school and delivery partner', async () => {
      const res = await app.request('POST', f.base, {
        token: ecf,
        body: createBody({ cohort: '1999', school_id: UNKNOWN_ID, delivery_partner_id: UNKNOWN_ID }),
      });
      expectContract(res, {
        method: 'POST',
        path: f.base,
        status: 422,
        refs: f.refs,
        body: {
          errors: [
            { title: 'cohort', detail: MESSAGES.cohortInvalid },
            { title: 'school_id', detail: MESSAGES.schoolInvalid },
            { title: 'delivery_partner_id', detail: MESSAGES.deliveryPartnerInvalid },
          ],
        },
      });
    });

    it('answers 422 to a delivery partner with no relationship with the provider in the cohort', async () => {
      const res = await app.request('POST', f.base, {
        token: ecf,
        body: createBody({ cohort: String(YEAR), school_id: schools[2], delivery_partner_id: unrelatedDp }),
      });
      expectContract(res, { method: 'POST', path: f.base, status: 422, refs: f.refs, body: errors('delivery_partner_id', MESSAGES.noRelationship) });
    });

    it('answers 400 to a body without data', async () => {
      const res = await app.request('POST', f.base, { token: ecf, body: { cohort: String(YEAR) } });
      expectContract(res, { method: 'POST', path: f.base, status: 400, refs: f.refs, body: MISSING_DATA_BODY[f.name] });
    });

    it('answers 400 to a body that is not JSON', async () => {
      const res = await app.request('POST', f.base, { token: ecf, rawBody: '{"data": ' });
      expectContract(res, { method: 'POST', path: f.base, status: 400, refs: f.refs });
      expect(res.body.errors[0].title).toBe('Bad request');
    });

    it('answers 401 without a token or with an unknown token', async () => {
      await expectUnauthorised(app, 'POST', f.base, f.refs, createBody({ cohort: String(YEAR), school_id: UNKNOWN_ID, delivery_partner_id: dps[0] }));
    });

    it('answers 403 to an NPQ token', async () => {
      const res = await app.request('POST', f.base, {
        token: npq,
        body: createBody({ cohort: String(YEAR), school_id: UNKNOWN_ID, delivery_partner_id: dps[0] }),
      });
      expectContract(res, { method: 'POST', path: f.base, status: 403, refs: f.refs, body: FORBIDDEN_NPQ_ON_ECF });
    });
  });

  describe(`GET ${f.base}/{id}`, () => {
    it('shows one of the provider’s partnerships', async () => {
      const path = `${f.base}/${challenged.id}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 200, refs: f.refs });
      expect(res.body.data.id).toBe(challenged.id);
      expect(Object.keys(res.body.data.attributes)).toEqual(f.attributes);
    });

    it('answers 401 without a token or with an unknown token', async () => {
      await expectUnauthorised(app, 'GET', `${f.base}/${challenged.id}`, f.refs);
    });

    it('answers 403 to an NPQ token', async () => {
      const path = `${f.base}/${challenged.id}`;
      const res = await app.request('GET', path, { token: npq });
      expectContract(res, { method: 'GET', path, status: 403, refs: f.refs, body: FORBIDDEN_NPQ_ON_ECF });
    });

    it('answers 404 to an unknown id', async () => {
      const path = `${f.base}/${UNKNOWN_ID}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 404, refs: f.refs, body: NOT_FOUND_BODY });
    });

    it("answers 404 to another provider's partnership", async () => {
      const path = `${f.base}/${otherProvidersPartnership}`;
      const res = await app.request('GET', path, { token: ecf });
      expectContract(res, { method: 'GET', path, status: 404, refs: f.refs, body: NOT_FOUND_BODY });
    });
  });

  describe.each(f.updateMethods)(`%s ${f.base}/{id}`, (method) => {
    const refs = refsFor(f, method);
    // ecf PUT → 0, rect PUT → 1, rect PATCH → 2: each update operation moves its own partnership.
    const slot = f.name === 'ecf' ? 0 : method === 'PUT' ? 1 : 2;

    it('moves the partnership to another delivery partner and answers 200 with it', async () => {
      const target = updatable[slot];
      const next = dps.find((d) => d !== target.deliveryPartnerId)!;
      const path = `${f.base}/${target.id}`;
      const res = await app.request(method, path, { token: ecf, body: updateBody({ delivery_partner_id: next }) });
      expectContract(res, { method, path, status: 200, refs });
      expect(res.body.data.id).toBe(target.id);
      expect(Object.keys(res.body.data.attributes)).toEqual(f.attributes);
      expect(res.body.data.attributes.delivery_partner_id).toBe(next);
    });

    it('answers 422 to an unknown delivery partner', async () => {
      const path = `${f.base}/${updatable[slot].id}`;
      const res = await app.request(method, path, { token: ecf, body: updateBody({ delivery_partner_id: UNKNOWN_ID }) });
      expectContract(res, { method, path, status: 422, refs, body: errors('delivery_partner_id', MESSAGES.deliveryPartnerInvalid) });
    });

    it('answers 422 to a delivery partner with no relationship with the provider in the cohort', async () => {
      const path = `${f.base}/${updatable[slot].id}`;
      const res = await app.request(method, path, { token: ecf, body: updateBody({ delivery_partner_id: unrelatedDp }) });
      expectContract(res, { method, path, status: 422, refs, body: errors('delivery_partner_id', MESSAGES.noRelationship) });
    });

    it('answers 422 to a blank delivery partner', async () => {
      const path = `${f.base}/${updatable[slot].id}`;
      const res = await app.request(method, path, { token: ecf, body: updateBody({ delivery_partner_id: '' }) });
      expectContract(res, { method, path, status: 422, refs, body: errors('delivery_partner_id', MESSAGES.deliveryPartnerBlank) });
    });

    if (f.name === 'ecf') {
      it('answers 422 when the school has challenged the partnership (ecf.md §6.3)', async () => {
        const [related] = await relatedDeliveryPartnerIds(app, lpId, challenged.year);
        const path = `${f.base}/${challenged.id}`;
        const res = await app.request(method, path, { token: ecf, body: updateBody({ delivery_partner_id: related }) });
        expectContract(res, { method, path, status: 422, refs });
        expect(res.body.errors).toHaveLength(1);
        expect(res.body.errors[0].detail).toBe(MESSAGES.challenged);
      });
    }

    it('answers 400 to a body without data', async () => {
      const path = `${f.base}/${updatable[slot].id}`;
      const res = await app.request(method, path, { token: ecf, body: { delivery_partner_id: dps[0] } });
      expectContract(res, { method, path, status: 400, refs, body: MISSING_DATA_BODY[f.name] });
    });

    it('answers 401 without a token or with an unknown token', async () => {
      await expectUnauthorised(app, method, `${f.base}/${updatable[slot].id}`, refs, updateBody({ delivery_partner_id: dps[0] }));
    });

    it('answers 403 to an NPQ token', async () => {
      const path = `${f.base}/${updatable[slot].id}`;
      const res = await app.request(method, path, { token: npq, body: updateBody({ delivery_partner_id: dps[0] }) });
      expectContract(res, { method, path, status: 403, refs, body: FORBIDDEN_NPQ_ON_ECF });
    });

    it('answers 404 to an unknown id', async () => {
      const path = `${f.base}/${UNKNOWN_ID}`;
      const res = await app.request(method, path, { token: ecf, body: updateBody({ delivery_partner_id: dps[0] }) });
      expectContract(res, { method, path, status: 404, refs, body: NOT_FOUND_BODY });
    });

    it("answers 404 to another provider's partnership", async () => {
      const path = `${f.base}/${otherProvidersPartnership}`;
      const res = await app.request(method, path, { token: ecf, body: updateBody({ delivery_partner_id: dps[0] }) });
      expectContract(res, { method, path, status: 404, refs, body: NOT_FOUND_BODY });
    });
  });
});
