import type { OpenAPIV3 } from 'openapi-types';
import { npqV1V2Components } from './components/index.js';
import { buildDocument } from './document.js';
import { npqApplicationPathsFor } from './paths/npq-applications.paths.js';
import { npqOutcomePathsFor } from './paths/npq-outcomes.paths.js';

/** v2 serves the NPQ applications in their v2 shape; participants and declarations arrive later. */
export const v2Document: OpenAPIV3.Document = buildDocument('v2', npqV1V2Components('v2'), [npqApplicationPathsFor('v2'), npqOutcomePathsFor('v2')]);
