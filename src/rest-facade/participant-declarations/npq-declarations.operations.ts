import { ChangeNpqDeclarationDeliveryPartnerDocument, CreateNpqParticipantDeclarationDocument } from '../generated/graphql.js';
import { savedOperation } from '../shared/runtime.js';

// Documents: npq-declarations.graphql; types: ../generated/graphql.ts (`npm run codegen`).
export const CREATE_NPQ_PARTICIPANT_DECLARATION = savedOperation(CreateNpqParticipantDeclarationDocument);
export const CHANGE_NPQ_DECLARATION_DELIVERY_PARTNER = savedOperation(ChangeNpqDeclarationDeliveryPartnerDocument);
