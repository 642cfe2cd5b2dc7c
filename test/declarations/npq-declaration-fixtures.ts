import { refreshDeclarationListings } from '../../src/domain/declarations/declaration-listings.js';
import { DomainError, type Violation } from '../../src/domain/shared/domain-error.js';
import { fixedOffsetClock, type Clock } from '../../src/domain/shared/clock.js';
import { recordNpqDeclaration, type RecordNpqDeclarationCommand } from '../../src/domain/declarations/npq/record-npq-declaration.service.js';
import type { TestApp } from '../support/test-app.js';
import { sql } from '../npq/npq-fixtures.js';

export const AMBITION = 'Ambition Institute';
export const UCL = 'UCL Institute of Education';

/** A request clock at a fixed instant (not travelled: writes take the commit-ordered stamp). */
export const clockAt = (iso: string): Clock => fixedOffsetClock(() => new Date(iso));

/**
 * The seed's statement states follow the machine's date; tests pin them: the provider's NPQ statements of a cohort
 * are open from `from` on (deadline on or after it) and paid before.
 */
export async function openStatementsFrom(app: TestApp, provider: string, startYear: number, from: string): Promise<void> {
  await sql(
    app,
    `update statements s set state = case when s.deadline_date >= ?::date then 'open' else 'paid' end
       from cohorts c where c.id = s.cohort_id and c.start_year = ? and s.lead_provider_id = ? and s.programme = 'npq'`,
    [from, startYear, app.leadProviderId(provider)],
  );
}

/** The provider's NPQ delivery partners for a cohort start year (the seed gives each provider some). */
export async function deliveryPartnersOf(app: TestApp, provider: string, startYear: number): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    app,
    `select r.delivery_partner_id as id from provider_relationships r join cohorts c on c.id = r.cohort_id
      where r.lead_provider_id = ? and c.start_year = ? and r.programme = 'npq' and r.discarded_at is null order by r.delivery_partner_id`,
    [app.leadProviderId(provider), startYear],
  );
  return rows.map((r) => r.id);
}

/** A delivery partner the provider has no NPQ partnership with in that cohort. */
export async function otherDeliveryPartner(app: TestApp, provider: string, startYear: number): Promise<string> {
  const mine = await deliveryPartnersOf(app, provider, startYear);
  const [row] = await sql<{ id: string }>(app, `select id from delivery_partners where id <> all(?::uuid[]) order by id limit 1`, [`{${mine.join(',')}}`]);
  return row.id;
}

export type Declare = Omit<RecordNpqDeclarationCommand, 'leadProviderId'> & { provider?: string };

export function declarer(app: TestApp, clock: () => Clock) {
  return (d: Declare): Promise<string> => {
    const { provider, ...rest } = d;
    return recordNpqDeclaration(app.db.orm.em.fork(), clock(), { leadProviderId: app.leadProviderId(provider ?? AMBITION), ...rest });
  };
}

/** The violations a refused call reports (fails the test when it succeeds or fails otherwise). */
export async function refused(p: Promise<unknown>): Promise<Violation[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError && e.code === 'validation') return e.violations;
    throw e;
  }
  throw new Error('expected a validation error');
}

export async function declarationRow(app: TestApp, id: string) {
  const [row] = await sql(
    app,
    `select d.*, to_char(d.declaration_date at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as date_text, c.start_year
       from participant_declarations d join cohorts c on c.id = d.cohort_id where d.id = ?`,
    [id],
  );
  return row;
}

export const stateHistory = (app: TestApp, id: string) =>
  sql<{ state: string; lead_provider_id: string | null }>(
    app,
    "select state, lead_provider_id from participant_declaration_states where declaration_id = ? order by created_at, state = 'submitted' desc",
    [id],
  );

export async function withdrawnAt(app: TestApp, applicationId: string, provider: string, at: string): Promise<void> {
  await sql(app, `update npq_applications set training_status = 'withdrawn' where id = ?`, [applicationId]);
  await sql(
    app,
    `insert into npq_application_states (id, application_id, lead_provider_id, state, reason, created_at) values (gen_random_uuid(), ?, ?, 'withdrawn', 'other', ?)`,
    [applicationId, app.leadProviderId(provider), at],
  );
}

/**
 * A declaration written by SQL on an accepted application (for the rules that read declarations: participant and
 * application actions, outcomes): submitter the application's provider unless told, dated the schedule's start + 1 day.
 */
export async function insertNpqDeclaration(
  app: TestApp,
  applicationId: string,
  o: { type?: string; state?: string; date?: string; provider?: string } = {},
): Promise<string> {
  const [row] = await sql<{ id: string }>(
    app,
    `insert into participant_declarations (id, programme, lead_provider_id, participant_id, npq_application_id, course_identifier, declaration_type,
            declaration_date, cohort_id, schedule_id, state, created_at, updated_at)
     select gen_random_uuid(), 'npq', coalesce(?::uuid, a.lead_provider_id), a.participant_id, a.id, a.course_identifier, ?,
            coalesce(?::timestamptz, s.applies_from + interval '1 day'), c.cohort_id, s.id, ?, now(), now()
       from npq_applications a join schedules s on s.id = a.schedule_id join npq_cohorts c on c.id = s.npq_cohort_id
      where a.id = ?
     returning id`,
    [o.provider ? app.leadProviderId(o.provider) : null, o.type ?? 'started', o.date ?? null, o.state ?? 'eligible', applicationId],
  );
  const em = app.db.orm.em.fork();
  await em.transactional(async (tx) => {
    await refreshDeclarationListings(tx, { declarationIds: [row.id] }, []);
    // What a write's stampWrite does last: no listing row stays marked (a marked row left behind would be stamped by
    // every later write, and concurrent writes would then meet on it).
    await tx.execute(`update participant_declaration_listings set updated_at = now(), pending_stamp = false where pending_stamp`);
  });
  return row.id;
}

/**
 * Removes a provider's NPQ statements of a cohort (no contract then: npq.md §1.12), after detaching the demo seed's
 * declarations and line items from them.
 */
export async function removeNpqStatements(app: TestApp, leadProviderId: string, startYear: number): Promise<void> {
  const statementIds = `select s.id from statements s join cohorts c on c.id = s.cohort_id where c.start_year = ? and s.lead_provider_id = ? and s.programme = 'npq'`;
  const params = [startYear, leadProviderId];
  await sql(app, `delete from statement_line_items where statement_id in (${statementIds})`, params);
  await sql(app, `update participant_declarations set payment_statement_id = null where payment_statement_id in (${statementIds})`, params);
  await sql(app, `update participant_declarations set clawback_statement_id = null where clawback_statement_id in (${statementIds})`, params);
  await sql(app, `delete from statements where id in (${statementIds})`, params);
}
