import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { stableId } from '../shared/stable-id.js';
import { COHORTS, DELIVERY_PARTNER_NAMES, ECF_COURSES, LEAD_PROVIDERS, NPQ_COURSES } from './reference-data.js';
import { ecfSchedules, npqSchedules } from './schedules-data.js';
import { demoSchools } from './schools-data.js';

/** A small deterministic PRNG so every seed run makes the same choices (and the same ids). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, unknown>;

/** One INSERT per table from a JSON array; rows that already exist (same id or key) are left alone. */
async function insert(em: EntityManager, table: string, columns: Record<string, string>, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(columns);
  const spec = cols.map((c) => `"${c}" ${columns[c]}`).join(', ');
  await em.execute(
    `insert into "${table}" (${cols.map((c) => `"${c}"`).join(', ')})
     select ${cols.map((c) => `"${c}"`).join(', ')} from jsonb_to_recordset(?::jsonb) as r(${spec}) on conflict do nothing`,
    [JSON.stringify(rows)],
  );
}

const MONTH_END = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);

/**
 * Demo data for a fresh environment: the digests' lead providers and their programmes, cohorts 2020–2026,
 * ECF and NPQ schedules, courses, delivery partners and relationships, ~300 schools in every cohort,
 * partnerships (some challenged) and a year of statements per provider, programme and cohort.
 * Idempotent: ids are derived from names and existing rows are kept.
 */
