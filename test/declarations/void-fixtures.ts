import { randomUUID } from 'node:crypto';
import type { TestApp } from '../support/test-app.js';
import { refreshDeclarationListings } from '../../src/domain/declarations/declaration-listings.js';
import type { DeclarationState } from '../../src/domain/declarations/declaration.vocabulary.js';
import { fixedOffsetClock } from '../../src/domain/shared/clock.js';
import { stampWrite, Touched } from '../../src/domain/shared/write-stamp.js';
import { createStatement as createStatementFixture, sql } from '../partnerships/fixtures.js';

/**
 * Declarations written by SQL in a given state (the create services live on other branches): the row, its line
 * items as the lifecycle leaves them, a history row, the listings refreshed and everything stamped in commit
 * order, in one transaction, as a write path does.
 */
export interface DeclarationSpec {
  programme?: 'ecf' | 'npq';
  leadProviderId: string;
  participantId: string;
  /** ECF. */
  trainingRecordId?: string;
  /** NPQ. */
  applicationId?: string;
  courseIdentifier?: string;
  declarationType?: string;
  declarationDate?: string;
  cohort: number;
  state?: DeclarationState;
  /** The statement of the billable (or ineligible/voided) line item. */
  statementId?: string;
  /** The statement of the refundable line item (awaiting_clawback, clawed_back). */
  clawbackStatementId?: string;
  hasPassed?: boolean | null;
  deliveryPartnerId?: string | null;
  /** ECF: the training period the declaration was made in (RECT reads it). */
  trainingPeriodId?: string | null;
}

const BILLABLE_ITEM: Partial<Record<DeclarationState, string>> = {
  eligible: 'eligible',
  payable: 'payable',
  paid: 'paid',
  ineligible: 'ineligible',
  voided: 'voided',
  awaiting_clawback: 'paid',
  clawed_back: 'paid',
};

export async function insertDeclaration(app: TestApp, s: DeclarationSpec): Promise<string> {
  const em = app.db.orm.em.fork();
  return em.transactional(async (tx) => {
    const id = randomUUID();
    const state = s.state ?? 'submitted';
    const programme = s.programme ?? 'ecf';
    const billableItem = BILLABLE_ITEM[state];
    const paymentStatement = billableItem && ['eligible', 'payable', 'paid'].includes(billableItem) ? (s.statementId ?? null) : null;
    await tx.execute(
      `insert into participant_declarations (id, programme, lead_provider_id, participant_id, training_record_id, npq_application_id, course_identifier,
              declaration_type, declaration_date, cohort_id, state, has_passed, payment_statement_id, clawback_statement_id, voided_at, delivery_partner_id,
              training_period_id, created_at, updated_at)
       select ?, ?, ?, ?, ?, ?, ?, ?, ?, c.id, ?, ?, ?, ?, ?, ?, ?, now(), now() from cohorts c where c.start_year = ?`,
      [
        id,
        programme,
        s.leadProviderId,
        s.participantId,
        s.trainingRecordId ?? null,
        s.applicationId ?? null,
        s.courseIdentifier ?? (programme === 'ecf' ? 'ecf-induction' : 'npq-headship'),
        s.declarationType ?? 'started',
        s.declarationDate ?? '2024-10-01T10:00:00Z',
        state,
        s.hasPassed ?? null,
        paymentStatement,
        s.clawbackStatementId ?? null,
        state === 'voided' ? new Date() : null,
        s.deliveryPartnerId ?? null,
        s.trainingPeriodId ?? null,
        s.cohort,
      ],
    );
    if (billableItem && s.statementId) {
      await tx.execute(
        `insert into statement_line_items (id, statement_id, declaration_id, state, created_at, updated_at) values (gen_random_uuid(), ?, ?, ?, now(), now())`,
        [s.statementId, id, billableItem],
      );
    }
    if ((state === 'awaiting_clawback' || state === 'clawed_back') && s.clawbackStatementId) {
      await tx.execute(
        `insert into statement_line_items (id, statement_id, declaration_id, state, created_at, updated_at) values (gen_random_uuid(), ?, ?, ?, now(), now())`,
        [s.clawbackStatementId, id, state],
      );
    }
    await tx.execute(
      `insert into participant_declaration_states (id, declaration_id, state, lead_provider_id, created_at) values (gen_random_uuid(), ?, ?, ?, now())`,
      [id, state, s.leadProviderId],
    );
    await refreshDeclarationListings(tx, { declarationIds: [id] }, [id]);
    await stampWrite(
      tx,
      fixedOffsetClock(() => new Date()),
      new Touched().add('participant_declarations', id),
    );
    return id;
  });
}

