/**
 * A Chromium page that bench cases can time synchronously, for what node cannot run: a canvas, the
 * browser's own V8. The harness times `run()` as a blocking call, so Playwright drives the page from
 * a worker thread and `call(name)` waits on a shared Int32Array until the page's `window.bench[name]()`
 * has returned. A call's time includes one round trip to the page (about 1 ms; time `noop` to see it).
 *
 * Chromium is the machine's (/usr/bin/chromium, as the e2e tests use), or CHROMIUM_PATH. Without it,
 * `openBenchPage` resolves to undefined and the cases that need it are left out.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface BenchPage {
  /** Calls `window.bench[name]()` in the page and blocks until it returns; returns its number. */
  call(name: string): number;
}

/** Slots of the shared Int32Array: the main thread writes a request, the worker answers it. */
const REQUEST = 0; // sequence number of the latest request; -1 asks the worker to close the browser
const ANSWER = 1; // sequence number of the latest answer
const NAME = 2; // index of the function in `names`
const FAILED = 3; // 1 when the call threw in the page
const CALL_TIMEOUT_MS = 60_000;

// Runs in the worker (eval'd as CommonJS): launches Chromium, loads the page, then serves calls.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const { chromium } = require(workerData.playwright);
const slots = new Int32Array(workerData.shared, 0, 4);
const value = new Float64Array(workerData.shared, 16, 1);
(async () => {
  const browser = await chromium.launch({ executablePath: workerData.executable, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.setContent('<!DOCTYPE html><html><body></body></html>');
  await page.addScriptTag({ content: workerData.script });
  await page.waitForFunction(() => typeof window.bench === 'object');
  parentPort.postMessage({ ready: true });
  let seen = 0;
  for (;;) {
    const wait = Atomics.waitAsync(slots, 0, seen);
    if (wait.async) await wait.value;
    seen = Atomics.load(slots, 0);
    if (seen < 0) break;
    const name = workerData.names[Atomics.load(slots, 2)];
    try {
      value[0] = await page.evaluate((n) => window.bench[n](), name);
      Atomics.store(slots, 3, 0);
    } catch (error) {
      value[0] = NaN;
      Atomics.store(slots, 3, 1);
      parentPort.postMessage({ error: String(error) });
    }
    Atomics.store(slots, 1, seen);
    Atomics.notify(slots, 1);
  }
  await browser.close();
  Atomics.store(slots, 1, -1);
  Atomics.notify(slots, 1);
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

/**
 * Opens `script` (a bundled IIFE that sets `window.bench = { name: () => number, … }`) in Chromium.
 * `names` are the functions cases will call. The browser closes when the process is about to exit.
 */
export async function openBenchPage(script: string, names: readonly string[]): Promise<BenchPage | undefined> {
  const executable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executable)) return undefined;
  const shared = new SharedArrayBuffer(24);
  const slots = new Int32Array(shared, 0, 4);
  const value = new Float64Array(shared, 16, 1);
  const playwright = createRequire(import.meta.url).resolve('playwright-core');
  const worker = new Worker(WORKER, { eval: true, workerData: { shared, script, names, executable, playwright } });
  const ready = await new Promise<boolean>((resolve) => {
    worker.on('message', (m: { ready?: boolean; error?: string }) => {
      if (m.error) console.error(`bench page: ${m.error}`);
      resolve(m.ready === true);
    });
    worker.on('error', (error) => {
      console.error(`bench page: ${String(error)}`);
      resolve(false);
    });
  });
  if (!ready) {
    await worker.terminate();
    return undefined;
  }
  // Let the process end when the cases are done; closing the browser is what remains.
  worker.unref();
  let closed = false;
  process.on('beforeExit', () => {
    if (closed) return;
    closed = true;
    Atomics.store(slots, REQUEST, -1);
    Atomics.notify(slots, REQUEST);
    Atomics.wait(slots, ANSWER, Atomics.load(slots, ANSWER), CALL_TIMEOUT_MS);
  });
  let sequence = 0;
  return {
    call(name) {
      const index = names.indexOf(name);
      if (index < 0) throw new Error(`bench page: ${name} is not one of ${names.join(', ')}`);
      sequence += 1;
      Atomics.store(slots, NAME, index);
      Atomics.store(slots, REQUEST, sequence);
      Atomics.notify(slots, REQUEST);
      const deadline = Date.now() + CALL_TIMEOUT_MS;
      while (Atomics.load(slots, ANSWER) !== sequence) {
        if (Date.now() > deadline) throw new Error(`bench page: ${name} did not return within ${CALL_TIMEOUT_MS} ms`);
        Atomics.wait(slots, ANSWER, sequence - 1, 1000);
      }
      if (Atomics.load(slots, FAILED) === 1) throw new Error(`bench page: ${name} threw (see above)`);
      return value[0]!;
    },
  };
}

/**
 * bench/pages/`file` bundled for the browser as one script (its CSS, if any, added to the page by
 * the script); undefined outside the repository.
 */
export async function bundlePage(file: string): Promise<string | undefined> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'bench', 'pages', file))) {
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
  // esbuild is loaded at run time: the harness bundles this file, and esbuild cannot be bundled.
  const esbuild = createRequire(import.meta.url)('esbuild' as string) as typeof import('esbuild');
  const built = await esbuild.build({
    entryPoints: [path.join(dir, 'bench', 'pages', file)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    outdir: '/bench-page',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'error',
  });
  const js = built.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
  const css = built.outputFiles.find((f) => f.path.endsWith('.css'))?.text;
  const style = css === undefined ? '' : `{const s=document.createElement('style');s.textContent=${JSON.stringify(css)};document.head.appendChild(s);}\n`;
  return style + js;
}
