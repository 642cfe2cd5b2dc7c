/**
 * `declaration_date` as the live service reads it (npq.md §5.4 steps 5 and 6): the format check on the raw string
 * (`YYYY-MM-DDTHH:MM:SS`, an optional `.`/`,` fraction and an optional zone `Z`, `±HH`, `±HHMM` or `±HH:MM`, any
 * case), which must also be a real date-time; zone-less values are UTC. Separately the value is cast leniently
 * (as Rails casts a datetime attribute): anything that reads as a date-time counts as present.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([.,]\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;

function realDateTime(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate() && h < 24 && mi < 60 && s < 60;
}

/** The instant of a value that passes the format check, or null. */
export function strictDeclarationDate(raw: unknown): Date | null {
  if (typeof raw !== 'string') return null;
  const m = RFC3339.exec(raw);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  if (!realDateTime(y, mo, d, h, mi, s)) return null;
  const fraction = m[7] ? `.${m[7].slice(1, 4).padEnd(3, '0')}` : '';
  let zone = (m[8] ?? 'Z').toUpperCase();
  if (zone !== 'Z') zone = zone.length === 3 ? `${zone}:00` : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${fraction}${zone}`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The value cast leniently: the strict reading, else a calendar date (with anything after it ignored) at 00:00 UTC. */
export function castDeclarationDate(raw: unknown): Date | null {
  const strict = strictDeclarationDate(raw);
  if (strict) return strict;
  if (typeof raw !== 'string') return null;
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(raw);
  if (!m) return null;
  const [y, mo, d] = m.slice(1, 4).map(Number);
  return realDateTime(y, mo, d, 0, 0, 0) ? new Date(Date.UTC(y, mo - 1, d)) : null;
}

/** RFC 3339 in UTC without fractions, as the live service prints times in messages (`2024-05-01T10:00:00Z`). */
export const rfc3339Seconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
