/**
 * Postman check of the served documents: convert a document with openapi-to-postmanv2 (what a provider does
 * when importing it into Postman), point the collection at a running app with demo ids, and run it with newman.
 *
 * Every generated request runs as generated, with ids and id-valued filters taken from the demo data. For each
 * error response the document lists (Postman generates a saved example for each), a request is derived that
 * provokes that status: no token (401), the other programme's or an admin token (403), a malformed request
 * (400), an unknown id (404), a body over 1 MB (413), a Latin-1 body (415), the generated body with its example
 * ids (422), a token whose budget is spent (429, on a second app instance with a limit of 1).
 */
import Converter from 'openapi-to-postmanv2';
import newman, { type NewmanRequestEvent, type NewmanRunSummary } from 'newman';
import type { OpenAPIV3 } from 'openapi-types';

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/* Minimal Postman collection v2.1 shapes (what openapi-to-postmanv2 writes). */
export interface PmKeyValue {
  key: string;
  value: string;
  disabled?: boolean;
}
export interface PmRequest {
  method: string;
  url: { host: string[]; path: string[]; query?: PmKeyValue[]; variable?: PmKeyValue[] };
  header?: PmKeyValue[];
  body?: { mode: string; raw?: string };
  auth?: { type: string; bearer?: PmKeyValue[] };
}
export interface PmItem {
  name: string;
  request: PmRequest;
  response?: Array<{ code: number }>;
  item?: PmItem[];
  event?: Array<{ listen: 'test' | 'prerequest'; script: { type: string; exec: string[] } }>;
}
export interface PmCollection {
  info: object;
  item: PmItem[];
  auth?: PmRequest['auth'];
  variable?: Array<PmKeyValue & { type?: string }>;
}

/** What openapi-to-postmanv2 makes of the YAML, with Postman's import choices: folders by tag, example values. */
export function convertToCollection(yamlText: string): Promise<PmCollection> {
  return new Promise((resolve, reject) => {
    Converter.convertV2(
      { type: 'string', data: yamlText },
      { folderStrategy: 'Tags', parametersResolution: 'Example', alwaysInheritAuthentication: true },
      (err, result) => {
        if (err) return reject(new Error(err.message));
        if (!result?.result || !result.output?.[0]) return reject(new Error(`conversion failed: ${result?.reason}`));
        resolve(result.output[0].data as PmCollection);
      },
    );
  });
}

/** Requests of a collection, folders flattened. */
export function requestsOf(items: PmItem[]): PmItem[] {
  return items.flatMap((i) => (i.item ? requestsOf(i.item) : [i]));
}

/** `['api','v3','partnerships',':id']` → `/api/v3/partnerships/{id}`, the document's path template. */
export function templateOf(request: PmRequest): string {
  return `/${request.url.path.map((s) => s.replace(/^:(.+)$/, '{$1}')).join('/')}`;
}

/** The variable holding a demo id for `{id}` of a path: its resource, camel-cased and singular (`deliveryPartnerId`). */
export function idVariableOf(template: string): string {
  // The participant actions change their participant: they get one of their own.
  if (/^\/api\/v\d\/participants\/ecf\/\{id\}\/(defer|resume|withdraw|change-schedule)$/.test(template)) return 'actionParticipantId';
  const resource = template.split('/')[3] ?? '';
  const camel = resource.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()).replace(/s$/, '');
  return `${camel}Id`;
}

