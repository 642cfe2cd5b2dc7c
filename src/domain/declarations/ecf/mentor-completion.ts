import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../shared/clock.js';
import type { Touched } from '../../shared/write-stamp.js';
import { isoDate } from '../../shared/sql.js';
import { refreshParticipantProjection, viewIdsShowing } from '../../participants/participant-projection.js';
import { BILLABLE_OR_CHANGEABLE } from '../declaration.vocabulary.js';

const SLOT_STATES = BILLABLE_OR_CHANGEABLE.map((s) => `'${s}'`).join(', ');
/** ecf.md §4.9: profiles marked `started_not_completed` stop following declarations after this day. */
const STARTED_NOT_COMPLETED_FROZEN_AFTER = '2024-07-31';

/**
 * Mentor completion (ecf.md §4.9), re-derived after a mentor `completed` declaration is created, voided or clawed
 * back: the latest `completed` declaration of the mentor record that still holds its slot (submitted, eligible,
 * payable, paid) sets `mentor_funding_end_date` to its date (UTC day) with reason `completed_declaration_received`;
 * without one both are cleared. Left alone: an early roll-out mentor (`completed_during_early_roll_out`, which the
 * live service derives from a TRN list DfE keeps and this service stores as the reason), and, after 2024-07-31, a
 * record marked `started_not_completed`.
 *
 * `mentor_funding_end_date` and `mentor_ineligible_for_funding_reason` are provider-visible (v3 enrolments): when
 * they change, the participant is re-projected and the projection rows that show the record are returned (and
 * added to `touched` when given) so the caller's `stampWrite` moves their `updated_at`. Call inside the write
 * transaction. Returns the projection row ids to stamp (none when nothing changed).
 */
export async function recomputeMentorCompletion(em: EntityManager, trainingRecordId: string, clock: Clock, touched?: Touched): Promise<string[]> {
  const [record] = await em.execute<
    { participant_id: string; participant_type: string; end_date: string | null; reason: string | null; latest: string | null }[]
  >(
    `select tr.participant_id, tr.participant_type, ${isoDate('tr.mentor_funding_end_date')} as end_date, tr.mentor_funding_end_reason as reason,
            (select to_char(d.declaration_date at time zone 'UTC', 'YYYY-MM-DD') from participant_declarations d
              where d.training_record_id = tr.id and d.declaration_type = 'completed' and d.state in (${SLOT_STATES})
              order by d.declaration_date desc, d.created_at desc limit 1) as latest
       from training_records tr where tr.id = ? for update`,
    [trainingRecordId],
  );
  if (!record || record.participant_type !== 'mentor') return [];
  if (record.reason === 'completed_during_early_roll_out') return [];
  if (record.reason === 'started_not_completed' && clock.today() > STARTED_NOT_COMPLETED_FROZEN_AFTER) return [];
  const endDate = record.latest;
  const reason = endDate === null ? null : 'completed_declaration_received';
  if (endDate === record.end_date && reason === record.reason) return [];
  await em.execute(`update training_records set mentor_funding_end_date = ?, mentor_funding_end_reason = ?, updated_at = ? where id = ?`, [
    endDate,
    reason,
    clock.now(),
    trainingRecordId,
  ]);
  const changed = await refreshParticipantProjection(em, { participantIds: [record.participant_id] }, touched);
  const ids = [...new Set([...changed, ...(await viewIdsShowing(em, { recordIds: [trainingRecordId] }))])];
  touched?.add('participant_provider_views', ...ids);
  return ids;
}
