import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app.js';
import { createDeliveryPartner, createProvider, createRelationship, createSchool, gql, insertPartnership, unique } from '../partnerships/fixtures.js';
import { refreshParticipantProjection } from '../../src/domain/participants/participant-projection.js';
import { stampWrite, Touched } from '../../src/domain/shared/write-stamp.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';

export interface PeriodSpec {
  partnershipId: string;
  start: string;
  end?: string | null;
  inductionStatus?: 'active' | 'withdrawn' | 'changed' | 'leaving' | 'completed';
  trainingStatus?: 'active' | 'deferred' | 'withdrawn';
  reason?: string;
  changedAt?: string;
  byLeadProviderId?: string;
  mentorRecordId?: string;
  schoolTransfer?: boolean;
  schedule?: string;
}

export interface RecordSpec {
  type: 'ect' | 'mentor';
  /** The schedule's cohort (the cohort filter); the partnership's cohort by default. */
  scheduleCohort?: number;
  periods: PeriodSpec[];
  fundingEligibility?: string | null;
  fundingEligibilityReason?: string | null;
}

export interface ParticipantSpec {
  name?: string;
  trn?: string | null;
  createdAt?: string;
  records: RecordSpec[];
  /** Retired ids that now belong to this participant. */
  retiredIds?: string[];
}

export interface Created {
  id: string;
  ect?: string;
  mentor?: string;
}

/**
 * Writes participants as the write paths do, for histories one admin operation cannot make (pinned creation times,
 * withdrawals by a provider, periods in challenged partnerships; test/participants/admin-operations.test.ts covers
 * the operations): rows by SQL, then the projection refreshed and the changed rows stamped in commit order, all in
 * one transaction.
 */
export async function addParticipants(app: TestApp, specs: ParticipantSpec[]): Promise<Created[]> {
  const em = app.db.orm.em.fork();
  return em.transactional(async (tx) => {
    const out: Created[] = [];
    for (const spec of specs) {
      const id = randomUUID();
      const at = spec.createdAt ?? new Date().toISOString();
      await tx.execute(`insert into participants (id, trn, full_name, email, created_at, updated_at) values (?, ?, ?, ?, ?, ?)`, [
        id,
        spec.trn === undefined ? String(1_000_000 + Math.floor(Math.random() * 8_000_000)) : spec.trn,
        spec.name ?? unique('Participant'),
        `${id.slice(0, 8)}@example.com`,
        at,
        at,
      ]);
      const created: Created = { id };
      for (const r of spec.records) {
        const recordId = randomUUID();
        created[r.type] = recordId;
        const first = r.periods[0]?.partnershipId ?? null;
        await tx.execute(
          `insert into training_records (id, participant_id, participant_type, schedule_id, funding_eligibility, funding_eligibility_reason, created_at, updated_at)
           select ?, ?, ?, s.id, ?, ?, ?, ? from schedules s join cohorts c on c.id = s.cohort_id
            where s.programme = 'ecf' and s.schedule_identifier = 'ecf-standard-september'
              and c.start_year = coalesce(?::int, (select c2.start_year from partnerships p join cohorts c2 on c2.id = p.cohort_id where p.id = ?))`,
          [
            recordId,
            id,
            r.type,
            r.fundingEligibility === undefined ? 'eligible' : r.fundingEligibility,
            r.fundingEligibilityReason ?? null,
            at,
            at,
            r.scheduleCohort ?? null,
            first,
          ],
        );
        for (const p of r.periods) {
          await tx.execute(
            `insert into training_periods (id, training_record_id, school_id, cohort_id, partnership_id, schedule_id, induction_status, training_status,
                                           training_status_reason, training_status_changed_at, training_status_lead_provider_id, mentor_training_record_id,
                                           school_transfer, start_date, end_date, created_at, updated_at)
             select ?, ?, p.school_id, p.cohort_id, p.id, tr.schedule_id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
               from partnerships p, training_records tr where p.id = ? and tr.id = ?`,
            [
              randomUUID(),
              recordId,
              p.inductionStatus ?? (p.end ? 'leaving' : 'active'),
              p.trainingStatus ?? 'active',
              p.reason ?? null,
              p.changedAt ?? (p.trainingStatus && p.trainingStatus !== 'active' ? at : null),
              p.byLeadProviderId ?? null,
              p.mentorRecordId ?? null,
              p.schoolTransfer ?? false,
              p.start,
              p.end ?? null,
              at,
              at,
              p.partnershipId,
              recordId,
            ],
          );
        }
      }
      for (const from of spec.retiredIds ?? []) {
        await tx.execute(`insert into participant_id_changes (id, participant_id, from_participant_id, to_participant_id, changed_at) values (?, ?, ?, ?, ?)`, [
          randomUUID(),
          id,
          from,
          id,
          at,
        ]);
      }
      out.push(created);
    }
    // The RECT partnership counts and school-in-cohort facts these periods change are stamped too, as a write path does.
    const touched = new Touched();
    touched.add('participant_provider_views', ...(await refreshParticipantProjection(tx, { participantIds: out.map((c) => c.id) }, touched)));
    await stampWrite(
      tx,
      fixedOffsetClock(() => new Date()),
      touched,
    );
    return out;
  });
}

