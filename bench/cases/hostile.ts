/**
 * Hostile input (issue 19): how the analyser's time grows with a long expression, at 1×, 2×, 4×
 * and 8× the size. Linear work doubles from row to row; before the IR flattened long operator
 * chains and the hover walk lost its nested generators, a hover on `opt.step()` after a 2,000-term
 * sum took 360 ms (×2 per doubling of the terms, then ×4) and 4,000 terms ran out of stack.
 */
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../harness';
import { createAnalyzer } from '../../src/analysis';

const fromRoot = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

const analyzer = await createAnalyzer({
  treeSitterWasm: fromRoot('node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: fromRoot('node_modules/tree-sitter-python/tree-sitter-python.wasm'),
});

/** A training loop whose loss is a sum of `terms` terms, indented with `indent` (a tab: tree-sitter reads it). */
function longSum(terms: number, indent: string): string {
  const sum = Array.from({ length: terms }, (_, i) => `a${i}`).join(' + ');
  return ['import torch', 'opt = torch.optim.SGD(model.parameters(), lr=0.1)', 'for x in data:', `${indent}loss = ${sum}`, `${indent}loss.backward()`, `${indent}opt.step()`, ''].join('\n');
}

const BASE = 1_000;
const scales = [1, 2, 4, 8];

export const cases: BenchCase[] = scales.flatMap((scale): BenchCase[] => {
  const terms = BASE * scale;
  const label = `${scale}× · ${terms.toLocaleString('en')}-term sum`;
  const spaces = longSum(terms, '    ');
  const tabs = longSum(terms, '\t');
  const doc = analyzer.open(spaces);
  doc.findings();
  const at = spaces.indexOf('opt.step') + 'opt.'.length;
  return [
    { group: 'hostile', name: `hover on opt.step() after it · ${label}`, run: () => doc.symbolAt(at) },
    { group: 'hostile', name: `constructions() · ${label}`, run: () => analyzer.constructions(spaces).length },
    { group: 'hostile', name: `full analysis, direct reader · ${label}`, run: () => analyzer.analyzeText(spaces).length },
    { group: 'hostile', name: `full analysis, tab-indented (tree-sitter) · ${label}`, run: () => analyzer.analyzeText(tabs).length },
  ];
});
