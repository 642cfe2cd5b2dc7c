import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import { isUuid } from '../shared/ids.js';
import type { Programme } from '../shared/programme.js';
import { stampWrite, Touched } from '../shared/write-stamp.js';
import { writeTransaction } from '../shared/write-transaction.js';
import { OUTCOME_COURSES } from '../npq/npq-outcome.messages.js';
import { refreshDeclarationListings } from './declaration-listings.js';
import { lockNextOutputFeeStatement, recordDeclarationStates } from './declaration-transitions.js';
import { VOIDABLE, type DeclarationState } from './declaration.vocabulary.js';
import { attachLineItem } from './statement-attach.js';
import { recomputeMentorCompletion } from './ecf/mentor-completion.js';

/** The live services' void messages, verbatim (ecf.md §4.8, npq.md §5.1, §5.6; "will or has been be refunded" sic). */
export const VOID_MESSAGES = {
  ecf: {
    alreadyVoided: 'This declaration has already been voided.',
    clawedBack: 'This declaration has been clawed-back, so you can only view it.',
    /** Clawback failures: each message prefixed, then joined with ", " (ActiveModel full messages of `participant_declaration`). */
    prefix: 'Participant declaration ',
    refunded: 'will or has been be refunded',
    contractEnded: (year: number) =>
      `You cannot submit or void declarations for the ${year} cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us`,
  },
  npq: {
    forbiddenTitle: 'Cannot modify declaration',
    forbiddenDetail: 'The declaration cannot be modified because it was created by another lead provider',
    alreadyVoided: 'This declaration has already been voided.',
    refunded: 'The declaration will or has been be refunded.',
    contractEnded: (year: number) =>
      `You cannot submit or void declarations for the ${year} cohort. The funding contract for this cohort has ended. Get in touch if you need to discuss this with us.`,
    mustBePaid: 'The declaration must be paid before it can be clawed back.',
  },
} as const;

export interface VoidDeclarationCommand {
  leadProviderId: string;
  /** The token's programme: ECF tokens void ECF declarations (ECF rules), NPQ tokens NPQ ones. */
  programme: Programme;
  declarationId: string;
}

interface DeclarationRow {
  id: string;
  programme: Programme;
  lead_provider_id: string;
  participant_id: string;
  training_record_id: string | null;
  npq_application_id: string | null;
  application_lead_provider_id: string | null;
  course_identifier: string;
  declaration_type: string;
  declaration_date: Date;
  cohort_id: string;
  cohort_year: number;
  state: DeclarationState;
  refundable_items: number;
}

/**
 * `PUT /participant-declarations/{id}/void` (ecf.md §4.8, npq.md §5.6), in one transaction with the declaration
 * row locked:
 * - who: only the submitter. ECF: anyone else gets not found, even a provider that sees the declaration in its
 *   list; NPQ: the application's current provider (who sees it) gets "Cannot modify declaration" (403), others
 *   not found.
 * - submitted / eligible / payable / ineligible → `voided`; the billable or ineligible line item is voided too,
 *   so `statement_id` becomes null. No statement is needed.
 * - paid → clawback: `awaiting_clawback` and a refundable line item on the provider's next output-fee statement
 *   for the declaration's cohort (`clawback_statement_id`); `statement_id` keeps the paid statement.
 * - the terminal states and a clawback with no statement are refused with the live messages.
 * A mentor's `completed` declaration re-derives the mentor's completion (ecf.md §4.9); NPQ `completed`
 * declarations of leadership and specialist courses retract the outcome (a `voided` outcome,
 * `has_passed` null). Every change: a state history row, the declaration stamped, its listings refreshed.
 * Returns the declaration id.
 */
