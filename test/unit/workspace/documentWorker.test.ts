/**
 * The host's per-document work budget (src/features/analysisService.ts): a document over the
 * budget is analysed in the document worker thread (dist/documentWorker.js, built here when
 * missing), and what the host hands out is what the in-process path gives, for the version the
 * editor has now, or nothing. The service imports `vscode` for types only: the documents here are
 * stand-ins with the few members it reads.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import type * as vscode from 'vscode';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as lazyModule from '../../../src/lazyModule';
import { AnalysisService } from '../../../src/features/analysisService';
import type { ExtensionHost } from '../../../src/features/host';
import { documentWorker } from '../../../src/workspace/documentThread';
import type { ToDocumentWorker } from '../../../src/workspace/documentProtocol';
import type { DocumentEndpoint, EndpointEvents } from '../../../src/workspace/remoteDocuments';
import type { Finding } from '../../../src/analysis';
import { generateScript, UNCLEARED_LOOP } from '../../fixtures/analysis/generate';
import { WASM } from '../analysis/helpers';

const root = path.resolve(__dirname, '../../..');
const workerFile = path.join(root, 'dist', 'documentWorker.js');

const TEXT = generateScript(8_000, 5) + UNCLEARED_LOOP;
const BUDGET = 64 * 1024;

const fileUri = (file: string) => ({ scheme: 'file', fsPath: file, path: file, toString: () => `file://${file}` });

/** The members of a TextDocument the service reads, with edits applied as VS Code applies them. */
class FakeDocument {
  version = 1;
  readonly languageId = 'python';
  readonly uri: vscode.Uri;
  constructor(
    private text: string,
    name = 'big.py',
    /** A file on disk (its absolute path), else an untitled document. */
    file?: string,
  ) {
    this.uri = (file ? fileUri(file) : { scheme: 'untitled', fsPath: `/${name}`, path: `/${name}`, toString: () => `untitled:/${name}` }) as unknown as vscode.Uri;
  }
  getText(): string {
    return this.text;
  }
  /** Replaces `length` characters at `offset`; returns the change event VS Code would send. */
  change(offset: number, length: number, text: string): vscode.TextDocumentContentChangeEvent[] {
    this.text = this.text.slice(0, offset) + text + this.text.slice(offset + length);
    this.version++;
    return [{ rangeOffset: offset, rangeLength: length, text } as vscode.TextDocumentContentChangeEvent];
  }
  get doc(): vscode.TextDocument {
    return this as unknown as vscode.TextDocument;
  }
}

interface Spawned {
  readonly posted: ToDocumentWorker['type'][];
  readonly thread: Worker;
}

/** The real worker thread, with the types of the messages posted to it recorded. */
function recorded(events: EndpointEvents, spawned: Spawned[]): DocumentEndpoint {
  const endpoint = documentWorker(workerFile, WASM, events);
  const record: Spawned = { posted: [], thread: endpoint.thread };
  spawned.push(record);
  return {
    post: (message) => {
      record.posted.push(message.type);
      endpoint.post(message);
    },
    terminate: () => endpoint.terminate(),
  };
}

/** As the web host reports a Web Worker that cannot be made. */
function cannotRun(events: EndpointEvents): DocumentEndpoint {
  queueMicrotask(() => events.failed('no Web Worker can start here', true));
  return { post: () => undefined, terminate: () => undefined };
}

function service(withWorker: boolean | 'cannot run', projectOptions: ExtensionHost['projectOptions'] = () => undefined): { service: AnalysisService; spawned: Spawned[]; warnings: string[] } {
  const spawned: Spawned[] = [];
  const warnings: string[] = [];
  const host: ExtensionHost = {
    loadAnalysis: () => lazyModule,
    parserOptions: () => Promise.resolve(WASM),
    projectOptions,
    workspaceProject: () => undefined,
    parallelChecker: () => undefined,
    yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
    documentWorker: withWorker === 'cannot run' ? cannotRun : withWorker ? (events) => recorded(events, spawned) : undefined,
  };
  const log = { info: () => undefined, warn: (line: string) => warnings.push(line) };
  return { service: new AnalysisService(host, log, BUDGET), spawned, warnings };
}

/** Lets queued microtasks run (never a macrotask: a worker's answer cannot arrive meanwhile). */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const codes = (findings: readonly Finding[] | undefined) => findings?.map((f) => `${f.code}@${f.range.start.line}`);

const open: AnalysisService[] = [];
afterEach(() => open.splice(0).forEach((s) => s.dispose()));

function track<T extends { service: AnalysisService }>(made: T): T {
  open.push(made.service);
  return made;
}

