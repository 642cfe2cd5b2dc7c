/**
 * Shared checks for the v3 contract tests: every response is held against the reference spec(s) of the
 * family it belongs to and against the service's own v3 document (spec/), with the exact error bodies
 * the live services send (shared/domain/ecf.md §12, rect.md §8).
 */
import type { OpenAPIV3 } from 'openapi-types';
import { openApiDocuments } from '../../spec/index.js';
import { assertMatchesSpec, loadReferenceSpec, type ReferenceSpecName } from '../support/reference-specs.js';
import type { TestApp, TestResponse } from '../support/test-app.js';
export { PAGE_DETAIL, UPDATED_SINCE_DETAIL } from '../support/live-messages.js';

export type Programme = 'ecf' | 'npq';

/** One reference document to check a response against. `method` overrides the request method (PATCH → PUT). */
export interface RefCheck {
  /** A reference document by name, or a copy of one with its documented wire drift applied (npq-applications.test.ts). */
  spec: ReferenceSpecName | OpenAPIV3.Document;
  method?: string;
  /** ECF v3 bodies on the shared paths checked against RECT: the ECF shape only adds fields (ARCHITECTURE §2.2). */
  relax?: boolean;
  /** No error-body drift allowance: the error schema of this document is the live body (npq_v3 404). */
  strictErrors?: boolean;
  /** An error status this document does not list is checked against the live error envelope (npq_v3 reject's 422). */
  undocumentedErrors?: boolean;
}

/**
 * An NPQ reference document with the application wire drift the live service has and this one keeps
 * (npq.md §1.5, §10): `works_as_senco` is the SENCO answer as text (`yes`, …), which the published v3 document
 * calls a boolean; and the registration answers a person need not give (`headteacher_status`, `school_urn` of
 * someone not in a school, `works_in_school`) are null when not given, as is `cohort_suffix` without a cohort,
 * which the documents do not allow.
 */
function npqWire(name: 'npq_v1' | 'npq_v2' | 'npq_v3'): OpenAPIV3.Document {
  const doc = structuredClone<OpenAPIV3.Document>(loadReferenceSpec(name));
  const application = doc.components!.schemas!.Application as OpenAPIV3.SchemaObject;
  const attributes = application.properties!.attributes as OpenAPIV3.SchemaObject;
  const properties = attributes.properties! as Record<string, OpenAPIV3.SchemaObject>;
  if (properties.works_as_senco) properties.works_as_senco = { type: 'string', nullable: true };
  for (const field of ['headteacher_status', 'school_urn', 'works_in_school', 'cohort_suffix']) {
    const p = properties[field];
    if (p) properties[field] = { ...p, nullable: true, ...(p.enum ? { enum: [...p.enum, null] } : {}) };
  }
  return doc;
}
export const NPQ_V3_WIRE: OpenAPIV3.Document = npqWire('npq_v3');
/** npq_v1 / npq_v2 with the same null registration answers (they have no `works_as_senco` or `cohort_suffix`). */
export const NPQ_V1_WIRE: OpenAPIV3.Document = npqWire('npq_v1');
export const NPQ_V2_WIRE: OpenAPIV3.Document = npqWire('npq_v2');

export const UNAUTHORISED_BODY = { error: 'HTTP Token: Access denied' };
export const NOT_FOUND_BODY = {
  errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }],
};
/** The live NPQ 404 (npq.md §2.2, §9.5), also what npq_v3 NotFoundResponse describes. */
export const NPQ_NOT_FOUND_BODY = { error: 'Resource not found' };
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
export const UNKNOWN_TOKEN = 'not-a-real-token-0123456789';

export const errors = (title: string, detail: string) => ({ errors: [{ title, detail }] });

export const FILTER_HASH_BODY = errors('Bad parameter', 'Filter must be a hash');
export const COHORT_REQUIRED_BODY = errors('Bad parameter', "The filter '#/cohort' must be included in your request");
export const MISSING_DATA_BODY = {
  ecf: errors('Bad request', 'correct json data structure required. See API docs for reference'),
  rect: errors('Bad request', 'Correct json data structure required. See API docs for reference.'),
} as const;
export const FORBIDDEN_NPQ_ON_ECF = errors('Forbidden', 'This endpoint is part of the ECF API; your token is for the NPQ programme');
export const FORBIDDEN_ECF_ON_NPQ = errors('Forbidden', 'This endpoint is part of the NPQ API; your token is for the ECF programme');

