/**
 * `# noqa` comments, flake8 style: `# noqa` silences every finding on its line, `# noqa: CODE1,
 * CODE2` (codes case-insensitive, separated by commas and/or spaces) only those codes.
 */
import type { RuleCode } from '../types';

export interface Noqa {
  /** Upper-cased codes, or null for a bare `# noqa`. */
  readonly codes: readonly string[] | null;
  /** Offset (in the line) just after the last code, where another code can be appended. */
  readonly codesEnd: number;
}

const NOQA = /#\s*noqa(?:\s*:\s*(?<codes>[a-z]+[0-9]+(?:(?:\s*,\s*|\s+)[a-z]+[0-9]+)*))?/i;

export function findNoqa(line: string): Noqa | null {
  const m = NOQA.exec(line);
  if (!m) return null;
  const codes = m.groups?.codes;
  if (!codes) return { codes: null, codesEnd: m.index + m[0].length };
  return { codes: codes.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()), codesEnd: m.index + m[0].length };
}

export function suppresses(line: string, code: RuleCode): boolean {
  const noqa = findNoqa(line);
  return noqa !== null && (noqa.codes === null || noqa.codes.includes(code));
}