describe('per-document work budget', () => {
  beforeAll(() => {
    if (!existsSync(workerFile)) execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
  }, 60_000);

  it('analyses a document over the budget in the worker, with the in-process findings, edit after edit', async () => {
    expect(TEXT.length).toBeGreaterThan(BUDGET);
    const { service: remote, spawned } = track(service(true));
    const { service: local } = track(service(false));
    const a = new FakeDocument(TEXT);
    const b = new FakeDocument(TEXT);
    const bugAt = TEXT.lastIndexOf('optimizer.step()');
    const edits: [number, number, string][] = [
      [bugAt, 0, 'optimizer.zero_grad()\n            '], // the bug fixed
      [bugAt, 'optimizer.zero_grad()\n            '.length, ''], // and back
      [TEXT.indexOf('def '), 0, 'x'], // a syntax error at the top of the file
    ];
    const expected: (string[] | undefined)[] = [];
    const actual: (string[] | undefined)[] = [];
    for (let i = 0; i <= edits.length; i++) {
      expected.push(codes(await (await local.update(a.doc))?.findings()));
      actual.push(codes(await (await remote.update(b.doc))?.findings()));
      const edit = edits[i];
      if (!edit) break;
      local.edit(a.doc, a.change(...edit));
      remote.edit(b.doc, b.change(...edit));
    }
    expect(expected[0]).toContain(`OL001@${TEXT.slice(0, bugAt).split('\n').length - 1}`);
    expect(expected[1]).not.toContain(expected[0]?.find((c) => c.startsWith('OL001')));
    expect(actual).toEqual(expected);
    expect(spawned).toHaveLength(1);
    // The document was opened once and then only edited: its text crossed once.
    expect(spawned[0]?.posted.filter((t) => t === 'open')).toHaveLength(1);
  });

  it('keeps a document under the budget in the host, and answers at once', async () => {
    const { service: s, spawned } = track(service(true));
    const small = new FakeDocument(generateScript(300, 2) + UNCLEARED_LOOP, 'small.py');
    const live = await s.update(small.doc);
    const text = small.getText();
    expect(codes(await live?.findings())).toContain(`OL001@${text.slice(0, text.lastIndexOf('optimizer.step()')).split('\n').length - 1}`);
    expect(spawned).toHaveLength(0);
  });

  it('returns to the host before the worker has answered', async () => {
    const { service: s } = track(service(true));
    const doc = new FakeDocument(TEXT);
    const order: string[] = [];
    const live = await s.update(doc.doc);
    const pending = live!.findings().then((f) => order.push(`findings ${f?.length ?? 'none'}`));
    order.push('host runs on');
    await new Promise((resolve) => setImmediate(resolve));
    order.push('host ran a task');
    await pending;
    expect(order[0]).toBe('host runs on');
    expect(order[1]).toBe('host ran a task');
    expect(order[2]).toMatch(/^findings [1-9]/);
  });

  it('drops the answer for a version the editor has already left, and answers the newer one', async () => {
    const { service: s, spawned } = track(service(true));
    const doc = new FakeDocument(TEXT);
    const live = await s.update(doc.doc);
    const stale = live!.findings();
    await microtasks();
    // The query is on its way to the worker; an edit comes before its answer can be read.
    expect(spawned[0]?.posted).toEqual(['open', 'query']);
    const bugAt = TEXT.lastIndexOf('optimizer.step()');
    s.edit(doc.doc, doc.change(bugAt, 0, 'optimizer.zero_grad()\n            '));
    expect(await stale).toBeUndefined();
    const fresh = await (await s.update(doc.doc))!.findings();
    const { service: local } = track(service(false));
    expect(codes(fresh)).toEqual(codes(await (await local.update(new FakeDocument(doc.getText()).doc))!.findings()));
    expect(codes(fresh)?.some((c) => c.startsWith('OL001'))).toBe(false);
  });

  it('survives a worker crash: the query answers nothing, the log says why, and a new worker answers the next', async () => {
    const { service: s, spawned, warnings } = track(service(true));
    const doc = new FakeDocument(TEXT);
    const live = await s.update(doc.doc);
    const pending = live!.findings();
    await microtasks();
    expect(spawned[0]?.posted).toEqual(['open', 'query']);
    await spawned[0]?.thread.terminate();
    expect(await pending).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/analysis worker stopped \(worker exited with code \d+; it was analysing untitled:\/big\.py\): restarting it/);
    // The diagnostics ask again; the new worker has the document reopened from the host's text.
    expect(s.retry(doc.doc)).toBe(true);
    const again = await (await s.update(doc.doc))!.findings();
    expect(codes(again)?.some((c) => c.startsWith('OL001'))).toBe(true);
    expect(spawned).toHaveLength(2);
    expect(spawned[1]?.posted.slice(0, 2)).toEqual(['open', 'query']);
  });

  it('serves hovers and constructions of a large file from the worker, never opening it in the host', async () => {
    const { service: s, spawned } = track(service(true));
    const doc = new FakeDocument(TEXT);
    const live = await s.inspectable(doc.doc);
    const at = TEXT.lastIndexOf('optimizer.step()') + 'optimizer.'.length;
    const target = await live!.symbolAt(at);
    expect(target?.construction?.cls).toBe('SGD');
    expect((await live!.constructions())?.some((c) => c.cls === 'SGD')).toBe(true);
    expect(spawned).toHaveLength(1);
  });

  it('analyses a very large notebook in the worker, with the in-process findings', async () => {
    const { service: remote, spawned } = track(service(true));
    const { service: local } = track(service(false));
    const cells = [generateScript(4_000, 9), UNCLEARED_LOOP];
    const expected = codes(await local.notebook(cells, { kind: 'findings' }));
    expect(expected?.some((c) => c.startsWith('OL001'))).toBe(true);
    expect(codes(await remote.notebook(cells, { kind: 'findings' }))).toEqual(expected);
    expect(spawned).toHaveLength(1);
  });

  it('analyses in the host after all when no worker can run here, rather than not at all', async () => {
    const { service: s, warnings } = track(service('cannot run'));
    const doc = new FakeDocument(TEXT);
    expect(await (await s.update(doc.doc))!.findings()).toBeUndefined();
    expect(warnings.join('\n')).toMatch(/no Web Worker can start here.*large files are analysed in the extension host instead/);
    expect(s.retry(doc.doc)).toBe(true);
    const { service: local } = track(service(false));
    expect(codes(await (await s.update(doc.doc))!.findings())).toEqual(codes(await (await local.update(new FakeDocument(TEXT).doc))!.findings()));
  });

  it('stops the worker when the last large file closes, and starts another for the next', async () => {
    const { service: s, spawned } = track(service(true));
    const doc = new FakeDocument(TEXT);
    await (await s.update(doc.doc))!.findings();
    let exited = false;
    spawned[0]?.thread.once('exit', () => (exited = true));
    s.forget(doc.doc.uri);
    await expect.poll(() => exited).toBe(true);
    const again = new FakeDocument(TEXT, 'again.py');
    expect(codes(await (await s.update(again.doc))!.findings())?.some((c) => c.startsWith('OL001'))).toBe(true);
    expect(spawned).toHaveLength(2);
  });

  it('follows calls into other project files from the worker, and re-checks when one changes in its editor', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'optim-lens-budget-'));
    const engine = path.join(dir, 'engine.py').replace(/\\/g, '/');
    const main = path.join(dir, 'main.py').replace(/\\/g, '/');
    const ENGINE = 'def train_one_epoch(model, loader, optimizer):\n    for x, y in loader:\n        optimizer.zero_grad()\n        loss = model(x).sum()\n        loss.backward()\n        optimizer.step()\n';
    writeFileSync(engine, ENGINE);
    const MAIN =
      generateScript(8_000, 5) +
      '\n\nfrom engine import train_one_epoch\n\ndef run(model, loader):\n    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n    lr_scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=10)\n    for epoch in range(100):\n        lr_scheduler.step()\n        train_one_epoch(model, loader, optimizer)\n';
    // What the host reads for the project: the engine's editor text when it has one, else the disk.
    let engineEditor: string | null = null;
    const projectOptions = () => ({ path: main, project: { roots: [dir], read: (file: string) => (file === engine && engineEditor !== null ? engineEditor : readProjectFile(file)) } });
    try {
      const { service: remote, spawned } = track(service(true, projectOptions));
      const { service: local } = track(service(false, projectOptions));
      const a = new FakeDocument(MAIN, 'main.py', main);
      const b = new FakeDocument(MAIN, 'main.py', main);
      const both = async () => [codes(await (await local.update(a.doc))?.findings()), codes(await (await remote.update(b.doc))?.findings())];
      const [expected, actual] = await both();
      expect(expected?.some((c) => c.startsWith('OL003'))).toBe(true);
      expect(actual).toEqual(expected);
      expect(spawned).toHaveLength(1);
      // The engine edited, unsaved: it steps no optimizer any more, and both paths see it.
      engineEditor = ENGINE.replace('        optimizer.step()\n', '');
      for (const s of [local, remote]) s.invalidateAll(fileUri(engine) as unknown as vscode.Uri);
      const [expectedAfter, actualAfter] = await both();
      expect(expectedAfter?.some((c) => c.startsWith('OL003'))).toBe(false);
      expect(actualAfter).toEqual(expectedAfter);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function readProjectFile(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}