/* ------------------------------------------------------------------------------------------------ */
/* The service's own document, whole and narrowed to the token's programme                         */
/* ------------------------------------------------------------------------------------------------ */

const OWN = openApiDocuments.v3;

/**
 * The own document describes the shared resources with `oneOf: [Ecf…, Npq…]` attributes and says "ECF
 * shape for an ECF token, NPQ shape for an NPQ token". A `oneOf` alone would accept an NPQ token's body
 * that happens to have the ECF shape, so each response is also checked against a copy of the document
 * narrowed to the branch its token must get.
 */
function narrowed(programme: Programme): OpenAPIV3.Document {
  const doc = structuredClone<OpenAPIV3.Document>(OWN);
  const schemas = doc.components!.schemas! as Record<string, OpenAPIV3.SchemaObject>;
  const branch = programme === 'ecf' ? 'Ecf' : 'Npq';
  for (const [resource, attrs] of [
    ['DeliveryPartner', 'DeliveryPartnerAttributes'],
    ['Statement', 'StatementAttributes'],
    ['ParticipantDeclaration', 'ParticipantDeclarationAttributes'],
  ] as const) {
    const target = `${branch}${attrs}`;
    if (!schemas[target]) throw new Error(`own v3 document has no schema ${target}`);
    schemas[resource].properties!.attributes = { $ref: `#/components/schemas/${target}` };
  }
  return doc;
}

const NARROWED: Record<Programme, OpenAPIV3.Document> = { ecf: narrowed('ecf'), npq: narrowed('npq') };

/** The own document of the path's version (`/api/v1/…` → v1); v3 unless the path names another. */
const ownDocumentFor = (path: string): OpenAPIV3.Document => {
  const version = /^\/api\/(v[12])\//.exec(path)?.[1] as 'v1' | 'v2' | undefined;
  return version ? openApiDocuments[version] : OWN;
};

/* ------------------------------------------------------------------------------------------------ */
/* Assertions                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

export interface ContractCheck {
  method: string;
  /** The concrete path that was requested (query string allowed). */
  path: string;
  status: number;
  refs: RefCheck[];
  /** The token's programme on a shared path: also check against the own document narrowed to that shape. */
  programme?: Programme;
  /** The exact body expected (error responses). */
  body?: unknown;
}

/**
 * Status, JSON content type, exact body (when given), every reference document in `refs`, and the own
 * document of the path's version (v3 unless `/api/v1` or `/api/v2`) with no allowance at all. Reference
 * documents list almost no 400s and no 403: those two statuses are checked against the live error envelope
 * there (allowUndocumentedErrorStatus).
 */
export function expectContract(res: TestResponse, c: ContractCheck): void {
  if (res.status !== c.status) {
    throw new Error(`${c.method} ${c.path}: expected status ${c.status}, got ${res.status}\nBody: ${res.text.slice(0, 1500)}`);
  }
  expect(res.headers.get('content-type') ?? '').toMatch(/^application\/json/);
  if (c.body !== undefined) expect(res.body).toEqual(c.body);
  for (const ref of c.refs) {
    assertMatchesSpec(ref.spec, ref.method ?? c.method, c.path, res.status, res.body, {
      relaxAdditionalProperties: ref.relax === true,
      errorBodyDrift: ref.strictErrors !== true,
      allowUndocumentedErrorStatus: res.status === 400 || res.status === 403 || ref.undocumentedErrors === true,
    });
  }
  assertMatchesSpec(ownDocumentFor(c.path), c.method, c.path, res.status, res.body, { errorBodyDrift: false });
  if (c.programme) {
    try {
      assertMatchesSpec(NARROWED[c.programme], c.method, c.path, res.status, res.body, { errorBodyDrift: false });
    } catch (e) {
      throw new Error(
        `Own v3 document narrowed to the ${c.programme.toUpperCase()} branch (the shape it promises ${c.programme.toUpperCase()} tokens):\n${(e as Error).message}`,
      );
    }
  }
}

/** A list response: non-empty (so the schema check is not vacuous), every item a `type` resource, ids unique. */
export function expectNonEmptyList(res: TestResponse, type: string): any[] {
  const data = res.body?.data;
  expect(Array.isArray(data)).toBe(true);
  expect(data.length).toBeGreaterThan(0);
  for (const item of data) {
    expect(item.type).toBe(type);
    expect(typeof item.id).toBe('string');
  }
  expect(new Set(data.map((i: { id: string }) => i.id)).size).toBe(data.length);
  return data;
}

