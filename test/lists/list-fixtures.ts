import { q, type TestApp, type TestResponse } from '../support/test-app.js';
import { sql } from '../partnerships/fixtures.js';
export { PAGE_DETAIL, UPDATED_SINCE_DETAIL } from '../support/live-messages.js';

export const ids = (res: TestResponse): string[] => (res.body?.data ?? []).map((d: { id: string }) => d.id);

/** GET with a bracketed query string (`filter[cohort]=2024&page[page]=2`), encoded for the wire. */
export const get = (app: TestApp, path: string, token: string, query = '', headers: Record<string, string> = {}): Promise<TestResponse> =>
  app.request('GET', query ? `${path}?${q(query)}` : path, { token, headers });

const join = (...parts: string[]) => parts.filter((p) => p !== '').join('&');

/** Reads every page at `perPage` until a short page, as the live parity harness did (rect.md §2.4). */
export async function readAllPages(app: TestApp, path: string, token: string, query: string, perPage: number): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; page < 10_000; page++) {
    const res = await get(app, path, token, join(query, `page[page]=${page}&page[per_page]=${perPage}`));
    if (res.status !== 200) throw new Error(`page ${page} of ${path}: ${res.status} ${res.text}`);
    out.push(...ids(res));
    if (res.body.data.length < perPage) return out;
  }
  throw new Error('never reached a short page');
}

export const unpaged = async (app: TestApp, path: string, token: string, query = ''): Promise<string[]> =>
  ids(await get(app, path, token, join(query, 'page[per_page]=3000')));

/** Pins a row's timestamps (the API cannot set them). */
export async function pin(app: TestApp, table: string, id: string, createdAt: string, updatedAt = createdAt): Promise<void> {
  await sql(app, `update "${table}" set created_at = ?, updated_at = ? where id = ?`, [createdAt, updatedAt, id]);
}

export async function pinSchoolInCohort(app: TestApp, schoolId: string, cohort: number, updatedAt: string): Promise<void> {
  await sql(app, `update school_cohorts set updated_at = ? where school_id = ? and cohort_id = (select id from cohorts where start_year = ?)`, [
    updatedAt,
    schoolId,
    cohort,
  ]);
}

export const badRequest = (detail: string) => ({ errors: [{ title: 'Bad request', detail }] });
export const badParameter = (detail: string) => ({ errors: [{ title: 'Bad parameter', detail }] });
export const NOT_FOUND = { errors: [{ title: 'Resource not found', detail: 'Nothing could be found for the provided details' }] };
