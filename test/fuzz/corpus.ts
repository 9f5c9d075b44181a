/** What the fuzzer mangles: the real-code fixtures, the examples and generated scripts. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateScript } from '../fixtures/analysis/generate';

const root = path.resolve(__dirname, '../..');

export const WASM = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};

function filesIn(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

/** Training scripts: 40-odd real ones (test/fixtures/analysis/real), the examples, three generated. */
export function fuzzCorpus(): string[] {
  return [
    ...filesIn(path.join(root, 'test/fixtures/analysis/real'), '.py'),
    ...filesIn(path.join(root, 'examples'), '.py'),
    generateScript(60, 1),
    generateScript(150, 2),
    generateScript(40, 3).replace(/\n/g, '\r\n'),
  ];
}

/** Notebooks: the example, and one built from each of a few scripts (one cell per blank-line block). */
export function fuzzNotebooks(): string[] {
  const cellsOf = (text: string) => text.split(/\n\n+/).map((block) => ({ cell_type: 'code', metadata: {}, source: block.split(/(?<=\n)/), outputs: [], execution_count: null }));
  const scripts = fuzzCorpus().slice(0, 4);
  return [
    ...filesIn(path.join(root, 'examples'), '.ipynb'),
    ...scripts.map((s) => JSON.stringify({ cells: [{ cell_type: 'markdown', metadata: {}, source: ['# x'] }, ...cellsOf(s)], metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 })),
  ];
}

/** A script with findings, analysed now and then to notice a parser left broken by an input. */
export function canaryScript(): string {
  return readFileSync(path.join(root, 'examples/train_buggy.py'), 'utf8');
}
