// Holds the vocabulary prefilter to "skip work, never change a verdict" on any Python files at
// hand: each file analysed as shipped and with every top-level statement read must give the same
// findings. The unit tests' differential check (test/unit/analysis/prefilter.test.ts) at scale.
// Usage: node scripts/prefilter-corpus.mjs DIR_OR_FILE…   (e.g. /usr/lib/python3/ or a checkout)
import { readFileSync } from 'node:fs';
import { importSources, pythonFiles, targetsOrUsage, WASM } from './lib/corpus.mjs';

const targets = targetsOrUsage('prefilter-corpus.mjs');
const { createAnalyzer } = await importSources('prefilter-corpus', `export { createAnalyzer } from './src/analysis';`);
const filtered = await createAnalyzer(WASM);
const unfiltered = await createAnalyzer({ ...WASM, prefilter: false });

const brief = (fs) => fs.map((f) => `${f.code}@${f.range.start.line + 1}`).join(' ');
let files = 0, findings = 0, disagreements = 0, errors = 0, filteredMs = 0, unfilteredMs = 0;
for (const target of targets) {
  for (const file of pythonFiles(target)) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    files++;
    let a, b;
    try {
      let t = performance.now();
      a = brief(filtered.analyzeText(text));
      filteredMs += performance.now() - t;
      t = performance.now();
      b = brief(unfiltered.analyzeText(text));
      unfilteredMs += performance.now() - t;
    } catch (e) {
      errors++;
      console.log(`${file}: ${a === undefined ? 'prefiltered' : 'every statement'}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    if (a) findings += a.split(' ').length;
    if (a !== b) {
      disagreements++;
      console.log(`${file}: prefiltered [${a}] · every statement [${b}]`);
    }
  }
}
console.log(`${files} files, ${findings} findings, ${disagreements} disagreements, ${errors} files the analyser failed on; analysis ${(filteredMs / 1000).toFixed(1)} s prefiltered, ${(unfilteredMs / 1000).toFixed(1)} s reading every statement`);
process.exit(disagreements === 0 ? 0 : 1);
