/** Shared test setup: one analyzer per test file, loaded from node_modules. */
import path from 'node:path';
import { createAnalyzer, formatMessage, type Analyzer, type Finding, type RuleCode } from '../../../src/analysis';

const root = path.resolve(__dirname, '../../..');

export const WASM = {
  treeSitterWasm: path.join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'),
  languageWasm: path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm'),
};

let analyzer: Promise<Analyzer> | undefined;

export function getAnalyzer(): Promise<Analyzer> {
  analyzer ??= createAnalyzer(WASM);
  return analyzer;
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
