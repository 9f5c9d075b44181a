// One build for every entry point: the extension host, the CLI and the webviews.
// Usage: node esbuild.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import { copyFile, mkdir, readdir, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
const dist = path.join(root, 'dist');

/** The WASM files the parser loads at run time; they are copied, never inlined, so they stay streamable. */
const wasmFiles = [
  ['node_modules/web-tree-sitter/tree-sitter.wasm', 'tree-sitter.wasm'],
  ['node_modules/tree-sitter-python/tree-sitter-python.wasm', 'tree-sitter-python.wasm'],
];

async function webviewEntries() {
  const dir = path.join(root, 'webview');
  const entries = {};
  for (const name of await readdir(dir, { withFileTypes: true })) {
    const main = path.join(dir, name.name, 'main.tsx');
    if (name.isDirectory() && existsSync(main)) entries[name.name] = main;
  }
  return entries;
}

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  legalComments: 'none',
  define: {
    'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development'),
    __VERSION__: JSON.stringify(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version),
  },
};

// web-tree-sitter's ES module locates its WASM from import.meta.url, which a CommonJS bundle lacks.
const importMetaShim = "const __importMetaUrl = require('url').pathToFileURL(__filename).href;";
const nodeCommon = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  mainFields: ['module', 'main'],
  define: { ...common.define, 'import.meta.url': '__importMetaUrl' },
};

/**
 * The activation bundle must not carry the analyser: host code reaches it through the
 * AnalysisService on the context (src/features/analysisService.ts; its one require of
 * dist/analyzer.js, on first use, is src/features/analysisModule.ts). A value import of
 * src/analysis from host code would pull it back in; say so, loudly, at build time.
 */
const analyserStaysOut = {
  name: 'analyser-stays-out',
  setup(build) {
    let warned = false;
    build.onStart(() => {
      warned = false;
    });
    build.onLoad({ filter: /[\\/]src[\\/]analysis[\\/].*\.ts$/ }, (args) => {
      if (warned) return undefined;
      warned = true;
      const text = `${path.relative(root, args.path)} (and what it imports) is bundled into dist/extension.js: host code imports only types from src/analysis and reaches the analyser through ctx.analysis, the AnalysisService (src/features/analysisService.ts)`;
      return { warnings: [{ text }], contents: readFileSync(args.path, 'utf8'), loader: 'ts' };
    });
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...nodeCommon,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: dist,
    external: ['vscode'],
    plugins: [analyserStaysOut],
  },
  {
    ...nodeCommon,
    // Loaded on first use; the worker threads of a workspace check (src/workspace/pool.ts) and of large
    // documents (src/workspace/documentWorker.ts) load their own bundles.
    entryPoints: { analyzer: 'src/lazyModule.ts', workspaceWorker: 'src/workspace/workspaceWorker.ts', documentWorker: 'src/workspace/documentWorker.ts' },
    outdir: dist,
    banner: { js: importMetaShim },
  },
  {
    ...nodeCommon,
    entryPoints: { cli: 'src/cli.ts' },
    outdir: dist,
    banner: { js: `#!/usr/bin/env node\n${importMetaShim}` },
  },
];

/**
 * VS Code for the Web: the same features in the browser's web worker extension host, with the
 * analyser in the bundle (no require there) and no Node module at all: platform 'browser' fails the
 * build on any `node:` import. web-tree-sitter's Node branches (`import('module')`,
 * `import('fs/promises')`) stay as never-taken requires; the WASM comes as bytes (src/features/webHost.ts).
 */
/** One web-worker bundle named `name` (its `import.meta.url` points at itself, for web-tree-sitter). */
const webWorkerBuild = (name, entry, format, external) => ({
  ...common,
  entryPoints: { [name]: entry },
  outdir: dist,
  platform: 'browser',
  format,
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  external: [...external, 'module', 'fs/promises'],
  define: { ...common.define, 'import.meta.url': JSON.stringify(`file:///optim-lens/dist/${name}.js`) },
});
builds.push(webWorkerBuild('extension.web', 'src/extension.web.ts', 'cjs', ['vscode']));
// The web host's document worker (src/features/webHost.ts starts it from a blob of this file): a
// classic worker script, so nothing is exported and the WASM comes as bytes in its setup message.
builds.push(webWorkerBuild('documentWorker.web', 'src/workspace/documentWorker.web.ts', 'iife', []));

const webviews = await webviewEntries();
if (Object.keys(webviews).length > 0) {
  builds.push({
    ...common,
    entryPoints: webviews,
    outdir: path.join(dist, 'webview'),
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    loader: { '.css': 'css' },
  });
}

async function copyAssets() {
  await mkdir(dist, { recursive: true });
  for (const [from, to] of wasmFiles) await copyFile(path.join(root, from), path.join(dist, to));
}

if (!watch) await rm(dist, { recursive: true, force: true });
await copyAssets();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[watch] watching for changes');
} else {
  // esbuild has already printed the errors (logLevel 'info'); a stack trace would only bury them.
  const results = await Promise.allSettled(builds.map((b) => esbuild.build(b)));
  if (results.some((r) => r.status === 'rejected')) process.exitCode = 1;
}
