import { CreateNpqOutcomeDocument, ListNpqOutcomesDocument, ListNpqParticipantOutcomesDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: npq-outcomes.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_NPQ_OUTCOMES = savedOperation(ListNpqOutcomesDocument);
export const LIST_NPQ_PARTICIPANT_OUTCOMES = savedOperation(ListNpqParticipantOutcomesDocument);
export const CREATE_NPQ_OUTCOME = savedOperation(CreateNpqOutcomeDocument);
