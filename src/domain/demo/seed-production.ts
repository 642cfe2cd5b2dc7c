import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { insert, prng, type Row } from './bulk-insert.js';
import { COLUMNS } from './seed-columns.js';
import { seedReferenceData, statementRows } from './reference-seed.js';
import { COHORTS } from './reference-data.js';
import { generateSchools, type SchoolSeed } from './production-schools.js';
import { deliveryPartnerRows, generateDeliveryPartners, generateRelationships, type EcfPools } from './production-partners.js';
import { generateSchoolCohorts } from './production-partnerships.js';
import { seedNpqProductionData } from './npq-production.js';
import { seedProductionParticipants } from './production-participants.js';
import { seedProductionDeclarations } from './production-declarations.js';
import { withoutForeignKeyTriggers } from './without-fk-triggers.js';

/** Live volumes (issue 5, ARCHITECTURE.md "Reads at production volume"); `scale` multiplies them. */
export const PRODUCTION_SIZE = { schools: 24_000, deliveryPartners: 200 };
/** The fixed random seed: the same scale always generates the same rows and ids. */
export const PRODUCTION_SEED = 20_261_201;

/**
 * The data describes the service as of this instant (or as of the run, if earlier), so every run after it
 * writes exactly the same rows, timestamps and statement states included.
 */
export const DATA_AS_OF = '2026-11-30T00:00:00Z';

/** Tables the seed fills, in insert (foreign key) order; also the ones it vacuums and counts. */
export const SEEDED_TABLES = [
  'cohorts',
  'courses',
  'schedules',
  'milestones',
  'lead_providers',
  'delivery_partners',
  'provider_relationships',
  'schools',
  'school_cohorts',
  'partnerships',
  'statements',
  'npq_cohorts',
  'npq_participants',
  'npq_applications',
  'npq_application_states',
  'npq_participant_listings',
  'participants',
  'training_records',
  'training_periods',
  'participant_id_changes',
  'induction_periods',
  'participant_provider_views',
  'training_record_keys',
  'partnership_training_steps',
  'participant_transfer_views',
  'unfunded_mentor_views',
  'npq_outcomes',
  'participant_declarations',
  'participant_declaration_states',
  'statement_line_items',
  'participant_declaration_listings',
] as const;

export interface ProductionData {
  deliveryPartners: Row[];
  relationships: Row[];
  schools: Row[];
  schoolCohorts: Row[];
  partnerships: Row[];
}

interface Organisations {
  schools: SchoolSeed[];
  pools: EcfPools;
  deliveryPartners: Row[];
  relationships: Row[];
}

function generateOrganisations(scale: number, nowMs: number, seed: number): Organisations {
  const schools = generateSchools(Math.max(1, Math.round(PRODUCTION_SIZE.schools * scale)), prng(seed), nowMs);
  const partners = generateDeliveryPartners(Math.max(20, Math.round(PRODUCTION_SIZE.deliveryPartners * scale)), prng(seed + 1));
  const { rows: relationships, ecfPools } = generateRelationships(partners, seed + 2, nowMs);
  return { schools, pools: ecfPools, deliveryPartners: deliveryPartnerRows(partners, prng(seed + 4), nowMs), relationships };
}

const schoolRow = ({ createdMs, updatedMs, eligible: _e, cipOnly: _c, closed: _x, ...s }: SchoolSeed): Row => ({
  ...s,
  created_at: new Date(createdMs).toISOString(),
  updated_at: new Date(updatedMs).toISOString(),
});

/**
 * The organisation data at `scale` × live volume (1 = 24,000 schools, ~50,000 partnerships, 200 delivery
 * partners; the test uses 1/20). Pure and deterministic: PRNG streams from `seed` (one per school-in-cohort and
 * per provider programme), dates fixed by cohort year and only clamped to be at least an hour before `nowMs`,
 * so a run on another day makes the same rows and ids, except rows whose time has not come yet.
 */
export function generateProductionData(opts: { scale: number; nowMs: number; seed?: number }): ProductionData {
  const seed = opts.seed ?? PRODUCTION_SEED;
  const o = generateOrganisations(opts.scale, opts.nowMs, seed);
  const { schoolCohorts, partnerships } = generateSchoolCohorts(o.schools, o.pools, seed + 3, opts.nowMs);
  return { deliveryPartners: o.deliveryPartners, relationships: o.relationships, schools: o.schools.map(schoolRow), schoolCohorts, partnerships };
}