/** Re-projects after a fixture changed partnerships by SQL (as the write path that challenges one will). */
export async function reprojectParticipants(app: TestApp, partnershipIds: string[]): Promise<void> {
  const em = app.db.orm.em.fork();
  await em.transactional(async (tx) => {
    const touched = new Touched();
    touched.add('participant_provider_views', ...(await refreshParticipantProjection(tx, { partnershipIds }, touched)));
    await stampWrite(
      tx,
      fixedOffsetClock(() => new Date()),
      touched,
    );
  });
}

export interface World {
  P: { id: string; token: string; name: string };
  Q: { id: string; token: string; name: string };
  dp: string;
  dp2: string;
  schools: { id: string; urn: string }[];
  /** P's partnerships at schools 0 and 1 (2024), P's at school 0 (2025), Q's at school 2 (2024). */
  pA: string;
  pB: string;
  p25: string;
  qA: string;
}

/** Two fresh ECF providers with partnerships, so each test knows every participant they can see. */
export async function createWorld(app: TestApp): Promise<World> {
  const [P, Q] = [await createProvider(app, 'ecf'), await createProvider(app, 'ecf')];
  const dp = await createDeliveryPartner(app);
  const dp2 = await createDeliveryPartner(app);
  for (const lp of [P.id, Q.id]) for (const c of [2024, 2025]) for (const d of [dp, dp2]) await createRelationship(app, lp, d, c);
  const schools = [await createSchool(app), await createSchool(app), await createSchool(app), await createSchool(app)];
  const pA = await insertPartnership(app, { schoolId: schools[0].id, leadProviderId: P.id, deliveryPartnerId: dp, cohort: 2024 });
  const pB = await insertPartnership(app, { schoolId: schools[1].id, leadProviderId: P.id, deliveryPartnerId: dp, cohort: 2024 });
  const p25 = await insertPartnership(app, { schoolId: schools[0].id, leadProviderId: P.id, deliveryPartnerId: dp, cohort: 2025 });
  const qA = await insertPartnership(app, { schoolId: schools[2].id, leadProviderId: Q.id, deliveryPartnerId: dp, cohort: 2024 });
  return { P, Q, dp, dp2, schools, pA, pB, p25, qA };
}

const ENROLMENT = `trainingRecordId email mentorId schoolUrn participantType cohort trainingStatus participantStatus teacherReferenceNumberValidated
  eligibleForFunding pupilPremiumUplift sparsityUplift scheduleIdentifier deliveryPartnerId withdrawal { reason date } deferral { reason date }
  createdAt inductionEndDate mentorFundingEndDate cohortChangedAfterPaymentsFrozen mentorIneligibleForFundingReason`;
export const PARTICIPANT = `id fullName teacherReferenceNumber updatedAt ecfEnrolments { ${ENROLMENT} } participantIdChanges { fromParticipantId toParticipantId changedAt }`;

