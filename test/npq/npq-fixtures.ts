import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app.js';
import { refreshNpqProjections } from '../../src/domain/npq/npq-projection.js';

/**
 * NPQ fixtures. The registration service's operations (submit an application) are not in the API yet, so people
 * and applications are written by SQL here and then re-projected, as the seed does.
 */
export interface GraphResult {
  data?: any;
  errors?: { message: string; extensions?: { code?: string; violations?: { field: string; message: string }[] } }[];
}

export async function gql(
  app: TestApp,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphResult> {
  const res = await app.request('POST', '/graphql', { token, body: { query, variables }, headers });
  if (res.status !== 200) throw new Error(`GraphQL call failed (${res.status}): ${res.text}`);
  return res.body as GraphResult;
}

export async function sql<T = any>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return app.db.orm.em.fork().execute<T[]>(text, params);
}

export async function createPerson(app: TestApp, o: { trn?: string | null; trnVerified?: boolean } = {}): Promise<string> {
  const id = randomUUID();
  const trn = o.trn === undefined ? `T${randomUUID().slice(0, 8)}` : o.trn;
  await sql(
    app,
    `insert into npq_participants (id, full_name, email, trn, trn_verified, created_at, updated_at) values (?, 'Fixture Person', ?, ?, ?, now() - interval '1 day', now() - interval '1 day')`,
    [id, `${id}@school.example`, trn, o.trnVerified ?? true],
  );
  return id;
}

export interface ApplicationFixture {
  person?: string;
  provider?: string;
  /** NPQ cohort identifier, e.g. 2025a. */
  cohort?: string | null;
  course?: string;
  eligible?: boolean;
  status?: 'pending' | 'accepted' | 'rejected';
  trainingStatus?: 'active' | 'deferred' | 'withdrawn';
}

/** An application (pending unless told otherwise); accepted ones get the cohort's first schedule that fits the course. */
export async function createApplication(app: TestApp, o: ApplicationFixture = {}): Promise<{ id: string; person: string }> {
  const person = o.person ?? (await createPerson(app));
  const id = randomUUID();
  const accepted = o.status === 'accepted';
  await sql(
    app,
    `insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, schedule_id, status, training_status,
                                   accepted_at, funded_place, eligible_for_funding, teacher_catchment, created_at, updated_at)
     select ?, ?, ?, ?, c.id,
            case when ? then (select s.id from schedules s where s.npq_cohort_id = c.id and ? = any(s.course_identifiers) order by s.applies_from limit 1) end,
            ?, case when ? then ? end, case when ? then now() end,
            case when c.funding = 'zero' then false when c.funding = 'capped' and ? then true end, ?, 'england',
            now() - interval '1 hour', now() - interval '1 hour'
       from (select 1) one left join npq_cohorts c on c.identifier = ?`,
    [
      id,
      person,
      app.leadProviderId(o.provider ?? 'Ambition Institute'),
      o.course ?? 'npq-headship',
      accepted,
      o.course ?? 'npq-headship',
      o.status ?? 'pending',
      accepted,
      o.trainingStatus ?? 'active',
      accepted,
      accepted,
      o.eligible ?? true,
      o.cohort === undefined ? '2025a' : o.cohort,
    ],
  );
  await refreshNpqProjections(app.db.orm.em.fork(), [person]);
  return { id, person };
}

export const APPLICATION_FIELDS = `id status reasonForRejection fundedPlace scheduleIdentifier trainingStatus acceptedAt updatedAt createdAt
  cohort cohortSuffix participantId courseIdentifier eligibleForFunding ineligibleForFundingReason`;

export const ACCEPT = `mutation($id: ID!, $input: AcceptNpqApplicationInput) { acceptNpqApplication(id: $id, input: $input) { ${APPLICATION_FIELDS} } }`;
export const REJECT = `mutation($id: ID!) { rejectNpqApplication(id: $id) { ${APPLICATION_FIELDS} } }`;
export const SHOW = `query($id: ID!) { npqApplication(id: $id) { ${APPLICATION_FIELDS} } }`;

/** The violations of an UNPROCESSABLE result. */
export function violations(res: GraphResult): { field: string; message: string }[] {
  expect(res.errors?.[0]?.extensions?.code).toBe('UNPROCESSABLE');
  return res.errors![0].extensions!.violations!;
}
