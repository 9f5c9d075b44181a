// What the corpus checkers (direct-corpus.mjs, prefilter-corpus.mjs) share: their command line,
// the walk over Python files, and the bundling of the analyser's TypeScript sources they import.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The DIR_OR_FILE arguments, or the usage line and an exit. */
export function targetsOrUsage(script) {
  const targets = process.argv.slice(2);
  if (targets.length === 0 || targets.some((t) => t.startsWith('-'))) {
    console.log(`Usage: node scripts/${script} DIR_OR_FILE…`);
    process.exit(targets.includes('--help') || targets.includes('-h') ? 0 : 2);
  }
  return targets;
}

/** Every `.py` file under `target` (hidden folders and node_modules left out). */
export function* pythonFiles(target) {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (stat?.isFile() && target.endsWith('.py')) yield target;
  else if (stat?.isDirectory()) {
    for (const entry of readdirSync(target)) {
      if (!entry.startsWith('.') && entry !== 'node_modules') yield* pythonFiles(path.join(target, entry));
    }
  }
}

/** Bundles `contents` (TypeScript re-exports of the sources, relative to the root) and imports it. */
export async function importSources(name, contents) {
  const outfile = path.join(root, 'out', `${name}.mjs`);
  await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', external: ['web-tree-sitter'], logLevel: 'error',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(pathToFileURL(outfile).href);
}

/** Where the parser's WASM files are, for createAnalyzer / createPythonParser. */
export const WASM = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};
