import { GetEcfParticipantDocument, ListEcfParticipantsDocument, type EcfParticipantSortField, type TrainingStatus } from '../generated/graphql.js';
import { badRequest } from '../shared/errors.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: participants.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_ECF_PARTICIPANTS = savedOperation(ListEcfParticipantsDocument);
export const GET_ECF_PARTICIPANT = savedOperation(GetEcfParticipantDocument);

/** REST sort fields → EcfParticipantSortField values (ecf.md §2.5: other fields are dropped). */
export const PARTICIPANT_SORT_FIELDS: Record<string, EcfParticipantSortField> = { created_at: 'createdAt', updated_at: 'updatedAt' };

const TRAINING_STATUSES: readonly TrainingStatus[] = ['active', 'deferred', 'withdrawn'];

/** The live message, the list printed as Ruby's `inspect` of the array (ecf.md §2.4). */
export const TRAINING_STATUS_DETAIL = `The filter '#/training_status' must be ${JSON.stringify(TRAINING_STATUSES).replace(/,/g, ', ')}`;

/**
 * `filter[training_status]`: blank or absent → no filter; one of the three statuses (exact, lower case) → that
 * status; anything else → 400 (ecf.md §2.4).
 */
export function trainingStatusFilter(v: string | undefined): TrainingStatus | undefined {
  if (v === undefined) return undefined;
  const status = TRAINING_STATUSES.find((s) => s === v);
  if (!status) throw badRequest(TRAINING_STATUS_DETAIL);
  return status;
}
