import type { NpqFunding } from '../npq/npq-cohort.entity.js';
import type { Row } from './bulk-insert.js';
import { stableId } from '../shared/stable-id.js';

/**
 * NPQ cohorts as the registration service seeds them (npq.md §1.2): 2021–2023 fully funded, capped from 2024,
 * and in 2026 an unfunded spring cohort `2026a` next to the capped `2026b`.
 */
export const NPQ_COHORTS: { startYear: number; suffix: string; description: string; registrationStartDate: string; funding: NpqFunding }[] = [
  { startYear: 2021, suffix: 'a', description: 'NPQ cohort 2021', registrationStartDate: '2021-05-10', funding: 'full' },
  { startYear: 2022, suffix: 'a', description: 'NPQ cohort 2022', registrationStartDate: '2022-05-10', funding: 'full' },
  { startYear: 2023, suffix: 'a', description: 'NPQ cohort 2023', registrationStartDate: '2023-05-10', funding: 'full' },
  { startYear: 2024, suffix: 'a', description: 'NPQ cohort 2024', registrationStartDate: '2024-05-10', funding: 'capped' },
  { startYear: 2025, suffix: 'a', description: 'NPQ cohort 2025', registrationStartDate: '2025-05-10', funding: 'capped' },
  { startYear: 2026, suffix: 'a', description: 'NPQ spring 2026 (unfunded)', registrationStartDate: '2026-01-05', funding: 'zero' },
  { startYear: 2026, suffix: 'b', description: 'NPQ autumn 2026', registrationStartDate: '2026-05-10', funding: 'capped' },
];

export const npqCohortId = (identifier: string): string => stableId(`npq-cohort:${identifier}`);

const ALL_TYPES = ['started', 'retained-1', 'retained-2', 'completed'];
const NO_RETAINED_2 = ['started', 'retained-1', 'completed'];

/** The twelve schedule identifiers: group, start date (Y = cohort start year) and allowed types (npq.md §1.4). */
const SCHEDULES: Record<string, { group: string; name: string; from: (y: number) => string; types: string[] }> = {
  'npq-leadership-autumn': { group: 'leadership', name: 'NPQ Leadership Autumn', from: (y) => `${y}-10-01`, types: ALL_TYPES },
  'npq-leadership-spring': { group: 'leadership', name: 'NPQ Leadership Spring', from: (y) => `${y + 1}-01-01`, types: ALL_TYPES },
  'npq-specialist-autumn': { group: 'specialist', name: 'NPQ Specialist Autumn', from: (y) => `${y}-10-01`, types: NO_RETAINED_2 },
  'npq-specialist-spring': { group: 'specialist', name: 'NPQ Specialist Spring', from: (y) => `${y + 1}-01-01`, types: NO_RETAINED_2 },
  'npq-ehco-november': { group: 'ehco', name: 'NPQ EHCO November', from: (y) => `${y}-11-01`, types: ALL_TYPES },
  'npq-ehco-december': { group: 'ehco', name: 'NPQ EHCO December', from: (y) => `${y}-12-01`, types: ALL_TYPES },
  'npq-ehco-march': { group: 'ehco', name: 'NPQ EHCO March', from: (y) => `${y + 1}-03-01`, types: ALL_TYPES },
  'npq-ehco-june': { group: 'ehco', name: 'NPQ EHCO June', from: (y) => `${y + 1}-06-01`, types: ALL_TYPES },
  'npq-aso-november': { group: 'support', name: 'NPQ ASO November', from: (y) => `${y}-11-01`, types: ALL_TYPES },
  'npq-aso-december': { group: 'support', name: 'NPQ ASO December', from: (y) => `${y}-12-01`, types: ALL_TYPES },
  'npq-aso-march': { group: 'support', name: 'NPQ ASO March', from: (y) => `${y + 1}-03-01`, types: ALL_TYPES },
  'npq-aso-june': { group: 'support', name: 'NPQ ASO June', from: (y) => `${y + 1}-06-01`, types: ALL_TYPES },
};

