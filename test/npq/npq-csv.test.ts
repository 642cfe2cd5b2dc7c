import { q, startTestApp, type TestApp } from '../support/test-app.js';
import { CSV_CHUNK } from '../../src/rest-facade/npq-applications/npq-csv.routes.js';
import { NPQ_APPLICATIONS_CSV_COLUMNS, NPQ_ENROLMENTS_CSV_COLUMNS } from '../../spec/components/npq-outcome.schema.js';
import { createApplication, createPerson, gql, sql } from './npq-fixtures.js';
import { loadReferenceSpec } from '../support/reference-specs.js';

// npq.md §2.3: the v1/v2 CSV exports — exact header, column values, RFC 4180 quoting, chunked streaming, filters.

/** RFC 4180 reader for the tests: quoted fields with "" escapes, commas and newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

let app: TestApp;
let npq: string;
/** Key-page statements of the applications list, counted while `counting`. */
let keyPages = 0;
let counting = false;
beforeAll(async () => {
  app = await startTestApp({
    onQuery: (text) => {
      if (counting && /with keys as \(select a\.id from npq_applications/.test(text)) keyPages++;
    },
  });
  npq = app.token('Ambition Institute', 'npq');
});
afterAll(async () => app.close());
afterEach(() => {
  CSV_CHUNK.size = 1000;
});

const csv = async (path: string, token = npq) => {
  const res = await app.request('GET', path, { token, headers: { accept: 'text/csv' } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  return { text: res.text, rows: parseCsv(res.text) };
};
const json = async (path: string) => (await app.request('GET', path, { token: npq })).body.data as any[];
const str = (v: string | number | boolean | null) => (v === null ? '' : String(v));

describe('columns against the reference documents', () => {
  const schema = (spec: 'npq_v1' | 'npq_v2', name: string) =>
    Object.keys((loadReferenceSpec(spec) as { components: { schemas: Record<string, { properties: object }> } }).components.schemas[name].properties);

  it.each(['npq_v1', 'npq_v2'] as const)('%s ApplicationCsv lists the applications columns in order', (spec) => {
    expect(schema(spec, 'ApplicationCsv')).toEqual([...NPQ_APPLICATIONS_CSV_COLUMNS]);
  });

  it('npq_v2 EnrolmentCsv lists the enrolments columns in order', () => {
    expect(schema('npq_v2', 'EnrolmentCsv')).toEqual([...NPQ_ENROLMENTS_CSV_COLUMNS]);
  });
});

describe.each(['v1', 'v2'])('GET /api/%s/npq-applications.csv', (version) => {
  const path = `/api/${version}/npq-applications.csv`;

  it('has the exact header and one row per application, in the list order, with the JSON values (raw eligibility and TRN)', async () => {
    const { rows } = await csv(path);
    expect(rows[0]).toEqual([...NPQ_APPLICATIONS_CSV_COLUMNS]);
    const listed = await json(`/api/${version}/npq-applications?${q('page[per_page]=3000')}`);
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.map((a) => a.id));
    const byId = new Map(listed.map((a) => [a.id, a.attributes]));
    const raw = new Map(
      (
        await sql(app, 'select a.id, a.eligible_for_funding from npq_applications a where a.lead_provider_id = ?', [app.leadProviderId('Ambition Institute')])
      ).map((r) => [r.id, r.eligible_for_funding]),
    );
    for (const r of rows.slice(1)) {
      const a = byId.get(r[0]);
      const row = Object.fromEntries(NPQ_APPLICATIONS_CSV_COLUMNS.map((c, i) => [c, r[i]]));
      for (const c of NPQ_APPLICATIONS_CSV_COLUMNS.filter((c) => c !== 'id' && c !== 'eligible_for_funding')) expect([c, row[c]]).toEqual([c, str(a[c])]);
      expect(row.eligible_for_funding).toBe(String(raw.get(r[0])));
    }
  });

  it('quotes a name with a comma and a quote, and writes null as an empty field and booleans as true/false', async () => {
    const person = await createPerson(app, { trn: '1234567', trnVerified: false });
    await sql(app, `update npq_participants set full_name = ?, email = null where id = ?`, [`O'Brien, "Jo"\nSmith`, person]);
    const { id } = await createApplication(app, { person, cohort: '2023a' });
    const { text, rows } = await csv(path);
    expect(text).toContain(`"O'Brien, ""Jo""\nSmith"`);
    const row = rows.find((r) => r[0] === id)!;
    const at = (c: string) => row[NPQ_APPLICATIONS_CSV_COLUMNS.indexOf(c as never)];
    expect([at('full_name'), at('email'), at('email_validated'), at('teacher_reference_number'), at('teacher_reference_number_validated')]).toEqual([
      `O'Brien, "Jo"\nSmith`,
      '',
      'true',
      '1234567',
      'false',
    ]);
  });

  it('streams in chunks: the same file whatever the chunk size, one key page per chunk', async () => {
    const whole = (await csv(path)).text;
    const rows = parseCsv(whole).length - 1;
    CSV_CHUNK.size = 2;
    keyPages = 0;
    counting = true;
    expect((await csv(path)).text).toBe(whole);
    counting = false;
    expect(keyPages).toBe(Math.max(1, Math.ceil(rows / 2)));
    CSV_CHUNK.size = 1;
    expect((await csv(path)).text).toBe(whole);
  });

  it('applies the list filters (cohort, updated_since) and keeps the header when nothing matches', async () => {
    const { rows } = await csv(`${path}?${q('filter[cohort]=2024')}`);
    const listed = await json(`/api/${version}/npq-applications?${q('filter[cohort]=2024&page[per_page]=3000')}`);
    expect(listed.length).toBeGreaterThan(0);
    expect(rows.slice(1).map((r) => r[0])).toEqual(listed.map((a) => a.id));
    expect((await csv(`${path}?${q('filter[cohort]=1999')}`)).rows).toEqual([[...NPQ_APPLICATIONS_CSV_COLUMNS]]);
    const since = (await csv(`${path}?${q('filter[updated_since]=2100-01-01T00:00:00Z')}`)).rows;
    expect(since).toEqual([[...NPQ_APPLICATIONS_CSV_COLUMNS]]);
    const bad = await app.request('GET', `${path}?${q('filter[updated_since]=yesterday')}`, { token: npq });
    expect([bad.status, bad.body]).toEqual([400, { errors: [{ title: 'Bad request', detail: "The filter '#/updated_since' must be a valid ISO 8601 date" }] }]);
  });

  it("never includes another provider's applications", async () => {
    const { id } = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    expect((await csv(path)).rows.map((r) => r[0])).not.toContain(id);
  });

  it('answers JSON errors: 401 without a token, 403 for an ECF token', async () => {
    const none = await app.request('GET', path);
    expect([none.status, none.body]).toEqual([401, { error: 'HTTP Token: Access denied' }]);
    const ecf = await app.request('GET', path, { token: app.token('Ambition Institute', 'ecf') });
    expect([ecf.status, ecf.body]).toEqual([
      403,
      { errors: [{ title: 'Forbidden', detail: 'This endpoint is part of the NPQ API; your token is for the ECF programme' }] },
    ]);
  });
});

describe('GET /api/v2/npq-enrolments.csv', () => {
  const path = '/api/v2/npq-enrolments.csv';

  it('has the exact header and one row per accepted application with its values', async () => {
    const { rows } = await csv(path);
    expect(rows[0]).toEqual([...NPQ_ENROLMENTS_CSV_COLUMNS]);
    const expected = await sql(
      app,
      `select a.participant_id, a.course_identifier, s.schedule_identifier, c.start_year::text as cohort, a.id, a.eligible_for_funding::text as eligible,
              a.training_status, coalesce(a.school_urn, '') as school_urn, coalesce(a.funded_place::text, '') as funded_place
         from npq_applications a left join schedules s on s.id = a.schedule_id left join npq_cohorts c on c.id = a.npq_cohort_id
        where a.lead_provider_id = ? and a.status = 'accepted' order by a.created_at, a.id`,
      [app.leadProviderId('Ambition Institute')],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(rows.slice(1)).toEqual(expected.map((e) => Object.values(e as Record<string, string | null>).map((v) => str(v))));
  });

  it('filters updated_since, streams in chunks, and is v2 only', async () => {
    const whole = (await csv(path)).text;
    CSV_CHUNK.size = 1;
    expect((await csv(path)).text).toBe(whole);
    expect((await csv(`${path}?${q('filter[updated_since]=2100-01-01T00:00:00Z')}`)).rows).toEqual([[...NPQ_ENROLMENTS_CSV_COLUMNS]]);
    for (const v of ['v1', 'v3']) expect((await app.request('GET', `/api/${v}/npq-enrolments.csv`, { token: npq })).status).toBe(404);
    expect((await app.request('GET', '/api/v3/npq-applications.csv', { token: npq })).status).toBe(404);
  });
});

describe('the export filters of npqApplications (GraphQL)', () => {
  const LIST = `query($filter: NpqApplicationFilterInput, $sort: [NpqApplicationSortInput!]) {
    npqApplications(filter: $filter, page: { perPage: 3000 }, sort: $sort) { items { id status createdAt } hasNextPage } }`;
  const ids = async (filter: Record<string, unknown>, sort?: unknown) => {
    const res = await gql(app, npq, LIST, { filter, sort });
    expect(res.errors).toBeUndefined();
    return (res.data.npqApplications.items as { id: string; status: string }[]).map((a) => a.id);
  };

  it('afterId reads on from an application in created_at order, whatever the sort; an unknown or foreign id reads nothing', async () => {
    const all = await ids({});
    expect(await ids({ afterId: all[2] })).toEqual(all.slice(3));
    expect(await ids({ afterId: all[2] }, [{ field: 'updatedAt', direction: 'desc' }])).toEqual(all.slice(3));
    const theirs = await createApplication(app, { provider: 'Teach First', cohort: '2023a' });
    expect(await ids({ afterId: theirs.id })).toEqual([]);
    expect(await ids({ afterId: '00000000-0000-4000-8000-000000000000' })).toEqual([]);
  });

  it('statuses keeps only those statuses', async () => {
    const res = await gql(app, npq, LIST, { filter: { statuses: ['accepted', 'rejected'] } });
    const statuses = new Set((res.data.npqApplications.items as { status: string }[]).map((a) => a.status));
    expect([...statuses].sort()).toEqual(['accepted', 'rejected']);
  });
});
