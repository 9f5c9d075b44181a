/**
 * What one keystroke costs the extension host's thread, by file size (10 KB → 4 MB of generated
 * realistic training code, test/fixtures/analysis/generate.ts): the first open (open + findings),
 * and after a one-character edit in the last training loop of the file, the incremental `edit` +
 * `findings()` that src/features/diagnostics.ts runs after its debounce, all on the host's thread.
 * Goal: a frame (16 ms) per keystroke.
 */
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../harness';
import { createAnalyzer } from '../../src/analysis';
import { generateScript } from '../../test/fixtures/analysis/generate';
import { RemoteDocuments } from '../../src/workspace/remoteDocuments';
import { documentWorker } from '../../src/workspace/documentThread';

const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const analyzer = await createAnalyzer({
  treeSitterWasm: fromRoot('node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: fromRoot('node_modules/tree-sitter-python/tree-sitter-python.wasm'),
});

const KB = 1024;
const SIZES = [10 * KB, 100 * KB, 1024 * KB, 4096 * KB];

/** A generated script of at least `bytes` characters (about 36 per line). */
export function scriptOfSize(bytes: number, seed = 11): string {
  let lines = Math.max(50, Math.round(bytes / 36));
  let text = generateScript(lines, seed);
  while (text.length < bytes) {
    lines = Math.ceil(lines * (bytes / text.length) * 1.02);
    text = generateScript(lines, seed);
  }
  return text;
}

const label = (bytes: number) => (bytes >= 1024 * KB ? `${bytes / (1024 * KB)} MB` : `${bytes / KB} KB`);

/** Where a keystroke lands: inside the last training loop of the file (its end, where a bug would be shown). */
function editPoint(text: string): number {
  const at = text.lastIndexOf('running_loss += loss.item()');
  return (at >= 0 ? at : text.length >> 1) + 'running_loss'.length;
}

const workerPoint = process.env.KEYSTROKE_WORKER;
const texts = workerPoint ? [] : SIZES.map((bytes) => scriptOfSize(bytes));
for (let i = 0; i < 10; i++) analyzer.analyzeText(texts[0] ?? '');

const cases: BenchCase[] = [];
for (const [i, bytes] of workerPoint ? [] : SIZES.entries()) {
  const text = texts[i] ?? '';
  const name = `${label(bytes)} (${text.split('\n').length.toLocaleString('en')} lines)`;
  cases.push({
    group: 'keystroke',
    name: `first open: open + findings · ${name}`,
    unit: 'ms',
    measure: () => {
      const times: number[] = [];
      for (let k = 0; k < 3; k++) {
        const t0 = performance.now();
        const doc = analyzer.open(text);
        doc.findings();
        times.push(performance.now() - t0);
        doc.dispose();
      }
      return times.sort((a, b) => a - b)[1] ?? 0;
    },
  });
  const doc = analyzer.open(text);
  doc.findings();
  const at = editPoint(text);
  let typed = false;
  cases.push({
    group: 'keystroke',
    name: `in-process keystroke: edit + findings · ${name}`,
    goalMs: 16,
    run: () => {
      doc.edit([typed ? { rangeOffset: at, rangeLength: 1, text: '' } : { rangeOffset: at, rangeLength: 0, text: '_' }]);
      typed = !typed;
      return doc.findings().length;
    },
  });
}


/**
 * What the host's thread does per keystroke when the document is in the document worker
 * (src/workspace/remoteDocuments.ts, the worker thread of dist/documentWorker.js): each keystroke is
 * forwarded and its findings awaited, while a ticker on the host's event loop records the longest
 * gap between its turns (the longest block, which includes the machine's other jobs preempting the
 * thread), and the event loop's utilization gives the host thread's busy time. Median of 9
 * keystrokes each, in a fresh process (so the in-process documents above, and their garbage collection,
 * are not in this heap).
 */
const workerFile = fromRoot('dist/documentWorker.js');
const WASM = { treeSitterWasm: fromRoot('node_modules/web-tree-sitter/tree-sitter.wasm'), languageWasm: fromRoot('node_modules/tree-sitter-python/tree-sitter-python.wasm') };

/** The longest gap between two turns of a ticker on the host's event loop while `work` runs. */
async function longestBlock(work: () => Promise<unknown>): Promise<number> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  longest = Math.max(longest, performance.now() - last);
  running = false;
  return longest;
}

