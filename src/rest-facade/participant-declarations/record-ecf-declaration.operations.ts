import { RecordEcfParticipantDeclarationDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Document: record-ecf-declaration.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const RECORD_ECF_PARTICIPANT_DECLARATION = savedOperation(RecordEcfParticipantDeclarationDocument);
