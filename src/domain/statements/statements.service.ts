import { writeTransaction } from '../shared/write-transaction.js';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError, type Violation } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import { isProgramme } from '../shared/programme.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { CohortSchema } from '../cohorts/cohort.entity.js';
import { LeadProviderSchema } from '../lead-providers/lead-provider.entity.js';
import { StatementSchema, type Statement, type StatementState } from './statement.entity.js';
import { pgArray } from '../shared/sql.js';
import { refreshDeclarationListings } from '../declarations/declaration-listings.js';
import { recordDeclarationStates } from '../declarations/declaration-transitions.js';
import type { DeclarationState } from '../declarations/declaration.vocabulary.js';

export interface CreateStatementInput {
  leadProviderId: string;
  programme: string;
  cohort: number;
  month: number;
  year: number;
  deadlineDate: string;
  paymentDate: string;
  outputFee: boolean;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function createStatement(em: EntityManager, clock: Clock, input: CreateStatementInput): Promise<Statement> {
  return writeTransaction(em, async (tx) => {
    const [lp, cohort] = await Promise.all([
      isUuid(input.leadProviderId) ? tx.findOne(LeadProviderSchema, { id: input.leadProviderId }) : null,
      tx.findOne(CohortSchema, { startYear: input.cohort }),
    ]);
    const v: Violation[] = [];
    if (!lp) v.push({ field: 'leadProviderId', message: 'No such lead provider' });
    if (!cohort) v.push({ field: 'cohort', message: 'No such cohort' });
    if (!isProgramme(input.programme) || (lp && !lp.programmes.includes(input.programme)))
      v.push({ field: 'programme', message: 'The provider does not deliver this programme' });
    if (!Number.isInteger(input.month) || input.month < 1 || input.month > 12) v.push({ field: 'month', message: 'Enter a month from 1 to 12' });
    if (!DATE.test(input.deadlineDate)) v.push({ field: 'deadlineDate', message: 'Enter a date as YYYY-MM-DD' });
    if (!DATE.test(input.paymentDate)) v.push({ field: 'paymentDate', message: 'Enter a date as YYYY-MM-DD' });
    else if (input.paymentDate < input.deadlineDate) v.push({ field: 'paymentDate', message: 'The payment date must be on or after the deadline' });
    if (v.length) throw DomainError.validation(v);
    const dup = await tx.count(StatementSchema, {
      leadProviderId: lp!.id,
      programme: input.programme as 'ecf',
      cohortId: cohort!.id,
      year: input.year,
      month: input.month,
    });
    if (dup) throw new DomainError('conflict', 'A statement for that provider, programme, cohort and month already exists');
    const now = clock.now();
    const st = tx.create(StatementSchema, {
      id: randomUUID(),
      leadProviderId: lp!.id,
      cohortId: cohort!.id,
      programme: input.programme as 'ecf' | 'npq',
      month: input.month,
      year: input.year,
      deadlineDate: input.deadlineDate,
      paymentDate: input.paymentDate,
      outputFee: input.outputFee,
      state: 'open',
      markedAsPaidAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await tx.flush();
    st.updatedAt = await stampWrite(tx, clock, new Touched().add('statements', st.id));
    return st;
  });
}

const NEXT: Record<StatementState, StatementState | null> = { open: 'payable', payable: 'paid', paid: null };

/**
 * Finance lifecycle: open → payable (closed after its cut-off date, refused before) → paid, with the declarations
 * on it (see moveDeclarations). The statement and every declaration that moved get the commit stamp.
 */
export async function advanceStatement(em: EntityManager, clock: Clock, id: string, to: 'payable' | 'paid'): Promise<Statement> {
  return writeTransaction(em, async (tx) => {
    // FOR UPDATE conflicts with the key-share lock of every uncommitted line item that references the statement:
    // the close waits for declarations being attached to it right now, so it moves them too.
    const [locked] = isUuid(id) ? await tx.execute<{ id: string }[]>(`select id from statements where id = ? for update`, [id]) : [];
    const st = locked ? await tx.findOne(StatementSchema, { id }, { refresh: true }) : null;
    if (!st) throw DomainError.notFound('Statement');
    if (NEXT[st.state as StatementState] !== to) throw new DomainError('invalid_transition', `A ${st.state} statement cannot be marked ${to}`);
    if (to === 'payable' && st.deadlineDate >= clock.today())
      throw new DomainError('invalid_transition', 'A statement can be closed only after its cut-off date');
    const now = clock.now();
    st.state = to;
    if (to === 'paid') st.markedAsPaidAt = now;
    st.updatedAt = now;
    await tx.flush();
    const touched = new Touched().add('statements', st.id);
    const moved =
      to === 'payable'
        ? await moveDeclarations(tx, clock, st.id, 'eligible', 'payable')
        : [...(await moveDeclarations(tx, clock, st.id, 'payable', 'paid')), ...(await moveDeclarations(tx, clock, st.id, 'awaiting_clawback', 'clawed_back'))];
    if (moved.length) {
      touched.add('participant_declarations', ...moved);
      await refreshDeclarationListings(tx, { declarationIds: moved }, moved);
    }
    st.updatedAt = await stampWrite(tx, clock, touched);
    return st;
  });
}

/**
 * The declarations on a statement move with it (ecf.md §4.6, npq.md §7): its line items in `from` and their
 * declarations (still in `from`) go to `to`, each with a history row. Closing moves eligible ones to payable;
 * paying moves payable ones to paid and the clawbacks on it (awaiting_clawback) to clawed_back. Returns the
 * declarations moved.
 */
async function moveDeclarations(tx: EntityManager, clock: Clock, statementId: string, from: DeclarationState, to: DeclarationState): Promise<string[]> {
  const now = clock.now();
  // Declarations first (in id order), then their items: the order a void takes them in (declaration, then item).
  await tx.execute(
    `select d.id from participant_declarations d
      where d.id in (select declaration_id from statement_line_items where statement_id = ? and state = ?) order by d.id for update`,
    [statementId, from],
  );
  const items = await tx.execute<{ declaration_id: string }[]>(
    `update statement_line_items set state = ?, updated_at = ? where statement_id = ? and state = ? returning declaration_id`,
    [to, now, statementId, from],
  );
  if (items.length === 0) return [];
  const moved = await tx.execute<{ id: string }[]>(
    `update participant_declarations set state = ?, updated_at = ? where id = any(?::uuid[]) and state = ? returning id`,
    [to, now, pgArray(items.map((i) => i.declaration_id)), from],
  );
  const ids = moved.map((m) => m.id);
  await recordDeclarationStates(tx, clock, ids, to);
  return ids;
}