export async function seedDemoData(em: EntityManager, clock: Clock): Promise<void> {
  const now = clock.now();
  const at = (seconds: number) => new Date(now.getTime() - 400 * 24 * 3600 * 1000 + seconds * 1000).toISOString();
  const rnd = prng(2026);
  await em.transactional(async (tx) => {
    await insert(tx, 'cohorts', { id: 'uuid', start_year: 'int', registration_start_date: 'date', academic_year_start_date: 'date', payments_frozen_at: 'timestamptz', mentor_funding: 'boolean', detailed_evidence_types: 'boolean', npq_funding: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
      COHORTS.map((c, i) => ({ id: stableId(`cohort:${c.startYear}`), start_year: c.startYear, registration_start_date: c.registrationStartDate, academic_year_start_date: c.academicYearStartDate, payments_frozen_at: c.paymentsFrozenAt, mentor_funding: c.mentorFunding, detailed_evidence_types: c.detailedEvidenceTypes, npq_funding: c.npqFunding, created_at: at(i), updated_at: at(i) })));
    const courses = [
      ...ECF_COURSES.map((c) => ({ ...c, programme: 'ecf', course_group: null })),
      ...NPQ_COURSES.map(([identifier, name, group]) => ({ identifier, name, programme: 'npq', course_group: group })),
    ];
    await insert(tx, 'courses', { id: 'uuid', identifier: 'text', name: 'text', programme: 'text', course_group: 'text' },
      courses.map((c) => ({ id: stableId(`course:${c.identifier}`), ...c })));
    const byGroup: Record<string, string[]> = {};
    for (const [id, , group] of NPQ_COURSES) (byGroup[group] ??= []).push(id);
    const schedules: Row[] = [];
    const milestones: Row[] = [];
    for (const c of COHORTS) {
      const all = [...ecfSchedules(c.startYear).map((s) => ({ ...s, programme: 'ecf' })), ...(c.startYear >= 2021 ? npqSchedules(c.startYear, byGroup).map((s) => ({ ...s, programme: 'npq' })) : [])];
      for (const s of all) {
        const id = stableId(`schedule:${c.startYear}:${s.programme}:${s.identifier}`);
        schedules.push({ id, cohort_id: stableId(`cohort:${c.startYear}`), programme: s.programme, schedule_identifier: s.identifier, name: s.name, type: s.type, course_identifiers: s.courseIdentifiers, created_at: at(10), updated_at: at(10) });
        for (const m of s.milestones) {
          milestones.push({ id: stableId(`milestone:${id}:${m.declarationType}`), schedule_id: id, declaration_type: m.declarationType, name: `${m.declarationType} milestone`, start_date: m.startDate, milestone_date: m.milestoneDate, payment_date: null });
        }
      }
    }
    await insert(tx, 'schedules', { id: 'uuid', cohort_id: 'uuid', programme: 'text', schedule_identifier: 'text', name: 'text', type: 'text', course_identifiers: 'text[]', created_at: 'timestamptz', updated_at: 'timestamptz' }, schedules);
    await insert(tx, 'milestones', { id: 'uuid', schedule_id: 'uuid', declaration_type: 'text', name: 'text', start_date: 'date', milestone_date: 'date', payment_date: 'date' }, milestones);
    await insert(tx, 'lead_providers', { id: 'uuid', name: 'text', programmes: 'text[]', created_at: 'timestamptz', updated_at: 'timestamptz' },
      LEAD_PROVIDERS.map((lp, i) => ({ id: stableId(`lead-provider:${lp.name}`), name: lp.name, programmes: lp.programmes, created_at: at(20 + i), updated_at: at(20 + i) })));
    await insert(tx, 'delivery_partners', { id: 'uuid', name: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
      DELIVERY_PARTNER_NAMES.map((name, i) => ({ id: stableId(`delivery-partner:${name}`), name, created_at: at(100 + i), updated_at: at(100 + i) })));

    // Each provider works with a handful of delivery partners per cohort and programme.
    const relationships: Row[] = [];
    const partnersOf = new Map<string, string[]>(); // `${lp}:${year}` → ECF delivery partner ids
    for (const [li, lp] of LEAD_PROVIDERS.entries()) {
      for (const programme of lp.programmes) {
        for (const c of COHORTS.filter((c) => c.startYear >= 2021)) {
          const count = programme === 'ecf' ? 6 : 3;
          const picked = Array.from({ length: count }, (_, k) => DELIVERY_PARTNER_NAMES[(li * 3 + k * 2 + (c.startYear % 3)) % DELIVERY_PARTNER_NAMES.length]);
          for (const name of new Set(picked)) {
            const dp = stableId(`delivery-partner:${name}`);
            relationships.push({ id: stableId(`relationship:${lp.name}:${name}:${c.startYear}:${programme}`), lead_provider_id: stableId(`lead-provider:${lp.name}`), delivery_partner_id: dp, cohort_id: stableId(`cohort:${c.startYear}`), programme, created_at: at(200), updated_at: at(200) });
            if (programme === 'ecf') partnersOf.set(`${lp.name}:${c.startYear}`, [...(partnersOf.get(`${lp.name}:${c.startYear}`) ?? []), dp]);
          }
        }
      }
    }
    await insert(tx, 'provider_relationships', { id: 'uuid', lead_provider_id: 'uuid', delivery_partner_id: 'uuid', cohort_id: 'uuid', programme: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' }, relationships);

    const schools = demoSchools(300, rnd);
    await insert(tx, 'schools', { id: 'uuid', urn: 'text', name: 'text', school_type_code: 'int', school_status_code: 'int', administrative_district_code: 'text', section_41_approved: 'boolean', primary_contact_email: 'text', secondary_contact_email: 'text', induction_tutor_name: 'text', induction_tutor_email: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' },
      schools.map((s, i) => ({ ...s, id: stableId(`school:${s.urn}`), created_at: at(1000 + i), updated_at: at(1000 + i) })));

    // Partnerships: about 40% of eligible schools per cohort, a few challenged by the school.
    const ecfProviders = LEAD_PROVIDERS.filter((lp) => lp.programmes.includes('ecf'));
    const partnerships: Row[] = [];
    const schoolCohorts: Row[] = [];
    const reasons = ['another_provider', 'not_confirmed', 'do_not_recognise', 'mistake'];
    for (const c of COHORTS) {
      for (const [i, s] of schools.entries()) {
        const schoolId = stableId(`school:${s.urn}`);
        const partnered = c.startYear >= 2021 && s.eligible && rnd() < 0.4;
        let choice = partnered ? 'full_induction_programme' : (['not_yet_known', 'core_induction_programme', 'design_our_own', 'no_early_career_teachers', 'school_funded_fip'] as const)[Math.floor(rnd() * 5)];
        if (partnered) {
          const lp = ecfProviders[Math.floor(rnd() * ecfProviders.length)];
          const dps = partnersOf.get(`${lp.name}:${c.startYear}`)!;
          const challenged = rnd() < 0.05;
          const created = at(5000 + c.startYear * 10 + i * 7);
          partnerships.push({
            id: stableId(`partnership:${s.urn}:${c.startYear}:${lp.name}`), school_id: schoolId, lead_provider_id: stableId(`lead-provider:${lp.name}`),
            delivery_partner_id: dps[Math.floor(rnd() * dps.length)], cohort_id: stableId(`cohort:${c.startYear}`),
            challenged_at: challenged ? created : null, challenge_reason: challenged ? reasons[i % reasons.length] : null,
            challenge_deadline: `${c.startYear}-10-31T23:59:59Z`, relationship: false, created_at: created, updated_at: created,
          });
          if (challenged) choice = 'not_yet_known';
        }
        schoolCohorts.push({ id: stableId(`school-cohort:${s.urn}:${c.startYear}`), school_id: schoolId, cohort_id: stableId(`cohort:${c.startYear}`), induction_programme_choice: choice, created_at: at(1000 + i), updated_at: at(1000 + i) });
      }
    }
    await insert(tx, 'school_cohorts', { id: 'uuid', school_id: 'uuid', cohort_id: 'uuid', induction_programme_choice: 'text', created_at: 'timestamptz', updated_at: 'timestamptz' }, schoolCohorts);
    await insert(tx, 'partnerships', { id: 'uuid', school_id: 'uuid', lead_provider_id: 'uuid', delivery_partner_id: 'uuid', cohort_id: 'uuid', challenged_at: 'timestamptz', challenge_reason: 'text', challenge_deadline: 'timestamptz', relationship: 'boolean', created_at: 'timestamptz', updated_at: 'timestamptz' }, partnerships);

    // A year of monthly statements per provider, programme and cohort; August and December carry no output fee.
    const statements: Row[] = [];
    const today = clock.today();
    for (const lp of LEAD_PROVIDERS) {
      for (const programme of lp.programmes) {
        for (const c of COHORTS.filter((c) => c.startYear >= 2021)) {
          for (let k = 0; k < 12; k++) {
            const month = ((8 + k) % 12) + 1; // September onwards
            const year = c.startYear + (month < 9 ? 1 : 0);
            const deadline = MONTH_END(year, month);
            const paymentDate = `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-25`;
            const state = paymentDate <= today ? 'paid' : deadline < today ? 'payable' : 'open';
            statements.push({
              id: stableId(`statement:${lp.name}:${programme}:${c.startYear}:${year}-${month}`), lead_provider_id: stableId(`lead-provider:${lp.name}`),
              cohort_id: stableId(`cohort:${c.startYear}`), programme, month, year, deadline_date: deadline, payment_date: paymentDate,
              output_fee: month !== 8 && month !== 12, state, marked_as_paid_at: state === 'paid' ? `${paymentDate}T12:00:00Z` : null,
              created_at: `${c.startYear}-08-01T09:00:00Z`, updated_at: state === 'paid' ? `${paymentDate}T12:00:00Z` : `${c.startYear}-08-01T09:00:00Z`,
            });
          }
        }
      }
    }
    await insert(tx, 'statements', { id: 'uuid', lead_provider_id: 'uuid', cohort_id: 'uuid', programme: 'text', month: 'int', year: 'int', deadline_date: 'date', payment_date: 'date', output_fee: 'boolean', state: 'text', marked_as_paid_at: 'timestamptz', created_at: 'timestamptz', updated_at: 'timestamptz' }, statements);
  });
}
