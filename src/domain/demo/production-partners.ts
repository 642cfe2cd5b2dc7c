import { stableId } from '../shared/stable-id.js';
import { COHORTS, DELIVERY_PARTNER_NAMES, LEAD_PROVIDERS } from './reference-data.js';
import { prngFor, type Row } from './bulk-insert.js';

type Rnd = () => number;

// Data kept several to a line: Prettier would give each item a line of its own.
// prettier-ignore
const REGIONS = [
  'Northumbria', 'Cumbria', 'Tees Valley', 'Wearside', 'Yorkshire Dales', 'Bradford', 'Leeds', 'Sheffield', 'Calderdale', 'Kirklees',
  'Lancashire', 'Greater Manchester', 'Cheshire', 'Wirral', 'Staffordshire', 'Black Country', 'Birmingham', 'Warwickshire', 'Shropshire',
  'Herefordshire', 'Worcestershire', 'Lincolnshire', 'Nottingham', 'Derbyshire', 'Leicestershire', 'Rutland', 'Northamptonshire',
  'Norfolk', 'Suffolk', 'Cambridgeshire', 'Essex', 'Hertfordshire', 'Bedfordshire', 'Buckinghamshire', 'Oxfordshire', 'Berkshire',
  'Surrey', 'Kent', 'Medway', 'Sussex', 'Brighton', 'Hampshire', 'Isle of Wight', 'Dorset', 'Wiltshire', 'Somerset', 'Devon',
  'Cornwall', 'Bristol', 'Gloucestershire', 'North London', 'South London', 'East London', 'West London', 'Thames Gateway', 'Solent',
];
// prettier-ignore
const KINDS = [
  'Teaching School Hub', 'Learning Partnership', 'Teaching Alliance', 'Education Trust', 'Schools Partnership', 'Teacher Development Centre',
  'Learning Trust', 'Research School', 'Maths Hub', 'Schools Alliance', 'Education Partnership', 'Multi-Academy Trust',
];

export interface PartnerSeed {
  id: string;
  name: string;
  createdMs: number;
}

/** Organisations a school-cohort partnership can use: the ECF delivery partners of a provider in a cohort. */
export type EcfPools = Map<string, PartnerSeed[]>; // `${lead provider name}:${start year}` → partners
export const poolKey = (lp: string, year: number) => `${lp}:${year}`;

/**
 * `count` delivery partners with unique names (none of the demo's, so both seeds can share a database).
 * 60% date from the service's launch; the others joined between 2021 and mid-2025.
 */
export function generateDeliveryPartners(count: number, rnd: Rnd): PartnerSeed[] {
  const names = new Set<string>();
  const taken = new Set(DELIVERY_PARTNER_NAMES);
  const out: PartnerSeed[] = [];
  const launch = Date.UTC(2020, 11, 1);
  while (out.length < count) {
    let name = `${REGIONS[Math.floor(rnd() * REGIONS.length)]} ${KINDS[Math.floor(rnd() * KINDS.length)]}`;
    if (names.has(name) || taken.has(name)) name = `${name} ${['North', 'South', 'East', 'West', 'Central'][Math.floor(rnd() * 5)]}`;
    if (names.has(name) || taken.has(name)) continue;
    names.add(name);
    const createdMs = Math.round(rnd() < 0.6 ? launch + rnd() * 60 * 86400e3 : Date.UTC(2021, 2, 1) + rnd() * (Date.UTC(2025, 5, 1) - Date.UTC(2021, 2, 1)));
    out.push({ id: stableId(`delivery-partner:${name}`), name, createdMs });
  }
  return out;
}

/** Share of ECF partnerships per provider: not even, the largest holds about a fifth (live volumes). */
export const ECF_PROVIDER_SHARES: readonly (readonly [string, number])[] = [
  ['Ambition Institute', 0.2],
  ['Teach First', 0.18],
  ['UCL Institute of Education', 0.17],
  ['Education Development Trust', 0.15],
  ['Best Practice Network', 0.14],
  ['Capita', 0.11],
  ['National Institute of Teaching', 0.05],
];

/**
 * Each provider works with a pool of delivery partners (ECF pools sized by the provider's share, NPQ pools of
 * 4–12); each cohort from 2021 keeps about 85% of the pool. A relationship is recorded in February of the
 * cohort's year, so it predates the cohort's partnerships; partners that joined later start the year after.
 */
export function generateRelationships(partners: PartnerSeed[], seed: number, nowMs: number): { rows: Row[]; ecfPools: EcfPools } {
  const rows: Row[] = [];
  const ecfPools: EcfPools = new Map();
  const shares = new Map(ECF_PROVIDER_SHARES);
  for (const lp of LEAD_PROVIDERS) {
    for (const programme of lp.programmes) {
      const rnd = prngFor(seed, `${lp.name}:${programme}`);
      const size = programme === 'ecf' ? Math.max(3, Math.round(partners.length * (shares.get(lp.name) ?? 0.1) * 1.25)) : 4 + Math.floor(rnd() * 9);
      const pool = sample(partners, Math.min(size, partners.length), rnd);
      for (const c of COHORTS.filter((c) => c.startYear >= 2021)) {
        const recordedMs = Date.UTC(c.startYear, 1, 1) + Math.round(rnd() * 27 * 86400e3);
        const draws = pool.map(() => rnd()); // drawn whatever the run date, so later cohorts keep their choices
        if (recordedMs > nowMs) continue;
        let kept = pool.filter((dp, k) => dp.createdMs < recordedMs && draws[k] < 0.85);
        if (kept.length === 0) kept = pool.filter((dp) => dp.createdMs < recordedMs).slice(0, 1);
        for (const dp of kept) {
          const at = new Date(recordedMs).toISOString();
          rows.push({
            id: stableId(`relationship:${lp.name}:${dp.name}:${c.startYear}:${programme}`),
            lead_provider_id: stableId(`lead-provider:${lp.name}`),
            delivery_partner_id: dp.id,
            cohort_id: stableId(`cohort:${c.startYear}`),
            programme,
            created_at: at,
            updated_at: at,
          });
        }
        if (programme === 'ecf') ecfPools.set(poolKey(lp.name, c.startYear), kept);
      }
    }
  }
  return { rows, ecfPools };
}

/** Delivery partner rows; about a third renamed or corrected since they were created. */
export function deliveryPartnerRows(partners: PartnerSeed[], rnd: Rnd, nowMs: number): Row[] {
  return partners.map((dp) => ({
    id: dp.id,
    name: dp.name,
    created_at: new Date(dp.createdMs).toISOString(),
    updated_at: new Date(rnd() < 0.35 ? dp.createdMs + rnd() * (nowMs - 86400e3 - dp.createdMs) : dp.createdMs).toISOString(),
  }));
}

/** `k` distinct items, deterministic for a given PRNG state (partial Fisher–Yates). */
function sample<T>(xs: readonly T[], k: number, rnd: Rnd): T[] {
  const a = [...xs];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rnd() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, k);
}
