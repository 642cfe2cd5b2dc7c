import { GetParticipantDeclarationDocument, ListParticipantDeclarationsDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: participant-declarations.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const LIST_PARTICIPANT_DECLARATIONS = savedOperation(ListParticipantDeclarationsDocument);
export const GET_PARTICIPANT_DECLARATION = savedOperation(GetParticipantDeclarationDocument);
