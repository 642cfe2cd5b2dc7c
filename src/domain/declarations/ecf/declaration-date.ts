/**
 * `declaration_date` as the live ECF service reads it (ecf.md §4.2 rules 3, 5–7, §4.3). Two readings of the raw
 * text: a lenient cast (ActiveModel's datetime cast: a date, optionally with a time and offset; without an offset
 * the time is UTC, the app's zone), whose failure is "blank" (rule 3), and the strict RFC 3339 pattern of the
 * format rule (rule 6), checked on the raw text only when the cast succeeded. Comparisons are in microseconds,
 * the stored precision, so the milestone cut-off (end of day minus one microsecond) is exact.
 */
export interface DeclarationInstant {
  /** Microseconds since the epoch. */
  micros: number;
  /** The instant at millisecond precision (what is stored). */
  date: Date;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T(\d{2}):(\d{2}):(\d{2})([.,]\d+)?(Z|[+-](\d{2})(:?\d{2})?)?$/i;
const CAST = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** The format rule's pattern (DeclarationDateValidator::RFC3339_DATE_REGEX). */
export const isRfc3339DateTime = (raw: string): boolean => RFC3339.test(raw);

export function castDeclarationDate(raw: string | null | undefined): DeclarationInstant | null {
  if (raw === null || raw === undefined) return null;
  const m = CAST.exec(raw.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(2000, month, 0)).getUTCDate()) return null;
  if (month === 2 && day === 29 && new Date(Date.UTC(year, 1, 29)).getUTCMonth() !== 1) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  const ms = Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
  const usec = Number((frac + '000000').slice(0, 6));
  const micros = ms * 1000 + usec;
  return { micros, date: new Date(ms + Math.floor(usec / 1000)) };
}

/** 00:00:00 UTC of a `YYYY-MM-DD` day, in microseconds. */
export const dayStartMicros = (day: string): number => Date.parse(`${day}T00:00:00Z`) * 1000;
/** 23:59:59.999999 UTC of a `YYYY-MM-DD` day (Rails `end_of_day`), in microseconds. */
export const dayEndMicros = (day: string): number => dayStartMicros(day) + 86_400_000_000 - 1;
