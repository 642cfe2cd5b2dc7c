import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp, type TestResponse } from '../support/test-app.js';
import { restRoutes } from '../../src/rest-facade/index.js';

/**
 * Hostile input against every served REST operation (the facade's route table): query shapes the parser must
 * turn away, huge numbers, impossible dates, bad ids, broken bodies and content types, and a time-travel header
 * out of range. The rule for every response: no 5xx, and a JSON body.
 */
const PAGE_KEYS = ['page[page]', 'page[per_page]'];
const FILTER_KEYS = ['filter[cohort]', 'filter[updated_since]', 'filter[delivery_partner_id]', 'filter[urn]', 'filter[type]'];
const SCALARS = [...PAGE_KEYS, ...FILTER_KEYS, 'sort'];

const enc = (s: string) => s.replace(/\[/g, '%5B').replace(/\]/g, '%5D');

function hostileQueries(): string[] {
  const out: string[] = [];
  for (const k of SCALARS) {
    for (const suffix of ['[toString]', '[valueOf]', '[__proto__]', '[constructor][prototype]', '[]', '[0]', '[a][b][c][d]', '[hasOwnProperty]'])
      out.push(`${k}${suffix}=1`);
    out.push(`${k}=1&${k}=2`, `${k}=`, `${k}=%00`, `${k}=${'9'.repeat(400)}`, `${k}=%E0%A4%A`, `${k}=${encodeURIComponent("' or 1=1 --")}`);
  }
  for (const n of ['1e308', '-1', '0', '99999999999999999999', 'NaN', 'Infinity', '-0', '0x10', '1.5', ' 2', '2abc', String(2 ** 53)]) {
    out.push(`page[page]=${n}`, `page[per_page]=${n}`, `filter[cohort]=${n}`);
  }
  for (const d of [
    '0000-01-01',
    '9999-99-99',
    '2025-01-01T24:00:00Z',
    '2025-02-30',
    '-2025-01-01',
    '+275760-09-13',
    '10000-01-01',
    '2025-01-01T10:00:00+99:00',
    '1970',
    'yesterday',
    '2025-01-01T00:00:00.0000000000000000001Z',
  ]) {
    out.push(`filter[updated_since]=${encodeURIComponent(d)}`);
  }
  out.push(
    'filter=1',
    'filter[]=1',
    'page=1',
    'page[]=1',
    'sort[]=-updated_at',
    `${'x'.repeat(50)}[y]=1`,
    Array.from({ length: 150 }, (_, i) => `p${i}=1`).join('&'),
  );
  out.push('filter[cohort]=2025,2025,2025,' + '2025,'.repeat(500), 'sort=' + '-updated_at,'.repeat(200));
  return out.map(enc);
}

const BAD_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  randomUUID().toUpperCase(),
  '%00',
  'x'.repeat(2000),
  encodeURIComponent("1' or '1'='1"),
  '%2e%2e%2f%2e%2e%2fetc',
  '12345678-1234-1234-1234-1234567890123',
  '%E0%A4%A',
];

