import type { OpenAPIV3 } from 'openapi-types';
import { buildInfo, servers, type ApiVersion } from './info.js';
import type { PathGroup } from './operations.js';

/** Assembles one version's document from the shared pieces and that version's path groups. */
export function buildDocument(
  version: ApiVersion,
  components: OpenAPIV3.ComponentsObject,
  groups: PathGroup[],
): OpenAPIV3.Document {
  return {
    openapi: '3.0.3',
    info: buildInfo(version),
    servers,
    security: [{ bearerAuth: [] }],
    tags: groups.flatMap((g) => g.tags),
    paths: Object.assign({}, ...groups.map((g) => g.paths)) as OpenAPIV3.PathsObject,
    components,
  };
}
