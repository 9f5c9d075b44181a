// `npm run fuzz`: the fuzz harness of test/fuzz/ for a while, in one worker thread (the machine is
// shared), then a table of inputs and failures per target. Not part of `npm test`; a short seeded
// slice of the same harness is (test/unit/fuzz.test.ts).
//   npm run fuzz -- [--seconds 60] [--wall 3600] [--seed 1] [--only analyser,lambda]
// --seconds is CPU time (the machine is shared; per-input times are CPU time too), --wall a bound
// on the elapsed time.
// A failure is reproduced by its target, seed and index: `--seed S --only T --from I`.
// Failures (with their inputs) are written to out/fuzz/failures.json.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { root } from './lib/corpus.mjs';

const TARGETS = ['analyser', 'notebook', 'simulate spec', 'schedule spec', 'lambda', 'protocol'];
// Shares of the time: the analyser is the costliest and the most exposed reader.
const SHARES = { analyser: 0.5, notebook: 0.14, 'simulate spec': 0.08, 'schedule spec': 0.08, lambda: 0.1, protocol: 0.1 };
// An input with no answer after this much elapsed time is stopped (generous: the machine is shared).
const STALL_MS = 60_000;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : process.argv[at + 1];
}
if (process.argv.includes('--help')) {
  console.log('Usage: npm run fuzz -- [--seconds CPU_SECONDS] [--wall SECONDS] [--seed S] [--only T1,T2] [--from INDEX]');
  process.exit(0);
}
const seconds = Number(option('seconds', '60'));
const wall = Number(option('wall', String(seconds * 4)));
const seed = Number(option('seed', '1'));
const from = Number(option('from', '0'));
const only = option('only', TARGETS.join(',')).split(',');
const chosen = TARGETS.filter((t) => only.includes(t));

