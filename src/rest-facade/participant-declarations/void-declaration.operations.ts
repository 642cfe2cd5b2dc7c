import { VoidParticipantDeclarationDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Document: void-declaration.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const VOID_PARTICIPANT_DECLARATION = savedOperation(VoidParticipantDeclarationDocument);
