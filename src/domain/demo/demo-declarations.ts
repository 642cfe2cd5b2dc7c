import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../shared/stable-id.js';
import { refreshDeclarationListings } from '../declarations/declaration-listings.js';
import { insert, type Row } from './bulk-insert.js';
import { LEAD_PROVIDERS } from './reference-data.js';
import { createDeclarationPlan, materializeDeclarations, PLAN_COLUMNS } from './declarations-seed.js';

const DAY = 86400e3;
const BASIC_EVIDENCE = ['training-event-attended', 'self-study-material-completed', 'other'];
const ECF_TYPES = ['started', 'retained-1', 'retained-2', 'retained-3', 'retained-4', 'completed'];

/** How a planned declaration ends up: `now` (submitted an hour ago: its statement is open), `payable` (submitted in the
 * month of the latest closed output-fee statement), `old` (submitted days after its date: paid by now), `voided`,
 * `clawed-back` (voided weeks after it was paid), `awaiting` (a paid one voided an hour ago), `ineligible`. */
type Fate = 'old' | 'now' | 'payable' | 'voided' | 'clawed-back' | 'awaiting' | 'ineligible';

/** Evidence held valid for the cohort, participant type and declaration type (ecf.md §4.4). */
export function ecfEvidence(detailed: boolean, type: 'ect' | 'mentor', declarationType: string, pick: number): string | null {
  if (!detailed) return declarationType === 'started' ? null : BASIC_EVIDENCE[pick % 3];
  if (declarationType === 'retained-2') return ['75-percent-engagement-met', '75-percent-engagement-met-reduced-induction'][pick % 2];
  if (declarationType === 'completed') {
    return type === 'ect'
      ? ['75-percent-engagement-met', '75-percent-engagement-met-reduced-induction', 'one-term-induction'][pick % 3]
      : ['75-percent-engagement-met', '75-percent-engagement-met-reduced-induction'][pick % 2];
  }
  return [...BASIC_EVIDENCE, 'materials-engaged-with-offline'][pick % 4];
}

/** The latest month before `now`'s whose statement has an output fee (not August or December): its statement is the
 * latest closed one, payable (reference-seed.ts `statementRows`). Returns the 15th of it. */
function payableMonth(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15, 10));
  while ([7, 11].includes(d.getUTCMonth())) d.setUTCMonth(d.getUTCMonth() - 1);
  return d;
}

interface Milestone {
  schedule_id: string;
  declaration_type: string;
  start_date: string;
  milestone_date: string | null;
}

/**
 * Declarations for the demo participants (demo-participants.ts) and NPQ applications (npq-demo-data.ts), in every
 * state, on paid, payable and open statements, then the declaration listings rebuilt. Each ECF provider P gets:
 * an ECT with six declarations (four paid, uplifted `started`; `retained-4` payable; `completed` eligible), deferred,
 * withdrawn, leaving and left ECTs with a voided, a clawed-back and an awaiting-clawback declaration, a mentor and
 * mentees, a participant registered twice under one TRN (the second `started` is ineligible, duplicate), a
 * not-fundable ECT (submitted, and a voided submitted one), 2025 declarations with the detailed evidence types, and
 * participants who moved from P to the next provider Q with P's declarations before the move and Q's after (so Q
 * sees P's). NPQ: every accepted application declares what its schedule allows up to now (withdrawn and deferred ones
 * until they stopped); the last of the open cohorts' is eligible or payable; some voided, clawed back, awaiting
 * clawback; completed leadership and specialist declarations carry the outcomes; a second registration of a resit
 * participant (same TRN) is ineligible. Dates fall in the schedules' milestone windows and never after `now`.
 */
