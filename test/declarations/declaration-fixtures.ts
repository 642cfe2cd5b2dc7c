import { randomUUID } from 'node:crypto';
import { refreshDeclarationListings } from '../../src/domain/declarations/declaration-listings.js';
import type { TestApp } from '../support/test-app.js';
import { createApplication } from '../npq/npq-fixtures.js';

/**
 * Declarations written by SQL (the read side's tests need every state and visibility case; the writers have their
 * own tests), then the listing projection rebuilt as the seed does.
 */
export async function sql<T = any>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return app.db.orm.em.fork().execute<T[]>(text, params);
}

/** Rebuilds every listing row from the declarations (rows get their declaration's updated_at). */
export async function rebuildListings(app: TestApp): Promise<void> {
  await refreshDeclarationListings(app.db.orm.em.fork());
}

export interface EcfPeriod {
  periodId: string;
  trainingRecordId: string;
  participantId: string;
  participantType: 'ect' | 'mentor';
  cohortId: string;
  cohort: number;
  scheduleId: string;
  deliveryPartnerId: string;
  leadProviderId: string;
}

/**
 * Distinct ECF training periods in `leadProviderId`'s partnerships (active), one training record each, never one
 * handed out before in this process (each case changes its own participant).
 */
const used = new Set<string>();
export async function ecfPeriods(app: TestApp, leadProviderId: string, n: number, type: 'ect' | 'mentor' = 'ect'): Promise<EcfPeriod[]> {
  const rows = await sql<EcfPeriod>(
    app,
    `select tp.id as "periodId", tr.id as "trainingRecordId", tr.participant_id as "participantId", tr.participant_type as "participantType",
            tp.cohort_id as "cohortId", c.start_year as "cohort", tp.schedule_id as "scheduleId", p.delivery_partner_id as "deliveryPartnerId",
            p.lead_provider_id as "leadProviderId"
       from training_periods tp join training_records tr on tr.id = tp.training_record_id
       join partnerships p on p.id = tp.partnership_id join cohorts c on c.id = tp.cohort_id
      where p.lead_provider_id = ? and tp.induction_status = 'active' and tr.participant_type = ?
        and (select count(*) from training_periods o where o.training_record_id = tr.id) = 1
        and not exists (select 1 from participant_declarations d where d.training_record_id = tr.id)
      order by tp.id limit ?`,
    [leadProviderId, type, n + used.size + 50],
  );
  const fresh = rows.filter((r) => !used.has(r.trainingRecordId)).slice(0, n);
  if (fresh.length < n) throw new Error(`seed has too few ECF periods for ${leadProviderId}`);
  for (const r of fresh) used.add(r.trainingRecordId);
  return fresh;
}

export interface DeclarationFixture {
  leadProviderId: string;
  declarationType?: string;
  declarationDate?: string;
  state?: string;
  stateReason?: string | null;
  courseIdentifier?: string;
  evidenceHeld?: string | null;
  paymentStatementId?: string | null;
  clawbackStatementId?: string | null;
  mentorParticipantId?: string | null;
  pupilPremiumUplift?: boolean;
  sparsityUplift?: boolean;
  deliveryPartnerId?: string | null;
  secondaryDeliveryPartnerId?: string | null;
  createdAt?: string;
  updatedAt?: string;
  cohortId?: string;
}

