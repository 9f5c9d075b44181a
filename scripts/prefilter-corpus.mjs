// Holds the vocabulary prefilter to "skip work, never change a verdict" on any Python files at
// hand: each file analysed as shipped and with every top-level statement read must give the same
// findings. The unit tests' differential check (test/unit/analysis/prefilter.test.ts) at scale.
// Usage: node scripts/prefilter-corpus.mjs DIR_OR_FILE…   (e.g. /usr/lib/python3/ or a checkout)
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = process.argv.slice(2);
if (targets.length === 0 || targets.some((t) => t.startsWith('-'))) {
  console.log('Usage: node scripts/prefilter-corpus.mjs DIR_OR_FILE…');
  process.exit(targets.includes('--help') || targets.includes('-h') ? 0 : 2);
}

function* pythonFiles(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (stat?.isFile() && target.endsWith('.py')) yield target;
  else if (stat?.isDirectory()) {
    for (const entry of readdirSync(target)) {
      if (!entry.startsWith('.') && entry !== 'node_modules') yield* pythonFiles(path.join(target, entry));
    }
  }
}

const outfile = path.join(root, 'out', 'prefilter-corpus.mjs');
await esbuild.build({
  stdin: { contents: `export { createAnalyzer } from './src/analysis';`, resolveDir: root, loader: 'ts' },
  outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['web-tree-sitter'], logLevel: 'error',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { createAnalyzer } = await import(pathToFileURL(outfile).href);
const wasm = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};
const filtered = await createAnalyzer(wasm);
const unfiltered = await createAnalyzer({ ...wasm, prefilter: false });

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