/** The host thread's busy time while `work` runs (event loop utilization: time not spent waiting for events). */
async function busyTime(work: () => Promise<unknown>): Promise<number> {
  const elu = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(elu).active;
}

interface Point {
  readonly longest: number;
  readonly busy: number;
  readonly control: number;
  readonly analysisMs: number;
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1] ?? 0;

async function workerKeystrokes(bytes: number): Promise<Point> {
  const text = scriptOfSize(bytes);
  const remote = new RemoteDocuments({ spawn: (events) => documentWorker(workerFile, WASM, events), log: (line) => console.error(line) });
  let version = 1;
  const doc = remote.open('bench.py', { text, version }, () => ({ text, version }));
  await doc.findings();
  const at = editPoint(text);
  const keystroke = (k: number) => async () => {
    doc.edit(++version, [k % 2 === 0 ? { rangeOffset: at, rangeLength: 0, text: '_' } : { rangeOffset: at, rangeLength: 1, text: '' }]);
    if (!(await doc.findings())) throw new Error('the worker gave no findings');
  };
  const longest: number[] = [];
  const busy: number[] = [];
  // Apart: the ticker keeps the event loop busy, which is what utilization counts.
  for (let k = 0; k < 10; k++) longest.push(await longestBlock(keystroke(k)));
  for (let k = 0; k < 10; k++) busy.push(await busyTime(keystroke(k)));
  // The control: a thread that only burns the CPU for as long as a keystroke's analysis takes, with
  // nothing for the host to do. Its gaps are the machine's (other threads preempting the host's).
  const t0 = performance.now();
  await keystroke(0)();
  const analysisMs = performance.now() - t0;
  const burner = new Worker("require('node:worker_threads').parentPort.on('message', (ms) => { const t = Date.now(); let x = 0; while (Date.now() - t < ms) x += Math.sqrt(x + 1); require('node:worker_threads').parentPort.postMessage(x); });", { eval: true });
  const control: number[] = [];
  for (let k = 0; k < 10; k++) control.push(await longestBlock(() => new Promise((resolve) => { burner.once('message', resolve); burner.postMessage(analysisMs); })));
  await burner.terminate();
  remote.dispose();
  return { longest: median(longest), busy: median(busy), control: median(control), analysisMs };
}

if (workerPoint) {
  process.stdout.write(JSON.stringify(await workerKeystrokes(Number(workerPoint))));
  process.exit(0);
}

const thisFile = fileURLToPath(import.meta.url);
for (const bytes of SIZES) {
  if (bytes < 1024 * KB) continue;
  let point: Point | undefined;
  const measured = () => (point ??= JSON.parse(execFileSync(process.execPath, [thisFile], { env: { ...process.env, KEYSTROKE_WORKER: String(bytes) }, encoding: 'utf8' })) as Point);
  cases.push(
    { group: 'keystroke', name: `worker keystroke: host thread busy, edit → findings back · ${label(bytes)}`, unit: 'ms', goal: 16, measure: () => measured().busy },
    { group: 'keystroke', name: `worker keystroke: edit → findings back, elapsed (the worker's analysis) · ${label(bytes)}`, unit: 'ms', measure: () => measured().analysisMs },
    { group: 'keystroke', name: `worker keystroke: longest gap in the host's event loop meanwhile · ${label(bytes)}`, unit: 'ms', measure: () => measured().longest },
    { group: 'keystroke', name: `control: longest gap while a thread only burns the CPU as long · ${label(bytes)}`, unit: 'ms', measure: () => measured().control },
  );
}

export { cases };