export interface ProviderPartnerships {
  leadProvider: string;
  /** Confirmed (non-relationship) partnerships, challenged ones included: what the provider's list shows. */
  confirmed: number;
  challenged: number;
  relationship: number;
}

export interface ProductionSeedReport {
  scale: number;
  /** Rows this run added per table (0 everywhere on a second run). */
  inserted: Record<string, number>;
  /** Rows per table after the run. */
  totals: Record<string, number>;
  partnershipsByProvider: ProviderPartnerships[];
  /** Participants each provider sees (its participant list, every cohort). */
  participantsByProvider: { leadProvider: string; participants: number }[];
  /** Declarations per programme and state. */
  declarationsByState: { programme: string; state: string; declarations: number }[];
  /** Declarations each provider submitted, and the rows of its declaration list (its own and other providers' it sees). */
  declarationsByProvider: { leadProvider: string; programme: string; submitted: number; listed: number }[];
  /** Milliseconds per phase: generate, insert (without the generation of school-in-cohort rows), projection, participants,
   * declarations (with their listings), vacuum, total. */
  timings: Record<string, number>;
}

/**
 * Fills a non-production database with organisation data at live volume, for benchmarks and load tests
 * (`npm run seed -- --scale production`). Bulk inserts (`jsonb_to_recordset` batches) in one transaction,
 * then the school-in-cohort projection refreshed in the same transaction, then `VACUUM ANALYZE` on the loaded
 * tables (index-only scans need the visibility map). Idempotent: stable ids and `on conflict do nothing`, so
 * a second run adds nothing; it can share a database with the demo seed (disjoint URNs and partner names).
 * The caller must refuse production (the domain has no notion of the environment).
 */
