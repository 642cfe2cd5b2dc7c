import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';
import { restRoutes } from '../../src/rest-facade/index.js';
import { openApiDocuments, openApiYaml, type ApiVersion } from '../../spec/index.js';
import { expectContract, partnerableSchoolIds } from '../contract/contract-support.js';
import { createApplication } from '../npq/npq-fixtures.js';
import { ecfPeriods, insertEcfDeclaration, insertNpqDeclaration, npqApplications, rebuildListings } from '../declarations/declaration-fixtures.js';
import { insertNpqDeclaration as declareForApplication } from '../declarations/npq-declaration-fixtures.js';
import { q, startTestApp, type TestApp } from '../support/test-app.js';
import { createStatement } from '../partnerships/fixtures.js';
import {
  convertToCollection,
  prepareRun,
  requestsOf,
  runNewman,
  type Executed,
  type Expectation,
  type PmCollection,
  type RunPlan,
} from './postman-collection.js';

/**
 * A Postman collection generated from each served document runs green with newman against the real app
 * (fresh database with the demo data), with an ECF token and with an NPQ token. See postman-collection.ts.
 */
const TIMEOUT = 180_000;

const VERSIONS: ApiVersion[] = ['v1', 'v2', 'v3'];
const PROVIDER = 'Ambition Institute';
/** The generated requests carry the documented `X-With-Server-Date` example (2025-01-10): cohort 2024 is open then. */
const WRITE_YEAR = 2024;

let app: TestApp;
let limited: TestApp;
const generated = {} as Record<ApiVersion, PmCollection>;

beforeAll(async () => {
  app = await startTestApp();
  // A second instance on the same database whose budget is one request per token: the 429 requests go there.
  limited = await startTestApp({ database: { url: '', db: app.db, drop: async () => {} }, tokens: app.tokens, env: { RATE_LIMIT_MAX: '1' } });
  for (const v of VERSIONS) {
    const served = await app.request('GET', `/api/docs/${v}/swagger.yaml`);
    generated[v] = await convertToCollection(served.text);
  }
}, TIMEOUT);

afterAll(async () => {
  await limited?.close();
  await app?.close();
});

describe.each(VERSIONS)('%s', (version) => {
  it('serves the same YAML at both documentation URLs', async () => {
    const a = await app.request('GET', `/api/docs/${version}/swagger.yaml`);
    const b = await app.request('GET', `/lead-providers/api-docs/${version}/api_spec.yml`);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.headers.get('content-type')).toMatch(/^application\/yaml/);
    expect(b.text).toBe(a.text);
    expect(a.text).toBe(openApiYaml(version));
  });

  it('converts to a Postman collection with one request per documented operation', () => {
    const doc = openApiDocuments[version];
    const operations = Object.values(doc.paths).flatMap((item) => Object.keys(item ?? {}).filter((k) => k !== 'parameters'));
    expect(requestsOf(generated[version].item)).toHaveLength(operations.length);
    expect(generated[version].auth).toMatchObject({ type: 'bearer', bearer: [{ key: 'token', value: '{{bearerToken}}' }] });
  });
});

/* ------------------------------------------------------------------------------------------------ */

type Programme = 'ecf' | 'npq';

const routeOf = (method: string, template: string) =>
  restRoutes.find((r) => r.method === method.toLowerCase() && r.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}') === template);

async function firstId(path: string, token: string, pick: (item: any) => boolean = () => true): Promise<any> {
  const res = await app.request('GET', path, { token });
  const found = (res.body?.data ?? []).find(pick);
  if (!found) throw new Error(`demo data: nothing suitable at ${path}`);
  return found;
}