export async function voidDeclaration(em: EntityManager, clock: Clock, cmd: VoidDeclarationCommand): Promise<string> {
  return writeTransaction(em, async (tx) => {
    if (!isUuid(cmd.declarationId)) throw DomainError.notFound('Participant declaration');
    const [d] = await tx.execute<DeclarationRow[]>(
      `select d.id, d.programme, d.lead_provider_id, d.participant_id, d.training_record_id, d.npq_application_id, a.lead_provider_id as application_lead_provider_id,
              d.course_identifier, d.declaration_type, d.declaration_date, d.cohort_id, c.start_year as cohort_year, d.state,
              (select count(*)::int from statement_line_items li where li.declaration_id = d.id and li.state in ('awaiting_clawback', 'clawed_back')) as refundable_items
         from participant_declarations d
         join cohorts c on c.id = d.cohort_id
         left join npq_applications a on a.id = d.npq_application_id
        where d.id = ? and d.programme = ?
          for update of d`,
      [cmd.declarationId, cmd.programme],
    );
    if (!d) throw DomainError.notFound('Participant declaration');
    if (d.lead_provider_id !== cmd.leadProviderId) {
      // NPQ: the application's current provider sees the declaration but may not change it (npq.md §5.1).
      if (d.programme === 'npq' && d.application_lead_provider_id === cmd.leadProviderId) {
        throw new DomainError('forbidden', VOID_MESSAGES.npq.forbiddenDetail, [
          { field: VOID_MESSAGES.npq.forbiddenTitle, message: VOID_MESSAGES.npq.forbiddenDetail },
        ]);
      }
      throw DomainError.notFound('Participant declaration');
    }

    const touched = new Touched().add('participant_declarations', d.id);
    const clawback = d.programme === 'ecf' ? d.state === 'paid' : ['paid', 'awaiting_clawback', 'clawed_back'].includes(d.state);
    if (clawback) {
      const statement = await lockNextOutputFeeStatement(tx, d.lead_provider_id, d.cohort_id, clock.today(), d.programme);
      refuseClawback(d, statement?.id ?? null);
      await tx.execute(`update participant_declarations set state = 'awaiting_clawback', updated_at = ? where id = ?`, [clock.now(), d.id]);
      await attachLineItem(tx, { declarationId: d.id, statementId: statement!.id, state: 'awaiting_clawback', now: clock.now(), touched });
      await recordDeclarationStates(tx, clock, [d.id], 'awaiting_clawback', { leadProviderId: cmd.leadProviderId });
    } else {
      refuseVoid(d);
      const now = clock.now();
      await tx.execute(`update participant_declarations set state = 'voided', voided_at = ?, payment_statement_id = null, updated_at = ? where id = ?`, [
        now,
        now,
        d.id,
      ]);
      // The first billable-side item (eligible, payable or ineligible) is voided with the declaration.
      await tx.execute(
        `update statement_line_items set state = 'voided', updated_at = ?
          where id = (select id from statement_line_items where declaration_id = ? and state in ('eligible', 'payable', 'ineligible')
                       order by created_at, id limit 1)`,
        [now, d.id],
      );
      await recordDeclarationStates(tx, clock, [d.id], 'voided', { leadProviderId: cmd.leadProviderId });
    }
    // ecf.md §4.9: a mentor's completed declaration voided or clawed back re-derives the mentor's completion.
    if (d.programme === 'ecf' && d.course_identifier === 'ecf-mentor' && d.declaration_type === 'completed') {
      await recomputeMentorCompletion(tx, d.training_record_id!, clock, touched);
    }
    const outcomeId = d.programme === 'npq' ? await retractOutcome(tx, clock, d, touched) : null;
    await refreshDeclarationListings(tx, { declarationIds: [d.id] }, [d.id]);
    const stamp = await stampWrite(tx, clock, touched);
    // A new outcome's created_at (the outcomes' created_since filter) is the same commit-ordered stamp, as outcome create does.
    if (outcomeId) await tx.execute(`update npq_outcomes set created_at = ? where id = ?`, [stamp, outcomeId]);
    return d.id;
  });
}

/** ECF clawback needs no refundable item yet and an open output-fee statement; NPQ adds "must be paid" (npq.md §5.6). */
function refuseClawback(d: DeclarationRow, statementId: string | null): void {
  if (d.programme === 'ecf') {
    const m = VOID_MESSAGES.ecf;
    const errors: string[] = [];
    if (d.refundable_items > 0) errors.push(m.refunded);
    if (statementId === null) errors.push(m.contractEnded(d.cohort_year));
    if (errors.length) throw new DomainError('invalid_transition', errors.map((e) => `${m.prefix}${e}`).join(', '));
    return;
  }
  const m = VOID_MESSAGES.npq;
  const errors: string[] = [];
  if (d.refundable_items > 0) errors.push(m.refunded);
  if (statementId === null) errors.push(m.contractEnded(d.cohort_year));
  if (errors.length === 0 && d.state !== 'paid') errors.push(m.mustBePaid);
  if (errors.length) throw DomainError.validation(errors.map((message) => ({ field: 'declaration', message })));
}

function refuseVoid(d: DeclarationRow): void {
  if (d.programme === 'ecf') {
    if (d.state === 'voided') throw new DomainError('invalid_transition', VOID_MESSAGES.ecf.alreadyVoided);
    if (d.state === 'awaiting_clawback' || d.state === 'clawed_back') throw new DomainError('invalid_transition', VOID_MESSAGES.ecf.clawedBack);
  } else if (d.state === 'voided') {
    throw DomainError.validation([{ field: 'declaration', message: VOID_MESSAGES.npq.alreadyVoided }]);
  }
  if (!VOIDABLE.includes(d.state)) throw new Error(`declaration ${d.id} in state ${d.state} cannot be voided`);
}

/**
 * npq.md §5.6 "Outcome retraction": a voided or clawed-back `completed` declaration of a leadership or specialist
 * course gets a `voided` outcome (completion date = declaration date) unless the latest outcome among the
 * participant's remaining completed declarations of this provider and course (submitted, eligible, payable, paid,
 * ineligible) is already voided; the declaration's `has_passed` becomes null.
 */
async function retractOutcome(tx: EntityManager, clock: Clock, d: DeclarationRow, touched: Touched): Promise<string | null> {
  if (d.declaration_type !== 'completed' || !(OUTCOME_COURSES as readonly string[]).includes(d.course_identifier)) return null;
  const [latest] = await tx.execute<{ state: string }[]>(
    `select o.state from npq_outcomes o join participant_declarations d on d.id = o.declaration_id
      where d.programme = 'npq' and d.participant_id = ? and d.lead_provider_id = ? and d.course_identifier = ? and d.declaration_type = 'completed'
        and d.state in ('submitted', 'eligible', 'payable', 'paid', 'ineligible')
      order by o.created_at desc, o.id desc limit 1`,
    [d.participant_id, d.lead_provider_id, d.course_identifier],
  );
  if (latest?.state === 'voided') return null;
  const id = randomUUID();
  const now = clock.now();
  await tx.execute(
    `insert into npq_outcomes (id, application_id, participant_id, lead_provider_id, declaration_id, state, completion_date, created_at, updated_at)
     values (?, ?, ?, ?, ?, 'voided', (?::timestamptz at time zone 'UTC')::date, ?, ?)`,
    [id, d.npq_application_id, d.participant_id, d.lead_provider_id, d.id, d.declaration_date, now, now],
  );
  await tx.execute(`update participant_declarations set has_passed = null where id = ?`, [d.id]);
  touched.add('npq_outcomes', id);
  return id;
}
