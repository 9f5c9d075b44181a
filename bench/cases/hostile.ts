/**
 * Hostile input (issue 19): how the analyser's time grows with a long expression, at 1×, 2×, 4×
 * and 8× the size. Linear work doubles from row to row; before the IR flattened long operator
 * chains and the hover walk lost its nested generators, a hover on `opt.step()` after a 2,000-term
 * sum took 360 ms (×2 per doubling of the terms, then ×4) and 4,000 terms ran out of stack.
 *
 * Also: thousands of findings on one line (`{0: opt.step(), 1: opt.step(), …}`, each step an
 * OL001), where `# noqa` handling read the whole line and lexed the whole statement again for
 * every finding (5,000 findings: 3.9 s of CPU, 4 ms a finding, growing with their number); and a
 * broken line that tree-sitter's error recovery takes minutes over, which the parse budget stops
 * after a few thousand characters of it, whatever its length.
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

/** A training loop stepping `steps` times in one dict literal on one line: `steps` OL001 findings. */
function manySteps(steps: number): string {
  const dict = Array.from({ length: steps }, (_, i) => `${i}: opt.step()`).join(', ');
  return ['import torch', 'opt = torch.optim.SGD(model.parameters(), lr=0.1)', 'for x in data:', '    loss = model(x)', '    loss.backward()', `    d = {${dict}}`, ''].join('\n');
}

/** A training loop holding a broken line of `chars` characters (tree-sitter reads the loop: it does not parse). */
function brokenLine(chars: number): string {
  return ['import torch', 'opt = torch.optim.SGD(model.parameters(), lr=0.1)', 'for x in data:', `    ${'x = a + '.repeat(chars / 8)}1`, '    opt.step()', ''].join('\n');
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
}).concat(
  scales.map((scale): BenchCase => {
    const text = manySteps(625 * scale);
    return { group: 'hostile', name: `full analysis, findings on one line · ${scale}× · ${(625 * scale).toLocaleString('en')} OL001`, run: () => analyzer.analyzeText(text).length };
  }),
  scales.map((scale): BenchCase => {
    const text = brokenLine(20_000 * scale);
    return { group: 'hostile', name: `full analysis, broken line (parse budget) · ${scale}× · ${(20_000 * scale).toLocaleString('en')} characters`, run: () => analyzer.analyzeText(text).length };
  }),
);