/** Demo ids the generated requests need, seen through the run's token. */
async function variablesFor(programme: Programme, token: string): Promise<Record<string, string>> {
  const dp = await firstId(`/api/v3/delivery-partners?${q(`filter[cohort]=${WRITE_YEAR}`)}`, token);
  const statement = await firstId(`/api/v3/statements?${q('filter[cohort]=2023,2024')}`, token);
  // A fresh pending application (fully funded 2023 cohort, headship) that the NPQ run shows, accepts, then rejects.
  const npqApplication = await createApplication(app, { provider: PROVIDER, cohort: '2023a' });
  // A fresh NPQ participant (headship accepted in 2023a, leadership autumn, active) that the NPQ run defers,
  // resumes, moves to the spring schedule and withdraws, in the document's order.
  const npqParticipant = await createApplication(app, { provider: PROVIDER, cohort: '2023a', status: 'accepted' });
  // Defer needs a declaration and withdraw a started one (npq.md §4.3, §4.5): a voided one holds no slot.
  await declareForApplication(app, npqParticipant.id, { type: 'started', state: 'voided' });
  // An accepted, eligible application in a capped cohort (change-funded-place) and its person (outcomes).
  const npqAccepted = await createApplication(app, { provider: PROVIDER, cohort: '2025a', status: 'accepted', eligible: true, course: 'npq-headship' });
  // Outcomes need a completed declaration (npq.md §6.3): an ineligible one holds no slot, so change-funded-place runs.
  await declareForApplication(app, npqAccepted.id, { type: 'completed', state: 'ineligible' });
  // …with an outcome already, so its outcomes list (read before the generated POST) is not empty.
  await app.request('POST', `/api/v3/participants/npq/${npqAccepted.person}/outcomes`, {
    token: app.token(PROVIDER, 'npq'),
    body: { data: { attributes: { course_identifier: 'npq-headship', state: 'failed', completion_date: '2024-12-01' } } },
  });
  const base = {
    baseUrl: app.url,
    bearerToken: token,
    deliveryPartnerId: dp.id,
    statementId: statement.id,
    npqApplicationId: npqApplication.id,
    npqParticipantId: npqApplication.person,
    // `{id}` of /participants/npq/… (the ECF run replaces it with an ECF participant).
    participantId: npqParticipant.person,
    npqAcceptedApplicationId: npqAccepted.id,
  };
  // A declaration of the run's programme (the demo seed may have none yet) for the declaration reads, in the example
  // cohorts (2023, 2024) and, for ECF, with the filter's delivery partner; `filter[participant_id]` names its participant.
  const lp = app.leadProviderId(PROVIDER);
  if (programme === 'npq') {
    const [application] = await npqApplications(app, lp, 1);
    const [cohort] = await app.db.orm.em.fork().execute<{ id: string }[]>(`select id from cohorts where start_year = 2024`);
    // Dated before the example X-With-Server-Date (2025-01-10): change-delivery-partner re-checks the date.
    const npqDeclarationId = await insertNpqDeclaration(app, application, { leadProviderId: lp, cohortId: cohort.id, declarationDate: '2024-12-01T10:00:00Z' });
    await rebuildListings(app);
    // POST: a fresh accepted 2023 headship application (not eligible: no statement needed; before 2024: no delivery
    // partner), declared `started` before the example X-With-Server-Date. change-delivery-partner: a delivery partner
    // the provider works with in the fixture declaration's cohort.
    const declarant = await createApplication(app, { provider: PROVIDER, cohort: '2023a', status: 'accepted', eligible: false });
    const [npqDeliveryPartner] = await app.db.orm.em.fork().execute<{ id: string }[]>(
      `select delivery_partner_id as id from provider_relationships where lead_provider_id = ? and cohort_id = ? and programme = 'npq' and discarded_at is null
          order by delivery_partner_id limit 1`,
      [lp, cohort.id],
    );
    return {
      ...base,
      npqDeclarationParticipantId: declarant.person,
      npqDeclarationDeliveryPartnerId: npqDeliveryPartner.id,
      npqOutcomeParticipantId: npqAccepted.person,
      participantDeclarationId: npqDeclarationId,
      filterParticipantId: application.participantId,
    };
  }
  const partnership = await firstId(
    `/api/v3/partnerships/ecf?${q(`filter[cohort]=${WRITE_YEAR}&page[per_page]=500`)}`,
    token,
    (p) => p.attributes.status === 'active',
  );
  const school = await firstId(`/api/v3/schools/ecf?${q(`filter[cohort]=${WRITE_YEAR}`)}`, token);
  const [ecfSchool, rectSchool] = await partnerableSchoolIds(app, WRITE_YEAR, 2);
  // A participant with transfers (also one of the provider's participants), so `{id}/transfers` finds them too.
  const participant = await firstId('/api/v3/participants/ecf/transfers', token);
  const unfundedMentor = await firstId('/api/v3/unfunded-mentors/ecf', token);
  // The actions run in document order (defer, resume, change-schedule, withdraw) on an active 2024 ECT not yet on
  // the change-schedule target; each derived 422 repeats the example body (already deferred, already active, …).
  const actionParticipant = await firstId(`/api/v3/participants/ecf?${q('filter[cohort]=2024&page[per_page]=500')}`, token, (p) =>
    p.attributes.ecf_enrolments.some(
      (e: any) => e.participant_type === 'ect' && e.cohort === '2024' && e.training_status === 'active' && e.schedule_identifier !== 'ecf-extended-september',
    ),
  );
  // RECT's actions (resume, change-schedule, defer, withdraw in document order) on a demo ECT at school, deferred
  // five days ago, at today's date (headerValues): RECT refuses a resume on the day of the deferral, and the example date
  // (2025-01-10) is before the demo history.
  const rectActionParticipant = await firstId(`/api/v3/participants/ecf?${q('page[per_page]=3000')}`, token, (p) =>
    p.attributes.ecf_enrolments.some(
      (e: any) =>
        e.participant_type === 'ect' &&
        e.training_status === 'deferred' &&
        e.participant_status === 'active' &&
        e.schedule_identifier !== 'ecf-extended-september',
    ),
  );
  const [period] = await ecfPeriods(app, lp, 1);
  const [cohort] = await app.db.orm.em.fork().execute<{ id: string }[]>(`select id from cohorts where start_year = 2024`);
  const ecfDeclarationId = await insertEcfDeclaration(app, period, {
    leadProviderId: lp,
    cohortId: cohort.id,
    deliveryPartnerId: partnership.attributes.delivery_partner_id,
  });
  await rebuildListings(app);
  // POST /participant-declarations: a fundable 2024 ECT the provider trains on the record's schedule (not the action
  // participant), with no declaration yet, declared at its `started` milestone's start (before the example
  // X-With-Server-Date, 2025-01-10); the provider gets an open output-fee statement for 2024 (the seed's have passed).
  const [declarant] = await app.db.orm.em.fork().execute<{ id: string; start: string }[]>(
    `select tr.participant_id as id, to_char(m.start_date, 'YYYY-MM-DD') as start
       from training_records tr join schedules s on s.id = tr.schedule_id join cohorts c on c.id = s.cohort_id
       join milestones m on m.schedule_id = s.id and m.declaration_type = 'started'
      where tr.participant_type = 'ect' and tr.funding_eligibility = 'eligible' and c.start_year = 2024 and m.start_date < '2025-01-10'
        and tr.participant_id <> ?
        and exists (select 1 from training_periods tp join partnerships p on p.id = tp.partnership_id
                     where tp.training_record_id = tr.id and p.lead_provider_id = ? and tp.schedule_id = tr.schedule_id)
        and not exists (select 1 from training_periods tp where tp.training_record_id = tr.id and tp.training_status <> 'active')
        and not exists (select 1 from participant_declarations d where d.participant_id = tr.participant_id)
      order by tr.id limit 1`,
    [actionParticipant.id, lp],
  );
  // An open 2024 output-fee statement after the example date for the provider (the demo seed's later ones, or one made here).
  const [open2024] = await app.db.orm.em.fork().execute<{ n: number }[]>(
    `select count(*)::int as n from statements s join cohorts c on c.id = s.cohort_id
        where s.lead_provider_id = ? and s.programme = 'ecf' and c.start_year = 2024 and s.output_fee and s.state = 'open' and s.deadline_date >= '2025-01-10'`,
    [lp],
  );
  if (open2024.n === 0)
    await createStatement(app, { leadProviderId: lp, cohort: 2024, month: 1, year: 2027, deadlineDate: '2027-01-31', paymentDate: '2027-02-25' });
  return {
    ...base,
    declarationParticipantId: declarant.id,
    declarationDate: `${declarant.start}T10:00:00Z`,
    participantDeclarationId: ecfDeclarationId,
    filterParticipantId: period.participantId,
    rectActionParticipantId: rectActionParticipant.id,
    schoolId: school.id,
    schoolUrn: school.attributes.urn,
    partnershipId: partnership.id,
    partnershipDeliveryPartnerId: partnership.attributes.delivery_partner_id,
    newEcfSchoolId: ecfSchool,
    newRectSchoolId: rectSchool,
    participantId: participant.id,
    actionParticipantId: actionParticipant.id,
    unfundedMentorId: unfundedMentor.id,
  };
}

