import type { Router } from 'express';
import { buildRouter, type RestRoute } from './shared/router.js';
import type { FacadeRuntime, SavedOperation } from './shared/runtime.js';
import { deliveryPartnerRoutes } from './delivery-partners/delivery-partners.routes.js';
import { statementRoutes } from './statements/statements.routes.js';
import { schoolsRoutes } from './schools/schools.routes.js';
import { partnershipsRoutes } from './partnerships/partnerships.routes.js';
import { participantsRoutes } from './participants/participants.routes.js';
import { participantV1V2Routes } from './participants-v1-v2/participants-v1-v2.routes.js';
import { participantTransferRoutes } from './participant-transfers/participant-transfers.routes.js';
import { unfundedMentorsRoutes } from './unfunded-mentors/unfunded-mentors.routes.js';
import { npqApplicationRoutes } from './npq-applications/npq-applications.routes.js';
import { npqParticipantRoutes } from './npq-participants/npq-participants.routes.js';
import { npqOutcomeRoutes } from './npq-outcomes/npq-outcomes.routes.js';
import { npqCsvRoutes } from './npq-applications/npq-csv.routes.js';
import { participantDeclarationReadRoutes } from './participant-declarations/participant-declarations.routes.js';
import { npqDeclarationDeliveryPartnerRoutes } from './participant-declarations/npq-declaration-delivery-partner.routes.js';
import { participantDeclarationCreateRoutes } from './participant-declarations/declarations-create.routes.js';
import { participantDeclarationVoidRoutes } from './participant-declarations/declarations-void.routes.js';
import * as dpOps from './delivery-partners/delivery-partners.operations.js';
import * as stOps from './statements/statements.operations.js';
import * as schoolOps from './schools/schools.operations.js';
import * as pOps from './partnerships/partnerships.operations.js';
import * as participantOps from './participants/participants.operations.js';
import * as rectParticipantOps from './participants/rect-participants.operations.js';
import * as participantV1V2Ops from './participants-v1-v2/participants-v1-v2.operations.js';
import * as transferOps from './participant-transfers/participant-transfers.operations.js';
import * as unfundedOps from './unfunded-mentors/unfunded-mentors.operations.js';
import * as npqApplicationOps from './npq-applications/npq-applications.operations.js';
import * as participantActionOps from './participant-actions/participant-actions.operations.js';
import * as npqParticipantOps from './npq-participants/npq-participants.operations.js';
import * as npqOutcomeOps from './npq-outcomes/npq-outcomes.operations.js';
import * as declarationOps from './participant-declarations/participant-declarations.operations.js';
import * as npqDeclarationOps from './participant-declarations/npq-declarations.operations.js';
import * as recordEcfDeclarationOps from './participant-declarations/record-ecf-declaration.operations.js';
import * as voidDeclarationOps from './participant-declarations/void-declaration.operations.js';

export type { FacadeRuntime, SavedOperation } from './shared/runtime.js';

// Literal paths first so `/partnerships/ecf` is never read as `/partnerships/{id}` (express matches in order).
// The transfers routes come before the participants routes: `/participants/ecf/transfers` and
// `/participants/transfers` must not be read as `/participants/ecf/{id}` or `/participants/{id}`.
export const restRoutes: RestRoute[] = [
  ...deliveryPartnerRoutes,
  ...statementRoutes,
  ...schoolsRoutes,
  ...partnershipsRoutes,
  ...participantTransferRoutes,
  // Before any NPQ participants routes: `/participants/npq/outcomes` is not `/participants/npq/{id}` (npq.md §2.2).
  ...npqOutcomeRoutes,
  ...participantsRoutes,
  ...participantV1V2Routes,
  // Before the applications routes: `/npq-applications.csv` is not `/npq-applications/{id}`.
  ...npqCsvRoutes,
  ...unfundedMentorsRoutes,
  ...npqApplicationRoutes,
  // Literal `/participants/npq/...` paths of other features (the outcomes list) go before this line.
  ...npqParticipantRoutes,
  ...participantDeclarationReadRoutes,
  ...npqDeclarationDeliveryPartnerRoutes,
  ...participantDeclarationCreateRoutes,
  ...participantDeclarationVoidRoutes,
];

/** Every saved operation, for the server to parse and validate once at start-up. */
export const savedOperations: SavedOperation[] = [
  dpOps,
  stOps,
  schoolOps,
  pOps,
  participantOps,
  participantV1V2Ops,
  participantActionOps,
  rectParticipantOps,
  transferOps,
  unfundedOps,
  npqApplicationOps,
  npqParticipantOps,
  npqOutcomeOps,
  declarationOps,
  npqDeclarationOps,
  recordEcfDeclarationOps,
  voidDeclarationOps,
].flatMap((m) => Object.values(m).filter((v): v is SavedOperation => typeof v === 'object' && v !== null && 'document' in v));

export function restFacade(runtime: FacadeRuntime): Router {
  return buildRouter(restRoutes, runtime);
}
