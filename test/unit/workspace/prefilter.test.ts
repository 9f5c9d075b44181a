/**
 * The engine's prefilter never drops a finding: every rule page example, real-world script, example
 * and generated file, as a `.py` and inside a notebook, is checked with and without it, and the
 * outcomes are the same. The corpus also holds files the prefilter does skip, or it would prove nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/analysis';
import { checkBytes, couldHaveFindings } from '../../../src/workspace/engine';
import { generateModule, generateScript } from '../../fixtures/analysis/generate';
import { getAnalyzer } from '../analysis/helpers';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

function pageExamples(): [string, string][] {
  return RULES.flatMap((rule) => {
    const page = read(rule.docs);
    return [...page.matchAll(/^## (\w+)\n+```python\n([\s\S]*?)```/gm)].map((m): [string, string] => [`${rule.code} ${m[1]}`, m[2]!]);
  });
}

function folder(dir: string, ext: string): [string, string][] {
  return readdirSync(path.join(root, dir))
    .filter((name) => name.endsWith(ext))
    .map((name): [string, string] => [`${dir}/${name}`, read(path.join(dir, name))]);
}

/** Plain Python that trains nothing, so that the prefilter has something to skip. */
const PLAIN: [string, string][] = [
  ['generated module', generateModule(300, 4)],
  ['config loader', 'import json\n\ndef load(path):\n    with open(path) as f:\n        return json.load(f)\n'],
  ['empty', ''],
];

function asNotebook(code: string, escapeLetters: boolean): string {
  const json = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: code.split(/(?<=\n)/), metadata: {}, outputs: [] }] }, null, 1);
  // Jupyter writes letters as they are; a \u escape is legal JSON all the same.
  return escapeLetters ? json.replace(/[pe]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`) : json;
}

const PY: [string, string][] = [
  ...pageExamples(),
  ...folder('test/fixtures/analysis/real', '.py'),
  ...folder('examples', '.py'),
  ...folder('test/e2e/workspace', '.py'),
  ...Array.from({ length: 5 }, (_, i): [string, string] => [`generated script ${i}`, generateScript(80 + 150 * i, 40 + i)]),
  ...PLAIN,
];

const NOTEBOOKS: [string, string][] = [
  ...folder('examples', '.ipynb'),
  ...folder('test/e2e/workspace', '.ipynb'),
  ...PY.flatMap(([name, code]): [string, string][] => [
    [`${name} (notebook)`, asNotebook(code, false)],
    [`${name} (notebook, \\u-escaped)`, asNotebook(code, true)],
  ]),
];

describe('the prefilter', () => {
  it.each([...PY.map(([name, text]) => [name, `${name}.py`, text]), ...NOTEBOOKS.map(([name, text]) => [name, `${name}.ipynb`, text])])(
    'changes no outcome: %s',
    async (_name, file, text) => {
      const analyzer = await getAnalyzer();
      const bytes = new TextEncoder().encode(text);
      expect(checkBytes(analyzer, file, bytes, true)).toEqual(checkBytes(analyzer, file, bytes, false));
    },
  );

  it('holds real findings and real skips in its corpus', async () => {
    const analyzer = await getAnalyzer();
    const all = [...PY.map(([, t]) => ({ t, nb: false })), ...NOTEBOOKS.map(([, t]) => ({ t, nb: true }))];
    const withFindings = all.filter(({ t, nb }) => (nb ? analyzer.analyzeIpynb(t) : analyzer.analyzeText(t)).length > 0);
    expect(withFindings.length).toBeGreaterThan(20);
    expect(all.filter(({ t, nb }) => !couldHaveFindings(t, nb)).length).toBeGreaterThanOrEqual(PLAIN.length * 2);
    // A notebook whose code is hidden behind \u escapes is never skipped.
    for (const [, code] of PY.slice(0, 3)) expect(couldHaveFindings(asNotebook(code, true), true)).toBe(true);
  });

  it('still reports an invalid notebook it skips', async () => {
    const bytes = new TextEncoder().encode('{"nbformat": 3, "cells": []}');
    expect(checkBytes(await getAnalyzer(), 'old.ipynb', bytes)).toMatchObject({ kind: 'notebook' });
  });
});
