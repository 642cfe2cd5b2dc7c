import type { OpenAPIV3 } from 'openapi-types';
import { npqV1V2Components } from './components/index.js';
import { buildDocument } from './document.js';
import { npqApplicationPathsFor } from './paths/npq-applications.paths.js';
import { npqParticipantPathsFor } from './paths/npq-participants.paths.js';

/** v2 serves the NPQ applications and participants in their v2 shape; declarations arrive later. */
export const v2Document: OpenAPIV3.Document = buildDocument('v2', npqV1V2Components('v2'), [npqApplicationPathsFor('v2'), npqParticipantPathsFor('v2')]);