const outDir = path.join(root, 'out', 'fuzz');
mkdirSync(outDir, { recursive: true });
const workerFile = path.join(outDir, 'worker.mjs');
await esbuild.build({
  entryPoints: [path.join(root, 'test/fuzz/worker.ts')], outfile: workerFile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  external: ['web-tree-sitter'], logLevel: 'error', define: { __dirname: JSON.stringify(path.join(root, 'test/fuzz')) },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

const totalShare = chosen.reduce((sum, t) => sum + SHARES[t], 0);
const stats = Object.fromEntries(chosen.map((t) => [t, { inputs: 0, failures: 0, known: 0, cpuMs: 0, slowestMs: 0, slowestIndex: -1 }]));
const failures = [];
const started = Date.now();

/** Runs `plan` in a worker; resolves when it is done, or restarts it past an input that stalls. */
function run(plan) {
  /** Counts the stopped target's inputs and CPU time so far; the plan from the input after it. */
  const resume = (view) => {
    const number = Atomics.load(view, 0);
    const step = plan[number];
    const index = Atomics.load(view, 1);
    const used = Atomics.load(view, 3);
    stats[step.target].inputs += index + 1 - step.from;
    stats[step.target].cpuMs += used;
    console.log(`${step.target}: ${(index + 1 - step.from).toLocaleString('en')} inputs before a restart`);
    return [{ ...step, from: index + 1, cpuMs: Math.max(0, step.cpuMs - used) }, ...plan.slice(number + 1)];
  };
  return new Promise((resolve) => {
    const progress = new SharedArrayBuffer(16);
    const view = new Int32Array(progress);
    const worker = new Worker(workerFile, { workerData: { seed, plan, progress } });
    let last = -1;
    let lastChange = Date.now();
    let finished = 0;
    const watchdog = setInterval(() => {
      const count = Atomics.load(view, 2);
      if (count !== last) {
        [last, lastChange] = [count, Date.now()];
        return;
      }
      if (Date.now() - lastChange < STALL_MS) return;
      // One input has run for STALL_MS: record it, stop the worker and go on after it.
      clearInterval(watchdog);
      const step = plan[Atomics.load(view, 0)];
      const index = Atomics.load(view, 1);
      failures.push({ target: step.target, seed, index, kind: 'hang', detail: `no answer after ${STALL_MS} ms (stopped)`, input: '' });
      stats[step.target].failures++;
      void worker.terminate().then(() => resolve(run(resume(view))));
    }, 1000);
    worker.on('message', (m) => {
      if (m.type === 'failure') {
        failures.push(m.failure);
        stats[m.failure.target].failures++;
        if (m.failure.known) stats[m.failure.target].known++;
        if (failures.length <= 20) console.log(`  ${m.failure.target} #${m.failure.index}: ${m.failure.kind}${m.failure.known ? ` (issue 19: ${m.failure.known})` : ''}: ${m.failure.detail.split('\n')[0].slice(0, 160)}`);
      } else {
        const s = stats[m.target];
        s.inputs += m.inputs;
        s.cpuMs += m.cpuMs;
        if (m.slowestMs > s.slowestMs) [s.slowestMs, s.slowestIndex] = [m.slowestMs, m.slowestIndex];
        console.log(`${m.target}: ${m.inputs.toLocaleString('en')} inputs`);
        if (++finished === plan.length) {
          clearInterval(watchdog);
          void worker.terminate().then(resolve);
        }
      }
    });
    // An exception the harness did not catch (a stack overflow in its own checks): recorded against
    // the input it happened in, and the run goes on after it.
    worker.on('error', (error) => {
      clearInterval(watchdog);
      const number = Atomics.load(view, 0);
      const step = plan[number];
      const index = Atomics.load(view, 1);
      const known = /Maximum call stack/.test(error.message) && ['analyser', 'notebook'].includes(step.target) ? 'stack overflow' : undefined;
      failures.push({ target: step.target, seed, index, kind: 'exception', detail: `the harness itself: ${error.message}`, input: '', known });
      stats[step.target].failures++;
      if (known) stats[step.target].known++;
      resolve(run(resume(view)));
    });
  });
}

let at = started;
const plan = chosen.map((target) => {
  at += (wall * 1000 * SHARES[target]) / totalShare;
  return { target, from, cpuMs: (seconds * 1000 * SHARES[target]) / totalShare, until: Math.round(at) };
});
console.log(`fuzzing ${chosen.join(', ')} for ${seconds} s of CPU time (at most ${wall} s elapsed), seed ${seed}`);
await run(plan);

const rows = chosen.map((t) => {
  const s = stats[t];
  return `| ${t} | ${s.inputs.toLocaleString('en')} | ${(s.cpuMs / 1000).toFixed(0)} s | ${s.failures} | ${s.known} | ${s.slowestMs.toFixed(0)} ms (#${s.slowestIndex}) |`;
});
const total = chosen.reduce((sum, t) => sum + stats[t].inputs, 0);
const known = failures.filter((f) => f.known).length;
const cpu = chosen.reduce((sum, t) => sum + stats[t].cpuMs, 0) / 1000;
console.log(['', '| target | inputs | CPU time | failures | of which issue 19\'s known classes | slowest input (CPU) |', '|---|---:|---:|---:|---:|---:|', ...rows, `| **all** | **${total.toLocaleString('en')}** | **${cpu.toFixed(0)} s** | **${failures.length}** | **${known}** | |`].join('\n'));
const byKind = new Map();
for (const f of failures) {
  const key = `${f.target} · ${f.kind} · ${f.known ? `issue 19: ${f.known}` : f.detail.split('\n')[0].slice(0, 100)}`;
  byKind.set(key, (byKind.get(key) ?? 0) + 1);
}
if (byKind.size > 0) console.log(['', 'failures by kind:', ...[...byKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n} × ${k}`)].join('\n'));
writeFileSync(path.join(outDir, 'failures.json'), JSON.stringify({ seed, seconds, stats, failures }, null, 1));
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s; failures with their inputs in out/fuzz/failures.json`);
process.exitCode = failures.length > 0 ? 1 : process.exitCode;
