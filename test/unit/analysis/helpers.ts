/** Shared test setup: one analyzer per test file, loaded from node_modules. */
import path from 'node:path';
import { expect } from 'vitest';
import { createAnalyzer, formatMessage, type Analyzer, type Finding, type RuleCode } from '../../../src/analysis';

const root = path.resolve(__dirname, '../../..');

export const WASM = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};

let analyzer: Promise<Analyzer> | undefined;

/**
 * The analyser every rule test uses. Each text and notebook it analyses is analysed a second time
 * with the prefilter off (every statement parsed and modelled): the prefilter may skip work but
 * never change a verdict, so a difference fails the test that found it.
 */
export function getAnalyzer(): Promise<Analyzer> {
  analyzer ??= (async () => checkedAgainstUnfiltered(await createAnalyzer(WASM), await createAnalyzer({ ...WASM, prefilter: false })))();
  return analyzer;
}

function checkedAgainstUnfiltered(filtered: Analyzer, unfiltered: Analyzer): Analyzer {
  const same = <T>(a: T, b: T, what: string): T => {
    const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
    if (x !== y) throw new Error(`the prefilter changed the findings of ${what}:\n  prefiltered: ${x}\n  every chunk: ${y}`);
    return a;
  };
  return {
    ...filtered,
    analyzeText: (text, options) => same(filtered.analyzeText(text, options), unfiltered.analyzeText(text, options), 'this text'),
    analyzeNotebook: (cells) => same(filtered.analyzeNotebook(cells), unfiltered.analyzeNotebook(cells), 'this notebook'),
    analyzeIpynb: (json) => same(filtered.analyzeIpynb(json), unfiltered.analyzeIpynb(json), 'this notebook'),
    open: (text, options) => filtered.open(text, options),
    constructions: (text) => filtered.constructions(text),
    symbolInNotebook: (cells, cell, offset) => filtered.symbolInNotebook(cells, cell, offset),
  };
}

/** Removes the common indentation of a template literal and its first empty line. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n').replace(/[ \t]+$/, '');
}

export function codes(findings: readonly Finding[]): RuleCode[] {
  return findings.map((f) => f.code);
}

/** `CODE@line` for each finding, 1-based lines for readability. */
export function brief(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.code}@${f.range.start.line + 1}`);
}

export function text(f: Finding): string {
  return formatMessage(f.message);
}

import { applyEdits, type Fix } from '../../../src/analysis';
import { createPythonParser } from '../../../src/analysis/syntax/treeSitter';

/** Whether `text` parses without ERROR or MISSING nodes. */
export async function parsesCleanly(text: string): Promise<boolean> {
  const parser = await createPythonParser(WASM);
  const tree = parser.parse(text);
  const ok = tree !== null && !tree.rootNode.hasError;
  tree?.delete();
  parser.delete();
  return ok;
}

export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** The one finding of `code` in `text` (the test fails if there is not exactly one). */
export async function only(code: RuleCode, text: string): Promise<Finding> {
  const analyzer = await getAnalyzer();
  const findings = analyzer.analyzeText(text).filter((f) => f.code === code);
  expect(findings).toHaveLength(1);
  return findings[0] as Finding;
}

/** `text` after the finding's fix of `kind`: it must parse, and the finding must be gone. */
export async function fixed(code: RuleCode, text: string, kind: 'fix' | 'suppress' = 'fix'): Promise<string> {
  const finding = await only(code, text);
  const fix = finding.fixes.find((f) => f.kind === kind);
  expect(fix).toBeDefined();
  const out = applyFix(text, fix!);
  expect(await parsesCleanly(out)).toBe(true);
  const analyzer = await getAnalyzer();
  expect(analyzer.analyzeText(out).filter((f) => f.code === code)).toEqual([]);
  return out;
}
