import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { createProvider, sql } from '../partnerships/fixtures.js';
import { get } from './list-fixtures.js';
import { refreshNpqProjections } from '../../src/domain/npq/npq-projection.js';
import { addParticipants, createWorld } from '../participants/fixtures.js';

// ARCHITECTURE.md §3: list reads fetch a page of keys and hydrate it in a fixed number of queries;
// the number of SQL statements per request does not depend on the page size.

interface Route {
  name: string;
  path: string;
  query: string;
  token: () => string;
}

let app: TestApp;
let counting = false;
let statements: string[] = [];
let P: { id: string; token: string };
let N: { id: string; token: string };
/** An ECF provider with 60 participants (ECTs and mentors, two schools, one of them also mentored). */
let W: { token: string };

const ROUTES: Route[] = [
  { name: 'delivery partners (ECF token)', path: '/api/v3/delivery-partners', query: '', token: () => P.token },
  { name: 'delivery partners (NPQ token)', path: '/api/v3/delivery-partners', query: '', token: () => N.token },
  { name: 'statements (ECF token)', path: '/api/v3/statements', query: '', token: () => app.token('UCL Institute of Education', 'ecf') },
  { name: 'statements (NPQ token)', path: '/api/v3/statements', query: '', token: () => app.token('UCL Institute of Education', 'npq') },
  { name: 'ECF schools', path: '/api/v3/schools/ecf', query: 'filter[cohort]=2024', token: () => P.token },
  { name: 'RECT schools', path: '/api/v3/schools', query: 'filter[cohort]=2024', token: () => P.token },
  { name: 'ECF partnerships', path: '/api/v3/partnerships/ecf', query: '', token: () => app.token('UCL Institute of Education', 'ecf') },
  { name: 'RECT partnerships', path: '/api/v3/partnerships', query: '', token: () => app.token('UCL Institute of Education', 'ecf') },
  { name: 'NPQ applications', path: '/api/v3/npq-applications', query: '', token: () => N.token },
  { name: 'NPQ outcomes', path: '/api/v3/participants/npq/outcomes', query: '', token: () => N.token },
  { name: 'ECF participants', path: '/api/v3/participants/ecf', query: '', token: () => W.token },
  { name: 'RECT participants', path: '/api/v3/participants', query: '', token: () => W.token },
  { name: 'NPQ participants v3', path: '/api/v3/participants/npq', query: '', token: () => N.token },
  { name: 'NPQ participants v1', path: '/api/v1/participants/npq', query: '', token: () => N.token },
  { name: 'ECF participants v1 (one row per training record)', path: '/api/v1/participants/ecf', query: '', token: () => W.token },
  { name: 'ECF participants v2, updated_since order', path: '/api/v2/participants/ecf', query: 'filter[updated_since]=2000-01-01', token: () => W.token },
  { name: 'ECF participant transfers', path: '/api/v3/participants/ecf/transfers', query: '', token: () => W.token },
  { name: 'RECT participant transfers', path: '/api/v3/participants/transfers', query: 'sort=-updated_at', token: () => W.token },
  { name: 'ECF unfunded mentors', path: '/api/v3/unfunded-mentors/ecf', query: '', token: () => W.token },
  { name: 'RECT unfunded mentors', path: '/api/v3/unfunded-mentors', query: 'sort=-updated_at', token: () => W.token },
];

