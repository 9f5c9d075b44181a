/**
 * `optim-lens lsp --stdio`, built, driven by a scripted client through a whole session:
 * initialize → didOpen → pushed diagnostics → codeAction → hover → didChange (incremental) →
 * pull diagnostics → shutdown → exit. Then what differs by client: settings, notebooks, locale.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LspClient } from './client';

const BUGGY = `import torch

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in loader:
    loss = torch.nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimizer.step()
`;

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  code: string;
  severity: number;
  message: string;
  source: string;
  codeDescription?: { href: string };
}
interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}
interface CodeAction {
  title: string;
  kind: string;
  isPreferred?: boolean;
  edit: { changes: Record<string, { range: Diagnostic['range']; newText: string }[]> };
}

const clients: LspClient[] = [];
afterEach(() => clients.splice(0).forEach((c) => c.kill()));

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-lsp-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function start(options: { capabilities?: object; locale?: string; answer?: (method: string, params: unknown) => unknown; folder?: string; initializationOptions?: object } = {}) {
  const client = new LspClient(options.answer);
  clients.push(client);
  const folder = options.folder ?? workspace({});
  const result = await client.request<{ capabilities: Record<string, unknown> }>('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: options.capabilities ?? {},
    workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'ws' }],
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
  });
  client.notify('initialized', {});
  return { client, result, folder };
}

function open(client: LspClient, uri: string, text: string, version = 1): void {
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version, text } });
}

const hasFindings = (p: Published) => p.diagnostics.length > 0;

beforeAll(() => ensureBuilt(), 120_000);

describe('optim-lens lsp --stdio', () => {
  it('runs a whole editing session: diagnostics, fixes, hover, incremental edits, pull, shutdown', async () => {
    const { client, result, folder } = await start();
    expect(result.capabilities).toMatchObject({ textDocumentSync: { openClose: true, change: 2 }, hoverProvider: true, diagnosticProvider: { interFileDependencies: true } });
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    open(client, uri, BUGGY);

    const published: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && hasFindings(p));
    expect(published.version).toBe(1);
    expect(published.diagnostics).toHaveLength(1);
    const [diagnostic] = published.diagnostics;
    expect(diagnostic).toMatchObject({ code: 'OL001', severity: 1, source: 'Optim Lens', range: { start: { line: 7, character: 4 } } });
    expect(diagnostic!.message).toMatch(/zero_grad/);

    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic!.range,
      context: { diagnostics: [diagnostic] },
    });
    const titles = actions.map((a) => a.title);
    expect(titles.some((t) => /zero_grad/.test(t))).toBe(true);
    expect(titles.some((t) => /noqa/.test(t))).toBe(true);
    const preferred = actions.find((a) => a.isPreferred)!;
    expect(preferred.kind).toBe('quickfix');
    expect(preferred.edit.changes[uri]!.map((e) => e.newText).join('')).toMatch(/optimizer\.zero_grad\(\)/);

    const hover = await client.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 26 } });
    expect(hover.contents.kind).toBe('markdown');
    expect(hover.contents.value).toMatch(/torch\.optim\.SGD/);
    // The panels are VS Code's: their command links are left as plain text.
    expect(hover.contents.value).not.toMatch(/command:/);
    expect(hover.contents.value).toMatch(/Compare Optimizers|Visualise|Compare/);

    // An incremental edit: insert the missing zero_grad() before the forward pass (line 5, column 4).
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 5, character: 4 }, end: { line: 5, character: 4 } }, text: 'optimizer.zero_grad()\n    ' }],
    });
    const cleared: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && p.version === 2);
    expect(cleared.diagnostics).toEqual([]);

    const pulled = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(pulled).toEqual({ kind: 'full', items: [] });
    // Break it again through a second edit and pull: the finding comes back at the step.
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 5, character: 4 }, end: { line: 6, character: 4 } }, text: '' }],
    });
    const again = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(again.items.map((d) => [d.code, d.range.start.line])).toEqual([['OL001', 7]]);

    expect(await client.request('shutdown', null)).toBeNull();
    client.notify('exit', null);
    expect(await client.exited).toBe(0);
  });

  it('pushes nothing to a client that pulls, and still answers its pulls and code actions', async () => {
    const { client, folder } = await start({ capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    open(client, uri, BUGGY);
    const pulled = await client.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    expect(pulled.items.map((d) => d.code)).toEqual(['OL001']);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: pulled.items[0]!.range, context: { diagnostics: pulled.items } });
    expect(actions.length).toBeGreaterThan(0);
    await client.request('shutdown', null);
    expect(client.notifications.filter((n) => n.method === 'textDocument/publishDiagnostics')).toEqual([]);
  });

  it('reads optimLens.* through workspace/configuration for each file', async () => {
    const { client, folder } = await start({
      capabilities: { workspace: { configuration: true } },
      answer: (method) => (method === 'workspace/configuration' ? [{ severity: { OL001: 'hint' }, exclude: ['skip_*.py'] }] : null),
    });
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    const skipped = pathToFileURL(path.join(folder, 'skip_me.py')).href;
    open(client, uri, BUGGY);
    open(client, skipped, BUGGY);
    const shown: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri);
    expect(shown.diagnostics.map((d) => [d.code, d.severity])).toEqual([['OL001', 4]]);
    const excluded: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === skipped);
    expect(excluded.diagnostics).toEqual([]);
    const asked = client.serverRequests.filter((r) => r.method === 'workspace/configuration');
    expect(asked.map((r) => (r.params as { items: { section: string }[] }).items[0]!.section)).toContain('optimLens');
  });

  it('turns off with settings a client pushes (didChangeConfiguration) when it cannot be asked', async () => {
    const { client, folder } = await start();
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    open(client, uri, BUGGY);
    await client.waitFor('textDocument/publishDiagnostics', hasFindings);
    client.notify('workspace/didChangeConfiguration', { settings: { optimLens: { enable: false } } });
    const off: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && p.diagnostics.length === 0);
    expect(off.diagnostics).toEqual([]);
  });

  it('takes settings from initializationOptions, as Helix sends its config', async () => {
    const { client, folder } = await start({ initializationOptions: { optimLens: { severity: { OL001: 'warning' } } } });
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    open(client, uri, BUGGY);
    const published: Published = await client.waitFor('textDocument/publishDiagnostics', hasFindings);
    expect(published.diagnostics.map((d) => [d.code, d.severity])).toEqual([['OL001', 2]]);
  });

  it("speaks the client's language (initialize's locale)", async () => {
    const { client, folder } = await start({ locale: 'zh-CN' });
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    open(client, uri, BUGGY);
    const published: Published = await client.waitFor('textDocument/publishDiagnostics', hasFindings);
    expect(published.diagnostics[0]!.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('follows a call into another file of the workspace, and re-checks when that file changes', async () => {
    const helper = `def train_step(model, optimizer, x):\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n`;
    const folder = workspace({ 'engine.py': helper });
    const { client } = await start({ folder });
    const main = `import torch\nfrom engine import train_step\n\nmodel = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nfor x in loader:\n    train_step(model, optimizer, x)\n`;
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    open(client, uri, main);
    const found: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && hasFindings(p));
    expect(found.diagnostics.map((d) => d.code)).toEqual(['OL001']);
    const related = (found.diagnostics[0] as Diagnostic & { relatedInformation: { location: { uri: string } }[] }).relatedInformation;
    expect(related.map((r) => r.location.uri)).toContain(pathToFileURL(path.join(folder, 'engine.py')).href);
    // Open the helper and fix it in the editor (unsaved): the script is re-checked against that text.
    const helperUri = pathToFileURL(path.join(folder, 'engine.py')).href;
    open(client, helperUri, helper);
    client.notify('textDocument/didChange', {
      textDocument: { uri: helperUri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 4 }, end: { line: 1, character: 4 } }, text: 'optimizer.zero_grad()\n    ' }],
    });
    const fixed: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && p.diagnostics.length === 0);
    expect(fixed.diagnostics).toEqual([]);
  });

  it('asks to watch Python files when it may, and re-checks a script when a file it calls changes on disk', async () => {
    const helper = `def train_step(model, optimizer, x):\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n`;
    const folder = workspace({ 'engine.py': helper });
    const { client } = await start({ folder, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
    const main = `import torch\nfrom engine import train_step\n\nmodel = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\nfor x in loader:\n    train_step(model, optimizer, x)\n`;
    const uri = pathToFileURL(path.join(folder, 'train.py')).href;
    open(client, uri, main);
    await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && hasFindings(p));
    const registrations = client.serverRequests.filter((r) => r.method === 'client/registerCapability').flatMap((r) => (r.params as { registrations: { method: string }[] }).registrations.map((g) => g.method));
    expect(registrations).toContain('workspace/didChangeWatchedFiles');
    writeFileSync(path.join(folder, 'engine.py'), helper.replace('    loss = ', '    optimizer.zero_grad()\n    loss = '));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(folder, 'engine.py')).href, type: 2 }] });
    const fixed: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && p.diagnostics.length === 0);
    expect(fixed.diagnostics).toEqual([]);
  });

  it('analyses a notebook synchronised as a notebook, cells together, findings on their cells', async () => {
    const { client, result, folder } = await start({ capabilities: { notebookDocument: { synchronization: { dynamicRegistration: false } } } });
    expect(result.capabilities.notebookDocumentSync).toMatchObject({ notebookSelector: [{ notebook: { notebookType: 'jupyter-notebook' } }] });
    const nb = pathToFileURL(path.join(folder, 'train.ipynb')).href;
    const cells = ['import torch\nmodel = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n', 'for x, y in loader:\n    loss = model(x).sum()\n    loss.backward()\n    optimizer.step()\n'];
    const cellUris = cells.map((_c, i) => `vscode-notebook-cell:${path.join(folder, 'train.ipynb')}#cell${i}`);
    client.notify('notebookDocument/didOpen', {
      notebookDocument: { uri: nb, notebookType: 'jupyter-notebook', version: 1, cells: cellUris.map((document) => ({ kind: 2, document })) },
      cellTextDocuments: cells.map((text, i) => ({ uri: cellUris[i], languageId: 'python', version: 1, text })),
    });
    const second: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === cellUris[1]);
    expect(second.diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([['OL001', 3]]);
    const first: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === cellUris[0]);
    expect(first.diagnostics).toEqual([]);
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: cellUris[1] }, position: { line: 3, character: 14 } });
    expect(hover?.contents.value).toMatch(/optimizer\.step/);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: cellUris[1] }, range: second.diagnostics[0]!.range, context: { diagnostics: second.diagnostics } });
    expect(Object.keys(actions.find((a) => a.isPreferred)!.edit.changes)).toEqual([cellUris[1]]);
  });

  it('reads a notebook a client opens as JSON text, with findings on the lines of its code', async () => {
    const { client, folder } = await start();
    const json = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'markdown', source: '# t', metadata: {} }, { cell_type: 'code', source: BUGGY.split(/(?<=\n)/), metadata: {}, outputs: [], execution_count: null }] }, null, 1);
    const uri = pathToFileURL(path.join(folder, 'train.ipynb')).href;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: json } });
    const published: Published = await client.waitFor('textDocument/publishDiagnostics', (p: Published) => p.uri === uri && hasFindings(p));
    const line = json.split('\n')[published.diagnostics[0]!.range.start.line]!;
    expect(line).toMatch(/optimizer\.step\(\)/);
    expect(published.diagnostics[0]!.message).toMatch(/^Cell 2: /);
  });

  it('refuses to start without --stdio, saying why', async () => {
    const { spawnSync } = await import('node:child_process');
    const { root } = await import('./client');
    const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'lsp'], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--stdio/);
  });
});
