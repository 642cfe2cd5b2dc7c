import { stableId } from '../shared/stable-id.js';
import { COHORTS } from './reference-data.js';
import { prngFor, type Row } from './bulk-insert.js';
import { ECF_PROVIDER_SHARES, poolKey, type EcfPools, type PartnerSeed } from './production-partners.js';
import { weighted, type SchoolSeed } from './production-schools.js';

type Rnd = () => number;

const DAY = 86400e3;
const iso = (ms: number) => new Date(ms).toISOString();

/** Share of eligible school-cohorts that confirm a partnership (2021 onwards): about 50,000 with the relationship rows at 24,000 schools. */
export const PARTNERED_RATE = 0.4;
const CHALLENGE_RATE = 0.05;
const REPARTNER_AFTER_CHALLENGE = 0.5;
const RELATIONSHIP_RATE = 0.03;
// Data kept several to a line: Prettier would give each item a line of its own.
// prettier-ignore
const CHALLENGE_REASONS = [['another_provider', 35], ['not_confirmed', 20], ['do_not_recognise', 15], ['no_ects', 15], ['mistake', 15]] as const;
// prettier-ignore
const UNPARTNERED_CHOICES = [['not_yet_known', 40], ['no_early_career_teachers', 25], ['core_induction_programme', 18], ['design_our_own', 17]] as const;

/**
 * A partnership time in the cohort's recruitment season (March of the start year to February of the next,
 * peaking around August), not before `fromMs`, and at least an hour before `nowMs`; null when the season has
 * no room left.
 */
function seasonTime(year: number, fromMs: number, nowMs: number, rnd: Rnd): number | null {
  const position = (rnd() + rnd()) / 2; // drawn first: the PRNG stream must not depend on the run date
  const start = Math.max(Date.UTC(year, 2, 1), fromMs);
  const end = Math.min(Date.UTC(year + 1, 1, 28), nowMs - 3600e3);
  if (end <= start) return null;
  return Math.round(start + position * (end - start));
}

/** Zipf-like choice: a few delivery partners of a provider take most of its schools. */
function pickPartner(pool: PartnerSeed[], rnd: Rnd): PartnerSeed {
  return weighted(
    rnd,
    pool.map((dp, k) => [dp, 1 / Math.pow(k + 1, 0.8)] as const),
  );
}

export interface SchoolCohortData {
  schoolCohorts: Row[];
  partnerships: Row[];
}

/**
 * One school-in-cohort row per school and cohort (2020–2026) and the partnerships, respecting the database's
 * rules: at most one confirmed partnership per provider, school and cohort, and at most one unchallenged one
 * per school and cohort. From 2021, 40% of eligible schools partner (and closed schools did in 2021–2022,
 * before they closed); 5% of partnerships are challenged, and half of those schools then partner with another
 * provider; 3% of partnered schools also have a `relationship` row with a third provider. Every school-in-cohort
 * draws from its own PRNG, so generating one cohort at a time gives the same rows as all at once.
 */