const BODIES: { contentType: string; body: string }[] = [
  { contentType: 'application/json', body: '{' },
  { contentType: 'application/json', body: 'null' },
  { contentType: 'application/json', body: '[]' },
  { contentType: 'application/json', body: '"text"' },
  { contentType: 'application/json', body: '12' },
  { contentType: 'application/json', body: '{"data":null}' },
  { contentType: 'application/json', body: '{"data":[]}' },
  { contentType: 'application/json', body: '{"data":{"attributes":[]}}' },
  { contentType: 'application/json', body: '{"data":{"attributes":"x"}}' },
  {
    contentType: 'application/json',
    body: '{"data":{"type":{"toString":1},"attributes":{"cohort":{"toString":1},"school_id":[1],"delivery_partner_id":{"a":1}}}}',
  },
  {
    contentType: 'application/json',
    body: '{"data":{"type":"partnership","attributes":{"cohort":1e308,"school_id":99999999999999999999,"delivery_partner_id":true}}}',
  },
  {
    contentType: 'application/json',
    body: '{"data":{"type":"partnership","attributes":{"cohort":"0000","school_id":"not-a-uuid","delivery_partner_id":"%00"}}}',
  },
  { contentType: 'application/json', body: '{"data":{"attributes":{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}}}' },
  {
    contentType: 'application/json',
    body: JSON.stringify({ data: { attributes: { cohort: 'x'.repeat(100_000), school_id: randomUUID(), delivery_partner_id: randomUUID() } } }),
  },
  { contentType: 'application/json', body: '{"data":' + '['.repeat(5000) + ']'.repeat(5000) + '}' },
  { contentType: 'application/json', body: '{"data":{"attributes":{"cohort":"2025"}}}'.padEnd(1_100_000, ' ') },
  { contentType: 'application/json; charset=utf-16', body: '{"data":{}}' },
  { contentType: 'application/json', body: '\u0000\u0001' },
  { contentType: 'text/plain', body: '{"data":{"attributes":{"cohort":"2025"}}}' },
  { contentType: 'application/x-www-form-urlencoded', body: 'data[attributes][cohort]=2025' },
  { contentType: 'application/xml', body: '<data><attributes/></data>' },
  { contentType: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
  { contentType: 'application/vnd.api+json', body: '{"data":{"type":"wrong","attributes":{}}}' },
];

const SERVER_DATES = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2025-13-01', 'yesterday', '2025-01-01T24:00:00Z', '+275760-09-13T00:00:00Z', ''];

describe('hostile input on every served REST operation: no 5xx, always JSON (CSV for a successful .csv export)', () => {
  let app: TestApp;
  const failures: string[] = [];
  let count = 0;
  beforeAll(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_MAX: '1000000', RATE_LIMIT_IP_MAX: '1000000' } });
  });
  afterAll(async () => app?.close());
  beforeEach(() => void (failures.length = 0));

  function check(label: string, res: TestResponse): void {
    count++;
    const json = /^application\/json/.test(res.headers.get('content-type') ?? '') && res.body !== undefined;
    // The .csv exports answer a CSV file on success; their errors are JSON like every other.
    const csv = res.status === 200 && /\.csv\b/.test(label) && /^text\/csv/.test(res.headers.get('content-type') ?? '');
    if (res.status >= 500 || !(json || csv)) failures.push(`${label} → ${res.status} ${res.headers.get('content-type')} ${res.text.slice(0, 120)}`);
  }

  const routes = restRoutes.map((r) => ({ ...r, label: `${r.method.toUpperCase()} ${r.path}` }));
  const tokensFor = (programmes: string[]) => programmes.map((p) => app.token('Ambition Institute', p as 'ecf' | 'npq'));
  const pathWith = (path: string, id: string) => path.replace(':id', id);

  it('the route table lists every served operation', () => {
    expect(routes.length).toBeGreaterThanOrEqual(17);
  });

  it.each(restRoutes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    '%s',
    async (_label, route) => {
      const tokens = tokensFor(route.programmes);
      const base = pathWith(route.path, randomUUID());
      const method = route.method.toUpperCase();
      const validBody = { data: { type: 'partnership', attributes: { cohort: '2025', school_id: randomUUID(), delivery_partner_id: randomUUID() } } };
      for (const token of tokens) {
        for (const query of hostileQueries()) {
          const res = await app.request(method, `${base}?${query}`, { token, body: method === 'GET' ? undefined : validBody });
          check(`${method} ${base}?${query}`, res);
        }
        if (route.path.includes(':id')) {
          for (const id of BAD_IDS) {
            const path = pathWith(route.path, id);
            check(`${method} ${path.slice(0, 80)}`, await app.request(method, path, { token, body: method === 'GET' ? undefined : validBody }));
          }
        }
        if (method !== 'GET') {
          for (const { contentType, body } of BODIES) {
            check(
              `${method} ${base} ${contentType} ${body.slice(0, 60)}`,
              await app.request(method, base, { token, rawBody: body, headers: { 'content-type': contentType } }),
            );
          }
        }
        for (const date of SERVER_DATES) {
          check(
            `${method} ${base} X-With-Server-Date: ${date}`,
            await app.request(method, base, { token, headers: { 'x-with-server-date': date }, body: method === 'GET' ? undefined : validBody }),
          );
        }
        for (const auth of ['Bearer', 'Bearer ' + 'x'.repeat(5000), 'Token token=""', 'Basic dXNlcjpwYXNz', `Bearer ${token}x`]) {
          check(`${method} ${base} Authorization: ${auth.slice(0, 30)}`, await app.request(method, base, { headers: { authorization: auth } }));
        }
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it('unserved methods and paths answer JSON too', async () => {
    const token = app.token('Ambition Institute', 'ecf');
    for (const route of routes) {
      for (const method of ['DELETE', 'PATCH', 'PUT', 'POST'].filter((m) => m !== route.method.toUpperCase())) {
        check(`${method} ${route.path}`, await app.request(method, pathWith(route.path, randomUUID()), { token }));
      }
    }
    expect(failures).toEqual([]);
  });

  afterAll(() => {
    // Printed so a run shows how much was tried.
    console.log(`hostile requests sent: ${count}`);
  });
});