/** The two 401 cases (no token, unknown token) of one operation, checked against `refs` and the own document. */
export async function expectUnauthorised(app: TestApp, method: string, path: string, refs: RefCheck[], body?: unknown): Promise<void> {
  for (const token of [null, UNKNOWN_TOKEN]) {
    const res = await app.request(method, path, { token, body });
    expectContract(res, { method, path, status: 401, refs, body: UNAUTHORISED_BODY });
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Seeded data                                                                                      */
/* ------------------------------------------------------------------------------------------------ */

const ELIGIBLE = `s.school_status_code in (1, 3) and s.administrative_district_code ilike 'e%'
  and (s.school_type_code not in (10, 11, 24, 25, 26, 27, 29, 30, 37, 49, 56) or s.section_41_approved)`;

const inline = (sql: string, params: unknown[]) => {
  // MikroORM inlines `?` params; values here are ids and years from the seed, never user input.
  let i = 0;
  return sql.replace(/\?/g, () => {
    const v = params[i++];
    return typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`;
  });
};

export async function sql<T = Record<string, any>>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return app.db.orm.em.fork().execute<T[]>(inline(text, params));
}

/**
 * Schools a provider can confirm a partnership with in `year`: eligible, no partnership at all in that
 * cohort, none in the previous cohort (so the "not yet confirmed" rule cannot apply), and no school-led
 * choice recorded for the year (RECT refuses those, rect.md §7.8).
 */
export async function partnerableSchoolIds(app: TestApp, year: number, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    app,
    `select s.id from schools s
      where ${ELIGIBLE}
        and not exists (select 1 from partnerships p join cohorts c on c.id = p.cohort_id
                         where p.school_id = s.id and c.start_year in (?, ?))
        and not exists (select 1 from school_cohorts sc join cohorts c on c.id = sc.cohort_id
                         where sc.school_id = s.id and c.start_year = ?
                           and sc.induction_programme_choice in ('core_induction_programme', 'design_our_own'))
      order by s.urn limit ?`,
    [year, year - 1, year, count],
  );
  if (rows.length < count) throw new Error(`seed has only ${rows.length} partnerable schools for ${year}`);
  return rows.map((r) => r.id);
}

/** Kept delivery partners with a kept ECF provider relationship for (provider, year). */
export async function relatedDeliveryPartnerIds(app: TestApp, leadProviderId: string, year: number): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    app,
    `select dp.id from provider_relationships pr
       join cohorts c on c.id = pr.cohort_id
       join delivery_partners dp on dp.id = pr.delivery_partner_id
      where pr.lead_provider_id = ? and c.start_year = ? and pr.programme = 'ecf'
        and pr.discarded_at is null and dp.discarded_at is null
      order by dp.name, dp.id`,
    [leadProviderId, year],
  );
  return rows.map((r) => r.id);
}

/** A kept delivery partner with no ECF relationship with the provider in `year`. */
export async function unrelatedDeliveryPartnerId(app: TestApp, leadProviderId: string, year: number): Promise<string> {
  const [row] = await sql<{ id: string }>(
    app,
    `select dp.id from delivery_partners dp
      where dp.discarded_at is null
        and not exists (select 1 from provider_relationships pr join cohorts c on c.id = pr.cohort_id
                         where pr.delivery_partner_id = dp.id and pr.lead_provider_id = ? and c.start_year = ?
                           and pr.programme = 'ecf' and pr.discarded_at is null)
      order by dp.name, dp.id limit 1`,
    [leadProviderId, year],
  );
  if (!row) throw new Error('seed has no unrelated delivery partner');
  return row.id;
}

/** One of the provider's challenged (non-relationship) partnerships. */
export async function challengedPartnership(app: TestApp, leadProviderId: string): Promise<{ id: string; year: number }> {
  const [row] = await sql<{ id: string; year: number }>(
    app,
    `select p.id, c.start_year as year from partnerships p join cohorts c on c.id = p.cohort_id
      where p.lead_provider_id = ? and p.relationship = false and p.challenge_reason is not null
      order by p.created_at, p.id limit 1`,
    [leadProviderId],
  );
  if (!row) throw new Error('seed has no challenged partnership for the provider');
  return row;
}

export const v3 = (path: string) => `/api/v3${path}`;
