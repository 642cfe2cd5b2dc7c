/**
 * Contract validation against OpenAPI 3.0 documents: the seven published reference specs in
 * spec/reference (vendored copies of the published documents; read-only data, never edited) and the service's own documents (spec/).
 *
 *   const { usedDriftSchema } = assertMatchesSpec('ecf_v3', 'GET', res.req.path, res.status, res.body);
 *
 * - The concrete request path (query string, host and trailing slash ignored) is matched against the
 *   document's path templates; a literal segment beats a `{param}` segment, compared left to right, so
 *   `/api/v3/participants/ecf/transfers` resolves to that template and not to `/participants/ecf/{id}`.
 * - The response is chosen by exact status, then `4XX`-style range, then `default`. A status the document
 *   does not list throws (naming spec, operation and status) unless it is an error status and
 *   `allowUndocumentedErrorStatus` is set (see "Error body drift").
 * - OpenAPI 3.0 schemas are converted to JSON Schema for ajv: `nullable`, `$ref` into `#/components/...`
 *   (the components are registered once per document), `example`/`examples`/`xml`/`discriminator` and
 *   other annotations dropped, formats date / date-time / uuid / email checked, any other format (for
 *   example RECT's misspelt `date_time`) ignored; a nullable enum also accepts null; a Swagger-2 style
 *   boolean `required: true` on a property (NPQ v1-v3, e.g. npq_v3 ParticipantDeclaration attributes
 *   delivery_partner_id) is hoisted into the parent's `required` list and `required: false` dropped.
 *   Compiled validators are cached per document.
 * - `relaxAdditionalProperties` removes every `additionalProperties: false` (for an ECF-shaped body checked
 *   against a stricter document).
 *
 * Error body drift (spec/reference/SOURCE.md, shared/domain/*.md "SPEC DRIFT"): the live services answer
 * errors with `{"errors":[{"title","detail"}]}` (and 401 with `{"error":"HTTP Token: Access denied"}`), but
 * several error schemas describe another shape. None of those schemas has `required` or
 * `additionalProperties: false`, so an `errors` body would pass them vacuously and prove nothing. With
 * `errorBodyDrift` (default true), for a status >= 400, a body with an `errors` key checked against a
 * schema that does not describe an `errors` property is validated against LIVE_ERROR_ENVELOPE instead and
 * the result says `usedDriftSchema: true`. Findings for the v3 documents (error statuses they list):
 *
 * | spec    | 400                              | 401                    | 404                                  | 422                                                | 403        |
 * |---------|----------------------------------|------------------------|--------------------------------------|----------------------------------------------------|------------|
 * | ecf_v3  | BadRequestResponse `{bad_request}` (only POST participant-declarations) → DRIFT | UnauthorisedResponse `{error}` → spec | NotFoundResponse top-level `{title, detail}` → DRIFT | ErrorResponse / ECFPartnershipRequestErrorResponse `{error: [...]}` → DRIFT | not listed |
 * | rect_v3 | BadRequestResponse `{errors}` → spec | `{error}` → spec     | NotFoundResponse `{errors}` → spec   | UnprocessableContentResponse `{errors}` → spec     | not listed |
 * | npq_v3  | BadRequestResponse `{errors}` → spec | `{error}` → spec     | NotFoundResponse `{error: string}`: an `errors` body → DRIFT (the live NPQ 404 really is `{"error":"Resource not found"}`, which passes the spec) | UnprocessableEntityResponse `{errors}` → spec | not listed |
 *
 * No document lists 403 (live: NPQ void/change-delivery-partner of another provider's declaration; ECF
 * non-ECF token). Many operations also omit statuses the live services return (ECF v3 lists 400 only on
 * POST participant-declarations, and nothing but 200 on the PUT state-change and void operations). Pass
 * `allowUndocumentedErrorStatus: true` to check such a body against LIVE_ERROR_ENVELOPE instead of
 * throwing; the result then says `undocumentedStatus: true` and `usedDriftSchema: true`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { parse as parseYaml } from 'yaml';

export type ReferenceSpecName = 'ecf_v1' | 'ecf_v2' | 'ecf_v3' | 'npq_v1' | 'npq_v2' | 'npq_v3' | 'rect_v3';

export const REFERENCE_SPEC_NAMES: readonly ReferenceSpecName[] = ['ecf_v1', 'ecf_v2', 'ecf_v3', 'npq_v1', 'npq_v2', 'npq_v3', 'rect_v3'];

const SPEC_FILES: Record<ReferenceSpecName, string> = {
  ecf_v1: 'ecf_v1.json',
  ecf_v2: 'ecf_v2.json',
  ecf_v3: 'ecf_v3.json',
  npq_v1: 'npq_v1.yaml',
  npq_v2: 'npq_v2.yaml',
  npq_v3: 'npq_v3.yaml',
  rect_v3: 'rect_v3.yaml',
};

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface OperationRef {
  method: string; // upper case
  path: string; // the document's template
  operationId?: string;
}

export interface AssertMatchesSpecOptions {
  /** Remove every `additionalProperties: false` before validating. Default false. */
  relaxAdditionalProperties?: boolean;
  /** Validate `errors` bodies against LIVE_ERROR_ENVELOPE where the spec describes another shape. Default true. */
  errorBodyDrift?: boolean;
  /** For a status >= 400 the operation does not list (nor a range or `default`): validate against LIVE_ERROR_ENVELOPE instead of throwing. Default false. */
  allowUndocumentedErrorStatus?: boolean;
  /** Media type to pick from the response `content`; default: application/json, else any *json*, else the first. */
  contentType?: string;
}