/** The provider's ecfParticipants page through GraphQL with its own token (and optionally a server date). */
export async function listParticipants(
  app: TestApp,
  token: string,
  args: { filter?: Record<string, unknown>; page?: { page: number; perPage: number }; sort?: { field: string; direction: string }[] } = {},
  serverDate?: string,
): Promise<{ items: any[]; hasNextPage: boolean }> {
  const res = await app.request('POST', '/graphql', {
    token,
    headers: serverDate ? { 'x-with-server-date': serverDate } : {},
    body: {
      query: `query($f: EcfParticipantFilterInput, $p: PageInput, $s: [EcfParticipantSortInput!]) {
        ecfParticipants(filter: $f, page: $p, sort: $s) { items { ${PARTICIPANT} } hasNextPage } }`,
      variables: { f: args.filter ?? null, p: args.page ?? null, s: args.sort ?? null },
    },
  });
  if (res.status !== 200 || res.body.errors) throw new Error(`ecfParticipants failed (${res.status}): ${res.text}`);
  return res.body.data.ecfParticipants;
}

export async function showParticipant(app: TestApp, token: string, id: string, serverDate?: string): Promise<any> {
  const res = await app.request('POST', '/graphql', {
    token,
    headers: serverDate ? { 'x-with-server-date': serverDate } : {},
    body: { query: `query($id: ID!) { ecfParticipant(id: $id) { ${PARTICIPANT} } }`, variables: { id } },
  });
  if (res.status !== 200 || res.body.errors) throw new Error(`ecfParticipant failed (${res.status}): ${res.text}`);
  return res.body.data.ecfParticipant;
}

export { gql };

const RECT_ENROLMENT = `trainingRecordId email mentorId schoolUrn participantType cohort trainingStatus participantStatus eligibleForFunding
  pupilPremiumUplift sparsityUplift scheduleIdentifier deliveryPartnerId withdrawal { reason date } deferral { reason date } createdAt
  inductionEndDate mostRecentInductionPeriodEndDate overallInductionStartDate mentorFundingEndDate cohortChangedAfterPaymentsFrozen
  mentorIneligibleForFundingReason workingPattern`;
export const RECT_PARTICIPANT = `id fullName teacherReferenceNumber updatedAt ecfEnrolments { ${RECT_ENROLMENT} } participantIdChanges { fromParticipantId toParticipantId changedAt }`;

/** The provider's rectParticipants page through GraphQL with its own token (and optionally a server date). */
export async function listRectParticipants(
  app: TestApp,
  token: string,
  args: { filter?: Record<string, unknown>; page?: { page: number; perPage: number }; sort?: { field: string; direction: string }[] } = {},
  serverDate?: string,
): Promise<{ items: any[]; hasNextPage: boolean }> {
  const res = await app.request('POST', '/graphql', {
    token,
    headers: serverDate ? { 'x-with-server-date': serverDate } : {},
    body: {
      query: `query($f: RectParticipantFilterInput, $p: PageInput, $s: [RectParticipantSortInput!]) {
        rectParticipants(filter: $f, page: $p, sort: $s) { items { ${RECT_PARTICIPANT} } hasNextPage } }`,
      variables: { f: args.filter ?? null, p: args.page ?? null, s: args.sort ?? null },
    },
  });
  if (res.status !== 200 || res.body.errors) throw new Error(`rectParticipants failed (${res.status}): ${res.text}`);
  return res.body.data.rectParticipants;
}

export async function showRectParticipant(app: TestApp, token: string, id: string, serverDate?: string): Promise<any> {
  const res = await app.request('POST', '/graphql', {
    token,
    headers: serverDate ? { 'x-with-server-date': serverDate } : {},
    body: { query: `query($id: ID!) { rectParticipant(id: $id) { ${RECT_PARTICIPANT} } }`, variables: { id } },
  });
  if (res.status !== 200 || res.body.errors) throw new Error(`rectParticipant failed (${res.status}): ${res.text}`);
  return res.body.data.rectParticipant;
}
