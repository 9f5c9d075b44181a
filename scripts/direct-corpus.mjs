// Holds the direct Python reader (src/analysis/syntax/direct) to tree-sitter + syntax/fromTreeSitter.ts on any Python
// files at hand, top-level statement by statement: the unit tests' differential check at scale.
// Usage: node scripts/direct-corpus.mjs DIR_OR_FILE…   (e.g. /usr/lib/python3*/ or a checkout)
// Prints every disagreement (there should be none) and how much text went to tree-sitter.
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { importSources, pythonFiles, targetsOrUsage, WASM } from './lib/corpus.mjs';

const targets = targetsOrUsage('direct-corpus.mjs');
// The checker is TypeScript importing the analyser's sources: bundle it like the bench cases.
const { convertModule, parseDirect, createPythonParser, segmentText } = await importSources('direct-corpus', `
      export { convertModule } from './src/analysis/syntax/fromTreeSitter';
      export { parseDirect } from './src/analysis/syntax/direct/parser';
      export { createPythonParser } from './src/analysis/syntax/treeSitter';
      export { segmentText } from './src/analysis/syntax/text/segment';`);
const parser = await createPythonParser(WASM);

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