const LEADERSHIP_SPECIALIST = ['npq-leadership-autumn', 'npq-leadership-spring', 'npq-specialist-autumn', 'npq-specialist-spring'];
const EHCO = ['npq-ehco-november', 'npq-ehco-december', 'npq-ehco-march', 'npq-ehco-june'];

/** Which schedules each cohort has (npq.md §1.4; the seeds match production up to 2025). */
export function npqScheduleIdentifiers(startYear: number): string[] {
  if (startYear === 2021) return [...LEADERSHIP_SPECIALIST, 'npq-aso-november', 'npq-aso-december', 'npq-aso-march', 'npq-aso-june', 'npq-ehco-june'];
  if (startYear <= 2023) return [...LEADERSHIP_SPECIALIST, ...EHCO];
  if (startYear === 2024) return ['npq-leadership-autumn', 'npq-specialist-autumn', 'npq-ehco-june', 'npq-ehco-november', 'npq-ehco-december'];
  return [...LEADERSHIP_SPECIALIST, ...EHCO];
}

/**
 * Published milestone deadlines and payment dates (npq.md §1.4, the 2024 autumn example); reference data only,
 * the API does not validate declaration dates against them. Other milestones have no deadline.
 */
const PUBLISHED_2024_AUTUMN: Record<string, Record<string, [string, string | null]>> = {
  'npq-leadership-autumn': {
    started: ['2024-11-25', '2024-12-15'],
    'retained-1': ['2025-05-26', '2025-06-25'],
    'retained-2': ['2026-01-24', null],
    completed: ['2026-07-25', null],
  },
  'npq-specialist-autumn': { started: ['2024-11-25', '2024-12-15'], 'retained-1': ['2025-05-26', '2025-06-25'], completed: ['2026-02-21', null] },
};

/** Schedule and milestone rows of every NPQ cohort; ids depend only on the cohort identifier and schedule. */
export function npqScheduleRows(coursesByGroup: Record<string, string[]>, createdAt: string): { schedules: Row[]; milestones: Row[] } {
  const schedules: Row[] = [];
  const milestones: Row[] = [];
  for (const c of NPQ_COHORTS) {
    const identifier = `${c.startYear}${c.suffix}`;
    for (const key of npqScheduleIdentifiers(c.startYear)) {
      const s = SCHEDULES[key];
      const id = stableId(`npq-schedule:${identifier}:${key}`);
      const appliesFrom = s.from(c.startYear);
      schedules.push({
        id,
        cohort_id: stableId(`cohort:${c.startYear}`),
        npq_cohort_id: npqCohortId(identifier),
        programme: 'npq',
        schedule_identifier: key,
        name: s.name,
        type: s.group,
        course_identifiers: coursesByGroup[s.group] ?? [],
        applies_from: appliesFrom,
        applies_to: null,
        allowed_declaration_types: s.types,
        created_at: createdAt,
        updated_at: createdAt,
      });
      const published = identifier === '2024a' ? PUBLISHED_2024_AUTUMN[key] : undefined;
      for (const type of s.types) {
        const [deadline, payment] = published?.[type] ?? [null, null];
        milestones.push({
          id: stableId(`milestone:${id}:${type}`),
          schedule_id: id,
          declaration_type: type,
          name: `${s.name} ${type}`,
          start_date: appliesFrom,
          milestone_date: deadline,
          payment_date: payment,
        });
      }
    }
  }
  return { schedules, milestones };
}

export function npqCohortRows(createdAt: string): Row[] {
  return NPQ_COHORTS.map((c) => ({
    id: npqCohortId(`${c.startYear}${c.suffix}`),
    cohort_id: stableId(`cohort:${c.startYear}`),
    start_year: c.startYear,
    suffix: c.suffix,
    description: c.description,
    registration_start_date: c.registrationStartDate,
    funding: c.funding,
    created_at: createdAt,
    updated_at: createdAt,
  }));
}
