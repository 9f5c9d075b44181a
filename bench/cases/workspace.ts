/**
 * "Check Workspace" and `optim-lens check DIR`: the engine (src/workspace/engine.ts) over a seeded
 * tree of files held in memory, in this thread and with its worker threads (pool.ts, one per core),
 * next to Ruff's WASM `check` with its default rules on the same files, both decoding the bytes
 * first. Goal: at least as many files per second as Ruff (a ratio ≤ 1).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { BenchCase } from '../harness';
import { createAnalyzer } from '../../src/analysis';
import { checkFiles, type ParallelChecker } from '../../src/workspace/engine';
import { poolSize, WorkerPool } from '../../src/workspace/pool';
import { seededRandom } from '../../src/core/random';
import { generateModule, generateScript } from '../../test/fixtures/analysis/generate';

// This module sits two folders below the repository root both as source and as bundle (out/bench).
const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

const analyzer = await createAnalyzer({
  treeSitterWasm: fromRoot('node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: fromRoot('node_modules/tree-sitter-python/tree-sitter-python.wasm'),
});
const ruff = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf16);

interface MemoryFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

const SIZES = [50, 150, 400, 1_000];

/** `count` files of `make(lines, seed)`, sizes drawn (seeded) from SIZES. */
function files(prefix: string, count: number, seed: number, make: (lines: number, seed: number) => string): MemoryFile[] {
  const r = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const text = make(SIZES[Math.floor(r() * SIZES.length)]!, seed * 1_000 + i);
    return { path: `${prefix}/${i}.py`, bytes: new TextEncoder().encode(text) };
  });
}

const scripts = files('train', 200, 11, generateScript);
const modules = files('lib', 200, 12, generateModule);
const decoder = new TextDecoder();

async function engine(tree: readonly MemoryFile[], checker: typeof analyzer | ParallelChecker = analyzer): Promise<number> {
  let findings = 0;
  for await (const outcome of checkFiles(checker, tree, { read: async (file) => file.bytes })) if ('findings' in outcome) findings += outcome.findings.length;
  return findings;
}

// The workers run the bundle the extension and the CLI ship.
const workerFile = fromRoot('dist/workspaceWorker.js');
if (!existsSync(workerFile)) execFileSync(process.execPath, [fromRoot('esbuild.mjs')], { cwd: fromRoot('.'), stdio: 'ignore' });
const workers = poolSize(400);
const pool = new WorkerPool({ workerFile, size: workers, parser: { wasmDir: fromRoot('dist') } });

function ruffCheck(tree: readonly MemoryFile[]): number {
  let diagnostics = 0;
  for (const file of tree) diagnostics += (ruff.check(decoder.decode(file.bytes)) as unknown[]).length;
  return diagnostics;
}

function lines(tree: readonly MemoryFile[]): string {
  const count = tree.reduce((sum, f) => sum + decoder.decode(f.bytes).split('\n').length, 0);
  return `${tree.length} files, ${count.toLocaleString('en')} lines`;
}

function pair(label: string, tree: readonly MemoryFile[], checker: typeof analyzer | ParallelChecker = analyzer): BenchCase[] {
  const how = checker === analyzer ? 'engine, one thread' : `engine, ${workers} worker threads`;
  const key = `${checker === analyzer ? 'engine' : 'workers'} vs Ruff, ${tree.length} files`;
  const what = `${label} · ${lines(tree)}`;
  return [
    { group: 'workspace check', name: `${how} · ${what}`, pair: { key, role: 'subject' }, run: () => engine(tree, checker) },
    { group: 'workspace check', name: `Ruff WASM check, default rules · ${what}`, pair: { key, role: 'baseline' }, run: () => ruffCheck(tree) },
  ];
}

const mixed = [...scripts, ...modules];
export const cases: BenchCase[] = [...pair('training scripts', scripts), ...pair('training scripts + other modules', mixed), ...pair('training scripts + other modules', mixed, pool)];