export async function seedProductionData(em: EntityManager, clock: Clock, opts: { scale?: number; vacuum?: boolean } = {}): Promise<ProductionSeedReport> {
  const scale = opts.scale ?? 1;
  const started = performance.now();
  const timings: Record<string, number> = {};
  const lap = (name: string, from: number) => (timings[name] = Math.round(performance.now() - from));

  let t = performance.now();
  const nowMs = Math.min(clock.now().getTime(), Date.parse(DATA_AS_OF));
  const o = generateOrganisations(scale, nowMs, PRODUCTION_SEED);
  // Statement states as of the data date too, so the declarations on them come out the same on every run.
  const statements = statementRows(new Date(nowMs).toISOString().slice(0, 10));
  lap('generate', t);

  // Reference rows carry the service's set-up time (the demo seed uses "400 days ago"; whichever runs first wins).
  const origin = Date.UTC(2020, 10, 1);
  const at = (seconds: number) => new Date(origin + seconds * 1000).toISOString();
  const inserted: Record<string, number> = { school_cohorts: 0, partnerships: 0 };
  t = performance.now();
  const load = async (tx: EntityManager) => {
    Object.assign(inserted, await seedReferenceData(tx, at));
    inserted.delivery_partners = await insert(tx, 'delivery_partners', COLUMNS.delivery_partners, o.deliveryPartners);
    inserted.provider_relationships = await insert(tx, 'provider_relationships', COLUMNS.provider_relationships, o.relationships);
    inserted.schools = await insert(tx, 'schools', COLUMNS.schools, o.schools.map(schoolRow));
    // One cohort at a time, so only a seventh of the school-in-cohort rows is ever in memory.
    let generating = 0;
    for (const cohort of COHORTS) {
      const g = performance.now();
      const { schoolCohorts, partnerships } = generateSchoolCohorts(o.schools, o.pools, PRODUCTION_SEED + 3, nowMs, [cohort]);
      generating += performance.now() - g;
      inserted.school_cohorts += await insert(tx, 'school_cohorts', COLUMNS.school_cohorts, schoolCohorts);
      inserted.partnerships += await insert(tx, 'partnerships', COLUMNS.partnerships, partnerships);
    }
    inserted.statements = await insert(tx, 'statements', COLUMNS.statements, statements);
    const npq = performance.now();
    Object.assign(inserted, await seedNpqProductionData(tx, scale));
    timings.npq = Math.round(performance.now() - npq);
    timings.generate += Math.round(generating);
    timings.insert = Math.round(performance.now() - t - generating - timings.npq);
    t = performance.now();
    // The participants step re-projects every school-in-cohort row once its training periods exist
    // (refreshParticipantProjection → refreshRectDependents): projecting them here as well only wrote them twice.
    await tx.execute('analyze schools, school_cohorts, partnerships, statements, npq_participants, npq_applications');
    lap('analyze', t);
    t = performance.now();
    Object.assign(
      inserted,
      await seedProductionParticipants(
        tx,
        o.schools.map((s) => s.id),
        scale,
        nowMs,
      ),
    );
    lap('participants', t);
    t = performance.now();
    Object.assign(inserted, await seedProductionDeclarations(tx, scale, nowMs));
    lap('declarations', t);
    t = performance.now();
  };
  await em.transactional(async (tx) => {
    // Bulk statements over hundreds of thousands of rows: hash joins and sorts in memory rather than in batches on disk,
    // and the index rebuilds of withoutSecondaryIndexes in one pass (this transaction only).
    // No JIT: it compiles each big statement afresh (about 0.7 s for the listings rebuild) to save less than that.
    await tx.execute(`set local work_mem = '256MB'`);
    await tx.execute(`set local maintenance_work_mem = '512MB'`);
    await tx.execute(`set local jit = off`);
    // Every row below references rows it was joined with or generated beside: the foreign keys are checked once, set-wise,
    // at the end instead of row by row (without-fk-triggers.ts; a superuser only).
    await withoutForeignKeyTriggers(tx, () => load(tx));
  });
  lap('keys', t);

  if (opts.vacuum !== false) {
    t = performance.now();
    await em.execute(`vacuum analyze ${SEEDED_TABLES.map((n) => `"${n}"`).join(', ')}`);
    lap('vacuum', t);
  }

  const [counts] = await em.execute<Record<string, string>[]>(`select ${SEEDED_TABLES.map((n) => `(select count(*) from "${n}") as "${n}"`).join(', ')}`);
  const byProvider = await em.execute<{ name: string; confirmed: string; challenged: string; relationship: string }[]>(
    `select lp.name, count(*) filter (where not p.relationship) as confirmed,
            count(*) filter (where not p.relationship and p.challenge_reason is not null) as challenged,
            count(*) filter (where p.relationship) as relationship
       from partnerships p join lead_providers lp on lp.id = p.lead_provider_id
      group by lp.name order by 2 desc, 1`,
  );
  const participantsByProvider = await em.execute<{ name: string; participants: string }[]>(
    `select lp.name, count(*) as participants from participant_provider_views v join lead_providers lp on lp.id = v.lead_provider_id
      where v.api_visible group by lp.name order by 2 desc, 1`,
  );
  const byState = await em.execute<{ programme: string; state: string; n: string }[]>(
    `select programme, state, count(*) as n from participant_declarations group by 1, 2 order by 1, 2`,
  );
  const declByProvider = await em.execute<{ name: string; programme: string; submitted: string; listed: string }[]>(
    `select lp.name, l.programme, count(*) filter (where d.lead_provider_id = l.lead_provider_id) as submitted, count(*) as listed
       from participant_declaration_listings l join participant_declarations d on d.id = l.declaration_id join lead_providers lp on lp.id = l.lead_provider_id
      group by 1, 2 order by 4 desc, 1, 2`,
  );
  lap('total', started);
  return {
    declarationsByState: byState.map((r) => ({ programme: r.programme, state: r.state, declarations: Number(r.n) })),
    declarationsByProvider: declByProvider.map((r) => ({
      leadProvider: r.name,
      programme: r.programme,
      submitted: Number(r.submitted),
      listed: Number(r.listed),
    })),
    scale,
    inserted,
    totals: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])),
    partnershipsByProvider: byProvider.map((r) => ({
      leadProvider: r.name,
      confirmed: Number(r.confirmed),
      challenged: Number(r.challenged),
      relationship: Number(r.relationship),
    })),
    participantsByProvider: participantsByProvider.map((r) => ({ leadProvider: r.name, participants: Number(r.participants) })),
    timings,
  };
}
