import type { Router } from 'express';
import { buildRouter, type RestRoute } from './shared/router.js';
import type { FacadeRuntime, SavedOperation } from './shared/runtime.js';
import { deliveryPartnerRoutes } from './delivery-partners/delivery-partners.routes.js';
import { statementRoutes } from './statements/statements.routes.js';
import { schoolsRoutes } from './schools/schools.routes.js';
import { partnershipsRoutes } from './partnerships/partnerships.routes.js';
import { participantsRoutes } from './participants/participants.routes.js';
import { participantTransferRoutes } from './participant-transfers/participant-transfers.routes.js';
import { unfundedMentorsRoutes } from './unfunded-mentors/unfunded-mentors.routes.js';
import { npqApplicationRoutes } from './npq-applications/npq-applications.routes.js';
import * as dpOps from './delivery-partners/delivery-partners.operations.js';
import * as stOps from './statements/statements.operations.js';
import * as schoolOps from './schools/schools.operations.js';
import * as pOps from './partnerships/partnerships.operations.js';
import * as participantOps from './participants/participants.operations.js';
import * as transferOps from './participant-transfers/participant-transfers.operations.js';
import * as unfundedOps from './unfunded-mentors/unfunded-mentors.operations.js';
import * as npqApplicationOps from './npq-applications/npq-applications.operations.js';

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
  ...participantsRoutes,
  ...unfundedMentorsRoutes,
  ...npqApplicationRoutes,
];

/** Every saved operation, for the server to parse and validate once at start-up. */
export const savedOperations: SavedOperation[] = [dpOps, stOps, schoolOps, pOps, participantOps, transferOps, unfundedOps, npqApplicationOps].flatMap((m) =>
  Object.values(m).filter((v): v is SavedOperation => typeof v === 'object' && v !== null && 'document' in v),
);

export function restFacade(runtime: FacadeRuntime): Router {
  return buildRouter(restRoutes, runtime);
}
