import type { OpenAPIV3 } from 'openapi-types';
import { npqV1V2Components } from './components/index.js';
import { buildDocument } from './document.js';
import { npqApplicationPathsFor } from './paths/npq-applications.paths.js';
import { npqParticipantPathsFor } from './paths/npq-participants.paths.js';

/** v1 serves the NPQ applications and participants in their v1 shape; declarations arrive later. */
export const v1Document: OpenAPIV3.Document = buildDocument('v1', npqV1V2Components('v1'), [npqApplicationPathsFor('v1'), npqParticipantPathsFor('v1')]);