/** An ECF declaration on the period's training record, by `o.leadProviderId` (not rebuilt: call `rebuildListings`). */
export async function insertEcfDeclaration(app: TestApp, period: EcfPeriod, o: DeclarationFixture): Promise<string> {
  const id = randomUUID();
  const at = o.createdAt ?? new Date().toISOString();
  await sql(
    app,
    `insert into participant_declarations (id, programme, lead_provider_id, participant_id, training_record_id, training_period_id, course_identifier,
        declaration_type, declaration_date, cohort_id, schedule_id, evidence_held, state, state_reason, delivery_partner_id, mentor_participant_id,
        pupil_premium_uplift, sparsity_uplift, payment_statement_id, clawback_statement_id, created_at, updated_at)
     values (?, 'ecf', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      o.leadProviderId,
      period.participantId,
      period.trainingRecordId,
      period.periodId,
      o.courseIdentifier ?? (period.participantType === 'ect' ? 'ecf-induction' : 'ecf-mentor'),
      o.declarationType ?? 'started',
      o.declarationDate ?? '2025-10-01T09:30:15.123Z',
      o.cohortId ?? period.cohortId,
      period.scheduleId,
      o.evidenceHeld ?? null,
      o.state ?? 'submitted',
      o.stateReason ?? null,
      o.deliveryPartnerId === undefined ? period.deliveryPartnerId : o.deliveryPartnerId,
      o.mentorParticipantId ?? null,
      o.pupilPremiumUplift ?? false,
      o.sparsityUplift ?? false,
      o.paymentStatementId ?? null,
      o.clawbackStatementId ?? null,
      at,
      o.updatedAt ?? at,
    ],
  );
  return id;
}

export interface NpqApplicationRow {
  id: string;
  participantId: string;
  courseIdentifier: string;
  cohortId: string;
  cohort: number;
  scheduleId: string | null;
  leadProviderId: string;
}

const usedApplications = new Set<string>();
/** Accepted NPQ applications of the provider, never handed out before in this process. */
export async function npqApplications(app: TestApp, leadProviderId: string, n: number, course?: string): Promise<NpqApplicationRow[]> {
  const rows = await sql<NpqApplicationRow>(
    app,
    `select a.id, a.participant_id as "participantId", a.course_identifier as "courseIdentifier", nc.cohort_id as "cohortId",
            nc.start_year as "cohort", a.schedule_id as "scheduleId", a.lead_provider_id as "leadProviderId"
       from npq_applications a join npq_cohorts nc on nc.id = a.npq_cohort_id
      where a.lead_provider_id = ? and a.status = 'accepted' and (?::text is null or a.course_identifier = ?::text)
        and not exists (select 1 from participant_declarations d where d.npq_application_id = a.id)
      order by a.id limit ?`,
    [leadProviderId, course ?? null, course ?? null, n + usedApplications.size + 50],
  );
  const fresh = rows.filter((r) => !usedApplications.has(r.id)).slice(0, n);
  if (fresh.length < n) {
    // The demo seed has few accepted applications per provider: make more (accepted headship, 2024a).
    const name = app.tokens.leadProviders.find((p) => p.id === leadProviderId)?.name;
    for (let i = fresh.length; i < n; i++)
      await createApplication(app, { provider: name, status: 'accepted', cohort: '2024a', course: course ?? 'npq-headship' });
    return npqApplications(app, leadProviderId, n, course);
  }
  for (const r of fresh) usedApplications.add(r.id);
  return fresh;
}

/** An NPQ declaration on the application, by `o.leadProviderId`. */
export async function insertNpqDeclaration(app: TestApp, application: NpqApplicationRow, o: DeclarationFixture): Promise<string> {
  const id = randomUUID();
  const at = o.createdAt ?? new Date().toISOString();
  await sql(
    app,
    `insert into participant_declarations (id, programme, lead_provider_id, participant_id, npq_application_id, course_identifier,
        declaration_type, declaration_date, cohort_id, schedule_id, state, state_reason, delivery_partner_id, secondary_delivery_partner_id,
        payment_statement_id, clawback_statement_id, created_at, updated_at)
     values (?, 'npq', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      id,
      o.leadProviderId,
      application.participantId,
      application.id,
      o.courseIdentifier ?? application.courseIdentifier,
      o.declarationType ?? 'started',
      o.declarationDate ?? '2025-10-01T09:30:15.123Z',
      o.cohortId ?? application.cohortId,
      application.scheduleId,
      o.state ?? 'submitted',
      o.stateReason ?? null,
      o.deliveryPartnerId ?? null,
      o.secondaryDeliveryPartnerId ?? null,
      o.paymentStatementId ?? null,
      o.clawbackStatementId ?? null,
      at,
      o.updatedAt ?? at,
    ],
  );
  return id;
}

/** An output-fee statement of the provider and programme (any). */
export async function statementOf(app: TestApp, leadProviderId: string, programme: 'ecf' | 'npq', skip = 0): Promise<string> {
  const [row] = await sql<{ id: string }>(
    app,
    `select id from statements where lead_provider_id = ? and programme = ? and output_fee order by payment_date, id offset ? limit 1`,
    [leadProviderId, programme, skip],
  );
  if (!row) throw new Error('no statement');
  return row.id;
}

/** Lead providers of the demo seed that have a token for the programme, other than `except`. */
export function otherProvider(app: TestApp, programme: 'ecf' | 'npq', except: string): { name: string; id: string } {
  const found = app.tokens.leadProviders.find((p) => p.name !== except && p.tokens[programme]);
  if (!found) throw new Error(`no other ${programme} provider`);
  return { name: found.name, id: found.id };
}

/** Removes every declaration (and what hangs off them), so a test file starts from none whatever the demo seed holds. */
export async function clearDeclarations(app: TestApp): Promise<void> {
  await sql(app, `delete from statement_line_items`);
  await sql(app, `delete from participant_declaration_states`);
  await sql(app, `delete from participant_declaration_attempts`);
  await sql(app, `delete from participant_declaration_listings`);
  await sql(app, `update npq_outcomes set declaration_id = null where declaration_id is not null`);
  await sql(app, `update participant_declarations set superseded_by_id = null`);
  await sql(app, `delete from participant_declarations`);
}

/** Moves the period's training to `status` (and its end date), as a school reporting a leaver would. */
export async function setInductionStatus(app: TestApp, period: EcfPeriod, status: string, endDate: string | null = null): Promise<void> {
  await sql(
    app,
    `update training_periods set induction_status = ?, end_date = ?::timestamptz,
            start_date = case when ?::timestamptz is null then start_date else least(start_date, ?::timestamptz - interval '1 year') end
      where id = ?`,
    [status, endDate, endDate, endDate, period.periodId],
  );
}
