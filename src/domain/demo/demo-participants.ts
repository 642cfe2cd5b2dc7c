import type { EntityManager } from '@mikro-orm/postgresql';
import { stableId } from '../shared/stable-id.js';
import { refreshParticipantProjection } from '../participants/participant-projection.js';
import type { Row } from './bulk-insert.js';
import { LEAD_PROVIDERS } from './reference-data.js';
import { emptyParticipantRows, insertParticipantRows, periodRow, recordRow, type ParticipantRows } from './participant-rows.js';

const DAY = 86400e3;
const FIRST = [
  'Amira',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Finn',
  'Grace',
  'Hassan',
  'Isla',
  'Jack',
  'Kemi',
  'Leo',
  'Maya',
  'Noah',
  'Orla',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tom',
];
const LAST = [
  'Adeyemi',
  'Brown',
  'Clarke',
  'Davies',
  'Evans',
  'Fraser',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  'Owen',
  'Patel',
];

const MATRIX_STATUSES = ['joining', 'active', 'leaving', 'left'] as const;
const MATRIX_TRAINING = ['active', 'deferred', 'withdrawn'] as const;

/**
 * The participant scenarios providers asked for (provider-needs.md §6.2), for every ECF provider P (Q is the next
 * provider in the list): every joining/leaving/left/active × training status combination and a school-withdrawn
 * ECT; an ECT who became a mentor; a mentor with three ECTs; a transfer between P's schools, one from P to Q and a
 * leaving-only one (no joining school yet); two unfunded mentors of P's ECTs (one trained by Q, one not trained at
 * all) and a mentor whose funding ended; a resumable (withdrawn by P)
 * and a non-resumable (withdrawn by P, since started with Q) participant; a participant who took over a retired
 * id; and an ECT in a challenged partnership, whom P does not see. Dates are relative to `now`.
 */
