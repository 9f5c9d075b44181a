/**
 * SARIF as GitHub code scanning reads it: `artifactLocation.uri` is a URI reference (RFC 3986), and
 * a notebook's finding points at the lines of the `.ipynb` file that hold its code.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli';
import { formatSarif, sarifUri } from '../../../src/cli/formats';
import type { CliIo } from '../../../src/cli/io';

const root = path.resolve(__dirname, '../../..');
const parser = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};
const BUGGY = 'import torch\nopt = torch.optim.SGD(m.parameters(), lr=0.1)\nfor x in loader:\n    loss.backward()\n    opt.step()\n';

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Region } }[];
  properties?: { notebookCell: number; notebookCellRegion: Region };
}

async function sarifOf(files: Record<string, string>, args: string[] = ['.']): Promise<{ dir: string; results: SarifResult[] }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-sarif-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  let stdout = '';
  const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, readStdin: async () => '', cwd: dir };
  await main(['check', '--format', 'sarif', ...args], io, { parser });
  return { dir, results: (JSON.parse(stdout) as { runs: { results: SarifResult[] }[] }).runs[0]!.results };
}

/** What a consumer makes of a uri: the file path it resolves to below `base`. */
function resolved(uri: string, base: string): string {
  return decodeURIComponent(new URL(uri, `file://${base}/`).pathname);
}

describe('SARIF artifact URIs', () => {
  it.each([
    ['train.py', 'train.py'],
    ['my dir/train #2.py', 'my%20dir/train%20%232.py'],
    ['100%/a?b.py', '100%25/a%3Fb.py'],
    ['données/é.py', 'donn%C3%A9es/%C3%A9.py'],
    ['a:b.py', 'a%3Ab.py'],
    ['/abs/my dir/x.py', 'file:///abs/my%20dir/x.py'],
    ['C:\\Users\\me\\x y.py', 'file:///C:/Users/me/x%20y.py'],
    ['sub\\x.py', 'sub/x.py'],
  ])('%s → %s', (given, uri) => {
    expect(sarifUri(given)).toBe(uri);
  });

  it('resolve to the files checked, whatever their names', async () => {
    const names = ['my dir/train #2.py', '100%/a?b.py', 'données/é.py', 'a:b.py'];
    const { dir, results } = await sarifOf(Object.fromEntries(names.map((n) => [n, BUGGY])));
    const uris = results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris.map((u) => resolved(u, dir)).sort()).toEqual(names.map((n) => path.join(dir, n)).sort());
  });

  it('are well-formed for a name with a lone surrogate', () => {
    const log = JSON.parse(formatSarif([{ path: 'bad\uD800.py', diagnostics: [] }], [], '0')) as object;
    expect(log).toBeTruthy();
    expect(sarifUri('bad\uD800.py')).toBe('bad%EF%BF%BD.py');
  });
});

describe('a notebook finding in SARIF', () => {
  // As Jupyter writes it: one JSON line per source line, indented.
  const notebook = JSON.stringify(
    {
      cells: [
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['import torch\n', 'opt = torch.optim.SGD(m.parameters(), lr=0.1)'] },
        { cell_type: 'markdown', metadata: {}, source: ['# Training'] },
        { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: ['for x in loader:\n', '    loss.backward()\n', '    opt.step()'] },
      ],
      metadata: { language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );

  it('lies on the line of the .ipynb that holds its code, and names the cell', async () => {
    const { results } = await sarifOf({ 'nb.ipynb': notebook });
    expect(results).toHaveLength(1);
    const [result] = results;
    const lines = notebook.split('\n');
    const line = lines.findIndex((l) => l.includes('"    opt.step()"'));
    const region = result!.locations[0]!.physicalLocation.region;
    expect(region.startLine).toBe(line + 1);
    expect(lines[line]!.slice(region.startColumn - 1, region.endColumn - 1)).toBe('opt.step()');
    expect(result!.message.text).toMatch(/^Cell 3: /);
    expect(result!.properties).toEqual({ notebookCell: 2, notebookCellRegion: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 15 } });
  });

  it('keeps the cell-relative lines in JSON', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-sarif-'));
    writeFileSync(path.join(dir, 'nb.ipynb'), notebook);
    let stdout = '';
    const io: CliIo = { stdout: (t) => (stdout += t), stderr: () => undefined, readStdin: async () => '', cwd: dir };
    await main(['check', '--format', 'json'], io, { parser });
    const diagnostic = (JSON.parse(stdout) as { files: { diagnostics: Record<string, unknown>[] }[] }).files[0]!.diagnostics[0]!;
    expect(Object.keys(diagnostic).sort()).toEqual(['cell', 'code', 'message', 'range', 'severity']);
    expect(diagnostic.range).toEqual({ start: { line: 2, character: 4 }, end: { line: 2, character: 14 } });
  });
});
