import type { OpenAPIV3 } from 'openapi-types';
import { stringify } from 'yaml';
import type { ApiVersion } from './info.js';
import { v1Document } from './v1.openapi.js';
import { v2Document } from './v2.openapi.js';
import { v3Document } from './v3.openapi.js';

export type { ApiVersion } from './info.js';

/** The service's own OpenAPI 3.0.3 documents, one per API version, describing what it serves now. */
export const openApiDocuments: Record<ApiVersion, OpenAPIV3.Document> = {
  v1: v1Document,
  v2: v2Document,
  v3: v3Document,
};

const yamlCache = new Map<ApiVersion, string>();

/** The document as YAML (what providers import into Postman), rendered once per version. */
export function openApiYaml(version: ApiVersion): string {
  let text = yamlCache.get(version);
  if (text === undefined) {
    // aliasDuplicateObjects off: shared objects are written out in full, never as YAML anchors.
    text = stringify(openApiDocuments[version], { aliasDuplicateObjects: false, lineWidth: 0 });
    yamlCache.set(version, text);
  }
  return text;
}