function planFor(programme: Programme): RunPlan {
  const doc = V3;
  const other = programme === 'ecf' ? 'npq' : 'ecf';
  const update = { delivery_partner_id: '{{partnershipDeliveryPartnerId}}' };
  return {
    operation: (method, template) => doc.paths[template]?.[method.toLowerCase() as OpenAPIV3.HttpMethods],
    allowed: (method, template) => routeOf(method, template)?.programmes.includes(programme) ?? false,
    queryValues: {
      'filter[delivery_partner_id]': '{{partnershipDeliveryPartnerId}}',
      'filter[urn]': '{{schoolUrn}}',
      // NPQ: the person of an accepted application with a declaration (npq-applications and declarations); ECF: a declaration's participant.
      'filter[participant_id]': '{{filterParticipantId}}',
      // Blank (no filter): the demo's one merged participant is outside the example cohorts, so the list would be
      // empty; test/contract/participants.test.ts covers the filter.
      'filter[from_participant_id]': '',
    },
    idVariables: {
      'PUT /api/v3/npq-applications/{id}/change-funded-place': 'npqAcceptedApplicationId',
      ...Object.fromEntries(['defer', 'resume', 'withdraw', 'change-schedule'].map((a) => [`PUT /api/v3/participants/{id}/${a}`, 'rectActionParticipantId'])),
      // The outcomes run on a person with an accepted, eligible application (and an outcome already).
      'GET /api/v3/participants/npq/{id}/outcomes': 'npqOutcomeParticipantId',
      'POST /api/v3/participants/npq/{id}/outcomes': 'npqOutcomeParticipantId',
    },
    // RECT refuses a status change on the day of the previous one: the run's RECT actions are a day apart.
    headerValues: {
      ...Object.fromEntries(
        (['resume', 'change-schedule', 'defer', 'withdraw'] as const).map((a, i) => [
          `PUT /api/v3/participants/{id}/${a}`,
          { 'X-With-Server-Date': new Date(Date.now() + Math.max(0, i - 1) * 86_400_000).toISOString() },
        ]),
      ),
    },
    bodyAttributes: {
      'POST /api/v3/partnerships/ecf': { cohort: String(WRITE_YEAR), school_id: '{{newEcfSchoolId}}', delivery_partner_id: '{{partnershipDeliveryPartnerId}}' },
      'POST /api/v3/partnerships': { cohort: String(WRITE_YEAR), school_id: '{{newRectSchoolId}}', delivery_partner_id: '{{partnershipDeliveryPartnerId}}' },
      'PUT /api/v3/partnerships/ecf/{id}': update,
      'PATCH /api/v3/partnerships/ecf/{id}': update,
      'PUT /api/v3/partnerships/{id}': update,
      'PATCH /api/v3/partnerships/{id}': update,
      // Blank: the default schedule; a fully funded cohort ignores the generated funded_place.
      'POST /api/v3/npq-applications/{id}/accept': { schedule_identifier: '' },
      'PUT /api/v3/participants/ecf/{id}/defer': { course_identifier: 'ecf-induction', reason: 'career-break' },
      'PUT /api/v3/participants/ecf/{id}/resume': { course_identifier: 'ecf-induction' },
      'PUT /api/v3/participants/ecf/{id}/change-schedule': { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-september', cohort: '' },
      'PUT /api/v3/participants/ecf/{id}/withdraw': { course_identifier: 'ecf-induction', reason: 'left-teaching-profession' },
      'PUT /api/v3/participants/{id}/resume': { course_identifier: 'ecf-induction' },
      'PUT /api/v3/participants/{id}/change-schedule': { course_identifier: 'ecf-induction', schedule_identifier: 'ecf-extended-september', cohort: '' },
      'PUT /api/v3/participants/{id}/defer': { course_identifier: 'ecf-induction', reason: 'career-break' },
      'PUT /api/v3/participants/{id}/withdraw': { course_identifier: 'ecf-induction', reason: 'left-teaching-profession' },
      'PUT /api/v3/participants/npq/{id}/defer': { course_identifier: 'npq-headship', reason: 'career-break' },
      'PUT /api/v3/participants/npq/{id}/resume': { course_identifier: 'npq-headship' },
      'PUT /api/v3/participants/npq/{id}/change-schedule': { course_identifier: 'npq-headship', schedule_identifier: 'npq-leadership-spring', cohort: '2023' },
      'PUT /api/v3/participants/npq/{id}/withdraw': { course_identifier: 'npq-headship', reason: 'other' },
      // The generated funded_place (a boolean) is kept: the application is eligible, in a capped cohort.
      'PUT /api/v3/npq-applications/{id}/change-funded-place': {},
      // Before the documented X-With-Server-Date (2025-01-10), for the participant's accepted course.
      'POST /api/v3/participants/npq/{id}/outcomes': { course_identifier: 'npq-headship', state: 'passed', completion_date: '2025-01-09' },
      ...(programme === 'ecf'
        ? {
            'POST /api/v3/participant-declarations': {
              participant_id: '{{declarationParticipantId}}',
              course_identifier: 'ecf-induction',
              declaration_type: 'started',
              declaration_date: '{{declarationDate}}',
              evidence_held: '',
            },
          }
        : {
            'POST /api/v3/participant-declarations': {
              participant_id: '{{npqDeclarationParticipantId}}',
              course_identifier: 'npq-headship',
              declaration_type: 'started',
              declaration_date: '2024-12-01T10:00:00Z',
              delivery_partner_id: null,
              secondary_delivery_partner_id: null,
            },
          }),
      // ECF tokens get the 403 before the body is read.
      'PUT /api/v3/participant-declarations/{id}/change-delivery-partner': {
        delivery_partner_id: '{{npqDeclarationDeliveryPartnerId}}',
        secondary_delivery_partner_id: null,
      },
    },
    deriveErrors: programme === 'ecf',
    forbiddenToken: (method, template) => (routeOf(method, template)?.programmes.includes(other) ? app.tokens.admin.token : app.token(PROVIDER, other)),
  };
}

function checkResponse(x: Executed, e: Expectation, programme: Programme, planned?: RunPlan['headerValues']): void {
  const label = `${x.name} (${x.method} ${x.pathWithQuery})`;
  expect([label, x.status]).toEqual([label, e.status]);
  let body: unknown;
  try {
    body = JSON.parse(x.body);
  } catch {
    throw new Error(`${label}: body is not JSON: ${x.body.slice(0, 200)}`);
  }
  const headers = new Headers(x.headers);
  // The document's schema for this status, with no allowance (expectContract: own v3 document, narrowed to the
  // token's programme on the shared paths).
  expectContract({ status: x.status, headers, body, text: x.body }, { method: x.method, path: x.pathWithQuery, status: e.status, refs: [], programme });
  // The headers the document lists for this status are sent (X-Request-Id: see below).
  for (const h of documentedHeaders(e, x.status).filter((n) => ['RateLimit', 'RateLimit-Policy', 'Retry-After'].includes(n))) {
    expect([label, h, headers.has(h)]).toEqual([label, h, true]);
  }
  if (x.status === 429) expect([label, headers.get('retry-after')]).toEqual([label, expect.stringMatching(/^\d+$/)]);
  // The generated requests send the documented X-With-Server-Date example, unless the plan sends its own date
  // (headerValues: the RECT actions, a day apart); answers after the clock repeat the date sent, to the second.
  const sent = planned?.[`${e.method} ${e.template}`]?.['X-With-Server-Date'] ?? '2025-01-10T10:42:00Z';
  if (x.status === 200) expect([label, headers.get('x-with-server-date')]).toEqual([label, sent.replace(/\.\d{3}Z$/, 'Z')]);
}

const V3 = parse(openApiYaml('v3')) as OpenAPIV3.Document;

function documentedHeaders(e: Expectation, status: number): string[] {
  let response = V3.paths[e.template]![e.method.toLowerCase() as OpenAPIV3.HttpMethods]!.responses[String(status)];
  if (response && '$ref' in response) response = V3.components!.responses![response.$ref.split('/').pop()!];
  return Object.keys((response as OpenAPIV3.ResponseObject | undefined)?.headers ?? {});
}

describe.each<Programme>(['ecf', 'npq'])('v3 collection run with an %s token', (programme) => {
  it(
    'gets, for every generated and derived request, the status built for it, one the document lists, with a body and headers the document describes',
    async () => {
      const token = app.token(PROVIDER, programme);
      const variables = { ...(await variablesFor(programme, token)), limitedBaseUrl: limited.url };
      const plan = planFor(programme);
      const { collection, expectations, unprovoked } = prepareRun(generated.v3, plan, variables, '{{limitedBaseUrl}}');
      // Spend the token's budget on the limited instance, so every request sent there is over the limit.
      await limited.request('GET', '/api/v3/statements', { token });

      const { summary, executed } = await runNewman(collection);
      if (process.env.POSTMAN_DEBUG) console.log(programme, summary.run.stats, executed.map((x) => `${x.status} ${x.name}`).join('\n'));

      // A failed request's answer is in its message (the first 300 characters), so a wrong status says why.
      const bodyOf = (name?: string) => executed.find((x) => x.name === name)?.body.slice(0, 300) ?? '';
      const failures = summary.run.failures.map((f) => `${f.source?.name}: ${f.error.test ?? f.error.name}: ${f.error.message} ${bodyOf(f.source?.name)}`);
      expect(failures).toEqual([]);
      expect(executed).toHaveLength(expectations.size);
      for (const x of executed) checkResponse(x, expectations.get(x.name)!, programme, plan.headerValues);
      // Every response the document describes lists X-Request-Id: once the app sends it, every response must.
      const withRequestId = executed.filter((x) => x.headers['x-request-id']);
      if (withRequestId.length > 0) expect(executed.filter((x) => !x.headers['x-request-id']).map((x) => x.name)).toEqual([]);
      // Only a database outage is out of reach here.
      expect([...unprovoked]).toEqual(programme === 'ecf' ? ['503'] : []);
      const statuses = new Set(executed.map((x) => x.status));
      if (programme === 'ecf') expect([...statuses].sort()).toEqual([200, 400, 401, 403, 404, 413, 415, 422, 429]);
      // Lists are not vacuous: each generated list request returned rows (`{id}/transfers` is a single resource).
      for (const x of executed.filter((e) => e.status === 200 && e.method === 'GET' && !/\/[0-9a-f-]{36}(\/transfers)?(\?|$)/.test(e.pathWithQuery))) {
        expect([x.name, (JSON.parse(x.body).data as unknown[]).length > 0]).toEqual([x.name, true]);
      }
    },
    TIMEOUT,
  );
});
