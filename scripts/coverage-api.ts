/**
 * `npm run coverage:api` — which operations of the seven reference specs (spec/reference, vendored) the
 * service serves, according to its own OpenAPI documents (`openApiDocuments` from spec/index.ts).
 *
 * Templates are compared with every `{param}` normalised to `{}` (parameter names may differ), methods
 * case-insensitively. Shared paths (e.g. GET /api/v3/delivery-partners in ECF, NPQ and RECT v3) count once
 * per reference spec.
 *
 *   COVERAGE_SPEC_MODULE=/path/to/module.ts   use another module exporting `openApiDocuments`
 *   --missing                                 list only the operations not yet served
 *
 * Exit code 0 whatever the coverage; 1 only if the spec module exists but cannot be loaded.
 */
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OpenAPIV3 } from 'openapi-types';
import { REFERENCE_SPEC_NAMES, listOperations, loadReferenceSpec, normaliseTemplate, type ReferenceSpecName } from '../test/support/reference-specs.js';

type Documents = Record<string, OpenAPIV3.Document>;

const SPEC_TITLES: Record<ReferenceSpecName, string> = {
  ecf_v1: 'ECF v1',
  ecf_v2: 'ECF v2',
  ecf_v3: 'ECF v3',
  npq_v1: 'NPQ v1',
  npq_v2: 'NPQ v2',
  npq_v3: 'NPQ v3',
  rect_v3: 'RECT v3',
};

/** The module to load: COVERAGE_SPEC_MODULE, else spec/index.ts; a `.js` name falls back to its `.ts` source. */
function specModuleLocation(): { url: string; label: string; exists: boolean } {
  const override = process.env.COVERAGE_SPEC_MODULE;
  if (override && /^[a-z][a-z0-9+.-]{1,}:/i.test(override) && !override.startsWith('file:')) {
    return { url: override, label: override, exists: true };
  }
  const requested = override
    ? override.startsWith('file:')
      ? fileURLToPath(override)
      : resolve(process.env.INIT_CWD ?? process.cwd(), override)
    : fileURLToPath(new URL('../spec/index.ts', import.meta.url));
  const candidates = [requested];
  if (/\.[cm]?js$/.test(requested)) candidates.push(requested.replace(/\.([cm]?)js$/, '.$1ts'));
  if (/\.[cm]?ts$/.test(requested)) candidates.push(requested.replace(/\.([cm]?)ts$/, '.$1js'));
  const found = candidates.find((c) => existsSync(c));
  const label = override ? requested : relative(process.cwd(), requested) || requested;
  return { url: pathToFileURL(found ?? requested).href, label, exists: found !== undefined };
}

async function loadServiceDocuments(): Promise<{ docs: Documents; label: string; missing: boolean }> {
  const { url, label, exists } = specModuleLocation();
  if (!exists) return { docs: {}, label, missing: true };
  // A computed specifier: spec/index.ts is written separately and may not exist yet.
  const mod = (await import(url)) as { openApiDocuments?: Documents };
  if (!mod.openApiDocuments || typeof mod.openApiDocuments !== 'object') {
    throw new Error(`${label} does not export openApiDocuments`);
  }
  return { docs: mod.openApiDocuments, label, missing: false };
}

const opKey = (method: string, path: string) => `${method.toUpperCase()} ${normaliseTemplate(path)}`;

async function main(): Promise<void> {
  const onlyMissing = process.argv.includes('--missing');
  const { docs, label, missing } = await loadServiceDocuments();
  if (missing) console.warn(`warning: ${label} not found; counting every operation as not yet served\n`);

  const served = new Map<string, string>(); // normalised key → `METHOD template` as the service spells it
  for (const doc of Object.values(docs)) {
    for (const op of listOperations(doc)) served.set(opKey(op.method, op.path), `${op.method} ${op.path}`);
  }

  const referenceKeys = new Set<string>();
  const totals: { name: ReferenceSpecName; served: number; total: number }[] = [];
  const lines: string[] = [];
  lines.push(`Reference operations served by the service's OpenAPI documents (${label})`);

  for (const name of REFERENCE_SPEC_NAMES) {
    const ops = listOperations(loadReferenceSpec(name));
    const width = Math.max(...ops.map((o) => o.path.length));
    let count = 0;
    const body: string[] = [];
    for (const op of ops) {
      const key = opKey(op.method, op.path);
      referenceKeys.add(key);
      const isServed = served.has(key);
      if (isServed) count++;
      if (onlyMissing && isServed) continue;
      body.push(`  ${op.method.padEnd(6)} ${op.path.padEnd(width)}  ${isServed ? 'served' : 'not yet served'}`);
    }
    totals.push({ name, served: count, total: ops.length });
    lines.push('', `${name} (${SPEC_TITLES[name]}): ${count} of ${ops.length} served`, ...body);
  }

  const extra = [...served]
    .filter(([k]) => !referenceKeys.has(k))
    .map(([, original]) => original)
    .sort();
  if (extra.length) {
    lines.push('', `In the service's documents but in no reference spec (${extra.length}):`, ...extra.map((k) => `  ${k}`));
  }

  const servedAll = totals.reduce((n, t) => n + t.served, 0);
  const totalAll = totals.reduce((n, t) => n + t.total, 0);
  lines.push('', 'Totals');
  for (const t of totals) lines.push(`  ${t.name.padEnd(8)} ${String(t.served).padStart(3)} of ${String(t.total).padStart(3)}`);
  lines.push('', `${servedAll} of ${totalAll} operations served`);
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