export async function seedDemoDeclarations(tx: EntityManager, now: Date): Promise<Record<string, number>> {
  const nowIso = now.toISOString();
  const iso = (ms: number) => new Date(ms).toISOString();
  const minus = (days: number) => now.getTime() - days * DAY;
  const payable = payableMonth(now).getTime();
  const milestones = await tx.execute<Milestone[]>(`select m.schedule_id, m.declaration_type, m.start_date::text, m.milestone_date::text from milestones m`);
  const windowOf = new Map(milestones.map((m) => [`${m.schedule_id}:${m.declaration_type}`, m]));
  const plan: Row[] = [];

  /** A declaration date in the milestone window, near `preferred` (ms), never after now − 2 days. */
  const dateIn = (scheduleId: string, type: string, preferred: number): number | null => {
    const m = windowOf.get(`${scheduleId}:${type}`);
    if (!m) return null;
    const start = Date.parse(`${m.start_date}T00:00:00Z`);
    const end = Math.min(m.milestone_date ? Date.parse(`${m.milestone_date}T12:00:00Z`) : Infinity, minus(2));
    if (end < start) return null;
    return Math.min(Math.max(preferred, start + 10 * 3600e3), end);
  };
  const created = (fate: Fate, date: number): { created: number; voided: number | null } => {
    switch (fate) {
      case 'now':
        return { created: minus(1 / 24), voided: null };
      case 'payable':
        return { created: Math.max(payable, date + 3600e3), voided: null };
      case 'voided':
        return { created: Math.min(date + 2 * DAY, minus(1)), voided: Math.min(date + 3 * DAY, minus(0.5)) };
      case 'clawed-back':
        return { created: Math.min(date + 2 * DAY, minus(1)), voided: Math.min(date + 60 * DAY, minus(0.5)) };
      case 'awaiting':
        return { created: Math.min(date + 2 * DAY, minus(1)), voided: minus(2 / 24) };
      default:
        return { created: Math.min(date + 2 * DAY, minus(1)), voided: null };
    }
  };
  const fateOf = (fate: Fate) => ({ voided: 'voided', 'clawed-back': 'clawback', awaiting: 'clawback', ineligible: 'ineligible' })[fate as string] ?? 'normal';

  // ECF: the demo participants' training records, with their schedule's cohort.
  const records = await tx.execute<
    { id: string; participant_id: string; participant_type: 'ect' | 'mentor'; schedule_id: string; start_year: number; detailed: boolean }[]
  >(
    `select tr.id, tr.participant_id, tr.participant_type, tr.schedule_id, c.start_year, c.detailed_evidence_types as detailed
       from training_records tr join schedules s on s.id = tr.schedule_id join cohorts c on c.id = s.cohort_id`,
  );
  const recordById = new Map(records.map((r) => [r.id, r]));
  const ecf = LEAD_PROVIDERS.filter((lp) => lp.programmes.includes('ecf'));
  let pick = 0;
  for (const [i, lp] of ecf.entries()) {
    const q = ecf[(i + 1) % ecf.length];
    const participant = (k: string) => stableId(`participant:demo:${lp.name}:${k}`);
    const recordOf = (k: string, type: 'ect' | 'mentor') => recordById.get(stableId(`training-record:${participant(k)}:${type}`));
    const declare = (k: string, type: 'ect' | 'mentor', steps: [string, Fate, string?][], by = lp.name) => {
      const r = recordOf(k, type);
      if (!r) return;
      const previous: Record<string, number> = {};
      for (const [declarationType, fate, variant] of steps) {
        const index = ECF_TYPES.indexOf(declarationType);
        const date = dateIn(r.schedule_id, declarationType, Date.UTC(r.start_year, 8, 20) + index * 110 * DAY + (pick % 5) * DAY);
        if (date === null) continue;
        const t = created(fate, date);
        const id = stableId(`declaration:${r.id}:${declarationType}${variant ? `:${variant}` : ''}`);
        previous[declarationType] = date;
        plan.push({
          id,
          programme: 'ecf',
          lead_provider_id: stableId(`lead-provider:${by}`),
          participant_id: r.participant_id,
          training_record_id: r.id,
          course_identifier: r.participant_type === 'ect' ? 'ecf-induction' : 'ecf-mentor',
          declaration_type: declarationType,
          declaration_date: iso(date),
          created_at: iso(t.created),
          voided_at: t.voided === null ? null : iso(t.voided),
          fate: fateOf(fate),
          evidence_held: ecfEvidence(r.detailed, r.participant_type, declarationType, pick++),
        });
      }
    };
    declare('matrix:active:active', 'ect', [
      ['started', 'old'],
      ['retained-1', 'old'],
      ['retained-2', 'old'],
      ['retained-3', 'old'],
      ['retained-4', 'payable'],
      ['completed', 'now'],
    ]);
    declare('matrix:active:deferred', 'ect', [
      ['started', 'old'],
      ['retained-1', 'old'],
    ]);
    // Voided, then submitted again.
    declare('matrix:active:withdrawn', 'ect', [
      ['started', 'old'],
      ['retained-1', 'voided', 'voided'],
      ['retained-1', 'old'],
    ]);
    declare('matrix:leaving:active', 'ect', [
      ['started', 'old'],
      ['retained-1', 'clawed-back'],
    ]);
    declare('matrix:left:active', 'ect', [
      ['started', 'old'],
      ['retained-1', 'old'],
      ['retained-2', 'awaiting'],
    ]);
    declare('school-withdrawn', 'ect', [
      ['started', 'old'],
      ['retained-1', 'voided'],
    ]);
    declare(
      'ect-became-mentor',
      'ect',
      ECF_TYPES.map((t) => [t, 'old']),
    );
    declare('ect-became-mentor', 'mentor', [['started', 'now']]);
    declare('mentor-of-three', 'mentor', [
      ['started', 'old'],
      ['retained-1', 'old'],
      ['retained-2', 'now'],
    ]);
    declare('mentee-1', 'ect', [
      ['started', 'old'],
      ['retained-1', 'payable'],
    ]);
    declare('mentee-2', 'ect', [['started', 'old']]);
    declare('mentee-3', 'ect', [['started', 'voided']]);
    // Registered again under the same TRN: this `started` comes after mentee-1's and is a duplicate.
    declare('trn-duplicate', 'ect', [['started', 'payable']]);
    declare('transfer-within', 'ect', [
      ['started', 'old'],
      ['retained-1', 'old'],
      ['retained-2', 'old'],
    ]);
    // Moved from P to Q: P declared before the move, Q after it (Q sees P's declarations).
    declare('transfer-to-next-provider', 'ect', [
      ['started', 'old'],
      ['retained-1', 'old'],
    ]);
    declare('transfer-to-next-provider', 'ect', [['retained-2', 'now']], q.name);
    declare('not-resumable', 'ect', [
      ['started', 'old'],
      ['retained-1', 'old'],
    ]);
    declare('not-resumable', 'ect', [['retained-2', 'payable']], q.name);
    declare('resumable', 'ect', [
      ['started', 'old'],
      ['retained-1', 'clawed-back'],
    ]);
    declare('mentor-funding-ended', 'mentor', [['started', 'old']]);
    declare('unfunded-mentor', 'mentor', [['started', 'old']], q.name);
    declare('mentee-of-unfunded-mentor', 'ect', [['started', 'old']]);
    // 2025: detailed evidence types; the survivor is not fundable (submitted), the mentor only declares started.
    declare('merged-survivor', 'ect', [
      ['started', 'old'],
      ['retained-1', 'old'],
      ['retained-2', 'old'],
    ]);
    declare('no-trn-mentor', 'mentor', [['started', 'now']]);
  }

  // NPQ: every accepted application with a schedule.
  const applications = await tx.execute<
    {
      id: string;
      participant_id: string;
      lead_provider_id: string;
      course_identifier: string;
      schedule_id: string;
      cohort_id: string;
      start_year: number;
      applies_from: string;
      allowed: string[];
      course_group: string;
      england: boolean;
      stopped_at: string | null;
      outcome_date: string | null;
      trn: string | null;
    }[]
  >(
    `select a.id, a.participant_id, a.lead_provider_id, a.course_identifier, a.schedule_id, s.cohort_id, c.start_year, s.applies_from::text,
            s.allowed_declaration_types as allowed, co.course_group, a.teacher_catchment = 'england' as england,
            (select min(st.created_at) from npq_application_states st where st.application_id = a.id and st.state <> 'active')::text as stopped_at,
            (select min(o.completion_date)::text from npq_outcomes o where o.application_id = a.id) as outcome_date, p.trn
       from npq_applications a join schedules s on s.id = a.schedule_id join cohorts c on c.id = s.cohort_id
       join courses co on co.identifier = a.course_identifier join npq_participants p on p.id = a.participant_id
      where a.status = 'accepted'
      order by a.created_at, a.id`,
  );
  const partners = await tx.execute<{ lead_provider_id: string; cohort_id: string; ids: string[] }[]>(
    `select lead_provider_id, cohort_id, array_agg(delivery_partner_id order by delivery_partner_id) as ids
       from provider_relationships where programme = 'npq' group by 1, 2`,
  );
  const partnersOf = new Map(partners.map((p) => [`${p.lead_provider_id}:${p.cohort_id}`, p.ids]));
  const firstDeclared = new Map<string, { id: string; created: string }>(); // TRN, course and type → the first such declaration
  for (const [j, a] of applications.entries()) {
    const from = Date.parse(`${a.applies_from}T00:00:00Z`);
    const stopped = a.stopped_at ? Date.parse(a.stopped_at) : Infinity;
    const offsets: Record<string, number> = { started: 20, 'retained-1': 180, 'retained-2': 360, completed: a.course_group === 'leadership' ? 700 : 540 };
    const types = a.allowed.filter((t) => {
      const d = from + offsets[t] * DAY;
      return d <= minus(2) && d < stopped;
    });
    const dps = partnersOf.get(`${a.lead_provider_id}:${a.cohort_id}`) ?? [];
    const withPartner = a.england && (a.start_year >= 2024 || j % 2 === 0) && dps.length > 0;
    const open = a.start_year >= 2024;
    for (const [k, type] of types.entries()) {
      const last = k === types.length - 1;
      let date = from + offsets[type] * DAY + (j % 7) * DAY;
      if (type === 'completed' && a.outcome_date) date = Date.parse(`${a.outcome_date}T10:00:00Z`);
      date = Math.min(date, minus(2));
      let fate: Fate = 'old';
      if (open && last) fate = j % 2 === 0 ? 'now' : 'payable';
      else if (type === 'retained-1' && j % 5 === 1) fate = 'voided';
      else if (type === 'retained-1' && j % 5 === 3) fate = 'clawed-back';
      else if (type === 'started' && j % 7 === 4) fate = 'awaiting';
      const twinOf = a.trn ? firstDeclared.get(`${a.trn}:${a.course_identifier}:${type}`) : undefined;
      if (twinOf) fate = 'ineligible';
      // The second registration submits a day after the first.
      const t = twinOf ? { created: Math.min(Math.max(Date.parse(twinOf.created) + DAY, date + 3600e3), minus(1)), voided: null } : created(fate, date);
      const id = stableId(`declaration:${a.id}:${type}`);
      if (a.trn && !twinOf && ['old', 'now', 'payable'].includes(fate))
        firstDeclared.set(`${a.trn}:${a.course_identifier}:${type}`, { id, created: iso(t.created) });
      plan.push({
        id,
        programme: 'npq',
        lead_provider_id: a.lead_provider_id,
        participant_id: a.participant_id,
        npq_application_id: a.id,
        course_identifier: a.course_identifier,
        declaration_type: type,
        declaration_date: iso(date),
        created_at: iso(t.created),
        voided_at: t.voided === null ? null : iso(t.voided),
        fate: fateOf(fate),
        superseded_by_id: twinOf?.id ?? null,
        delivery_partner_id: withPartner ? dps[j % dps.length] : null,
        secondary_delivery_partner_id: withPartner && j % 3 === 0 && dps.length > 1 ? dps[(j + 1) % dps.length] : null,
        // Applications with outcomes already have them (linked below); others get one with their completed declaration.
        outcome:
          type === 'completed' && !a.outcome_date && ['leadership', 'specialist'].includes(a.course_group) && fate === 'old'
            ? j % 4 === 0
              ? 'failed'
              : 'passed'
            : null,
      });
    }
  }

  await createDeclarationPlan(tx);
  await insert(tx, 'seed_declaration_plan', PLAN_COLUMNS, plan);
  const n = await materializeDeclarations(tx, nowIso);
  await refreshDeclarationListings(tx);
  return n;
}
