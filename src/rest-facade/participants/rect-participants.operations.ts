import { GetRectParticipantDocument, ListRectParticipantsDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: rect-participants.graphql; types: ../generated/graphql.ts (`npm run codegen`).
/** RECT participants list (`GET /api/v3/participants`). */
export const LIST_RECT_PARTICIPANTS = savedOperation(ListRectParticipantsDocument);
/**
 * One RECT participant (`GET /api/v3/participants/{id}`); also what the RECT participant actions answer with
 * (run it after the action, then `serializeRectParticipant`).
 */
export const GET_RECT_PARTICIPANT = savedOperation(GetRectParticipantDocument);
