/**
 * Summarises a V8 .cpuprofile: self time by package / source folder, the top functions by self time, and
 * the inclusive time of functions whose name matches a pattern.
 *
 *   npx node --import @swc-node/register/esm-register bench/support/summarize-cpuprofile.ts <file> [top=25] [pattern ...]
 *
 * Inclusive time counts a function once per sample it is on the stack of; time after an `await` is a new
 * stack (rooted in the microtask queue), so inclusive figures of async functions cover their synchronous
 * slices only. Self time by package is the robust view.
 */
import { readFileSync } from 'node:fs';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function category(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node:internal';
  const src = /\/(src|test|bench)\/(.*)$/.exec(url);
  if (src) return `${src[1]}/${src[2].split('/').slice(0, -1).join('/') || '.'}`;
  return url;
}

const file = process.argv[2];
if (!file) {
  console.error('usage: summarize-cpuprofile.ts <file.cpuprofile> [top] [pattern ...]');
  process.exit(2);
}
const top = Number(process.argv[3] ?? 25) || 25;
const patterns = process.argv.slice(4).map((p) => new RegExp(p));
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfByNode = new Map<number, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  selfByNode.set(id, (selfByNode.get(id) ?? 0) + dt);
  total += dt;
});
const idle = [...selfByNode].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
const busy = total - idle;

const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const byCategory = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, t] of selfByNode) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === '(idle)') continue;
  add(byCategory, category(url, functionName), t);
  add(byFunction, `${functionName || '(anonymous)'}  ${url.replace(/^.*\/(node_modules|src|bench|test)\//, '$1/')}:${lineNumber + 1}`, t);
}

const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`;
const ms = (t: number) => `${(t / 1000).toFixed(0).padStart(7)} ms`;
console.log(`${file}: ${(total / 1e6).toFixed(2)} s sampled, busy ${(busy / 1e6).toFixed(2)} s (percentages are of busy time)\n`);
console.log('self time by package / folder');
for (const [k, t] of [...byCategory].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)} ${ms(t)}  ${k}`);
console.log('\nself time by function');
for (const [k, t] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${pct(t)} ${ms(t)}  ${k}`);

if (patterns.length) {
  console.log('\ninclusive time (synchronous slices) of matching functions');
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const { functionName, url } = byId.get(n)!.callFrame;
      for (const p of patterns) {
        const key = `${p.source}`;
        if (!seen.has(key) && p.test(`${functionName} ${url}`)) {
          seen.add(key);
          add(inclusive, key, dt);
        }
      }
    }
  });
  for (const p of patterns) console.log(`  ${pct(inclusive.get(p.source) ?? 0)} ${ms(inclusive.get(p.source) ?? 0)}  /${p.source}/`);
}
