import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

// RFC 3339 date-time with a required offset: `2025-01-10T10:42:00Z`, `2025-01-10T10:42:00.000Z`, `…+01:00`.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date part names a real calendar day (no 2025-02-30). */
function realDay(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
}

function isDateTime(text: string): boolean {
  const m = RFC3339.exec(text);
  return m !== null && realDay(m[1], m[2], m[3]);
}

function isDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  return m !== null && realDay(m[1], m[2], m[3]);
}

const invalid = (scalar: string, value: unknown, expected: string) =>
  new GraphQLError(`${scalar} cannot represent ${JSON.stringify(value) ?? String(value)}: expected ${expected}`);

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !isDateTime(value)) throw invalid('DateTime', value, 'an RFC 3339 date-time with an offset, such as 2025-01-10T10:42:00Z');
  return new Date(value);
}

/**
 * Timestamps. Output passes RFC 3339 strings through unchanged (the domain renders them in SQL in the
 * precision each API uses: whole seconds, or milliseconds for ECF's `challenged_at`), so REST bodies stay
 * byte-identical and nothing is re-parsed per row; `Date` values are rendered with `toISOString()`.
 * Input must carry an offset and is parsed into a `Date`.
 */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant as an RFC 3339 date-time with an offset, such as `2025-01-10T10:42:00Z` (output is always UTC).',
  specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339',
  serialize(value) {
    // Output strings come from the domain's SQL rendering; the shape check is enough (no calendar check per row:
    // it ran on every timestamp of every row and was a measurable share of a REST page's CPU).
    if (typeof value === 'string' && RFC3339.test(value)) return value;
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    throw invalid('DateTime', value, 'an RFC 3339 date-time');
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string such as "2025-01-10T10:42:00Z"', { nodes: ast });
    return parseDateTime(ast.value);
  },
});

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isDate(value)) throw invalid('Date', value, 'a calendar date as YYYY-MM-DD');
  return value;
}

/** Calendar dates (no time, no zone) as `YYYY-MM-DD` strings in both directions. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date without time or zone, as `YYYY-MM-DD` (RFC 3339 full-date).',
  specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339#section-5.6',
  serialize: parseDate,
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string such as "2025-01-31"', { nodes: ast });
    return parseDate(ast.value);
  },
});
