import { describe, expect, it, vi } from 'vitest';
import type { Analyzer } from '../../../src/analysis';
import { checkFiles, type CheckFilesOptions, type FileOutcome } from '../../../src/workspace/engine';
import { getAnalyzer, py } from '../analysis/helpers';

const BUGGY = py`
  import torch
  optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
  for x, y in loader:
      loss = model(x).sum()
      loss.backward()
      optimizer.step()
`;
const CLEAN = BUGGY.replace('    loss = ', '    optimizer.zero_grad()\n    loss = ');
const NOTEBOOK = JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells: [
    { cell_type: 'markdown', source: '# Train', metadata: {} },
    { cell_type: 'code', source: BUGGY, metadata: {}, outputs: [], execution_count: null },
  ],
});

interface File {
  readonly path: string;
  readonly text?: string;
  readonly bytes?: Uint8Array;
}

const encode = (text: string) => new TextEncoder().encode(text);

function reader(): (file: File) => Promise<Uint8Array> {
  return async (file) => {
    if (file.bytes) return file.bytes;
    if (file.text === undefined) throw new Error(`ENOENT: no such file, open '${file.path}'`);
    return encode(file.text);
  };
}

async function collect(files: readonly File[], options: Partial<CheckFilesOptions<File>> = {}, analyzer?: Analyzer): Promise<FileOutcome<File>[]> {
  const out: FileOutcome<File>[] = [];
  for await (const outcome of checkFiles(analyzer ?? (await getAnalyzer()), files, { read: reader(), ...options })) out.push(outcome);
  return out;
}

function summary(outcomes: readonly FileOutcome<File>[]): string[] {
  return outcomes.map((o) => `${o.file.path}: ${'problem' in o ? o.problem.kind : o.findings.map((f) => `${f.code}@${f.range.start.line}${f.cell === undefined ? '' : `#${f.cell}`}`).join(',')}`);
}

describe('checkFiles', () => {
  it('analyses Python files and notebooks, one outcome per file in order', async () => {
    const files = [
      { path: 'a/train.py', text: BUGGY },
      { path: 'b/ok.py', text: CLEAN },
      { path: 'nb/Explore.IPYNB', text: NOTEBOOK },
    ];
    expect(summary(await collect(files))).toEqual(['a/train.py: OL001@5', 'b/ok.py: ', 'nb/Explore.IPYNB: OL001@5#1']);
  });

  it('reports each file it cannot check, and checks the others', async () => {
    const real = await getAnalyzer();
    const crashing: Analyzer = {
      analyzeText: (text) => {
        if (text.includes('boom')) throw new Error('boom');
        return real.analyzeText(text);
      },
      analyzeNotebook: (cells) => real.analyzeNotebook(cells),
      analyzeIpynb: (json) => real.analyzeIpynb(json),
      open: (text) => real.open(text),
      constructions: (text) => real.constructions(text),
      symbolInNotebook: (cells, cell, offset) => real.symbolInNotebook(cells, cell, offset),
    };
    const files: File[] = [
      { path: 'missing.py' },
      { path: 'blob.py', bytes: Uint8Array.from([0x80, 0, 1, 2]) },
      { path: 'bad.ipynb', text: '{not json' },
      { path: 'boom.py', text: 'optimizer.step()  # boom' },
      { path: 'ok.py', text: 'x = 1' },
    ];
    const outcomes = await collect(files, {}, crashing);
    expect(summary(outcomes)).toEqual(['missing.py: unreadable', 'blob.py: binary', 'bad.ipynb: notebook', 'boom.py: analysis', 'ok.py: ']);
    expect(outcomes[0]).toMatchObject({ problem: { detail: expect.stringContaining('ENOENT') } });
    expect(outcomes[3]).toMatchObject({ problem: { detail: 'boom' } });
  });

  it('keeps the files order when reads finish out of order', async () => {
    const files = Array.from({ length: 12 }, (_, i) => ({ path: `f${i}.py`, text: i % 3 === 0 ? BUGGY : CLEAN }));
    const read = (file: File) => new Promise<Uint8Array>((resolve) => setTimeout(() => resolve(encode(file.text!)), (12 - Number(file.path.slice(1, -3))) * 2));
    const outcomes = await collect(files, { read, readAhead: 5 });
    expect(outcomes.map((o) => o.file.path)).toEqual(files.map((f) => f.path));
    expect(summary(outcomes).filter((s) => s.endsWith('OL001@5'))).toHaveLength(4);
  });

  it('reports progress after each file and pauses between files', async () => {
    const files = Array.from({ length: 5 }, (_, i) => ({ path: `f${i}.py`, text: CLEAN }));
    const progress: string[] = [];
    const pause = vi.fn(() => Promise.resolve());
    await collect(files, { onProgress: (p) => progress.push(`${p.done}/${p.total}`), pause });
    expect(progress).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    expect(pause).toHaveBeenCalledTimes(4);
  });

  it('stops at cancellation, keeping what was found, and reads nothing more', async () => {
    const files = Array.from({ length: 20 }, (_, i) => ({ path: `f${i}.py`, text: BUGGY }));
    const controller = new AbortController();
    const reads: string[] = [];
    const read = (file: File) => {
      reads.push(file.path);
      return Promise.resolve(encode(file.text!));
    };
    const outcomes = await collect(files, { read, readAhead: 3, signal: controller.signal, onProgress: (p) => p.done === 4 && controller.abort() });
    expect(summary(outcomes)).toEqual(['f0.py: OL001@5', 'f1.py: OL001@5', 'f2.py: OL001@5', 'f3.py: OL001@5']);
    // The reads under way when the user cancelled, and none after.
    expect(reads).toEqual(['f0.py', 'f1.py', 'f2.py', 'f3.py', 'f4.py', 'f5.py', 'f6.py']);
  });

  it('checks nothing when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const read = vi.fn(reader());
    expect(await collect([{ path: 'a.py', text: BUGGY }], { read, signal: controller.signal })).toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });

  it('drops a UTF-8 byte-order mark, so columns count from the first character', async () => {
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...encode('optimizer = torch.optim.Adam(params, weight_decay=0.01)\n')]);
    const [withBom] = await collect([{ path: 'a.py', bytes: bom }]);
    const [without] = await collect([{ path: 'a.py', text: 'optimizer = torch.optim.Adam(params, weight_decay=0.01)\n' }]);
    expect(withBom).toMatchObject({ findings: [{ code: 'OL008', range: { start: { line: 0, character: 12 } } }] });
    expect(withBom && 'findings' in withBom && withBom.findings).toEqual(without && 'findings' in without && without.findings);
  });
});
