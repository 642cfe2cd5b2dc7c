import { ECF_DECLARATION_TYPES, ECF_EXTENDED_TYPES } from './reference-data.js';

export interface MilestoneSeed {
  declarationType: string;
  startDate: string;
  milestoneDate: string | null;
}
export interface ScheduleSeed {
  identifier: string;
  name: string;
  type: string;
  courseIdentifiers: string[];
  milestones: MilestoneSeed[];
}

const START_MONTHS = ['september', 'january', 'april'] as const;

// 2021 standard windows from the live seed CSV (ecf.md §1.5); `null` = no completed milestone.
const STANDARD_2021: Record<string, [string, string][]> = {
  september: [
    ['2021-09-01', '2021-11-30'],
    ['2021-09-01', '2022-01-31'],
    ['2022-02-01', '2022-04-30'],
    ['2022-05-01', '2022-09-30'],
    ['2022-10-01', '2023-01-31'],
    ['2023-02-01', '2023-04-30'],
  ],
  january: [
    ['2021-12-01', '2022-01-31'],
    ['2022-02-01', '2022-04-30'],
    ['2022-05-01', '2022-09-30'],
    ['2022-10-01', '2023-01-31'],
    ['2023-02-01', '2023-04-30'],
  ],
  april: [
    ['2022-04-01', '2022-07-31'],
    ['2022-08-01', '2022-12-31'],
    ['2023-01-01', '2023-03-31'],
    ['2023-04-01', '2023-07-31'],
    ['2023-08-01', '2023-12-31'],
    ['2024-01-01', '2024-03-31'],
  ],
};

/**
 * From 2022 the standard windows follow one pattern (ecf.md §1.5 table): a first window from June to
 * December of the start year, then Jan–Mar, Apr–Jul and Aug–Dec of each following year. September takes six
 * windows from the first, january from the second and april from the third. 2025 onwards: every milestone
 * starts on 1 July of the start year with no cut-off.
 */
function standardWindows(year: number, start: (typeof START_MONTHS)[number]): [string, string | null][] {
  if (year === 2021) return STANDARD_2021[start];
  if (year >= 2025) return ECF_DECLARATION_TYPES.map(() => [`${year}-07-01`, null]);
  const w: [string, string][] = [[`${year}-06-01`, `${year}-12-31`]];
  for (let k = 0; k < 7; k++) {
    const y = year + 1 + Math.floor(k / 3);
    w.push(
      (
        [
          [`${y}-01-01`, `${y}-03-31`],
          [`${y}-04-01`, `${y}-07-31`],
          [`${y}-08-01`, `${y}-12-31`],
        ] as [string, string][]
      )[k % 3],
    );
  }
  const offset = START_MONTHS.indexOf(start);
  return w.slice(offset, offset + 6);
}

function startDate(year: number, start: (typeof START_MONTHS)[number]): string {
  return start === 'september' ? `${year}-09-01` : start === 'january' ? `${year + 1}-01-01` : `${year + 1}-04-01`;
}

/** The 12 ECF schedules of a cohort (ecf.md §1.5). */
export function ecfSchedules(year: number): ScheduleSeed[] {
  const out: ScheduleSeed[] = [];
  for (const start of START_MONTHS) {
    const windows = standardWindows(year, start);
    out.push({
      identifier: `ecf-standard-${start}`,
      name: `ECF Standard ${start[0].toUpperCase()}${start.slice(1)}`,
      type: 'ecf_standard',
      courseIdentifiers: ['ecf-induction', 'ecf-mentor'],
      milestones: windows.map(([s, e], i) => ({ declarationType: ECF_DECLARATION_TYPES[i], startDate: s, milestoneDate: e })),
    });
    const open = (types: string[]) => types.map((t) => ({ declarationType: t, startDate: startDate(year, start), milestoneDate: null }));
    const label = `${start[0].toUpperCase()}${start.slice(1)}`;
    out.push({
      identifier: `ecf-reduced-${start}`,
      name: `ECF Reduced ${label}`,
      type: 'ecf_reduced',
      courseIdentifiers: ['ecf-induction', 'ecf-mentor'],
      milestones: open(ECF_DECLARATION_TYPES),
    });
    out.push({
      identifier: `ecf-extended-${start}`,
      name: `ECF Extended ${label}`,
      type: 'ecf_extended',
      courseIdentifiers: ['ecf-induction', 'ecf-mentor'],
      milestones: open([...ECF_DECLARATION_TYPES, ...ECF_EXTENDED_TYPES]),
    });
    out.push({
      identifier: `ecf-replacement-${start}`,
      name: `ECF Replacement ${label}`,
      type: 'ecf_replacement',
      courseIdentifiers: ['ecf-mentor'],
      milestones: open(ECF_DECLARATION_TYPES),
    });
  }
  return out;
}
