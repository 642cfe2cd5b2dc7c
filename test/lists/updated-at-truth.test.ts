import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  createDeliveryPartner,
  createProvider,
  createRelationship,
  createSchool,
  createStatement,
  ECF_PATH,
  insertPartnership,
  postPartnership,
  putPartnership,
  RECT_PATH,
  renameDeliveryPartner,
  rfc3339,
  sleep,
  unique,
} from '../partnerships/fixtures.js';
import { get, ids, pin, pinSchoolInCohort } from './list-fixtures.js';

// ARCHITECTURE.md §2.6: any change to a field a provider can see moves that resource's updated_at,
// including derived fields, so updated_since polling never misses a change. §2.5: rows written
// during a time-travelled request carry the travelled time.

const OLD = '2025-01-01T00:00:00Z';
const travel = (at: string) => ({ 'X-With-Server-Date': at });

let app: TestApp;
let P: { id: string; token: string };

beforeAll(async () => {
  app = await startTestApp();
  P = await createProvider(app, 'ecf');
});
afterAll(async () => app.close());

/** "Now" as a poller would record it (whole seconds, so an updated_since at that second is inclusive). */
async function pollMark(): Promise<string> {
  const mark = rfc3339(new Date());
  await sleep(5);
  return mark;
}

describe('renaming a delivery partner', () => {
  it.each([
    ['ECF', ECF_PATH],
    ['RECT', RECT_PATH],
  ])('%s: moves the updated_at of partnerships with that partner, which appear in an updated_since poll', async (_f, path) => {
    const P = await createProvider(app, 'ecf'); // its own provider: the poll sees only this test's rows
    const dp = await createDeliveryPartner(app);
    const other = await createDeliveryPartner(app);
    await createRelationship(app, P.id, dp, 2024);
    await createRelationship(app, P.id, other, 2024);
    const mine = [];
    for (const d of [dp, dp, other]) {
      const s = await createSchool(app);
      const id = await insertPartnership(app, { schoolId: s.id, leadProviderId: P.id, deliveryPartnerId: d, cohort: 2024, at: OLD });
      mine.push(id);
    }
    const since = await pollMark();
    expect(ids(await get(app, path, P.token, `filter[updated_since]=${since}`))).toEqual([]);

    const name = unique('Renamed DP');
    await renameDeliveryPartner(app, dp, name);

    const polled = await get(app, path, P.token, `filter[updated_since]=${since}`);
    expect(new Set(ids(polled))).toEqual(new Set([mine[0], mine[1]]));
    for (const row of polled.body.data) {
      expect(row.attributes.delivery_partner_name).toBe(name);
      expect(row.attributes.updated_at >= since).toBe(true);
    }
    const untouched = await get(app, `${path}/${mine[2]}`, P.token);
    expect(untouched.body.data.attributes.updated_at).toBe(OLD);
  });

  it("moves the delivery partner's own updated_at", async () => {
    const dp = await createDeliveryPartner(app);
    await createRelationship(app, P.id, dp, 2024);
    await pin(app, 'delivery_partners', dp, OLD);
    const name = unique('Renamed DP');
    await renameDeliveryPartner(app, dp, name, travel('2026-03-04T05:06:07Z'));
    const res = await get(app, `/api/v3/delivery-partners/${dp}`, P.token);
    expect(res.body.data.attributes).toMatchObject({ name, created_at: OLD, updated_at: '2026-03-04T05:06:07Z' });
  });

  it('to the same name (after squishing spaces) changes nothing', async () => {
    const name = unique('Same Name');
    const dp = await createDeliveryPartner(app, name);
    await createRelationship(app, P.id, dp, 2024);
    const s = await createSchool(app);
    const p = await insertPartnership(app, { schoolId: s.id, leadProviderId: P.id, deliveryPartnerId: dp, cohort: 2024, at: OLD });
    await pin(app, 'delivery_partners', dp, OLD);
    await renameDeliveryPartner(app, dp, `  ${name.replace(' ', '   ')} `);
    expect((await get(app, `/api/v3/delivery-partners/${dp}`, P.token)).body.data.attributes.updated_at).toBe(OLD);
    expect((await get(app, `${ECF_PATH}/${p}`, P.token)).body.data.attributes.updated_at).toBe(OLD);
  });
});

describe('adding a provider relationship', () => {
  it("moves the delivery partner's updated_at, and its cohort list grows", async () => {
    const dp = await createDeliveryPartner(app);
    await createRelationship(app, P.id, dp, 2023);
    await pin(app, 'delivery_partners', dp, OLD);
    const since = await pollMark();
    await createRelationship(app, P.id, dp, 2025);
    const res = await get(app, `/api/v3/delivery-partners/${dp}`, P.token);
    expect(res.body.data.attributes.cohort).toEqual(['2023', '2025']);
    expect(res.body.data.attributes.created_at).toBe(OLD);
    expect(res.body.data.attributes.updated_at >= since).toBe(true);
  });

  it('that already exists changes nothing', async () => {
    const dp = await createDeliveryPartner(app);
    await createRelationship(app, P.id, dp, 2023);
    await pin(app, 'delivery_partners', dp, OLD);
    await createRelationship(app, P.id, dp, 2023);
    expect((await get(app, `/api/v3/delivery-partners/${dp}`, P.token)).body.data.attributes.updated_at).toBe(OLD);
  });
});

