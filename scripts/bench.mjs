// `npm run bench`: makes the production build, bundles every bench/cases/*.ts module, times its
// timed cases, reads its measured ones (sizes, memory) and prints one table.
// Goals are reported next to the figures; nothing here fails on a slow machine.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (args.some((a) => a.startsWith('-'))) {
  console.log('Usage: npm run bench [-- NAME…]   (NAME filters bench/cases/*.ts by file name, e.g. simulate)');
  process.exit(args.includes('--help') || args.includes('-h') ? 0 : 2);
}
const only = args;
const outDir = path.join(root, 'out', 'bench');
const SAMPLE_BUDGET_MS = Number(process.env.BENCH_BUDGET_MS ?? 1500);

async function loadCases() {
  const dir = path.join(root, 'bench', 'cases');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.ts') && (only.length === 0 || only.some((o) => f.includes(o))));
  await mkdir(outDir, { recursive: true });
  const cases = [];
  for (const file of files.sort()) {
    const outfile = path.join(outDir, file.replace(/\.ts$/, '.mjs'));
    await esbuild.build({
      entryPoints: [path.join(dir, file)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
      // Native/WASM packages load their own files relative to themselves: leave them in node_modules.
      external: ['@astral-sh/ruff-wasm-nodejs', 'web-tree-sitter'], logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    const mod = await import(pathToFileURL(outfile).href);
    cases.push(...(mod.cases ?? []));
  }
  return cases;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
let sink;

/** One call; a promise is awaited inside the timing (only a promise: synchronous cases stay synchronous). */
async function call(fn) {
  const result = fn();
  sink = result instanceof Promise ? await result : result;
}

/** Times `fns` interleaved (so a pair shares the machine's state), one call per sample each. */
async function sample(fns) {
  for (let i = 0; i < 3; i++) for (const fn of fns) await call(fn);
  const times = fns.map(() => []);
  const start = performance.now();
  while ((performance.now() - start < SAMPLE_BUDGET_MS && times[0].length < 500) || times[0].length < 5) {
    for (const [i, fn] of fns.entries()) {
      const t0 = performance.now();
      await call(fn);
      times[i].push(performance.now() - t0);
    }
  }
  return times;
}

const stats = (t) => ({ medianMs: median(t), minMs: Math.min(...t), maxMs: Math.max(...t), samples: t.length });
const fmt = (ms) => (ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0));

// What ships: sizes, activation and memory are read from the minified production bundles.
execFileSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'ignore' });

const cases = await loadCases();
const rows = [];
const done = new Set();
for (const c of cases) {
  if (done.has(c)) continue;
  if (c.measure) {
    rows.push({ group: c.group, name: c.name, value: await c.measure(), unit: c.unit, goal: c.goal });
    done.add(c);
    continue;
  }
  const partner = c.pair && cases.find((o) => o !== c && o.pair?.key === c.pair.key);
  if (partner) {
    const [a, b] = await sample([c.run, partner.run]);
    const ratios = a.map((x, i) => x / b[i]);
    const ratio = median(ratios);
    for (const [row, t] of [[c, a], [partner, b]]) {
      rows.push({ group: row.group, name: row.name, ...stats(t), goalMs: row.goalMs, pair: row.pair, ratio: row.pair.role === 'subject' ? ratio : 1 / ratio });
      done.add(row);
    }
  } else {
    const [t] = await sample([c.run]);
    rows.push({ group: c.group, name: c.name, ...stats(t), goalMs: c.goalMs });
    done.add(c);
  }
}

const verdict = (value, goal) => (goal === undefined ? '' : value <= goal ? 'met' : 'MISSED');

/** One table row: figures, the goal next to them, and whether it is met. */
function line(r) {
  if (r.unit !== undefined) {
    const value = r.value < 10 ? r.value.toFixed(2) : r.value.toFixed(r.value < 100 ? 1 : 0);
    return `| ${r.name} | ${value} ${r.unit} | | | ${r.goal === undefined ? '' : `≤ ${r.goal} ${r.unit}`} | ${verdict(r.value, r.goal)} |`;
  }
  const goalRatio = r.pair?.role === 'subject' ? r.pair.goalRatio : undefined;
  const ratio = r.pair?.role === 'subject' ? ` (${r.ratio.toFixed(2)}× ${r.pair.key} baseline)` : '';
  const goal = r.goalMs !== undefined ? `≤ ${r.goalMs} ms` : goalRatio !== undefined ? `≤ ${goalRatio}× baseline` : '';
  const met = r.goalMs !== undefined ? verdict(r.medianMs, r.goalMs) : verdict(r.ratio, goalRatio);
  return `| ${r.name}${ratio} | ${fmt(r.medianMs)} | ${fmt(r.minMs)} | ${fmt(r.maxMs)} | ${goal} | ${met} |`;
}

let group = '';
for (const r of rows) {
  if (r.group !== group) { group = r.group; console.log(`\n## ${group}\n| case | median ms | min | max | goal | |\n|---|---:|---:|---:|---:|---|`); }
  console.log(line(r));
}
await mkdir(path.join(root, 'bench'), { recursive: true });
// The machine is shared: its load says how much to trust the figures.
const machine = { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Number(l.toFixed(2))) };
console.log(`\n${os.cpus().length} cores, load average ${machine.loadavg.join(' ')} at the end; Node ${process.version}`);
await writeFile(path.join(root, 'bench', 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, machine, rows }, null, 2) + '\n');
console.log(`\n${rows.length} cases; written to bench/results.json`);
void sink;
