import { badParameter, badRequest, type Family } from './errors.js';

type Query = Record<string, unknown>;

export const PAGE_DETAIL: Record<Family, string> = {
  ecf: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid number (equal and more than 1)",
  rect: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number",
  npq: "The '#/page[page]' and '#/page[per_page]' parameter values must be a valid positive number",
};
export const UPDATED_SINCE_DETAIL: Record<Family, string> = {
  ecf: "The filter '#/updated_since' must be a valid RCF3339 date", // sic: the live ECF wording
  rect: "The filter '#/updated_since' must be a valid ISO 8601 date",
  npq: "The filter '#/updated_since' must be a valid ISO 8601 date",
};

export const DEFAULT_PER_PAGE = 100;
/** Pages beyond this are past the end of any list; capping keeps the number inside GraphQL's Int. */
const MAX_PAGE = 2_000_000;
export const MAX_PER_PAGE = 3000;

/** Ruby `to_i`: the leading integer, else 0 ("2abc" → 2, "abc" → 0, "0.8" → 0), as the live services parse. */
function toI(v: unknown): number {
  const m = /^\s*([+-]?\d+)/.exec(String(v));
  return m ? Number(m[1]) : 0;
}

export type CleanQuery = Record<string, string | Record<string, string>>;

export const NUL_DETAIL = 'The request contains a NUL character (\\u0000), which no parameter or attribute accepts';

/** True when a NUL character appears in any string (or key) of a value: PostgreSQL cannot store one in text. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null || depth > 64) return false;
  for (const [k, v] of Object.entries(value)) if (k.includes('\u0000') || containsNul(v, depth + 1)) return true;
  return false;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const filterValueError = (key: string, family: Family) => {
  if (key === 'updated_since') return badRequest(UPDATED_SINCE_DETAIL[family]);
  const detail = `The filter '#/${key}' must be given once, as text (several values as one comma-separated list)`;
  return family === 'npq' ? badRequest(detail) : badParameter(detail);
};

/**
 * The only query shapes handlers see: `filter[key]=text`, `page[key]=text`, `sort=text` and other top-level
 * `key=text`. No parameter takes an array: lists are comma-separated text (`filter[cohort]=2021,2022`), so a
 * repeated key, `key[]=` or a deeper bracket (`page[page][toString]=1`) is a 400 with the family's message for
 * that parameter, never an object reaching `String()` (the live services answer some of these with a 500).
 * A scalar `filter` or `filter[]` is left to `filterOf` (its own live message); a scalar `page` is ignored as
 * before. Unknown top-level parameters are ignored whatever their shape; they never reach handlers.
 */
export function cleanQuery(query: Record<string, unknown>, family: Family): CleanQuery {
  const out: CleanQuery = {};
  for (const [key, value] of Object.entries(query)) {
    if (key === 'page') {
      if (typeof value === 'string') continue;
      if (!isPlainObject(value) || Object.values(value).some((v) => typeof v !== 'string')) throw badRequest(PAGE_DETAIL[family]);
      out.page = value as Record<string, string>;
    } else if (key === 'filter') {
      if (!isPlainObject(value)) {
        filterOf(query, family); // throws the scalar-filter 400
        continue;
      }
      for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') throw filterValueError(k, family);
      out.filter = value as Record<string, string>;
    } else if (key === 'sort') {
      if (typeof value !== 'string')
        throw badParameter("The '#/sort' parameter must be given once, as one comma-separated list, for example sort=-updated_at,created_at");
      out.sort = value;
    } else if (typeof value === 'string') {
      out[key] = value;
    }
  }
  return out;
}

/** `page[page]` (default 1) and `page[per_page]` (default 100, clamped to 3000); below 1 → 400. */
export function parsePage(query: Query, family: Family): { page: number; perPage: number } {
  const raw = query.page;
  if (raw === undefined || typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { page: 1, perPage: DEFAULT_PER_PAGE };
  const p = raw as Record<string, unknown>;
  const page = p.page === undefined ? 1 : toI(p.page);
  const perPage = p.per_page === undefined ? DEFAULT_PER_PAGE : toI(p.per_page);
  if (page < 1 || perPage < 1) throw badRequest(PAGE_DETAIL[family]);
  return { page: Math.min(page, MAX_PAGE), perPage: Math.min(perPage, MAX_PER_PAGE) };
}

/** The `filter` object; a scalar `filter` is a 400 (ecf.md §2.4). */
export function filterOf(query: Query, family: Family): Record<string, unknown> {
  const f = query.filter;
  if (f === undefined) return {};
  if (typeof f !== 'object' || f === null || Array.isArray(f)) {
    throw family === 'npq' ? badRequest("'#/filter' is not a valid field") : badParameter('Filter must be a hash');
  }
  return f as Record<string, unknown>;
}

export function requireFilter(filter: Record<string, unknown>, key: string): void {
  if (!(key in filter)) throw badParameter(`The filter '#/${key}' must be included in your request`);
}

/** A query value as text. `cleanQuery` has already turned away anything but strings; this is the backstop. */
const asText = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw badRequest('Each query parameter must be given once, as a single value');
  return v;
};

