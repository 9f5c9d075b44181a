/**
 * How `check` grows: the engine of `optim-lens check` (src/workspace/engine.ts, one thread) on one
 * generated training script of 1×, 2×, 4× and 8× a base length, and on 1×, 2×, 4× and 8× a base
 * number of scripts. Time is the median CPU time of several checks in this process (CPU, not
 * elapsed, time: the machine is shared, and a curve is only as good as its noise); memory is the peak
 * resident set of one check in a fresh process (maxRSS after the check minus maxRSS before it, with
 * the analyser loaded and warmed up on a small file). Each series ends with its growth exponent,
 * the least-squares slope of log(figure) against log(factor): 1 is linear, 2 quadratic. Nothing here
 * is asserted; a loaded machine bends the curves.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../harness';
import { createAnalyzer } from '../../src/analysis';
import { checkFiles } from '../../src/workspace/engine';
import { generateScript } from '../../test/fixtures/analysis/generate';

const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const WASM = {
  treeSitterWasm: fromRoot('node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: fromRoot('node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};

const FACTORS = [1, 2, 4, 8];
const BASE_LINES = 2_500;
const BASE_FILES = 50;
const FILE_LINES = 300;
const RUNS = 7;

interface MemoryFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const encode = (text: string) => new TextEncoder().encode(text);

/** The inputs of one point of a series, the same in this process and in a child. */
function tree(series: 'size' | 'count', factor: number): MemoryFile[] {
  if (series === 'size') return [{ path: 'train.py', bytes: encode(generateScript(BASE_LINES * factor, 7)) }];
  return Array.from({ length: BASE_FILES * factor }, (_, i) => ({ path: `train${i}.py`, bytes: encode(generateScript(FILE_LINES, 100 + i)) }));
}

type Analyzer = Awaited<ReturnType<typeof createAnalyzer>>;

async function check(analyzer: Analyzer, files: readonly MemoryFile[]): Promise<number> {
  let findings = 0;
  for await (const outcome of checkFiles(analyzer, files, { read: async (file) => file.bytes })) if ('findings' in outcome) findings += outcome.findings.length;
  return findings;
}

// In a child (GROWTH_POINT=series:factor): one check after a warm-up, and its peak memory.
const point = process.env.GROWTH_POINT;
if (point) {
  const [series, factor] = point.split(':') as ['size' | 'count', string];
  const files = tree(series, Number(factor));
  const analyzer = await createAnalyzer(WASM);
  await check(analyzer, [{ path: 'warm.py', bytes: encode(generateScript(200, 3)) }]);
  const before = process.resourceUsage().maxRSS;
  await check(analyzer, files);
  process.stdout.write(String((process.resourceUsage().maxRSS - before) / 1024));
  process.exit(0);
}

const analyzer = await createAnalyzer(WASM);
const thisFile = fileURLToPath(import.meta.url);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Least-squares slope of log(y) over log(x). */
function exponent(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map((y) => Math.log(Math.max(y, 1e-9)));
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  lx.forEach((x, i) => {
    num += (x - mx) * ((ly[i] as number) - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

function series(kind: 'size' | 'count'): BenchCase[] {
  const times: number[] = [];
  const memory: number[] = [];
  const label = (factor: number) => (kind === 'size' ? `one script of ${(BASE_LINES * factor).toLocaleString('en')} lines` : `${BASE_FILES * factor} scripts of ${FILE_LINES} lines`);
  const group = 'growth';
  const out: BenchCase[] = [];
  const trees = FACTORS.map((factor) => tree(kind, factor));
  let warm = false;
  for (const [i, factor] of FACTORS.entries()) {
    const files = trees[i] as MemoryFile[];
    out.push({
      group,
      name: `check CPU time · ${label(factor)} (${factor}×)`,
      unit: 'ms',
      measure: async () => {
        const t: number[] = [];
        // Every size once first: otherwise the 1× point also times V8 compiling the analyser, and
        // the curve comes out flatter than it is.
        if (!warm) for (const each of trees) await check(analyzer, each);
        warm = true;
        await check(analyzer, files);
        for (let i = 0; i < RUNS; i++) {
          const t0 = process.cpuUsage();
          await check(analyzer, files);
          const { user, system } = process.cpuUsage(t0);
          t.push((user + system) / 1000);
        }
        times.push(median(t));
        return median(t);
      },
    });
    out.push({
      group,
      name: `check peak memory · ${label(factor)} (${factor}×, fresh process, maxRSS above the warmed-up analyser)`,
      unit: 'MB',
      measure: () => {
        const mb = Number(execFileSync(process.execPath, [thisFile], { env: { ...process.env, GROWTH_POINT: `${kind}:${factor}` }, encoding: 'utf8' }));
        memory.push(mb);
        return mb;
      },
    });
  }
  const what = kind === 'size' ? 'file size' : 'file count';
  out.push({ group, name: `growth exponent of time in ${what} (1 = linear)`, unit: '', goal: 1.2, measure: () => exponent(FACTORS, times) });
  out.push({ group, name: `growth exponent of peak memory in ${what} (1 = linear)`, unit: '', goal: 1.2, measure: () => exponent(FACTORS, memory) });
  return out;
}

export const cases: BenchCase[] = [...series('size'), ...series('count')];