export interface RunPlan {
  /** The document's operation for each request. */
  operation: (method: string, template: string) => OpenAPIV3.OperationObject | undefined;
  /** Whether the run's token may call the operation at all (else it expects 403). */
  allowed: (method: string, template: string) => boolean;
  /** Query parameter values to replace (demo values instead of the document's examples). */
  queryValues: Record<string, string>;
  /** Path id variables that differ from the resource's (`METHOD template` → variable name), e.g. an accepted application. */
  idVariables?: Record<string, string>;
  /** Header values to replace per request, `METHOD template` → header → value (e.g. another X-With-Server-Date). */
  headerValues?: Record<string, Record<string, string>>;
  /** Body attributes per write, `METHOD template` → attributes. */
  bodyAttributes: Record<string, Record<string, string | null>>;
  /** Add requests that provoke each documented error status. */
  deriveErrors: boolean;
  /** Token to use for a derived 403 on an operation the run's token may call (admin) or not (other programme). */
  forbiddenToken: (method: string, template: string) => string;
}

export interface Expectation {
  method: string;
  template: string;
  /** The status this request must get. */
  status: number;
  /** Every status the document lists for the operation. */
  documented: string[];
}

const setHeader = (r: PmRequest, key: string, value: string) => {
  r.header = (r.header ?? []).filter((h) => h.key.toLowerCase() !== key.toLowerCase());
  r.header.push({ key, value });
};
const rawJson = (r: PmRequest, value: unknown) => {
  r.body = { mode: 'raw', raw: typeof value === 'string' ? value : JSON.stringify(value) };
};

/**
 * Derives the request that provokes `code` from an operation's generated request, or undefined for a status
 * the check cannot provoke against a healthy app (503).
 */
function derive(base: PmRequest, code: string, template: string, plan: RunPlan, limitedBaseUrl: string): PmRequest | undefined {
  const r: PmRequest = structuredClone(base);
  const isGet = r.method === 'GET';
  switch (code) {
    case '400':
      // A write without a request body (void) ignores any body: a bad server date is its 400.
      if (!isGet && r.body?.raw) rawJson(r, { data: {} });
      else if (r.url.query?.some((q) => q.key === 'page[page]')) r.url.query = r.url.query.map((q) => (q.key === 'page[page]' ? { ...q, value: '0' } : q));
      else setHeader(r, 'X-With-Server-Date', 'not-a-date');
      return r;
    case '401':
      r.auth = { type: 'noauth' };
      return r;
    case '403':
      r.auth = { type: 'bearer', bearer: [{ key: 'token', value: plan.forbiddenToken(r.method, template) }] };
      return r;
    case '404':
      r.url.variable = (r.url.variable ?? []).map((v) => (v.key === 'id' ? { ...v, value: UNKNOWN_ID } : v));
      return r;
    case '413':
      rawJson(r, { data: { type: 'padding', attributes: { padding: 'x'.repeat(1_100_000) } } });
      // A write without a request body has no Content-Type of its own; the body parser reads (and refuses) JSON only.
      if (!(r.header ?? []).some((h) => h.key.toLowerCase() === 'content-type')) setHeader(r, 'Content-Type', 'application/json');
      return r;
    case '415':
      setHeader(r, 'Content-Type', 'application/json; charset=latin1');
      return r;
    case '422':
      if (r.body) return r; // the generated body: its example ids name no real school or delivery partner
      // A void without a body: the as-generated request voided the declaration, so a repeat is the "already voided" 422.
      return !isGet && template.endsWith('/void') ? r : undefined;
    case '429':
      r.url.host = [limitedBaseUrl];
      return r;
    default:
      return undefined;
  }
}

/** Postman test script: the status is one the document lists, and the one this request is built to get. */
function statusScript(e: Expectation): PmItem['event'] {
  return [
    {
      listen: 'test',
      script: {
        type: 'text/javascript',
        exec: [
          `pm.test('status is one the document lists (${e.documented.join(', ')})', function () {`,
          `  pm.expect(${JSON.stringify(e.documented)}).to.include(String(pm.response.code));`,
          '});',
          `pm.test('status is ${e.status}', function () { pm.response.to.have.status(${e.status}); });`,
          "pm.test('body is JSON', function () { pm.response.to.be.json; });",
        ],
      },
    },
  ];
}

