/**
 * The worker pool gives the engine the same outcomes as the analyser in this thread. The workers run
 * the bundled dist/workspaceWorker.js (built here when missing, as `npm test` builds before).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles, type FileOutcome } from '../../../src/workspace/engine';
import { poolSize, WorkerPool } from '../../../src/workspace/pool';
import { generateModule, generateScript } from '../../fixtures/analysis/generate';
import { getAnalyzer, WASM } from '../analysis/helpers';

const root = path.resolve(__dirname, '../../..');
const workerFile = path.join(root, 'dist', 'workspaceWorker.js');

interface File {
  readonly path: string;
  readonly text: string;
}

const BROKEN = readFileSync(path.join(root, 'test/e2e/workspace/train_buggy.py'), 'utf8');
const FILES: File[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ path: `s${i}.py`, text: i % 2 ? BROKEN : generateScript(60 + 40 * i, i) })),
  { path: 'lib.py', text: generateModule(200, 1) },
  { path: 'nb.ipynb', text: JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: BROKEN, metadata: {}, outputs: [] }] }) },
  { path: 'bad.ipynb', text: '{"cells": 1}' },
];

async function outcomes(checker: Parameters<typeof checkFiles<File>>[0]): Promise<FileOutcome<File>[]> {
  const out: FileOutcome<File>[] = [];
  const read = async (file: File) => new TextEncoder().encode(file.text);
  for await (const outcome of checkFiles(checker, FILES, { read, readAhead: 5 })) out.push(outcome);
  return out;
}

describe('WorkerPool', () => {
  let pool: WorkerPool;
  beforeAll(() => {
    if (!existsSync(workerFile)) execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
    pool = new WorkerPool({ workerFile, size: 3, parser: WASM });
  }, 60_000);
  afterAll(() => pool.close());

  it('gives the same outcomes, in the same order, as the analyser in this thread', async () => {
    const expected = await outcomes(await getAnalyzer());
    expect(expected.filter((o) => 'findings' in o && o.findings.length > 0).length).toBeGreaterThan(5);
    expect(await outcomes(pool)).toEqual(expected);
  }, 60_000);

  it('fails what is still queued when it closes', async () => {
    const spare = new WorkerPool({ workerFile, size: 1, parser: WASM });
    const pending = [spare.analyse('a.py', BROKEN), spare.analyse('b.py', BROKEN)];
    await spare.close();
    expect(await Promise.all(pending)).toEqual([
      { kind: 'analysis', detail: 'cancelled' },
      { kind: 'analysis', detail: 'cancelled' },
    ]);
    expect(await spare.analyse('c.py', BROKEN)).toMatchObject({ kind: 'analysis' });
  });
});

describe('poolSize', () => {
  it('keeps a few files in this thread and gives larger trees a worker per core, up to 8', () => {
    expect(poolSize(10, 8)).toBe(0);
    expect(poolSize(40, 8)).toBe(2);
    expect(poolSize(1_000, 2)).toBe(2);
    expect(poolSize(1_000, 16)).toBe(8);
  });
});
