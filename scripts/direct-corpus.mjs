// Holds the direct Python reader (src/analysis/syntax/direct) to tree-sitter + syntax/fromTreeSitter.ts on any Python
// files at hand, top-level statement by statement: the unit tests' differential check at scale.
// Usage: node scripts/direct-corpus.mjs DIR_OR_FILE…   (e.g. /usr/lib/python3*/ or a checkout)
// Prints every disagreement (there should be none) and how much text went to tree-sitter.
import * as esbuild from 'esbuild';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const targets = process.argv.slice(2);
if (targets.length === 0 || targets.some((t) => t.startsWith('-'))) {
  console.log('Usage: node scripts/direct-corpus.mjs DIR_OR_FILE…');
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

// The checker is TypeScript importing the analyser's sources: bundle it like the bench cases.
const outfile = path.join(root, 'out', 'direct-corpus.mjs');
await esbuild.build({
  stdin: {
    contents: `
      export { convertModule } from './src/analysis/syntax/fromTreeSitter';
      export { parseDirect } from './src/analysis/syntax/direct/parser';
      export { createPythonParser } from './src/analysis/syntax/treeSitter';
      export { segmentText } from './src/analysis/syntax/text/segment';`,
    resolveDir: root,
    loader: 'ts',
  },
  outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['web-tree-sitter'], logLevel: 'error',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { convertModule, parseDirect, createPythonParser, segmentText } = await import(pathToFileURL(outfile).href);
const parser = await createPythonParser({
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
});

const plain = (x) => JSON.parse(JSON.stringify(x));
let files = 0, statements = 0, chars = 0, declinedChars = 0, disagreements = 0;
for (const target of targets) {
  for (const file of pythonFiles(target)) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    files++;
    for (const { start, end } of segmentText(text).segments) {
      const chunk = text.slice(start, end);
      if (chunk.trim() === '') continue;
      statements++;
      chars += chunk.length;
      const direct = parseDirect(chunk);
      if (direct === null) {
        declinedChars += chunk.length;
        continue;
      }
      const tree = parser.parse(chunk);
      const clean = !tree.rootNode.hasError;
      const reference = convertModule(tree.rootNode, chunk);
      tree.delete();
      if (!clean || !isDeepStrictEqual(plain(direct), plain(reference))) {
        disagreements++;
        console.log(`${file}:${text.slice(0, start).split('\n').length}: ${clean ? 'a different tree' : 'tree-sitter finds an error here'}`);
      }
    }
  }
}
console.log(`${files} files, ${statements} top-level statements, ${disagreements} disagreements; ` +
  `${((100 * declinedChars) / Math.max(1, chars)).toFixed(1)} % of the text left to tree-sitter`);
process.exitCode = disagreements > 0 ? 1 : 0;