export function generateSchoolCohorts(schools: SchoolSeed[], pools: EcfPools, seed: number, nowMs: number, cohorts = COHORTS): SchoolCohortData {
  const schoolCohorts: Row[] = [];
  const partnerships: Row[] = [];
  for (const c of cohorts) {
    const cohortId = stableId(`cohort:${c.startYear}`);
    const setupMs = Date.UTC(c.startYear, 4, 10, 1, 0, 0); // registration opens
    for (const [i, s] of schools.entries()) {
      const rnd = prngFor(seed, `${s.urn}:${c.startYear}`);
      const createdMs = Math.min(s.createdMs > setupMs ? s.createdMs + 60e3 : setupMs + i * 200, nowMs - 2 * 3600e3);
      let updatedMs = createdMs;
      const touch = (ms: number) => (updatedMs = Math.max(updatedMs, ms));
      const candidate = c.startYear >= 2021 && (s.eligible || (s.closed && c.startYear <= 2022));
      const usedProviders: string[] = [];
      let active = false;
      let choice: string = s.cipOnly
        ? weighted(rnd, [
            ['core_induction_programme', 1],
            ['not_yet_known', 1],
          ] as const)
        : s.eligible
          ? weighted(rnd, UNPARTNERED_CHOICES)
          : weighted(rnd, [
              ['not_yet_known', 4],
              ['no_early_career_teachers', 1],
            ] as const);

      const confirm = (fromMs: number): { at: number; lp: string } | null => {
        const at = seasonTime(c.startYear, fromMs, nowMs, rnd);
        const lp = weighted(
          rnd,
          ECF_PROVIDER_SHARES.filter(([name]) => !usedProviders.includes(name)),
        );
        const pool = pools.get(poolKey(lp, c.startYear));
        if (at === null || !pool?.length) return null;
        usedProviders.push(lp);
        const dp = pickPartner(pool, rnd);
        const challenged = rnd() < CHALLENGE_RATE;
        const challengedAt = challenged ? Math.min(at + Math.round((1 + rnd() * 12) * DAY), nowMs - 1800e3) : null;
        // Some unchallenged partnerships were touched later (e.g. their delivery partner was renamed).
        const updated = challengedAt ?? (rnd() < 0.15 ? Math.round(at + rnd() * (nowMs - 1800e3 - at)) : at);
        partnerships.push({
          id: stableId(`partnership:${s.urn}:${c.startYear}:${lp}`),
          school_id: s.id,
          lead_provider_id: stableId(`lead-provider:${lp}`),
          delivery_partner_id: dp.id,
          cohort_id: cohortId,
          challenged_at: challengedAt === null ? null : iso(challengedAt),
          challenge_reason: challenged ? weighted(rnd, CHALLENGE_REASONS) : null,
          challenge_deadline: iso(at + 14 * DAY),
          relationship: false,
          created_at: iso(at),
          updated_at: iso(updated),
        });
        touch(challengedAt ?? at);
        if (!challenged) {
          active = true;
          choice = rnd() < 0.97 ? 'full_induction_programme' : 'school_funded_fip';
          return null;
        }
        return { at: challengedAt!, lp };
      };

      if (candidate && rnd() < PARTNERED_RATE) {
        const challenge = confirm(createdMs + 3600e3);
        if (challenge && rnd() < REPARTNER_AFTER_CHALLENGE) confirm(challenge.at + DAY);
        if (!active)
          choice = weighted(rnd, [
            ['not_yet_known', 2],
            ['core_induction_programme', 1],
            ['design_our_own', 1],
          ] as const);
        if (active && rnd() < RELATIONSHIP_RATE) {
          const lp = weighted(
            rnd,
            ECF_PROVIDER_SHARES.filter(([name]) => !usedProviders.includes(name)),
          );
          const pool = pools.get(poolKey(lp, c.startYear));
          const at = seasonTime(c.startYear, createdMs + 7200e3, nowMs, rnd);
          if (pool?.length && at !== null) {
            partnerships.push({
              id: stableId(`partnership:${s.urn}:${c.startYear}:${lp}:relationship`),
              school_id: s.id,
              lead_provider_id: stableId(`lead-provider:${lp}`),
              delivery_partner_id: pickPartner(pool, rnd).id,
              cohort_id: cohortId,
              challenged_at: null,
              challenge_reason: null,
              challenge_deadline: null,
              relationship: true,
              created_at: iso(at),
              updated_at: iso(at),
            });
            touch(at);
          }
        }
      } else if (choice !== 'not_yet_known') {
        // The school told DfE its choice some time in the season.
        const at = seasonTime(c.startYear, createdMs, nowMs, rnd);
        if (at !== null) touch(at);
      }
      schoolCohorts.push({
        id: stableId(`school-cohort:${s.urn}:${c.startYear}`),
        school_id: s.id,
        cohort_id: cohortId,
        induction_programme_choice: choice,
        created_at: iso(createdMs),
        updated_at: iso(updatedMs),
      });
    }
  }
  return { schoolCohorts, partnerships };
}
