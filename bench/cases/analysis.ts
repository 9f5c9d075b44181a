/**
 * The training-loop analyser: full analysis of generated (seeded) realistic training scripts next to
 * Ruff's WASM build checking one rule on the same text in the same process (goal: no slower than
 * Ruff, pair by pair), and the incremental re-analysis after a one-character edit in a 1,000-line
 * file (goal: 1 ms).
 */
import { fileURLToPath } from 'node:url';
import { PositionEncoding, Workspace } from '@astral-sh/ruff-wasm-nodejs';
import type { BenchCase } from '../harness';
import { createAnalyzer } from '../../src/analysis';
import { chainScript } from '../../test/fixtures/analysis/chains';
import { generateScript } from '../../test/fixtures/analysis/generate';

// This module sits two folders below the repository root both as source and as bundle (out/bench).
const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

const analyzer = await createAnalyzer({
  treeSitterWasm: fromRoot('node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: fromRoot('node_modules/tree-sitter-python/tree-sitter-python.wasm'),
});
// One AST rule that needs Ruff's semantic model, like ours needs our model.
const ruff = new Workspace({ lint: { select: ['F841'] } }, PositionEncoding.Utf16);

const sizes = [300, 3_000, 30_000];
const texts = sizes.map((lines, i) => generateScript(lines, 100 + i));
// Warm the JIT up on every path first, so the first case measured is not the one that compiles.
for (let i = 0; i < 30; i++) analyzer.analyzeText(texts[i % 2] ?? '');

const full: BenchCase[] = sizes.flatMap((lines, i) => {
  const text = texts[i] ?? '';
  const label = `${lines.toLocaleString('en')} lines`;
  const key = `analysis-${lines}`;
  return [
    { group: 'analysis', name: `full analysis · ${label}`, pair: { key, role: 'subject', goalRatio: 1 }, run: () => analyzer.analyzeText(text).length },
    { group: 'analysis', name: `Ruff WASM, one rule (F841) · ${label}`, pair: { key, role: 'baseline' }, run: () => (ruff.check(text) as unknown[]).length },
  ] satisfies BenchCase[];
});

/** Types and deletes one character in the middle of a training loop, alternately. */
function incremental(): BenchCase {
  const text = generateScript(1_000, 7);
  const doc = analyzer.open(text);
  doc.findings();
  const at = text.indexOf('running_loss += loss.item()', text.length >> 1) + 'running_loss'.length;
  let typed = false;
  return {
    group: 'analysis',
    name: 'incremental re-analysis after a 1-character edit · 1,000 lines',
    goalMs: 1,
    run: () => {
      doc.edit([typed ? { rangeOffset: at, rangeLength: 1, text: '' } : { rangeOffset: at, rangeLength: 0, text: '_' }]);
      typed = !typed;
      return doc.findings().length;
    },
  };
}

/**
 * Chains of calls (issue 14): 200 functions each calling the next, the loop's backward and step at
 * the end (calls are followed 32 deep, so most of the chain is rooted again further down), and
 * twelve levels each calling the next twice, 4,095 paths, cut by the walk budget.
 */
const chains: BenchCase[] = [
  { label: 'a chain of 200 calls, the step at its end', text: chainScript({ shape: 'straight', depth: 200, loop: 'outer', pieces: { zero: 1, backward: 200, step: 200 } }) },
  { label: 'a chain of 200 methods through self.', text: chainScript({ shape: 'methods', depth: 200, loop: 'outer', pieces: { zero: 200, backward: 1, step: 200 } }) },
  { label: '12 levels each calling the next twice', text: chainScript({ shape: 'fan', depth: 12, loop: 'outer', pieces: { zero: 12, backward: 1, step: 12 } }) },
].map(({ label, text }) => ({ group: 'analysis', name: `full analysis · ${label}`, goalMs: 50, run: () => analyzer.analyzeText(text).length }));

export const cases: BenchCase[] = [...full, incremental(), ...chains];
