/** Paging and sorting shared by every list read. Parsing of the REST query string happens at the edge. */
export interface PageRequest {
  /** 1-based page number. */
  page: number;
  perPage: number;
}

export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 3000;

export type SortDirection = 'asc' | 'desc';
export interface SortTerm {
  field: string;
  direction: SortDirection;
}

/** Cohort filter: `undefined` = no filter (default cohort set), `[]` = matches nothing. */
export type CohortFilter = number[] | undefined;

export function clampPage(page: PageRequest): PageRequest {
  return { page: Math.max(1, page.page), perPage: Math.min(MAX_PER_PAGE, Math.max(1, page.perPage)) };
}

/**
 * Builds an ORDER BY from the requested terms, keeping only fields in `columns`
 * (unknown fields are dropped, as the live services do) and always ending with the
 * unique tie-breaker so paging is deterministic (ARCHITECTURE.md §2.8).
 */
export function orderBy(terms: SortTerm[] | undefined, columns: Record<string, string>, defaults: SortTerm[], tieBreaker: string): string {
  const kept = (terms ?? []).filter((t) => Object.hasOwn(columns, t.field));
  const chosen = kept.length > 0 ? kept : defaults;
  const parts = chosen.map((t) => `${columns[t.field]} ${t.direction === 'desc' ? 'desc' : 'asc'}`);
  const lastDirection = chosen.at(-1)?.direction === 'desc' ? 'desc' : 'asc';
  parts.push(`${tieBreaker} ${lastDirection}`);
  return parts.join(', ');
}

export function limitOffset(page: PageRequest): { limit: number; offset: number } {
  const p = clampPage(page);
  return { limit: p.perPage, offset: (p.page - 1) * p.perPage };
}

/** One page of a list, and whether another page follows (read by fetching one row more than the page). */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}

/** LIMIT/OFFSET that fetch one extra key, so `toPage` can tell whether a next page exists without a COUNT. */
export function probeLimitOffset(page: PageRequest): { limit: number; offset: number; perPage: number } {
  const { limit, offset } = limitOffset(page);
  return { limit: limit + 1, offset, perPage: limit };
}

export function toPage<T>(rows: T[], perPage: number): Page<T> {
  return rows.length > perPage ? { items: rows.slice(0, perPage), hasNextPage: true } : { items: rows, hasNextPage: false };
}
