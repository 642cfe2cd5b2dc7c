import { ecfSchedules } from '../../src/domain/demo/schedules-data.js';

// ecf.md §1.5 "Seeded standard milestone windows": started, retained-1..4, completed per cohort and start month.
const TABLE: Record<string, string> = {
  '2021 september': '2021-09-01..2021-11-30 2021-09-01..2022-01-31 2022-02-01..2022-04-30 2022-05-01..2022-09-30 2022-10-01..2023-01-31 2023-02-01..2023-04-30',
  '2021 january': '2021-12-01..2022-01-31 2022-02-01..2022-04-30 2022-05-01..2022-09-30 2022-10-01..2023-01-31 2023-02-01..2023-04-30',
  '2021 april': '2022-04-01..2022-07-31 2022-08-01..2022-12-31 2023-01-01..2023-03-31 2023-04-01..2023-07-31 2023-08-01..2023-12-31 2024-01-01..2024-03-31',
  '2022 september': '2022-06-01..2022-12-31 2023-01-01..2023-03-31 2023-04-01..2023-07-31 2023-08-01..2023-12-31 2024-01-01..2024-03-31 2024-04-01..2024-07-31',
  '2022 january': '2023-01-01..2023-03-31 2023-04-01..2023-07-31 2023-08-01..2023-12-31 2024-01-01..2024-03-31 2024-04-01..2024-07-31 2024-08-01..2024-12-31',
  '2022 april': '2023-04-01..2023-07-31 2023-08-01..2023-12-31 2024-01-01..2024-03-31 2024-04-01..2024-07-31 2024-08-01..2024-12-31 2025-01-01..2025-03-31',
  '2023 september': '2023-06-01..2023-12-31 2024-01-01..2024-03-31 2024-04-01..2024-07-31 2024-08-01..2024-12-31 2025-01-01..2025-03-31 2025-04-01..2025-07-31',
  '2023 january': '2024-01-01..2024-03-31 2024-04-01..2024-07-31 2024-08-01..2024-12-31 2025-01-01..2025-03-31 2025-04-01..2025-07-31 2025-08-01..2025-12-31',
  '2023 april': '2024-04-01..2024-07-31 2024-08-01..2024-12-31 2025-01-01..2025-03-31 2025-04-01..2025-07-31 2025-08-01..2025-12-31 2026-01-01..2026-03-31',
  '2024 september': '2024-06-01..2024-12-31 2025-01-01..2025-03-31 2025-04-01..2025-07-31 2025-08-01..2025-12-31 2026-01-01..2026-03-31 2026-04-01..2026-07-31',
  '2024 january': '2025-01-01..2025-03-31 2025-04-01..2025-07-31 2025-08-01..2025-12-31 2026-01-01..2026-03-31 2026-04-01..2026-07-31 2026-08-01..2026-12-31',
  '2024 april': '2025-04-01..2025-07-31 2025-08-01..2025-12-31 2026-01-01..2026-03-31 2026-04-01..2026-07-31 2026-08-01..2026-12-31 2027-01-01..2027-03-31',
};
const STANDARD_TYPES = ['started', 'retained-1', 'retained-2', 'retained-3', 'retained-4', 'completed'];

const windows = (year: number, identifier: string) =>
  ecfSchedules(year)
    .find((s) => s.identifier === identifier)!
    .milestones.map((m) => `${m.startDate}..${m.milestoneDate ?? '-'}`)
    .join(' ');

describe('ECF schedules and milestones (ecf.md §1.5)', () => {
  it.each(Object.keys(TABLE))('%s standard windows are the seeded ones', (key) => {
    const [year, month] = key.split(' ');
    expect(windows(Number(year), `ecf-standard-${month}`)).toBe(TABLE[key]);
  });

  it('2021 ecf-standard-january has no completed milestone', () => {
    expect(
      ecfSchedules(2021)
        .find((s) => s.identifier === 'ecf-standard-january')!
        .milestones.map((m) => m.declarationType),
    ).toEqual(STANDARD_TYPES.slice(0, 5));
  });

  it('2025 standard milestones all start 2025-07-01 with no cut-off', () => {
    for (const month of ['september', 'january', 'april']) expect(windows(2025, `ecf-standard-${month}`)).toBe(Array(6).fill('2025-07-01..-').join(' '));
  });

  it.each([2021, 2022, 2023, 2024, 2025])('%i has the 12 identifiers; reduced, extended and replacement open from the start month with no cut-off', (year) => {
    const all = ecfSchedules(year);
    expect(all.map((s) => s.identifier).sort()).toEqual(
      ['standard', 'reduced', 'extended', 'replacement'].flatMap((t) => ['september', 'january', 'april'].map((m) => `ecf-${t}-${m}`)).sort(),
    );
    const starts = { september: `${year}-09-01`, january: `${year + 1}-01-01`, april: `${year + 1}-04-01` };
    for (const s of all.filter((s) => s.type !== 'ecf_standard')) {
      const month = s.identifier.split('-').at(-1) as keyof typeof starts;
      const types = s.type === 'ecf_extended' ? [...STANDARD_TYPES, 'extended-1', 'extended-2', 'extended-3'] : STANDARD_TYPES;
      expect(s.milestones).toEqual(types.map((t) => ({ declarationType: t, startDate: starts[month], milestoneDate: null })));
      expect(s.courseIdentifiers).toEqual(s.type === 'ecf_replacement' ? ['ecf-mentor'] : ['ecf-induction', 'ecf-mentor']);
    }
  });
});
