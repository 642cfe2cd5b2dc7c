import type { OpenAPIV3 } from 'openapi-types';
import { v1V2Components } from './components/index.js';
import { buildDocument } from './document.js';
import { npqApplicationPathsFor } from './paths/npq-applications.paths.js';
import { npqOutcomePathsFor } from './paths/npq-outcomes.paths.js';
import { npqParticipantPathsFor } from './paths/npq-participants.paths.js';
import { ecfParticipantV1V2PathsFor } from './paths/participants-v1-v2.paths.js';
import { participantDeclarationPathsFor } from './paths/participant-declarations.paths.js';

/** v2 serves the ECF participants, the NPQ applications, participants and outcomes, and the participant declarations in their v2 shape. */
export const v2Document: OpenAPIV3.Document = buildDocument('v2', v1V2Components('v2'), [
  ecfParticipantV1V2PathsFor('v2'),
  npqApplicationPathsFor('v2'),
  npqOutcomePathsFor('v2'),
  npqParticipantPathsFor('v2'),
  participantDeclarationPathsFor('v2'),
]);
