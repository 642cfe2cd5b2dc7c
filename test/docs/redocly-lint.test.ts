import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { openApiDocuments, openApiYaml, type ApiVersion } from '../../spec/index.js';

/**
 * The served YAML of each version, linted by Redocly CLI with its `recommended` ruleset, as a provider's
 * tooling (and the check) would: no errors and no warnings.
 */
const run = promisify(execFile);
const CLI = resolve('node_modules/@redocly/cli/bin/cli.js');
const VERSIONS: ApiVersion[] = ['v1', 'v2', 'v3'];

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: Array<{ pointer?: string }>;
}
interface LintResult {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redocly-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function lint(name: string, yamlText: string): Promise<LintResult> {
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, yamlText);
  // Exit code 1 when there are errors; the JSON report is on stdout either way.
  const { stdout } = await run(process.execPath, [CLI, 'lint', '--extends', 'recommended', '--format', 'json', file], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    timeout: 60_000,
  }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return JSON.parse(stdout) as LintResult;
}

const summary = (r: LintResult) => r.problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);

/**
 * The warnings the served documents cannot avoid: ECF, RECT and NPQ publish their paths on separate hosts (and ECF
 * v1 itself lists `/participants/{id}/defer` beside `/participants/ecf/{id}`), and this service serves them on one,
 * so two live paths can share a template shape. The router tries literal segments first (`matchOrder` in
 * src/rest-facade/shared/router.ts, tested in test/rest-facade/route-order.test.ts), and a participant id is a UUID,
 * never `ecf` or `npq`, so every request has one meaning. Each pair is listed; any other ambiguity (or any other
 * warning) still fails.
 */
const LIVE_AMBIGUOUS_PATHS: Record<ApiVersion, string[]> = {
  v1: [
    ...['defer', 'resume', 'withdraw', 'change-schedule'].map((a) => `\`/api/v1/participants/ecf/{id}\` and \`/api/v1/participants/{id}/${a}\``),
    '`/api/v1/participants/{id}/defer` and `/api/v1/participants/npq/{id}`',
  ],
  v2: [],
  v3: [
    '`/api/v3/participants/ecf/{id}` and `/api/v3/participants/{id}/transfers`',
    ...['defer', 'resume', 'withdraw', 'change-schedule'].map((a) => `\`/api/v3/participants/ecf/{id}\` and \`/api/v3/participants/{id}/${a}\``),
    '`/api/v3/participants/{id}/resume` and `/api/v3/participants/npq/{id}`',
  ],
};

it.each(VERSIONS)('%s: the served YAML has no Redocly errors or warnings (recommended ruleset)', async (version) => {
  const result = await lint(version, openApiYaml(version));
  const allowed = (p: LintProblem) => p.ruleId === 'no-ambiguous-paths' && LIVE_AMBIGUOUS_PATHS[version].some((pair) => p.message.includes(pair));
  expect(summary({ ...result, problems: result.problems.filter((p) => !allowed(p)) })).toEqual([]);
  expect(result.problems.filter(allowed)).toHaveLength(LIVE_AMBIGUOUS_PATHS[version].length);
  expect(result.totals).toEqual({ errors: 0, warnings: LIVE_AMBIGUOUS_PATHS[version].length, ignored: 0 });
});

it('reports a broken document (so the check above is not vacuous)', async () => {
  const broken = structuredClone(openApiDocuments.v3);
  broken.paths['/api/v3/statements']!.get!.responses['200'] = { $ref: '#/components/responses/Missing' };
  const result = await lint('broken', stringify(broken));
  expect(result.totals.errors).toBeGreaterThan(0);
  expect(result.problems.map((p) => p.ruleId)).toContain('no-unresolved-refs');
});