/**
 * The runnable collection: ids and id-valued filters from the demo data, write bodies that succeed, a status
 * test on every request, and the derived error requests. Returns what each request (by name) must get, and
 * the documented statuses no request provokes.
 */
export function prepareRun(
  generated: PmCollection,
  plan: RunPlan,
  variables: Record<string, string>,
  limitedBaseUrl: string,
): { collection: PmCollection; expectations: Map<string, Expectation>; unprovoked: Set<string> } {
  const expectations = new Map<string, Expectation>();
  const unprovoked = new Set<string>();
  const items: PmItem[] = [];
  for (const item of requestsOf(generated.item)) {
    const method = item.request.method;
    const template = templateOf(item.request);
    const operation = plan.operation(method, template);
    if (!operation) throw new Error(`generated request ${method} ${template} has no operation in the document`);
    const documented = Object.keys(operation.responses);
    const request = structuredClone(item.request);
    const idVariable = plan.idVariables?.[`${method} ${template}`] ?? idVariableOf(template);
    request.url.variable = (request.url.variable ?? []).map((v) => (v.key === 'id' ? { ...v, value: `{{${idVariable}}}` } : v));
    request.url.query = (request.url.query ?? []).map((q) => (q.key in plan.queryValues ? { ...q, value: plan.queryValues[q.key] } : q));
    for (const [key, value] of Object.entries(plan.headerValues?.[`${method} ${template}`] ?? {})) setHeader(request, key, value);
    const generatedBody = request.body?.raw;
    if (generatedBody !== undefined) {
      const attrs = plan.bodyAttributes[`${method} ${template}`];
      if (!attrs) throw new Error(`no demo body attributes for ${method} ${template}: add them to the plan`);
      const body = JSON.parse(generatedBody) as { data: { attributes: Record<string, unknown> } };
      body.data.attributes = { ...body.data.attributes, ...attrs };
      rawJson(request, body);
    }
    const add = (name: string, r: PmRequest, status: number) => {
      const e: Expectation = { method, template, status, documented };
      const unique = `${method} ${template} ${name}`;
      expectations.set(unique, e);
      items.push({ name: unique, request: r, event: statusScript(e) });
    };
    const allowed = plan.allowed(method, template);
    add('(as generated)', request, allowed ? 200 : 403);
    if (!plan.deriveErrors || !allowed) continue;
    for (const code of documented.filter((c) => c !== '200')) {
      const fromGenerated = code === '422' ? { ...request, body: generatedBody === undefined ? undefined : { mode: 'raw', raw: generatedBody } } : request;
      const derived = derive(fromGenerated, code, template, plan, limitedBaseUrl);
      if (derived) add(`→ ${code}`, derived, Number(code));
      else unprovoked.add(code);
    }
  }
  const collection: PmCollection = {
    ...generated,
    item: items,
    variable: Object.entries(variables).map(([key, value]) => ({ key, value, type: 'string' })),
  };
  return { collection, expectations, unprovoked };
}

export interface Executed {
  name: string;
  method: string;
  pathWithQuery: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Runs a collection with newman (no reporters); every request and response, and the run summary. */
export function runNewman(collection: PmCollection): Promise<{ summary: NewmanRunSummary; executed: Executed[] }> {
  return new Promise((resolve, reject) => {
    const executed: Executed[] = [];
    newman
      .run({ collection, reporters: [], timeoutRequest: 30_000 }, (err, summary) => (err ? reject(err) : resolve({ summary, executed })))
      .on('request', (err: Error | null, e: NewmanRequestEvent) => {
        if (err) return;
        executed.push({
          name: e.item.name,
          method: e.request.method,
          pathWithQuery: e.request.url.getPathWithQuery(),
          status: e.response.code,
          headers: Object.fromEntries(Object.entries(e.response.headers.toObject()).map(([k, v]) => [k.toLowerCase(), v])),
          body: e.response.stream.toString('utf8'),
        });
      });
  });
}
