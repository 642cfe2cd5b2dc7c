import {
  ChangeNpqParticipantScheduleDocument,
  DeferNpqParticipantDocument,
  GetNpqParticipantDocument,
  GetNpqParticipantOrRetiredIdDocument,
  ListNpqParticipantsDocument,
  ResumeNpqParticipantDocument,
  WithdrawNpqParticipantDocument,
  type NpqParticipantSortField,
  type NpqTrainingStatus,
} from '../generated/graphql.js';
import { RestHttpError } from '../shared/errors.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: npq-participants.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_NPQ_PARTICIPANTS = savedOperation(ListNpqParticipantsDocument);
export const GET_NPQ_PARTICIPANT = savedOperation(GetNpqParticipantDocument);
export const GET_NPQ_PARTICIPANT_OR_RETIRED_ID = savedOperation(GetNpqParticipantOrRetiredIdDocument);
export const DEFER_NPQ_PARTICIPANT = savedOperation(DeferNpqParticipantDocument);
export const RESUME_NPQ_PARTICIPANT = savedOperation(ResumeNpqParticipantDocument);
export const WITHDRAW_NPQ_PARTICIPANT = savedOperation(WithdrawNpqParticipantDocument);
export const CHANGE_NPQ_PARTICIPANT_SCHEDULE = savedOperation(ChangeNpqParticipantScheduleDocument);

/** REST sort fields → NpqParticipantSortField values (npq.md §2.1: other fields are dropped). */
export const NPQ_PARTICIPANT_SORT_FIELDS: Record<string, NpqParticipantSortField> = { created_at: 'createdAt', updated_at: 'updatedAt' };

const TRAINING_STATUSES: readonly NpqTrainingStatus[] = ['active', 'deferred', 'withdrawn'];

/** The live message, the list printed as Ruby's `inspect` of the array (npq.md §4.1). */
export const NPQ_TRAINING_STATUS_DETAIL = `The filter '#/training_status' must be ${JSON.stringify(TRAINING_STATUSES).replace(/,/g, ', ')}`;

/**
 * v3 `filter[training_status]`: blank or absent → no filter; one of the three statuses → that status; anything
 * else → 422 "Unpermitted parameters" (npq.md §4.1, §9.5; ECF answers 400 for the same mistake).
 */
export function npqTrainingStatusFilter(v: string | undefined): NpqTrainingStatus | undefined {
  if (v === undefined) return undefined;
  const status = TRAINING_STATUSES.find((s) => s === v);
  if (!status) throw new RestHttpError(422, { errors: [{ title: 'Unpermitted parameters', detail: NPQ_TRAINING_STATUS_DETAIL }] });
  return status;
}

/** `cohort` of change-schedule as sent: blank or missing → null; a year (number or digits) → it; anything else → 0 (matches no cohort). */
export function cohortAttr(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  const text = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : 'x';
  if (text === '') return null;
  return /^\d{4}$/.test(text) ? Number(text) : 0;
}