export interface DeclarationRow {
  state: string;
  payment_statement_id: string | null;
  clawback_statement_id: string | null;
  voided: boolean;
  has_passed: boolean | null;
  participant_id: string;
  training_record_id: string | null;
  updated_at: string;
}

export async function declarationRow(app: TestApp, id: string): Promise<DeclarationRow> {
  const [row] = await sql<DeclarationRow>(
    app,
    `select state, payment_statement_id, clawback_statement_id, voided_at is not null as voided, has_passed, participant_id, training_record_id,
            to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_at
       from participant_declarations where id = ?`,
    [id],
  );
  return row;
}

export async function lineItems(app: TestApp, id: string): Promise<{ statement_id: string; state: string }[]> {
  return sql(app, `select statement_id, state from statement_line_items where declaration_id = ? order by created_at, state`, [id]);
}

export async function history(app: TestApp, id: string): Promise<{ state: string; lead_provider_id: string | null }[]> {
  return sql(app, `select state, lead_provider_id from participant_declaration_states where declaration_id = ? order by created_at, id`, [id]);
}

/** The listing rows' updated_at per provider (µs precision), keyed by lead provider id. */
export async function listingUpdatedAt(app: TestApp, id: string): Promise<Record<string, string>> {
  const rows = await sql<{ lead_provider_id: string; u: string }>(
    app,
    `select lead_provider_id, to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as u from participant_declaration_listings where declaration_id = ?`,
    [id],
  );
  return Object.fromEntries(rows.map((r) => [r.lead_provider_id, r.u]));
}

const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

let month = 0;
/**
 * A statement with a deadline `deadlineInDays` from today (negative: already past, so it can be closed). Each gets
 * its own (year, month), so a provider may have many.
 */
export async function statementDue(
  app: TestApp,
  leadProviderId: string,
  cohort: number,
  deadlineInDays: number,
  o: { programme?: 'ecf' | 'npq'; outputFee?: boolean } = {},
): Promise<string> {
  month++;
  return createStatementFixture(app, {
    leadProviderId,
    programme: o.programme ?? 'ecf',
    cohort,
    month: (month % 12) + 1,
    year: 2040 + Math.floor(month / 12),
    deadlineDate: day(deadlineInDays),
    paymentDate: day(deadlineInDays + 30),
    outputFee: o.outputFee ?? true,
  });
}

/**
 * A new NPQ person with an accepted headship application (2024a) held by `holder` (the submitter unless told), and a
 * declaration the submitter made on it.
 */
export async function npqApplicationDeclaration(
  app: TestApp,
  submitter: string,
  spec: Partial<DeclarationSpec> & { holder?: string } = {},
): Promise<{ id: string; person: string; application: string }> {
  const person = randomUUID();
  const application = randomUUID();
  const course = spec.courseIdentifier ?? 'npq-headship';
  await sql(
    app,
    `insert into npq_participants (id, full_name, email, trn, trn_verified, created_at, updated_at) values (?, 'Fixture Person', ?, null, false, now(), now())`,
    [person, `${person}@school.example`],
  );
  await sql(
    app,
    `insert into npq_applications (id, participant_id, lead_provider_id, course_identifier, npq_cohort_id, schedule_id, status, training_status,
                                   accepted_at, funded_place, eligible_for_funding, teacher_catchment, created_at, updated_at)
     select ?, ?, ?, ?, c.id, (select s.id from schedules s where s.npq_cohort_id = c.id and ? = any(s.course_identifiers) order by s.applies_from limit 1),
            'accepted', 'active', now(), true, true, 'england', now(), now()
       from npq_cohorts c where c.identifier = '2024a'`,
    [application, person, spec.holder ?? submitter, course, course],
  );
  const id = await insertDeclaration(app, {
    programme: 'npq',
    leadProviderId: submitter,
    participantId: person,
    applicationId: application,
    cohort: 2024,
    ...spec,
  });
  return { id, person, application };
}
