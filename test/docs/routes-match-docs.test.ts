import type { OpenAPIV3 } from 'openapi-types';
import { parse } from 'yaml';
import { restRoutes } from '../../src/rest-facade/index.js';
import type { RestRoute } from '../../src/rest-facade/shared/router.js';
import { openApiYaml, type ApiVersion } from '../../spec/index.js';

/**
 * The REST routes the service serves (the facade's own route table, so this cannot drift from the router)
 * against the operations of the document served for their version (the YAML the docs URLs send).
 */
const VERSIONS: ApiVersion[] = ['v1', 'v2', 'v3'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** Express `/api/v3/partnerships/ecf/:id` → OpenAPI `/api/v3/partnerships/ecf/{id}`. */
const openApiPath = (expressPath: string): string => expressPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const versionOf = (path: string): string | undefined => /^\/api\/(v\d+)\//.exec(path)?.[1];
const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

const SERVED = Object.fromEntries(VERSIONS.map((v) => [v, parse(openApiYaml(v)) as OpenAPIV3.Document])) as Record<ApiVersion, OpenAPIV3.Document>;

const served = (version: ApiVersion): Map<string, OpenAPIV3.OperationObject> => {
  const doc = SERVED[version];
  const ops = new Map<string, OpenAPIV3.OperationObject>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) if (item?.[m]) ops.set(keyOf(m, path), item[m]);
  }
  return ops;
};
const DOCS = Object.fromEntries(VERSIONS.map((v) => [v, served(v)])) as Record<ApiVersion, Map<string, OpenAPIV3.OperationObject>>;

const routesOf = (version: ApiVersion): RestRoute[] => restRoutes.filter((r) => versionOf(r.path) === version);

it('maps express path parameters to OpenAPI templates', () => {
  expect(openApiPath('/api/v3/partnerships/ecf/:id')).toBe('/api/v3/partnerships/ecf/{id}');
  expect(openApiPath('/api/v1/participants/:participant_id/withdraw')).toBe('/api/v1/participants/{participant_id}/withdraw');
  expect(openApiPath('/api/v3/statements')).toBe('/api/v3/statements');
});

it('serves REST routes only under a documented version', () => {
  expect(restRoutes.length).toBeGreaterThan(0);
  for (const route of restRoutes) expect([route.path, VERSIONS]).toEqual([route.path, expect.arrayContaining([versionOf(route.path)])]);
});

it('has no route twice', () => {
  const keys = restRoutes.map((r) => keyOf(r.method, r.path));
  expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
});

describe.each(VERSIONS)('%s', (version) => {
  const ops = DOCS[version];
  const routes = routesOf(version);

  it('documents every route the service serves', () => {
    const undocumented = routes.map((r) => keyOf(r.method, openApiPath(r.path))).filter((k) => !ops.has(k));
    expect(undocumented).toEqual([]);
  });

  it('serves every operation the document lists', () => {
    const routeKeys = new Set(routes.map((r) => keyOf(r.method, openApiPath(r.path))));
    expect([...ops.keys()].filter((k) => !routeKeys.has(k))).toEqual([]);
  });

  it('documents exactly the path parameters of each route', () => {
    for (const route of routes) {
      const op = ops.get(keyOf(route.method, openApiPath(route.path)));
      if (!op) continue; // reported by 'documents every route the service serves'
      const documented = (op.parameters as Array<OpenAPIV3.ParameterObject | OpenAPIV3.ReferenceObject>)
        .map((p) => ('$ref' in p ? resolveParameter(version, p.$ref) : p))
        .filter((p) => p.in === 'path')
        .map((p) => p.name);
      const expressParams = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]);
      expect([route.path, documented]).toEqual([route.path, expressParams]);
    }
  });

  it('says which token programmes may call each route, and lists 403 for the rest', () => {
    for (const route of routes) {
      const op = ops.get(keyOf(route.method, openApiPath(route.path)));
      if (!op) continue;
      const both = route.programmes.includes('ecf') && route.programmes.includes('npq');
      const expected = both
        ? 'ECF and NPQ tokens may call it.'
        : route.programmes.includes('npq')
          ? 'Only NPQ tokens may call it'
          : 'Only ECF tokens may call it';
      expect([route.path, op.description]).toEqual([route.path, expect.stringContaining(expected)]);
      expect(op.responses).toHaveProperty(['403']);
    }
  });
});

function resolveParameter(version: ApiVersion, ref: string): OpenAPIV3.ParameterObject {
  return SERVED[version].components!.parameters![ref.split('/').pop()!] as OpenAPIV3.ParameterObject;
}