export interface AssertMatchesSpecResult {
  usedDriftSchema: boolean;
  undocumentedStatus: boolean;
  operation: OperationRef;
  /** The `responses` key that was used: '200', '4XX', 'default', or '' when undocumented. */
  responseKey: string;
}

export interface DriftRecord {
  spec: string;
  method: string;
  path: string;
  status: number;
  reason: 'schema-describes-another-shape' | 'undocumented-status';
}

type Json = unknown;
type JsonObject = Record<string, Json>;
type AnyDocument = OpenAPIV3.Document;

/** The error envelope the live services return (shared/domain/*.md "Error body shapes"). */
export const LIVE_ERROR_ENVELOPE = {
  type: 'object',
  required: ['errors'],
  additionalProperties: false,
  properties: {
    errors: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['title', 'detail'],
        additionalProperties: false,
        properties: { title: { type: 'string' }, detail: { type: 'string' } },
      },
    },
  },
} as const;

/** 401 from the token check: `{"error":"HTTP Token: Access denied"}`. */
export const LIVE_UNAUTHORISED_BODY = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: { error: { type: 'string' } },
} as const;

const LIVE_ERROR_SCHEMA_ANY = { anyOf: [LIVE_ERROR_ENVELOPE] };
const LIVE_ERROR_SCHEMA_401 = { anyOf: [LIVE_ERROR_ENVELOPE, LIVE_UNAUTHORISED_BODY] };

/* ------------------------------------------------------------------------------------------------ */
/* Loading                                                                                          */
/* ------------------------------------------------------------------------------------------------ */

export function referenceSpecsDir(): string {
  return process.env.REFERENCE_SPECS_DIR ?? fileURLToPath(new URL('../../spec/reference/', import.meta.url));
}

const loaded = new Map<ReferenceSpecName, AnyDocument>();
const docNames = new WeakMap<object, string>();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}

/** Parse (once) and return one of the seven reference documents. The result is deep-frozen. */
export function loadReferenceSpec(name: ReferenceSpecName): AnyDocument {
  const cached = loaded.get(name);
  if (cached) return cached;
  const file = SPEC_FILES[name];
  if (!file) throw new Error(`Unknown reference spec '${name}'; expected one of ${REFERENCE_SPEC_NAMES.join(', ')}`);
  const text = readFileSync(join(referenceSpecsDir(), file), 'utf8');
  const doc = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as AnyDocument;
  deepFreeze(doc);
  loaded.set(name, doc);
  docNames.set(doc, name);
  return doc;
}

