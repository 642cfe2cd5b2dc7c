import type { OpenAPIV3 } from 'openapi-types';
import { v3Components } from './components/index.js';
import { buildDocument } from './document.js';
import { deliveryPartnerPaths } from './paths/delivery-partners.paths.js';
import { npqApplicationPaths } from './paths/npq-applications.paths.js';
import { npqOutcomePathsFor } from './paths/npq-outcomes.paths.js';
import { npqParticipantPathsFor } from './paths/npq-participants.paths.js';
import { ecfParticipantPaths, rectParticipantPaths } from './paths/participants.paths.js';
import { ecfParticipantListingPaths, rectParticipantListingPaths } from './paths/participant-listings.paths.js';
import { ecfPartnershipPaths, rectPartnershipPaths } from './paths/partnerships.paths.js';
import { ecfSchoolPaths, rectSchoolPaths } from './paths/schools.paths.js';
import { statementPaths } from './paths/statements.paths.js';
import { participantDeclarationPathsFor } from './paths/participant-declarations.paths.js';

export const v3Document: OpenAPIV3.Document = buildDocument('v3', v3Components(), [
  deliveryPartnerPaths,
  statementPaths,
  ecfSchoolPaths,
  ecfPartnershipPaths,
  ecfParticipantPaths,
  ecfParticipantListingPaths,
  rectSchoolPaths,
  rectPartnershipPaths,
  rectParticipantPaths,
  rectParticipantListingPaths,
  npqApplicationPaths,
  npqOutcomePathsFor('v3'),
  npqParticipantPathsFor('v3'),
  participantDeclarationPathsFor('v3'),
]);
