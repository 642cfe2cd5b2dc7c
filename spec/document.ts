import type { OpenAPIV3 } from 'openapi-types';
import { buildInfo, servers, type ApiVersion } from './info.js';
import type { PathGroup } from './operations.js';

/** Assembles one version's document from the shared pieces and that version's path groups. */
export function buildDocument(version: ApiVersion, components: OpenAPIV3.ComponentsObject, groups: PathGroup[]): OpenAPIV3.Document {
  const security = [{ bearerAuth: [] }];
  const paths = Object.assign({}, ...groups.map((g) => g.paths)) as OpenAPIV3.PathsObject;
  return {
    openapi: '3.0.3',
    info: buildInfo(version),
    servers,
    security,
    tags: groups.flatMap((g) => g.tags),
    paths,
    components: usedComponents(components, paths, security),
  };
}

type ComponentMaps = Record<string, Record<string, unknown> | undefined>;

/**
 * The components that the paths reach (following `$ref`s transitively) and the security schemes that
 * `security` names. A version publishes nothing it does not use, so v1 and v2, which serve no operation
 * yet, carry only the security scheme.
 */
export function usedComponents(
  components: OpenAPIV3.ComponentsObject,
  paths: OpenAPIV3.PathsObject,
  security: OpenAPIV3.SecurityRequirementObject[],
): OpenAPIV3.ComponentsObject {
  const all = components as ComponentMaps;
  const used = new Set<string>(security.flatMap((s) => Object.keys(s).map((name) => `securitySchemes/${name}`)));
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/')) {
        const target = value.slice('#/components/'.length);
        if (used.has(target)) continue;
        used.add(target);
        const [kind, name] = target.split('/');
        const component = all[kind]?.[name];
        if (component === undefined) throw new Error(`dangling $ref ${value}`);
        visit(component);
      } else {
        visit(value);
      }
    }
  };
  visit(paths);
  const result: ComponentMaps = {};
  for (const [kind, map] of Object.entries(all)) {
    const kept = Object.entries(map ?? {}).filter(([name]) => used.has(`${kind}/${name}`));
    if (kept.length > 0) result[kind] = Object.fromEntries(kept);
  }
  return result;
}
