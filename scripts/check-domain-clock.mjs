#!/usr/bin/env node
/**
 * domain-reads-clock: src/domain/** has no zero-argument `new Date()` / `new Date` and no `Date.now` (nor
 * `globalThis.Date.now`): time comes from the request clock (src/domain/shared/clock.ts). Not an import rule, so
 * dependency-cruiser cannot hold it; the TypeScript parser finds the expressions (comments and strings are not code).
 *
 *   node scripts/check-domain-clock.mjs [root]   (part of npm run lint:layers) prints `file:line: domain-reads-clock (…)`
 *                                                per hit and exits 1, or prints nothing and exits 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const root = process.argv[2] ?? process.cwd();
const domain = join(root, 'src', 'domain');
const files = existsSync(domain) ? readdirSync(domain, { recursive: true, encoding: 'utf8' }).filter((f) => /\.[cm]?[jt]sx?$/.test(f) && !f.endsWith('.d.ts')) : [];
const isDate = (e) => (ts.isIdentifier(e) && e.text === 'Date') || (ts.isPropertyAccessExpression(e) && e.name.text === 'Date');

const hits = [];
for (const file of files.sort()) {
  const path = join(domain, file);
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    let what;
    if (ts.isNewExpression(node) && isDate(node.expression) && !node.arguments?.length) what = 'new Date()';
    else if (ts.isPropertyAccessExpression(node) && node.name.text === 'now' && isDate(node.expression)) what = 'Date.now()';
    if (what) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      hits.push(`${relative(root, path)}:${line}: domain-reads-clock (${what}: take the time from the request clock)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}
for (const hit of hits) console.error(hit);
if (hits.length) process.exitCode = 1;