export function demoParticipantRows(partnerships: Row[], now: Date): ParticipantRows {
  const rows = emptyParticipantRows();
  const iso = (offsetDays: number) => new Date(now.getTime() + offsetDays * DAY).toISOString();
  const ecf = LEAD_PROVIDERS.filter((lp) => lp.programmes.includes('ecf'));
  const yearOf = new Map<string, number>();
  for (let y = 2020; y <= 2026; y++) yearOf.set(stableId(`cohort:${y}`), y);
  const pick = (lp: string, year: number, challenged = false, skip = 0) =>
    partnerships.filter(
      (p) =>
        p.lead_provider_id === stableId(`lead-provider:${lp}`) && yearOf.get(p.cohort_id as string) === year && (p.challenge_reason !== null) === challenged,
    )[skip];
  let n = 0;
  const ects = new Set<string>();

  for (const [i, lp] of ecf.entries()) {
    const q = ecf[(i + 1) % ecf.length];
    const [pa, pb, p25, qa] = [pick(lp.name, 2024), pick(lp.name, 2024, false, 1), pick(lp.name, 2025), pick(q.name, 2024)];
    if (!pa || !pb || !p25 || !qa) continue;
    const lpId = stableId(`lead-provider:${lp.name}`);
    const key = (k: string) => `demo:${lp.name}:${k}`;

    const person = (k: string, extra: Partial<Row> = {}): string => {
      const id = stableId(`participant:${key(k)}`);
      const first = FIRST[n % FIRST.length];
      const last = LAST[Math.floor(n / FIRST.length) % LAST.length];
      const created = iso(-420 + (n % 60));
      rows.participants.push({
        id,
        trn: String(3_000_000 + n * 37),
        full_name: `${first} ${last}`,
        email: `${first}.${last}.${n}@example.com`.toLowerCase(),
        created_at: created,
        updated_at: created,
        ...extra,
      });
      n++;
      return id;
    };
    const record = (participantId: string, type: 'ect' | 'mentor', year: number, extra: Partial<Row> = {}, schedule = 'ecf-standard-september'): string => {
      const id = stableId(`training-record:${participantId}:${type}`);
      if (type === 'ect') ects.add(id);
      rows.records.push(recordRow({ id, participantId, type, scheduleId: stableId(`schedule:${year}:ecf:${schedule}`), at: iso(-400 + (n % 60)), ...extra }));
      return id;
    };
    const period = (recordId: string, p: Row, k: string, start: number, extra: Partial<Row> = {}, schedule = 'ecf-standard-september'): string => {
      const id = stableId(`training-period:${recordId}:${k}`);
      const year = yearOf.get(p.cohort_id as string)!;
      const at = iso(Math.min(start, -1) - 1);
      rows.periods.push(
        periodRow({
          id,
          recordId,
          schoolId: p.school_id as string,
          cohortId: p.cohort_id as string,
          partnershipId: p.id as string,
          scheduleId: stableId(`schedule:${year}:ecf:${schedule}`),
          start: iso(start),
          at,
          // RECT `working_pattern`: every ECT period has one, some part time.
          working_pattern: ects.has(recordId) ? (rows.periods.length % 4 === 0 ? 'part_time' : 'full_time') : null,
          ...extra,
        }),
      );
      return id;
    };
    // An ECT's induction period (RECT's induction dates), days relative to now.
    const induction = (recordId: string, k: string, start: number, finish: number | null, outcome: 'pass' | 'fail' | null = null) =>
      rows.inductionPeriods.push({
        id: stableId(`induction-period:${recordId}:${k}`),
        training_record_id: recordId,
        started_on: iso(start).slice(0, 10),
        finished_on: finish === null ? null : iso(finish).slice(0, 10),
        outcome,
        created_at: iso(Math.min(start, -1) - 1),
        updated_at: iso(Math.min(start, -1) - 1),
      });
    const action = (status: 'deferred' | 'withdrawn', days: number, by = lpId) => ({
      training_status: status,
      training_status_reason: status === 'deferred' ? 'parental-leave' : 'moved-school',
      training_status_changed_at: iso(days),
      training_status_lead_provider_id: by,
    });

    // participant_status × training_status (ecf.md §1.4), all ECTs at P's first 2024 school.
    for (const [si, status] of MATRIX_STATUSES.entries()) {
      for (const [ti, training] of MATRIX_TRAINING.entries()) {
        const id = person(`matrix:${status}:${training}`);
        const rec = record(id, 'ect', 2024, {
          pupil_premium_uplift: (si + ti) % 2 === 0,
          sparsity_uplift: ti === 1,
          funding_eligibility: ti === 2 && si === 3 ? 'manual_check' : 'eligible',
        });
        const dates = { joining: [21, null], active: [-90, null], leaving: [-90, 21], left: [-200, -10] }[status];
        if (status === 'active' || status === 'leaving') induction(rec, 'only', dates[0]!, null);
        period(rec, pa, 'only', dates[0]!, {
          end_date: dates[1] === null ? null : iso(dates[1]),
          induction_status: status === 'leaving' || status === 'left' ? 'leaving' : 'active',
          ...(training === 'active' ? {} : action(training, -5)),
        });
      }
    }
    const withdrawnBySchool = person('school-withdrawn');
    period(record(withdrawnBySchool, 'ect', 2024, { funding_eligibility: 'ineligible', funding_eligibility_reason: 'previous_induction' }), pa, 'only', -120, {
      induction_status: 'withdrawn',
    });

    // An ECT who completed induction and became a mentor: one participant, two records.
    const both = person('ect-became-mentor');
    period(record(both, 'ect', 2024, { induction_start_date: iso(-400).slice(0, 10), induction_end_date: iso(-60).slice(0, 10) }), pa, 'ect', -400, {
      induction_status: 'completed',
    });
    period(record(both, 'mentor', 2024), pa, 'mentor', -50);
    induction(stableId(`training-record:${both}:ect`), 'only', -400, -60, 'pass');

    // A mentor with three ECTs.
    const mentor = record(person('mentor-of-three'), 'mentor', 2024);
    period(mentor, pb, 'only', -150);
    for (const k of [1, 2, 3]) period(record(person(`mentee-${k}`), 'ect', 2024), pb, 'only', -140 + k, { mentor_training_record_id: mentor });
    // The first mentee registered a second time under the same TRN (a duplicate: its declarations are ineligible).
    // (Pushed directly, so the names and TRNs `person` gives everyone after it do not shift.)
    const mentee = rows.participants.find((r) => r.id === stableId(`participant:${key('mentee-1')}`))!;
    const twin = stableId(`participant:${key('trn-duplicate')}`);
    rows.participants.push({ ...mentee, id: twin, email: `second.registration.${i}@example.com` });
    period(record(twin, 'ect', 2024), pb, 'only', -130);

    // Transfers: between P's schools, and from P to Q (P keeps seeing them as left).
    const within = record(person('transfer-within'), 'ect', 2024);
    period(within, pa, 'leaving', -300, { induction_status: 'leaving', end_date: iso(-60) });
    period(within, pb, 'joining', -59, { school_transfer: true });
    induction(within, 'first', -300, -60);
    induction(within, 'second', -59, null);
    const across = record(person('transfer-to-next-provider'), 'ect', 2024);
    period(across, pb, 'leaving', -280, { induction_status: 'leaving', end_date: iso(-30) });
    period(across, qa, 'joining', -29, { school_transfer: true });

    // A move announced but not yet made: leaving P's school in 45 days, no joining school yet (transfer `unknown`).
    period(record(person('transfer-leaving-only'), 'ect', 2024), pa, 'only', -200, { induction_status: 'leaving', end_date: iso(45) });

    // A mentor with no training at all (no provider), mentoring one of P's ECTs: also an unfunded mentor.
    const untrained = record(person('untrained-mentor'), 'mentor', 2024);
    period(record(person('mentee-of-untrained-mentor'), 'ect', 2024), pb, 'only', -90, { mentor_training_record_id: untrained });

    // An unfunded mentor: trained by Q, mentoring one of P's ECTs; and a mentor whose funding has ended.
    const unfunded = record(person('unfunded-mentor'), 'mentor', 2024);
    period(unfunded, qa, 'only', -200);
    period(record(person('mentee-of-unfunded-mentor'), 'ect', 2024), pa, 'only', -100, { mentor_training_record_id: unfunded });
    period(
      record(person('mentor-funding-ended'), 'mentor', 2024, {
        mentor_funding_end_date: iso(-30).slice(0, 10),
        mentor_funding_end_reason: 'completed_declaration_received',
      }),
      pb,
      'only',
      -300,
    );

    // Resumable (withdrawn by P, nothing since) and not resumable (withdrawn by P, since training with Q).
    period(record(person('resumable'), 'ect', 2024), pb, 'only', -160, action('withdrawn', -15));
    const moved = record(person('not-resumable'), 'ect', 2024);
    // RECT's `changed-lead-provider` reason (the ECF paths show it as `other`).
    period(moved, pb, 'withdrawn', -260, {
      ...action('withdrawn', -45),
      training_status_reason: 'changed-lead-provider',
      induction_status: 'leaving',
      end_date: iso(-40),
    });
    period(moved, qa, 'joining', -20, { school_transfer: true });

    // A 2025 ECT who took over a retired participant id (a merged duplicate), with a different TRN check failing.
    const merged = person('merged-survivor');
    period(record(merged, 'ect', 2025, { funding_eligibility: 'ineligible', funding_eligibility_reason: 'different_trn' }), p25, 'only', -80);
    rows.idChanges.push({
      id: stableId(`participant-id-change:${key('merged')}`),
      participant_id: merged,
      from_participant_id: stableId(`participant:${key('merged-retired')}`),
      to_participant_id: merged,
      changed_at: iso(-7),
    });
    person('no-trn-mentor', { trn: null });
    period(record(stableId(`participant:${key('no-trn-mentor')}`), 'mentor', 2025), p25, 'only', -70);

    // In a partnership the school challenged: P does not see them.
    const challenged = pick(lp.name, 2024, true) ?? pick(lp.name, 2023, true) ?? pick(lp.name, 2025, true);
    if (challenged) period(record(person('challenged-partnership'), 'ect', yearOf.get(challenged.cohort_id as string)!), challenged, 'only', -100);
  }
  return rows;
}

