/**
 * MikroORM's `em.execute(sql, params)` inlines `?` parameters with escaping, and expands a JS array
 * into a comma list. For `= any(?::type[])` we pass a PostgreSQL array literal instead.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}

/** Renders a timestamptz column as the APIs' RFC 3339 UTC form with whole seconds, e.g. `2025-01-10T10:42:00Z`. */
export const rfc3339 = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

/** Renders a timestamptz column with milliseconds (`2025-01-10T10:42:00.000Z`), as the ECF generic JSON encoder does. */
export const rfc3339Millis = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Renders a date column as `YYYY-MM-DD`. */
export const isoDate = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;
