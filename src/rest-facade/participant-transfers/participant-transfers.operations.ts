import { GetParticipantTransfersDocument, ListParticipantTransfersDocument, type ParticipantTransfersSortField } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: participant-transfers.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_PARTICIPANT_TRANSFERS = savedOperation(ListParticipantTransfersDocument);
export const GET_PARTICIPANT_TRANSFERS = savedOperation(GetParticipantTransfersDocument);

/** REST sort fields → ParticipantTransfersSortField values (RECT only; other fields are dropped, rect.md §2.5). */
export const TRANSFER_SORT_FIELDS: Record<string, ParticipantTransfersSortField> = { created_at: 'createdAt', updated_at: 'updatedAt' };
