import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { stableId } from '../shared/stable-id.js';
import { refreshSchoolCohortProjection } from '../schools/school-projection.js';
import { COHORTS, DELIVERY_PARTNER_NAMES, LEAD_PROVIDERS } from './reference-data.js';
import { seedReferenceData, statementRows } from './reference-seed.js';
import { demoSchools } from './schools-data.js';
import { insert, prng, type Row } from './bulk-insert.js';
import { COLUMNS } from './seed-columns.js';
import { seedDemoParticipants } from './demo-participants.js';
import { seedNpqDemoData } from './npq-demo-data.js';
import { seedDemoDeclarations } from './demo-declarations.js';

/**
 * Demo data for a fresh environment: the digests' lead providers and their programmes, cohorts 2020–2026,
 * ECF and NPQ schedules, courses, delivery partners and relationships, ~300 schools in every cohort,
 * partnerships (some challenged), three years of statements per provider, programme and cohort, NPQ people,
 * applications, training histories and outcomes (npq-demo-data.ts), ECF participants (demo-participants.ts) and
 * declarations in every state on paid, payable and open statements (demo-declarations.ts).
 * Idempotent: ids are derived from names and existing rows are kept.
 */
export async function seedDemoData(em: EntityManager, clock: Clock): Promise<void> {
  const now = clock.now();
  const at = (seconds: number) => new Date(now.getTime() - 400 * 24 * 3600 * 1000 + seconds * 1000).toISOString();
  const rnd = prng(2026);
  await em.transactional(async (tx) => {
    await seedReferenceData(tx, at);
    await insert(
      tx,
      'delivery_partners',
      COLUMNS.delivery_partners,
      DELIVERY_PARTNER_NAMES.map((name, i) => ({ id: stableId(`delivery-partner:${name}`), name, created_at: at(100 + i), updated_at: at(100 + i) })),
    );

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
            relationships.push({
              id: stableId(`relationship:${lp.name}:${name}:${c.startYear}:${programme}`),
              lead_provider_id: stableId(`lead-provider:${lp.name}`),
              delivery_partner_id: dp,
              cohort_id: stableId(`cohort:${c.startYear}`),
              programme,
              created_at: at(200),
              updated_at: at(200),
            });
            if (programme === 'ecf') partnersOf.set(`${lp.name}:${c.startYear}`, [...(partnersOf.get(`${lp.name}:${c.startYear}`) ?? []), dp]);
          }
        }
      }
    }
    await insert(tx, 'provider_relationships', COLUMNS.provider_relationships, relationships);

    const schools = demoSchools(300, rnd);
    await insert(
      tx,
      'schools',
      COLUMNS.schools,
      schools.map((s, i) => ({ ...s, id: stableId(`school:${s.urn}`), created_at: at(1000 + i), updated_at: at(1000 + i) })),
    );

    // Partnerships: about 40% of eligible schools per cohort, a few challenged by the school.
    const ecfProviders = LEAD_PROVIDERS.filter((lp) => lp.programmes.includes('ecf'));
    const partnerships: Row[] = [];
    const schoolCohorts: Row[] = [];
    const reasons = ['another_provider', 'not_confirmed', 'do_not_recognise', 'mistake'];
    for (const c of COHORTS) {
      for (const [i, s] of schools.entries()) {
        const schoolId = stableId(`school:${s.urn}`);
        const partnered = c.startYear >= 2021 && s.eligible && rnd() < 0.4;
        let choice = partnered
          ? 'full_induction_programme'
          : (['not_yet_known', 'core_induction_programme', 'design_our_own', 'no_early_career_teachers', 'school_funded_fip'] as const)[Math.floor(rnd() * 5)];
        if (partnered) {
          const lp = ecfProviders[Math.floor(rnd() * ecfProviders.length)];
          const dps = partnersOf.get(`${lp.name}:${c.startYear}`)!;
          const challenged = rnd() < 0.05;
          const created = at(5000 + c.startYear * 10 + i * 7);
          partnerships.push({
            id: stableId(`partnership:${s.urn}:${c.startYear}:${lp.name}`),
            school_id: schoolId,
            lead_provider_id: stableId(`lead-provider:${lp.name}`),
            delivery_partner_id: dps[Math.floor(rnd() * dps.length)],
            cohort_id: stableId(`cohort:${c.startYear}`),
            challenged_at: challenged ? created : null,
            challenge_reason: challenged ? reasons[i % reasons.length] : null,
            challenge_deadline: `${c.startYear}-10-31T23:59:59Z`,
            relationship: false,
            created_at: created,
            updated_at: created,
          });
          if (challenged) choice = 'not_yet_known';
        }
        schoolCohorts.push({
          id: stableId(`school-cohort:${s.urn}:${c.startYear}`),
          school_id: schoolId,
          cohort_id: stableId(`cohort:${c.startYear}`),
          induction_programme_choice: choice,
          created_at: at(1000 + i),
          updated_at: at(1000 + i),
        });
      }
    }
    await insert(tx, 'school_cohorts', COLUMNS.school_cohorts, schoolCohorts);
    await insert(tx, 'partnerships', COLUMNS.partnerships, partnerships);

    await insert(tx, 'statements', COLUMNS.statements, statementRows(clock.today()));
    await seedNpqDemoData(tx, at);
    await refreshSchoolCohortProjection(tx);
    await seedDemoParticipants(tx, partnerships, now);
    await seedDemoDeclarations(tx, now);
  });
}
