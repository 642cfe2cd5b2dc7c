import { stringify } from 'csv-stringify/sync';
import { csvLine } from '../../src/rest-facade/shared/csv.js';

/** The CSV bodies were written by csv-stringify (cast.boolean true/false) before csvLine: the same bytes for every value kind. */
describe('csvLine', () => {
  const previous = (values: unknown[]) => stringify([values], { cast: { boolean: (b: boolean) => (b ? 'true' : 'false') } });

  it.each<[string, unknown[]]>([
    ['plain strings', ['a', 'b-c', '2024-01-01T00:00:00Z']],
    ['empty, null and undefined', ['', null, undefined, 'x']],
    ['booleans', [true, false]],
    ['numbers and bigints', [0, 2021, -1.5, Number.NaN, 10n]],
    ['a date', [new Date('2024-05-06T07:08:09.123Z')]],
    ['an object and an array', [{ a: 1, b: 'x,"y"' }, ['p', 'q']]],
    ['commas, quotes, CR and LF', ['a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', '"', ',', 'tab\there', ' lead space ']],
    ['formula-like text left alone', ['=1+1', '+x', '-y', '@z']],
    ['non-ASCII', ['Zoë, Ångström', 'emoji 😀']],
    ['a single empty field', ['']],
  ])('%s', (_name, values) => {
    expect(csvLine(values)).toBe(previous(values));
  });
});
