/**
 * What one keystroke costs the extension host's thread, by file size (10 KB → 4 MB of generated
 * realistic training code, test/fixtures/analysis/generate.ts): the first open (open + findings),
 * and after a one-character edit in the last training loop of the file, the incremental `edit` +
 * `findings()` that src/features/diagnostics.ts runs after its debounce, all on the host's thread.
 * Goal: a frame (16 ms) per keystroke.
 */
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../harness';
import { createAnalyzer } from '../../src/analysis';
import { generateScript } from '../../test/fixtures/analysis/generate';

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

const texts = SIZES.map((bytes) => scriptOfSize(bytes));
for (let i = 0; i < 10; i++) analyzer.analyzeText(texts[0] ?? '');

const cases: BenchCase[] = [];
for (const [i, bytes] of SIZES.entries()) {
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

export { cases };
