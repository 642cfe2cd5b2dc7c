import type { OpenAPIV3 } from 'openapi-types';
import { sharedComponents } from './components/index.js';
import { buildDocument } from './document.js';

/** v1 serves nothing yet; participants and declarations arrive later. */
export const v1Document: OpenAPIV3.Document = buildDocument('v1', sharedComponents(), []);