/** Comma list split and trimmed; `undefined` when blank (no filter). */
export function commaList(v: unknown): string[] | undefined {
  const text = asText(v).trim();
  if (text === '') return undefined;
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * `filter[cohort]`: start years. Blank → no filter (every cohort after 2020); values that are not
 * whole numbers are dropped, and if none is left nothing matches (rect.md §2.6).
 */
export function cohortList(v: unknown): number[] | undefined {
  const parts = commaList(v);
  if (parts === undefined) return undefined;
  return parts.filter((s) => /^\d{1,4}$/.test(s)).map(Number);
}

/** A single start year (schools): anything else matches nothing (null). Blank is also null. */
export function singleCohort(v: unknown): number | null {
  const first = commaList(v)?.[0];
  return first !== undefined && /^\d{1,4}$/.test(first) ? Number(first) : null;
}

const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Dates the database can hold and a client can mean: years 1900–9999 (PostgreSQL rejects year 0 and JavaScript
 * writes years past 9999 as `+010000`, so either would reach SQL as an error), real times (hour ≤ 23, minute and
 * second ≤ 59: JavaScript would roll `24:00` over to the next day) and offsets up to ±23:59.
 */
const MIN_UPDATED_SINCE = Date.UTC(1899, 11, 31);
const MAX_UPDATED_SINCE = Date.UTC(10000, 0, 1);
const TIME_PARTS = /T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(?:Z|([+-])(\d{2}):?(\d{2}))?$/i;

function realTime(text: string): boolean {
  const year = Number(text.slice(0, 4));
  if (year < 1900) return false;
  const t = TIME_PARTS.exec(text);
  if (!t) return !/T/i.test(text);
  const [, h, mi, sec = '00', , oh = '00', om = '00'] = t;
  return +h <= 23 && +mi <= 59 && +sec <= 59 && +oh <= 23 && +om <= 59;
}

function parseIso(text: string): Date | null {
  if (!ISO_8601.test(text) || !realTime(text)) return null;
  // A time without an offset is read as UTC, as the live services (UTC zone) do.
  const normalised = /T/i.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text}Z` : text.length === 10 ? `${text}T00:00:00Z` : text;
  const d = new Date(normalised);
  if (Number.isNaN(d.getTime())) return null;
  const [y, m, day] = text.slice(0, 10).split('-').map(Number);
  if (m < 1 || m > 12 || day < 1 || day > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  if (d.getTime() < MIN_UPDATED_SINCE || d.getTime() >= MAX_UPDATED_SINCE) return null;
  return d;
}

/**
 * `filter[updated_since]`: ISO 8601 / RFC 3339, date-only allowed. A value that fails is URL-decoded
 * once more and retried, so double-encoded offsets work (ecf.md §2.4). Blank → no filter.
 */
export function updatedSince(v: unknown, family: Family): string | undefined {
  const text = asText(v).trim();
  if (text === '') return undefined;
  let parsed = parseIso(text);
  if (!parsed) {
    try {
      parsed = parseIso(decodeURIComponent(text).trim());
    } catch {
      parsed = null;
    }
  }
  if (!parsed) throw badRequest(UPDATED_SINCE_DETAIL[family]);
  return parsed.toISOString();
}

/** `sort=-updated_at,created_at`: terms with an optional + or - prefix; the domain drops unknown fields. */
export function sortTerms(v: unknown): { field: string; direction: 'asc' | 'desc' }[] | undefined {
  const parts = commaList(v);
  if (!parts) return undefined;
  return parts.map((p) => (p.startsWith('-') ? { field: p.slice(1), direction: 'desc' as const } : { field: p.replace(/^\+/, ''), direction: 'asc' as const }));
}

/** `data.attributes` of a JSON:API request body; a missing or empty one is a 400 (ecf.md §12, rect.md §8). */
export function bodyAttributes(body: unknown, missingDetail: string): Record<string, unknown> {
  const data = (body as { data?: unknown } | undefined)?.data;
  const attrs = (data as { attributes?: unknown } | undefined)?.attributes;
  if (typeof attrs !== 'object' || attrs === null || Array.isArray(attrs) || Object.keys(attrs).length === 0) {
    throw badRequest(missingDetail);
  }
  return attrs as Record<string, unknown>;
}

/** An optional JSON:API body (NPQ accept, npq.md §2.2): no body or no `data` → `{}`; a `data` is held to `bodyAttributes`. */
export function optionalBodyAttributes(body: unknown, missingDetail: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || !('data' in body)) return {};
  return bodyAttributes(body, missingDetail);
}

/** A single-valued text filter (`cleanQuery` has made it a string): trimmed, blank → no filter. */
export function textFilter(v: unknown): string | undefined {
  const text = typeof v === 'string' ? v.trim() : '';
  return text === '' ? undefined : text;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A comma list of UUIDs; any other item is a 400 with `invalidDetail`; blank → no filter. */
export function uuidList(v: unknown, invalidDetail: string): string[] | undefined {
  const ids = commaList(v);
  if (ids?.some((id) => !UUID.test(id))) throw badRequest(invalidDetail);
  return ids;
}

/** A request attribute as the provider sent it: strings and numbers pass as text, anything else as absent. */
export function textAttr(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}
