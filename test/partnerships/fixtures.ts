import { randomUUID } from 'node:crypto';
import type { TestApp, TestResponse } from '../support/test-app.js';
import { refreshSchoolCohortProjection } from '../../src/domain/schools/school-projection.js';

/**
 * Fixtures built through the admin GraphQL API (the same operations DfE tools use), plus SQL only
 * for what the API cannot do: a school challenging a partnership, a school's programme choice,
 * hidden relationship rows and pinned timestamps.
 */
export async function gql<T = any>(app: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const res = await app.request('POST', '/graphql', { token: app.tokens.admin.token, body: { query, variables }, headers });
  if (res.status !== 200 || res.body?.errors) throw new Error(`GraphQL fixture failed (${res.status}): ${res.text}`);
  return res.body.data as T;
}

let counter = 0;
/** A URN no seeded school uses (the seed's are 100000–111100). */
export const freshUrn = (): string => String(9_000_000 + ++counter);
export const unique = (label: string): string => `${label} ${randomUUID().slice(0, 8)}`;

export interface SchoolFixture {
  schoolTypeCode?: number;
  schoolStatusCode?: number;
  administrativeDistrictCode?: string;
  section41Approved?: boolean;
  name?: string;
  inductionTutorName?: string | null;
  inductionTutorEmail?: string | null;
}

/** An open English community school (eligible) unless told otherwise; it gets a row in every cohort. */
export async function createSchool(app: TestApp, o: SchoolFixture = {}, headers: Record<string, string> = {}): Promise<{ id: string; urn: string }> {
  const urn = freshUrn();
  const data = await gql<{ createSchool: { id: string; urn: string } }>(
    app,
    `mutation($input: CreateSchoolInput!) { createSchool(input: $input) { id urn } }`,
    {
      input: {
        urn,
        name: o.name ?? unique('Fixture School'),
        schoolTypeCode: o.schoolTypeCode ?? 1,
        schoolStatusCode: o.schoolStatusCode ?? 1,
        administrativeDistrictCode: o.administrativeDistrictCode ?? 'E09000001',
        section41Approved: o.section41Approved ?? false,
        primaryContactEmail: `office-${urn}@school.example`,
        inductionTutorName: o.inductionTutorName ?? null,
        inductionTutorEmail: o.inductionTutorEmail ?? null,
      },
    },
    headers,
  );
  return data.createSchool;
}

export async function createDeliveryPartner(app: TestApp, name = unique('Fixture DP'), headers: Record<string, string> = {}): Promise<string> {
  const data = await gql<{ createDeliveryPartner: { id: string } }>(
    app,
    `mutation($name: String!) { createDeliveryPartner(name: $name) { id } }`,
    { name },
    headers,
  );
  return data.createDeliveryPartner.id;
}

export async function renameDeliveryPartner(app: TestApp, id: string, name: string, headers: Record<string, string> = {}): Promise<void> {
  await gql(app, `mutation($id: ID!, $name: String!) { renameDeliveryPartner(id: $id, name: $name) { id } }`, { id, name }, headers);
}

export async function createRelationship(
  app: TestApp,
  leadProviderId: string,
  deliveryPartnerId: string,
  cohort: number,
  programme: 'ecf' | 'npq' = 'ecf',
  headers: Record<string, string> = {},
): Promise<void> {
  await gql(
    app,
    `mutation($input: CreateProviderRelationshipInput!) { createProviderRelationship(input: $input) { id } }`,
    { input: { leadProviderId, deliveryPartnerId, cohort, programme } },
    headers,
  );
}

/** A new lead provider with its own token, so a list test knows every row the provider can see. */
export async function createProvider(app: TestApp, programme: 'ecf' | 'npq' = 'ecf'): Promise<{ id: string; token: string; name: string }> {
  const name = unique('Fixture Provider');
  const lp = await gql<{ createLeadProvider: { id: string } }>(app, `mutation($input: CreateLeadProviderInput!) { createLeadProvider(input: $input) { id } }`, {
    input: { name, programmes: [programme] },
  });
  const id = lp.createLeadProvider.id;
  const issued = await gql<{ issueApiToken: { token: string } }>(
    app,
    `mutation($lp: String!, $p: Programme!) { issueApiToken(leadProvider: $lp, programme: $p) { token } }`,
    { lp: id, p: programme },
  );
  return { id, token: issued.issueApiToken.token, name };
}