function resolveDoc(spec: AnyDocument | ReferenceSpecName): AnyDocument {
  return typeof spec === 'string' ? loadReferenceSpec(spec) : spec;
}

function specLabel(doc: AnyDocument): string {
  const name = docNames.get(doc);
  if (name) return name;
  const info = doc.info as OpenAPIV3.InfoObject | undefined;
  return info ? `'${info.title}' ${info.version}` : 'OpenAPI document';
}

/* ------------------------------------------------------------------------------------------------ */
/* Operations and path matching                                                                     */
/* ------------------------------------------------------------------------------------------------ */

export function listOperations(spec: AnyDocument | ReferenceSpecName): OperationRef[] {
  const doc = resolveDoc(spec);
  const out: OperationRef[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const op = (item as Record<string, unknown>)[method] as OpenAPIV3.OperationObject | undefined;
      if (!op) continue;
      out.push(op.operationId ? { method: method.toUpperCase(), path, operationId: op.operationId } : { method: method.toUpperCase(), path });
    }
  }
  return out;
}

/** `/api/v3/partnerships/ecf/{id}` → `/api/v3/partnerships/ecf/{}` */
export function normaliseTemplate(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

function splitPath(path: string): string[] {
  let p = path;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(p);
  if (scheme) p = p.slice(scheme[0].length);
  p = p.replace(/[?#].*$/, '');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p.split('/').slice(1);
}

function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const segmentRegexCache = new Map<string, RegExp>();
function segmentRegex(templateSegment: string): RegExp {
  let re = segmentRegexCache.get(templateSegment);
  if (!re) {
    const source = templateSegment
      .split(/(\{[^}]*\})/)
      .map((part) => (/^\{[^}]*\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${source}$`);
    segmentRegexCache.set(templateSegment, re);
  }
  return re;
}

/**
 * Score of a template against a concrete path: one entry per segment, 2 = literal, 1 = partly literal
 * (`{id}.csv`), 0 = whole-segment parameter; undefined if it does not match.
 */
function matchTemplate(template: string[], concrete: string[]): number[] | undefined {
  if (template.length !== concrete.length) return undefined;
  const score: number[] = [];
  for (let i = 0; i < template.length; i++) {
    const t = template[i];
    const c = concrete[i];
    const tIsParam = /^\{[^}]*\}$/.test(t);
    const cIsParam = /^\{[^}]*\}$/.test(c);
    if (cIsParam) {
      // The caller passed a template: `{x}` matches a parameter segment of any name.
      if (!tIsParam) return undefined;
      score.push(0);
    } else if (!t.includes('{')) {
      if (t !== c && t !== decodeSegment(c)) return undefined;
      score.push(2);
    } else {
      if (c === '' || !segmentRegex(t).test(decodeSegment(c))) return undefined;
      score.push(tIsParam ? 0 : 1);
    }
  }
  return score;
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

function serverBasePaths(doc: AnyDocument): string[] {
  const bases = new Set<string>();
  for (const server of doc.servers ?? []) {
    const url = server.url.replace(/\{[^}]*\}/g, 'x');
    const pathname = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? new URL(url).pathname : url;
    const trimmed = pathname.replace(/\/+$/, '');
    if (trimmed && trimmed !== '/') bases.add(trimmed);
  }
  return [...bases];
}

export interface FoundOperation extends OperationRef {
  operation: OpenAPIV3.OperationObject;
  pathItem: OpenAPIV3.PathItemObject;
}

/** Find the operation for a method and a concrete path (or template). Throws a descriptive error if none. */
export function findOperation(spec: AnyDocument | ReferenceSpecName, method: string, path: string): FoundOperation {
  const doc = resolveDoc(spec);
  const m = method.toLowerCase();
  const candidatesFor = (p: string) => {
    const concrete = splitPath(p);
    const found: { template: string; score: number[]; item: OpenAPIV3.PathItemObject }[] = [];
    for (const [template, item] of Object.entries(doc.paths ?? {})) {
      if (!item) continue;
      const score = matchTemplate(splitPath(template), concrete);
      if (score) found.push({ template, score, item });
    }
    return found.sort((a, b) => compareScores(b.score, a.score));
  };
  let candidates = candidatesFor(path);
  if (candidates.length === 0) {
    const stripped = splitPath(path).join('/');
    for (const base of serverBasePaths(doc)) {
      const b = base.replace(/^\/+/, '');
      if (stripped === b || stripped.startsWith(`${b}/`)) {
        candidates = candidatesFor(`/${stripped.slice(b.length).replace(/^\/+/, '')}`);
        if (candidates.length) break;
      }
    }
  }
  if (candidates.length === 0) {
    throw new Error(`${specLabel(doc)}: no path template matches '${path}' (${Object.keys(doc.paths ?? {}).length} templates in the document)`);
  }
  const withMethod = candidates.find((c) => (c.item as Record<string, unknown>)[m]);
  if (!withMethod) {
    const listed = candidates
      .map(
        (c) =>
          `${c.template} [${HTTP_METHODS.filter((hm) => (c.item as Record<string, unknown>)[hm])
            .map((hm) => hm.toUpperCase())
            .join(', ')}]`,
      )
      .join('; ');
    throw new Error(`${specLabel(doc)}: no ${method.toUpperCase()} operation for '${path}'; matching templates: ${listed}`);
  }
  const operation = (withMethod.item as Record<string, unknown>)[m] as OpenAPIV3.OperationObject;
  const ref: FoundOperation = { method: m.toUpperCase(), path: withMethod.template, operation, pathItem: withMethod.item };
  if (operation.operationId) ref.operationId = operation.operationId;
  return ref;
}

/* ------------------------------------------------------------------------------------------------ */
/* OpenAPI 3.0 schema → JSON Schema (draft-07, ajv)                                                 */
/* ------------------------------------------------------------------------------------------------ */

export const CHECKED_FORMATS = ['date', 'date-time', 'uuid', 'email'] as const;
const CHECKED_FORMAT_SET = new Set<string>(CHECKED_FORMATS);

/** Keywords that are annotations (or OpenAPI-only) and are dropped. */
const DROPPED_KEYWORDS = new Set(['nullable', 'example', 'examples', 'xml', 'discriminator', 'externalDocs', 'deprecated', 'readOnly', 'writeOnly']);

/** Keywords that are kept but do not constrain (used to decide whether a `$ref` has real siblings). */
const ANNOTATION_KEYWORDS = new Set([...DROPPED_KEYWORDS, 'description', 'title', 'default', '$comment']);

interface ConvertOptions {
  baseId: string;
  relaxAdditionalProperties: boolean;
}

/** Array.isArray, narrowing to `unknown[]` rather than `any[]`. */
function isArray(v: unknown): v is Json[] {
  return Array.isArray(v);
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rewriteRef(ref: string, o: ConvertOptions): string {
  return ref.startsWith('#') ? `${o.baseId}${ref}` : ref;
}

/** Convert one OpenAPI 3.0 schema object (recursively) to a JSON Schema for ajv. Never mutates the input. */
export function toJsonSchema(schema: unknown, o: ConvertOptions): Json {
  if (!isObject(schema)) return schema;
  const nullable = schema.nullable === true;

  if (typeof schema.$ref === 'string') {
    const ref = { $ref: rewriteRef(schema.$ref, o) };
    const siblings = Object.keys(schema).filter((k) => k !== '$ref' && !ANNOTATION_KEYWORDS.has(k));
    let out: JsonObject = ref;
    if (siblings.length) {
      const rest: JsonObject = {};
      for (const k of siblings) rest[k] = schema[k];
      out = { allOf: [ref, toJsonSchema(rest, o)] };
    }
    return nullable ? { anyOf: [out, { type: 'null' }] } : out;
  }

  const out: JsonObject = {};
  const hoisted: string[] = [];
  for (const [key, value] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(key)) continue;
    switch (key) {
      case 'properties':
      case 'patternProperties':
      case 'definitions':
      case '$defs': {
        const mapped: JsonObject = {};
        for (const [name, sub] of Object.entries(isObject(value) ? value : {})) {
          mapped[name] = toJsonSchema(sub, o);
          // Swagger 2 style `required: true` on a property (NPQ specs): hoist it to the parent's list.
          if (key === 'properties' && isObject(sub) && sub.required === true) hoisted.push(name);
        }
        out[key] = mapped;
        break;
      }
      case 'required':
        if (isArray(value)) out.required = [...value];
        break; // a boolean `required` is not a schema keyword: dropped (hoisted by the parent when true)
      case 'items':
        out.items = Array.isArray(value) ? value.map((v) => toJsonSchema(v, o)) : toJsonSchema(value, o);
        break;
      case 'additionalProperties':
        if (value === false && o.relaxAdditionalProperties) break;
        out.additionalProperties = isObject(value) ? toJsonSchema(value, o) : value;
        break;
      case 'allOf':
      case 'anyOf':
      case 'oneOf':
        out[key] = Array.isArray(value) ? value.map((v) => toJsonSchema(v, o)) : value;
        break;
      case 'not':
        out.not = toJsonSchema(value, o);
        break;
      case 'format':
        if (typeof value === 'string' && CHECKED_FORMAT_SET.has(value)) out.format = value;
        break;
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        // OpenAPI 3.0: boolean modifier of minimum/maximum; JSON Schema draft-06+: a number.
        if (typeof value === 'boolean') {
          const bound = key === 'exclusiveMinimum' ? schema.minimum : schema.maximum;
          if (value && typeof bound === 'number') out[key] = bound;
        } else {
          out[key] = value;
        }
        break;
      }
      case 'minimum':
        if (schema.exclusiveMinimum !== true) out.minimum = value;
        break;
      case 'maximum':
        if (schema.exclusiveMaximum !== true) out.maximum = value;
        break;
      default:
        out[key] = value;
    }
  }

  if (hoisted.length) {
    const required = Array.isArray(out.required) ? (out.required as string[]) : [];
    out.required = [...required, ...hoisted.filter((n) => !required.includes(n))];
  }

  if (nullable) {
    if (isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
    } else if (isArray(out.type)) {
      if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    } else if (out.allOf || out.anyOf || out.oneOf) {
      return { anyOf: [out, { type: 'null' }] };
    }
    // No type and no composition: already accepts null.
  }
  return out;
}

/* ------------------------------------------------------------------------------------------------ */
/* Validators                                                                                       */
/* ------------------------------------------------------------------------------------------------ */

type FormatsPlugin = (ajv: Ajv, opts?: unknown) => Ajv;
const addFormats: FormatsPlugin = (addFormatsImport as unknown as { default?: FormatsPlugin }).default ?? (addFormatsImport as unknown as FormatsPlugin);

interface DocContext {
  ajv: Ajv;
  baseId: string;
  validators: Map<string, ValidateFunction>;
}

let docCounter = 0;
const docIds = new WeakMap<object, number>();
const contexts = new WeakMap<object, Map<boolean, DocContext>>();

function contextFor(doc: AnyDocument, relax: boolean): DocContext {
  let perDoc = contexts.get(doc);
  if (!perDoc) {
    perDoc = new Map();
    contexts.set(doc, perDoc);
  }
  let ctx = perDoc.get(relax);
  if (ctx) return ctx;
  let id = docIds.get(doc);
  if (id === undefined) {
    id = ++docCounter;
    docIds.set(doc, id);
  }
  const baseId = `urn:openapi:doc-${id}${relax ? '-relaxed' : ''}`;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv, [...CHECKED_FORMATS]);
  const o: ConvertOptions = { baseId, relaxAdditionalProperties: relax };
  // Only schemas are registered: response/parameter $refs are resolved by hand (resolveLocalRef).
  const schemas: JsonObject = {};
  for (const [name, value] of Object.entries((doc.components?.schemas ?? {}) as JsonObject)) {
    schemas[name] = toJsonSchema(value, o);
  }
  ajv.addSchema({ $id: baseId, components: { schemas } }, baseId);
  ctx = { ajv, baseId, validators: new Map() };
  perDoc.set(relax, ctx);
  return ctx;
}

function resolveLocalRef<T>(doc: AnyDocument, value: T | OpenAPIV3.ReferenceObject): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isObject(current) && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#/') || seen.has(ref)) throw new Error(`${specLabel(doc)}: cannot resolve ${ref}`);
    seen.add(ref);
    let target: unknown = doc;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`${specLabel(doc)}: unresolved ${ref}`);
    current = target;
  }
  return current as T;
}

function pickResponse(
  responses: OpenAPIV3.ResponsesObject,
  status: number,
): { key: string; response: OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject } | undefined {
  const exact = responses[String(status)];
  if (exact) return { key: String(status), response: exact };
  const rangeKey = Object.keys(responses).find((k) => k.toUpperCase() === `${String(status)[0]}XX`);
  if (rangeKey) return { key: rangeKey, response: responses[rangeKey] };
  if (responses.default) return { key: 'default', response: responses.default };
  return undefined;
}

function pickMedia(content: Record<string, OpenAPIV3.MediaTypeObject>, wanted?: string): [string, OpenAPIV3.MediaTypeObject] | undefined {
  const entries = Object.entries(content);
  if (entries.length === 0) return undefined;
  const base = (t: string) => t.split(';')[0].trim().toLowerCase();
  if (wanted) return entries.find(([t]) => base(t) === base(wanted));
  return entries.find(([t]) => base(t) === 'application/json') ?? entries.find(([t]) => base(t).includes('json')) ?? entries[0];
}

function describesErrorsProperty(doc: AnyDocument, schema: unknown, depth = 0): boolean {
  if (depth > 10) return false;
  let s: unknown;
  try {
    s = resolveLocalRef(doc, schema as OpenAPIV3.SchemaObject);
  } catch {
    return false;
  }
  if (!isObject(s)) return false;
  if (isObject(s.properties) && 'errors' in s.properties) return true;
  for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[k];
    if (Array.isArray(list) && list.some((sub) => describesErrorsProperty(doc, sub, depth + 1))) return true;
  }
  return false;
}

function schemaLabel(schema: unknown): string {
  return isObject(schema) && typeof schema.$ref === 'string' ? ` [schema ${schema.$ref}]` : '';
}

function bodySnippet(body: unknown, max = 1200): string {
  let text: string;
  try {
    text = typeof body === 'string' ? body : JSON.stringify(body);
  } catch {
    text = String(body);
  }
  if (text === undefined) text = String(body);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

function formatErrors(errors: ErrorObject[] | null | undefined, max = 25): string {
  const list = errors ?? [];
  const lines = list.slice(0, max).map((e) => {
    let extra = '';
    if (e.keyword === 'additionalProperties') extra = ` ('${String((e.params as { additionalProperty?: string }).additionalProperty)}')`;
    else if (e.keyword === 'enum') extra = ` ${JSON.stringify((e.params as { allowedValues?: unknown }).allowedValues)}`;
    return `  ${e.instancePath || '(root)'} ${e.message ?? e.keyword}${extra}`;
  });
  if (list.length > max) lines.push(`  … and ${list.length - max} more`);
  return lines.join('\n');
}

const driftRecords: DriftRecord[] = [];

/** Every time the drift rule was used since the last reset (e.g. to print a summary after a suite). */
export function getDriftRecords(): readonly DriftRecord[] {
  return driftRecords;
}

export function resetDriftRecords(): void {
  driftRecords.length = 0;
}

function isEmptyBody(body: unknown): boolean {
  return body === undefined || body === null || body === '' || (isObject(body) && Object.keys(body).length === 0);
}

/**
 * Throw unless `body` matches the response schema of the operation found for `method` + `path` and
 * `status`. See the file header for the rules.
 */
export function assertMatchesSpec(
  spec: AnyDocument | ReferenceSpecName,
  method: string,
  path: string,
  status: number,
  body: unknown,
  opts: AssertMatchesSpecOptions = {},
): AssertMatchesSpecResult {
  const doc = resolveDoc(spec);
  const label = specLabel(doc);
  const found = findOperation(doc, method, path);
  const operation: OperationRef = found.operationId
    ? { method: found.method, path: found.path, operationId: found.operationId }
    : { method: found.method, path: found.path };
  const opLabel = `${found.method} ${found.path}${found.operationId ? ` (operationId ${found.operationId})` : ''}`;
  const relax = opts.relaxAdditionalProperties === true;
  const drift = opts.errorBodyDrift !== false;
  const ctx = contextFor(doc, relax);

  const runBuiltIn = (reason: DriftRecord['reason'], responseKey: string, value: unknown): AssertMatchesSpecResult => {
    const key = status === 401 ? 'live-error-401' : 'live-error';
    let validate = ctx.validators.get(key);
    if (!validate) {
      validate = ctx.ajv.compile(status === 401 ? LIVE_ERROR_SCHEMA_401 : LIVE_ERROR_SCHEMA_ANY);
      ctx.validators.set(key, validate);
    }
    if (!validate(value)) {
      const why = reason === 'undocumented-status' ? `status ${status} is not documented` : 'the spec schema describes another error shape';
      throw new Error(
        `Response does not match the live error envelope ({"errors":[{"title","detail"}]}${status === 401 ? ' or {"error": string}' : ''}) used for ${label} ${opLabel} status ${status} because ${why}:\n${formatErrors(validate.errors)}\nBody: ${bodySnippet(value)}`,
      );
    }
    driftRecords.push({ spec: label, method: found.method, path: found.path, status, reason });
    return { usedDriftSchema: true, undocumentedStatus: reason === 'undocumented-status', operation, responseKey };
  };

  const picked = pickResponse(found.operation.responses ?? {}, status);
  if (!picked) {
    if (status >= 400 && opts.allowUndocumentedErrorStatus) return runBuiltIn('undocumented-status', '', body);
    const documented = Object.keys(found.operation.responses ?? {}).join(', ') || 'none';
    throw new Error(
      `${label} ${opLabel} documents no response for status ${status} (documented: ${documented}; no range or default entry)` +
        (status >= 400 ? '. Pass { allowUndocumentedErrorStatus: true } to check it against the live error envelope.' : ''),
    );
  }

  const response = resolveLocalRef<OpenAPIV3.ResponseObject>(doc, picked.response);
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) {
    if (!isEmptyBody(body)) {
      throw new Error(`${label} ${opLabel} status ${status} documents no content, but the body is not empty.\nBody: ${bodySnippet(body)}`);
    }
    return { usedDriftSchema: false, undocumentedStatus: false, operation, responseKey: picked.key };
  }
  const media = pickMedia(content, opts.contentType);
  if (!media) {
    throw new Error(`${label} ${opLabel} status ${status} has no '${opts.contentType}' content (has: ${Object.keys(content).join(', ')})`);
  }
  const [mediaType, mediaObject] = media;
  const schema = mediaObject.schema;
  if (!schema) return { usedDriftSchema: false, undocumentedStatus: false, operation, responseKey: picked.key };

  let value = body;
  if (typeof value === 'string' && mediaType.includes('json')) {
    try {
      value = JSON.parse(value);
    } catch {
      // validate the string as it is: the schema will say what was expected
    }
  }

  if (drift && status >= 400 && isObject(value) && 'errors' in value && !describesErrorsProperty(doc, schema)) {
    return runBuiltIn('schema-describes-another-shape', picked.key, value);
  }

  const cacheKey = `${found.method} ${found.path} ${picked.key} ${mediaType}`;
  let validate = ctx.validators.get(cacheKey);
  if (!validate) {
    validate = ctx.ajv.compile(toJsonSchema(schema, { baseId: ctx.baseId, relaxAdditionalProperties: relax }) as object);
    ctx.validators.set(cacheKey, validate);
  }
  if (!validate(value)) {
    throw new Error(
      `Response does not match ${label} ${opLabel} status ${status} (${picked.key}, ${mediaType})${schemaLabel(schema)}:\n${formatErrors(validate.errors)}\nBody: ${bodySnippet(value)}`,
    );
  }
  return { usedDriftSchema: false, undocumentedStatus: false, operation, responseKey: picked.key };
}
