/**
 * What the extension costs a user who never looks at it: activation time (the host bundle compiled
 * and `activate` run against a stand-in `vscode`), the size of what is loaded and shipped, and the
 * memory the analyser holds for an open 1 MB training script. Reads the production build in dist/,
 * which scripts/bench.mjs makes first.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { BenchCase, MeasuredCase } from '../harness';
import { generateScript } from '../../test/fixtures/analysis/generate';

// This module sits two folders below the repository root both as source and as bundle (out/bench).
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = path.join(root, 'dist');
const scratch = path.join(root, 'out', 'bench');
const KB = 1024;

/**
 * A stand-in for the `vscode` module: every property is a function returning another stand-in,
 * iterating one yields nothing, and it reads as an empty string. Enough for `activate` to register
 * its features without a real editor, whatever API calls they make.
 */
function standIn(): unknown {
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => {
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'then') return undefined; // not a promise
      return proxy;
    },
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

/**
 * The module's own names (namespaces, classes, enums) as properties: a bundle reads them through
 * esbuild's `__toESM`, which copies only own properties.
 */
function fakeVscode(): Record<string, unknown> {
  const declarations = readFileSync(path.join(root, 'node_modules/@types/vscode/index.d.ts'), 'utf8');
  const names = [...declarations.matchAll(/^\texport (?:class|enum|namespace|const|let|function) (\w+)/gm)].map((m) => m[1] ?? '');
  return Object.fromEntries(names.map((name) => [name, standIn()]));
}

const vscode = fakeVscode();
const extensionFile = path.join(dist, 'extension.js');
const extensionSource = readFileSync(extensionFile, 'utf8');
let sample = 0;

interface ExtensionModule {
  activate(context: unknown): void;
  deactivate(): void;
}

/** Compiles the host bundle afresh (a unique source defeats V8's compilation cache) and activates it. */
function activateOnce(): number {
  type Loader = { _load(request: string, parent: unknown, isMain: boolean): unknown };
  const loader = Module as unknown as Loader;
  const load = loader._load;
  loader._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
  try {
    const mod = new Module(extensionFile) as Module & { _compile(source: string, file: string): void; exports: ExtensionModule };
    mod.filename = extensionFile;
    mod.paths = [dist];
    mod._compile(`${extensionSource}\n// sample ${sample++}`, extensionFile);
    mod.exports.activate(standIn());
    mod.exports.deactivate();
    return sample;
  } finally {
    loader._load = load;
  }
}

function sizeKB(file: string, gzip = false): number {
  const bytes = gzip ? gzipSync(readFileSync(file), { level: 9 }).length : statSync(file).size;
  return bytes / KB;
}

function webviewBundles(): MeasuredCase[] {
  const dir = path.join(dist, 'webview');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => ({ group: 'footprint', name: `dist/webview/${f}, gzipped`, unit: 'KB', goal: 60, measure: () => sizeKB(path.join(dir, f), true) }));
}

/** Packages the VSIX as `npm run package` does (the build is already the production one). */
function vsixKB(): number {
  mkdirSync(scratch, { recursive: true });
  const out = path.join(scratch, 'optim-lens.vsix');
  const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: root, stdio: 'ignore' });
  return sizeKB(out);
}

/**
 * In a fresh Node process (after a full GC each time): heap + external memory (which holds the
 * parser's WASM memory) with the 1 MB text read, then again with the analyser loaded and the text
 * open as an incrementally analysed document, as the extension keeps every open Python file.
 */
function analyserMemoryMB(): number {
  mkdirSync(scratch, { recursive: true });
  const file = path.join(scratch, 'train_1mb.py');
  writeFileSync(file, generateScript(30_000, 102));
  const probe = `
    const fs = require('node:fs');
    const used = () => { global.gc(); const m = process.memoryUsage(); return m.heapUsed + m.external; };
    const text = fs.readFileSync(${JSON.stringify(file)}, 'utf8');
    const idle = used();
    const analysis = require(${JSON.stringify(path.join(dist, 'analyzer.js'))});
    analysis.createAnalyzer({ wasmDir: ${JSON.stringify(dist)} }).then((analyzer) => {
      const doc = analyzer.open(text);
      doc.findings();
      const held = used();
      process.stdout.write(String(held - idle));
      doc.dispose();
    });`;
  const bytes = Number(execFileSync(process.execPath, ['--expose-gc', '-e', probe], { encoding: 'utf8' }));
  return bytes / (KB * KB);
}

export const cases: BenchCase[] = [
  { group: 'footprint', name: 'activation: compile dist/extension.js and run activate()', goalMs: 30, run: activateOnce },
  { group: 'footprint', name: 'dist/extension.js (loaded at activation), minified', unit: 'KB', goal: 150, measure: () => sizeKB(extensionFile) },
  { group: 'footprint', name: 'dist/analyzer.js (loaded with the first Python file), minified', unit: 'KB', measure: () => sizeKB(path.join(dist, 'analyzer.js')) },
  ...webviewBundles(),
  { group: 'footprint', name: 'VSIX (npm run package)', unit: 'KB', goal: 1536, measure: vsixKB },
  { group: 'footprint', name: 'memory held for an open 1 MB training script (heap + external incl. WASM, above idle)', unit: 'MB', goal: 50, measure: analyserMemoryMB },
];