export interface StatementFixture {
  leadProviderId: string;
  programme?: 'ecf' | 'npq';
  cohort: number;
  month: number;
  year: number;
  deadlineDate: string;
  paymentDate: string;
  outputFee?: boolean;
}

export async function createStatement(app: TestApp, s: StatementFixture, headers: Record<string, string> = {}): Promise<string> {
  const data = await gql<{ createStatement: { id: string } }>(
    app,
    `mutation($input: CreateStatementInput!) { createStatement(input: $input) { id } }`,
    { input: { programme: 'ecf', outputFee: true, ...s } },
    headers,
  );
  return data.createStatement.id;
}

export const sql = async <T = any>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> => app.db.orm.em.fork().execute<T[]>(text, params);

/**
 * Rows written directly by SQL bypass the write paths that keep the schools list's projection current;
 * fixtures that do so re-project, as those write paths would (src/domain/schools/school-projection.ts).
 */
export const reproject = async (app: TestApp): Promise<void> => void (await refreshSchoolCohortProjection(app.db.orm.em.fork()));

export async function challenge(app: TestApp, partnershipId: string, reason = 'mistake'): Promise<void> {
  await sql(app, `update partnerships set challenged_at = now(), challenge_reason = ? where id = ?`, [reason, partnershipId]);
  await reproject(app);
}

export async function setProgrammeChoice(app: TestApp, schoolId: string, cohort: number, choice: string): Promise<void> {
  await sql(app, `update school_cohorts set induction_programme_choice = ? where school_id = ? and cohort_id = (select id from cohorts where start_year = ?)`, [
    choice,
    schoolId,
    cohort,
  ]);
}

/** A partnership row written directly (relationship rows, other providers' partnerships, pinned times). */
export async function insertPartnership(
  app: TestApp,
  p: {
    schoolId: string;
    leadProviderId: string;
    deliveryPartnerId: string;
    cohort: number;
    relationship?: boolean;
    challenged?: boolean;
    at?: string;
    project?: boolean;
  },
): Promise<string> {
  const id = randomUUID();
  const at = p.at ?? new Date().toISOString();
  await sql(
    app,
    `insert into partnerships (id, school_id, lead_provider_id, delivery_partner_id, cohort_id, challenged_at, challenge_reason, relationship, created_at, updated_at)
     values (?, ?, ?, ?, (select id from cohorts where start_year = ?), ?, ?, ?, ?, ?)`,
    [
      id,
      p.schoolId,
      p.leadProviderId,
      p.deliveryPartnerId,
      p.cohort,
      p.challenged ? at : null,
      p.challenged ? 'mistake' : null,
      p.relationship ?? false,
      at,
      at,
    ],
  );
  if (p.project !== false) await reproject(app);
  return id;
}

export interface PartnershipAttrs {
  cohort?: unknown;
  school_id?: unknown;
  delivery_partner_id?: unknown;
}

export const ECF_PATH = '/api/v3/partnerships/ecf';
export const RECT_PATH = '/api/v3/partnerships';

export const postPartnership = (
  app: TestApp,
  path: string,
  token: string,
  attributes: PartnershipAttrs,
  headers: Record<string, string> = {},
): Promise<TestResponse> => app.request('POST', path, { token, body: { data: { type: 'ecf-partnership', attributes } }, headers });

export const putPartnership = (
  app: TestApp,
  path: string,
  token: string,
  id: string,
  attributes: PartnershipAttrs,
  headers: Record<string, string> = {},
): Promise<TestResponse> => app.request('PUT', `${path}/${id}`, { token, body: { data: { type: 'ecf-partnership-update', attributes } }, headers });

export const unprocessable = (...errors: [title: string, detail: string][]) => ({ errors: errors.map(([title, detail]) => ({ title, detail })) });

/** RFC 3339 with whole seconds, as the APIs render timestamps. */
export const rfc3339 = (d: Date | string): string => new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
