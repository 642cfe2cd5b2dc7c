import type { OpenAPIV3 } from 'openapi-types';
import { npqV1V2Components } from './components/index.js';
import { buildDocument } from './document.js';
import { npqApplicationPathsFor } from './paths/npq-applications.paths.js';
import { npqOutcomePathsFor } from './paths/npq-outcomes.paths.js';

/** v1 serves the NPQ applications in their v1 shape; participants and declarations arrive later. */
export const v1Document: OpenAPIV3.Document = buildDocument('v1', npqV1V2Components('v1'), [npqApplicationPathsFor('v1'), npqOutcomePathsFor('v1')]);