beforeAll(async () => {
  app = await startTestApp({
    onQuery: (text) => {
      // Batched token last-use writes run on a timer, not as part of a request.
      if (counting && !/api_tokens/.test(text)) statements.push(text);
    },
  });
  P = await createProvider(app, 'ecf');
  N = await createProvider(app, 'npq');
  // 60 delivery partners, each working with both new providers in two cohorts.
  await sql(
    app,
    `with dp as (
       insert into delivery_partners (id, name, created_at, updated_at)
       select gen_random_uuid(), 'Counted DP ' || g, now(), now() from generate_series(1, 60) g returning id)
     insert into provider_relationships (id, lead_provider_id, delivery_partner_id, cohort_id, programme, created_at, updated_at)
     select gen_random_uuid(), lp.id, dp.id, c.id, lp.programme, now(), now()
       from dp, cohorts c, (values (?::uuid, 'ecf'), (?::uuid, 'npq')) as lp(id, programme)
      where c.start_year in (2023, 2024)`,
    [P.id, N.id],
  );
  // 60 people, each with one NPQ application to the new NPQ provider, projected as the seed does.
  const people = await sql<{ id: string }>(
    app,
    `insert into npq_participants (id, full_name, email, created_at, updated_at)
     select gen_random_uuid(), 'Counted Person ' || g, 'counted.' || g || '@school.example', now(), now() from generate_series(1, 60) g returning id`,
  );
  await sql(
    app,
    `insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, status, eligible_for_funding, created_at, updated_at)
     select gen_random_uuid(), p.id, ?, 'npq-headship', c.id, 'pending', true, now(), now()
       from unnest(?::uuid[]) p(id), npq_cohorts c where c.identifier = '2023a'`,
    [N.id, `{${people.map((p) => p.id).join(',')}}`],
  );
  // 60 more, each accepted by the NPQ provider (NPQ participants), some deferred or withdrawn with a history row.
  const participants = await sql<{ id: string }>(
    app,
    `insert into npq_participants (id, full_name, email, created_at, updated_at)
     select gen_random_uuid(), 'Counted Participant ' || g, 'participant.' || g || '@school.example', now(), now() from generate_series(1, 60) g returning id`,
  );
  const accepted = await sql<{ id: string; training_status: string }>(
    app,
    `insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, schedule_id, status, training_status,
                                   accepted_at, eligible_for_funding, created_at, updated_at)
     select gen_random_uuid(), p.id, ?, 'npq-headship', c.id,
            (select s.id from schedules s where s.npq_cohort_id = c.id and 'npq-headship' = any(s.course_identifiers) order by s.applies_from limit 1),
            'accepted', (array['active', 'deferred', 'withdrawn'])[1 + (row_number() over ()) % 3], now(), true, now(), now()
       from unnest(?::uuid[]) p(id), npq_cohorts c where c.identifier = '2023a' returning id, training_status`,
    [N.id, `{${participants.map((p) => p.id).join(',')}}`],
  );
  await sql(
    app,
    `insert into npq_application_states (id, application_id, lead_provider_id, state, reason, created_at)
     select gen_random_uuid(), a.id, ?, a.training_status, 'other', now() from npq_applications a where a.id = any(?::uuid[]) and a.training_status <> 'active'`,
    [N.id, `{${accepted.map((a) => a.id).join(',')}}`],
  );
  // One outcome per application, submitted by the new NPQ provider.
  await sql(
    app,
    `insert into npq_outcomes (id, application_id, participant_id, lead_provider_id, state, completion_date, created_at, updated_at)
     select gen_random_uuid(), a.id, a.participant_id, a.lead_provider_id, 'passed', date '2025-07-15', now(), now()
       from npq_applications a where a.lead_provider_id = ?`,
    [N.id],
  );
  await refreshNpqProjections(
    app.db.orm.em.fork(),
    [...people, ...participants].map((p) => p.id),
  );
  const world = await createWorld(app);
  W = world.P;
  const mentors = await addParticipants(
    app,
    Array.from({ length: 10 }, () => ({ records: [{ type: 'mentor' as const, periods: [{ partnershipId: world.pA, start: '2024-09-02T00:00:00Z' }] }] })),
  );
  await addParticipants(
    app,
    Array.from({ length: 50 }, (_, i) => ({
      records: [
        {
          type: 'ect' as const,
          periods: [{ partnershipId: i % 2 ? world.pA : world.pB, start: '2024-09-02T00:00:00Z', mentorRecordId: i % 2 ? mentors[i % 10].mentor : undefined }],
        },
        ...(i % 5 === 0 ? [{ type: 'mentor' as const, periods: [{ partnershipId: world.pB, start: '2024-09-02T00:00:00Z' }] }] : []),
      ],
      retiredIds: i % 7 === 0 ? [randomUUID()] : [],
    })),
  );
  // 60 participants who moved from the provider's first school to its second, and 60 mentors trained by nobody,
  // each mentoring one of the provider's ECTs (unfunded mentors).
  await addParticipants(
    app,
    Array.from({ length: 60 }, () => ({
      records: [
        {
          type: 'ect' as const,
          periods: [
            { partnershipId: world.pA, start: '2024-09-02T00:00:00Z', end: '2024-12-20T00:00:00Z', inductionStatus: 'leaving' as const },
            { partnershipId: world.pB, start: '2025-01-06T00:00:00Z', schoolTransfer: true },
          ],
        },
      ],
    })),
  );
  const unfunded = await addParticipants(
    app,
    Array.from({ length: 60 }, () => ({ records: [{ type: 'mentor' as const, scheduleCohort: 2024, periods: [] }] })),
  );
  await addParticipants(
    app,
    unfunded.map((m) => ({
      records: [{ type: 'ect' as const, periods: [{ partnershipId: world.pA, start: '2024-09-02T00:00:00Z', mentorRecordId: m.mentor }] }],
    })),
  );
});
afterAll(async () => app.close());

async function countFor(r: Route, perPage: number): Promise<{ rows: number; statements: number; sql: string[] }> {
  const query = [r.query, `page[per_page]=${perPage}`].filter(Boolean).join('&');
  statements = [];
  counting = true;
  const res = await get(app, r.path, r.token(), query);
  counting = false;
  expect(res.status).toBe(200);
  return { rows: res.body.data.length, statements: statements.length, sql: statements };
}

describe.each(ROUTES)('$name', (r) => {
  it('runs the same number of SQL statements for 1 row and for 50 rows', async () => {
    await countFor(r, 1); // warm-up: token resolution is cached after the first call
    const one = await countFor(r, 1);
    const fifty = await countFor(r, 50);
    expect(one.rows).toBe(1);
    expect(fifty.rows).toBe(50);
    expect(one.statements).toBeGreaterThan(0);
    expect({ statements: fifty.statements, sql: fifty.sql.length > one.statements ? fifty.sql : [] }).toEqual({ statements: one.statements, sql: [] });
  });
});