describe('creating a partnership', () => {
  it.each([
    ['ECF', ECF_PATH, '/api/v3/schools/ecf'],
    ['RECT', RECT_PATH, '/api/v3/schools'],
  ])("%s: moves the school's updated_at in that cohort only; the school appears in an updated_since poll", async (_f, partnershipsPath, schoolsPath) => {
    const school = await createSchool(app);
    for (const cohort of [2023, 2024, 2025]) await pinSchoolInCohort(app, school.id, cohort, OLD);
    const dp = await createDeliveryPartner(app);
    await createRelationship(app, P.id, dp, 2024);
    const since = await pollMark();
    const poll = (cohort: number) => get(app, schoolsPath, P.token, `filter[cohort]=${cohort}&filter[updated_since]=${since}&filter[urn]=${school.urn}`);
    expect(ids(await poll(2024))).toEqual([]);

    const created = await postPartnership(app, partnershipsPath, P.token, { cohort: '2024', school_id: school.id, delivery_partner_id: dp });
    expect(created.status).toBe(200);

    const polled = await poll(2024);
    expect(ids(polled)).toEqual([school.id]);
    expect(polled.body.data[0].attributes).toMatchObject({ in_partnership: true, updated_at: created.body.data.attributes.updated_at });
    expect(ids(await poll(2023))).toEqual([]);
    expect(ids(await poll(2025))).toEqual([]);
  });
});

describe('time-travelled requests (X-With-Server-Date)', () => {
  it('a partnership created while travelled carries the travelled created_at and updated_at, and so does the school in that cohort', async () => {
    const before = travel('2025-06-01T00:00:00Z');
    const school = await createSchool(app, {}, before);
    const dp = await createDeliveryPartner(app, undefined, before);
    await createRelationship(app, P.id, dp, 2024, 'ecf', before);
    const res = await postPartnership(
      app,
      ECF_PATH,
      P.token,
      { cohort: '2024', school_id: school.id, delivery_partner_id: dp },
      travel('2025-09-15T08:30:00Z'),
    );
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toMatchObject({ created_at: '2025-09-15T08:30:00Z', updated_at: '2025-09-15T08:30:00Z' });
    const shown = await get(app, `/api/v3/schools/${school.id}`, P.token, 'filter[cohort]=2024');
    expect(shown.body.data.attributes).toMatchObject({ created_at: '2025-06-01T00:00:00Z', updated_at: '2025-09-15T08:30:00Z', in_partnership: true });
  });

  it('a partnership updated while travelled carries the travelled updated_at', async () => {
    const before = travel('2025-06-01T00:00:00Z');
    const school = await createSchool(app, {}, before);
    const [dp, dp2] = [await createDeliveryPartner(app, undefined, before), await createDeliveryPartner(app, undefined, before)];
    await createRelationship(app, P.id, dp, 2024, 'ecf', before);
    await createRelationship(app, P.id, dp2, 2024, 'ecf', before);
    const created = await postPartnership(app, RECT_PATH, P.token, { cohort: '2024', school_id: school.id, delivery_partner_id: dp }, before);
    const res = await putPartnership(app, RECT_PATH, P.token, created.body.data.id, { delivery_partner_id: dp2 }, travel('2025-10-20T11:12:13Z'));
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toMatchObject({ created_at: '2025-06-01T00:00:00Z', updated_at: '2025-10-20T11:12:13Z' });
  });

  it('a delivery partner created, related and renamed while travelled carries the travelled times, and so do its partnerships', async () => {
    const dp = await createDeliveryPartner(app, undefined, travel('2025-02-02T02:02:02Z'));
    await createRelationship(app, P.id, dp, 2024, 'ecf', travel('2025-02-02T02:02:02Z'));
    expect((await get(app, `/api/v3/delivery-partners/${dp}`, P.token)).body.data.attributes).toMatchObject({
      created_at: '2025-02-02T02:02:02Z',
      updated_at: '2025-02-02T02:02:02Z',
    });
    const s = await createSchool(app);
    const p = await insertPartnership(app, { schoolId: s.id, leadProviderId: P.id, deliveryPartnerId: dp, cohort: 2024, at: OLD });
    await renameDeliveryPartner(app, dp, unique('Travelled'), travel('2025-03-03T03:03:03Z'));
    expect((await get(app, `/api/v3/delivery-partners/${dp}`, P.token)).body.data.attributes.updated_at).toBe('2025-03-03T03:03:03Z');
    expect((await get(app, `${ECF_PATH}/${p}`, P.token)).body.data.attributes.updated_at).toBe('2025-03-03T03:03:03Z');
  });

  it('a statement created while travelled carries the travelled created_at', async () => {
    const S = await createProvider(app, 'ecf');
    const id = await createStatement(
      app,
      { leadProviderId: S.id, cohort: 2024, month: 5, year: 2025, deadlineDate: '2025-05-31', paymentDate: '2025-06-25' },
      travel('2025-04-04T04:04:04Z'),
    );
    const res = await get(app, `/api/v3/statements/${id}`, S.token);
    // A travelled clock keeps ticking from the travelled instant, and this mutation's document is compiled on its
    // first use: on a loaded machine the write can land a second or two after it (seen once in a full run).
    const { created_at, updated_at } = res.body.data.attributes as { created_at: string; updated_at: string };
    expect(updated_at).toBe(created_at);
    expect(Date.parse(created_at) - Date.parse('2025-04-04T04:04:04Z')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(created_at) - Date.parse('2025-04-04T04:04:04Z')).toBeLessThan(5000);
  });
});