/**
 * School-led ECTs (no lead provider) at a few schools that chose a school-led programme in a cohort and have no
 * partnership there, so RECT's `induction_programme_choice` is `school_led` for them and a RECT partnership create
 * is refused ("This school has only registered school-led participants…").
 */
export function schoolLedParticipantRows(
  rows: ParticipantRows,
  schoolCohorts: { school_id: string; cohort_id: string; start_year: number }[],
  now: Date,
): void {
  const at = new Date(now.getTime() - 60 * DAY).toISOString();
  for (const [i, sc] of schoolCohorts.entries()) {
    const id = stableId(`participant:demo:school-led:${sc.school_id}:${sc.start_year}`);
    rows.participants.push({
      id,
      trn: String(4_000_000 + i * 41),
      full_name: `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 5) % LAST.length]}`,
      email: `school-led.${i}@example.com`,
      created_at: at,
      updated_at: at,
    });
    const recordId = stableId(`training-record:${id}:ect`);
    const scheduleId = stableId(`schedule:${sc.start_year}:ecf:ecf-standard-september`);
    rows.records.push(recordRow({ id: recordId, participantId: id, type: 'ect', scheduleId, at }));
    rows.periods.push(
      periodRow({
        id: stableId(`training-period:${recordId}:only`),
        recordId,
        schoolId: sc.school_id,
        cohortId: sc.cohort_id,
        partnershipId: null,
        scheduleId,
        start: at,
        at,
        working_pattern: 'full_time',
      }),
    );
  }
}

/** Inserts the demo participants (idempotent: stable ids) and projects every participant. */
export async function seedDemoParticipants(tx: EntityManager, partnerships: Row[], now: Date): Promise<void> {
  const rows = demoParticipantRows(partnerships, now);
  const schoolLed = await tx.execute<{ school_id: string; cohort_id: string; start_year: number }[]>(
    `select sc.school_id, sc.cohort_id, c.start_year from school_cohorts sc join cohorts c on c.id = sc.cohort_id
      where c.start_year in (2024, 2025) and sc.induction_programme_choice in ('core_induction_programme', 'design_our_own')
        and not exists (select 1 from partnerships p where p.school_id = sc.school_id and p.cohort_id = sc.cohort_id)
      order by c.start_year, sc.school_id limit 4`,
  );
  schoolLedParticipantRows(rows, schoolLed, now);
  await insertParticipantRows(tx, rows);
  await refreshParticipantProjection(tx);
}
