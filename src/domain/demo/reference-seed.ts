import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../shared/stable-id.js';
import { COHORTS, ECF_COURSES, LEAD_PROVIDERS, NPQ_COURSES } from './reference-data.js';
import { ecfSchedules } from './schedules-data.js';
import { npqCohortRows, npqScheduleRows } from './npq-reference-data.js';
import { insert, type Row } from './bulk-insert.js';
import { COLUMNS } from './seed-columns.js';

/** Row counts a seed step inserted, by table (rows that already existed are not counted). */
export type Inserted = Record<string, number>;

/** `at(seconds)`: the timestamp a reference row is created at, seconds after the seed's time origin. */
export type At = (seconds: number) => string;

/**
 * The reference data every scale shares (same ids, so either seed can run first): cohorts 2020–2026 and the
 * NPQ cohorts, courses, ECF and NPQ schedules with their milestones, and the lead providers.
 */
export async function seedReferenceData(tx: EntityManager, at: At): Promise<Inserted> {
  const n: Inserted = {};
  n.cohorts = await insert(
    tx,
    'cohorts',
    COLUMNS.cohorts,
    COHORTS.map((c, i) => ({
      id: stableId(`cohort:${c.startYear}`),
      start_year: c.startYear,
      registration_start_date: c.registrationStartDate,
      academic_year_start_date: c.academicYearStartDate,
      payments_frozen_at: c.paymentsFrozenAt,
      mentor_funding: c.mentorFunding,
      detailed_evidence_types: c.detailedEvidenceTypes,
      npq_funding: c.npqFunding,
      created_at: at(i),
      updated_at: at(i),
    })),
  );
  n.npq_cohorts = await insert(tx, 'npq_cohorts', COLUMNS.npq_cohorts, npqCohortRows(at(8)));
  const courses = [
    ...ECF_COURSES.map((c) => ({ ...c, programme: 'ecf', course_group: null })),
    ...NPQ_COURSES.map(([identifier, name, group]) => ({ identifier, name, programme: 'npq', course_group: group })),
  ];
  n.courses = await insert(
    tx,
    'courses',
    COLUMNS.courses,
    courses.map((c) => ({ id: stableId(`course:${c.identifier}`), ...c })),
  );
  const byGroup: Record<string, string[]> = {};
  for (const [id, , group] of NPQ_COURSES) (byGroup[group] ??= []).push(id);
  const schedules: Row[] = [];
  const milestones: Row[] = [];
  for (const c of COHORTS) {
    const all = ecfSchedules(c.startYear).map((s) => ({ ...s, programme: 'ecf' }));
    for (const s of all) {
      const id = stableId(`schedule:${c.startYear}:${s.programme}:${s.identifier}`);
      schedules.push({
        id,
        cohort_id: stableId(`cohort:${c.startYear}`),
        programme: s.programme,
        schedule_identifier: s.identifier,
        name: s.name,
        type: s.type,
        course_identifiers: s.courseIdentifiers,
        created_at: at(10),
        updated_at: at(10),
      });
      for (const m of s.milestones) {
        milestones.push({
          id: stableId(`milestone:${id}:${m.declarationType}`),
          schedule_id: id,
          declaration_type: m.declarationType,
          name: `${m.declarationType} milestone`,
          start_date: m.startDate,
          milestone_date: m.milestoneDate,
          payment_date: null,
        });
      }
    }
  }
  const npq = npqScheduleRows(byGroup, at(10));
  n.schedules = await insert(tx, 'schedules', COLUMNS.schedules, [...schedules, ...npq.schedules]);
  n.milestones = await insert(tx, 'milestones', COLUMNS.milestones, [...milestones, ...npq.milestones]);
  n.lead_providers = await insert(
    tx,
    'lead_providers',
    COLUMNS.lead_providers,
    LEAD_PROVIDERS.map((lp, i) => ({
      id: stableId(`lead-provider:${lp.name}`),
      name: lp.name,
      programmes: lp.programmes,
      created_at: at(20 + i),
      updated_at: at(20 + i),
    })),
  );
  return n;
}

const MONTH_END = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/** Months of statements per provider, programme and cohort: three years from the September of the cohort's start,
 * the life of a cohort's payments (a 2024 ECT's `completed` window closes in July 2026, an April start's in 2027). */
export const STATEMENT_MONTHS = 36;

/**
 * Three years of monthly statements (September to August) per provider, programme and cohort from 2021;
 * August and December carry no output fee. The state follows the dates: paid once the payment date has passed,
 * payable after the deadline, else open; except that while a cohort still has an open output-fee statement, its
 * latest output-fee statement past the deadline stays payable until the next one closes (DfE authorises payment
 * after the payment date), so a cohort in progress always shows an open and a payable output-fee statement.
 * Ids depend only on provider, programme, cohort and month.
 */
export function statementRows(today: string): Row[] {
  const statements: Row[] = [];
  for (const lp of LEAD_PROVIDERS) {
    for (const programme of lp.programmes) {
      for (const c of COHORTS.filter((c) => c.startYear >= 2021)) {
        const rows: Row[] = [];
        for (let k = 0; k < STATEMENT_MONTHS; k++) {
          const month = ((8 + k) % 12) + 1; // September onwards
          const year = c.startYear + Math.floor((k + 8) / 12);
          const deadline = MONTH_END(year, month);
          const paymentDate = `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-25`;
          const state = paymentDate <= today ? 'paid' : deadline < today ? 'payable' : 'open';
          rows.push({
            id: stableId(`statement:${lp.name}:${programme}:${c.startYear}:${year}-${month}`),
            lead_provider_id: stableId(`lead-provider:${lp.name}`),
            cohort_id: stableId(`cohort:${c.startYear}`),
            programme,
            month,
            year,
            deadline_date: deadline,
            payment_date: paymentDate,
            output_fee: month !== 8 && month !== 12,
            state,
            marked_as_paid_at: state === 'paid' ? `${paymentDate}T12:00:00Z` : null,
            created_at: `${c.startYear}-08-01T09:00:00Z`,
            updated_at: state === 'paid' ? `${paymentDate}T12:00:00Z` : `${c.startYear}-08-01T09:00:00Z`,
          });
        }
        const outputFee = rows.filter((r) => r.output_fee);
        const lastClosed = outputFee.filter((r) => (r.deadline_date as string) < today).at(-1);
        if (lastClosed && outputFee.some((r) => r.state === 'open') && lastClosed.state === 'paid') {
          Object.assign(lastClosed, { state: 'payable', marked_as_paid_at: null, updated_at: lastClosed.created_at });
        }
        statements.push(...rows);
      }
    }
  }
  return statements;
}
