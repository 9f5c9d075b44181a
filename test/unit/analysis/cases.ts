/**
 * Table-driven cases: `expect` lists `CODE@line` (1-based) for every finding the snippet must
 * produce, nothing more. Shared by the per-rule test files.
 */
import { expect, it } from 'vitest';
import { brief, getAnalyzer, text } from './helpers';

export interface Case {
  readonly name: string;
  readonly code: string;
  readonly expect: readonly string[];
  /** What every finding's English message must say. */
  readonly message?: RegExp;
}

export function runCases(cases: readonly Case[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const analyzer = await getAnalyzer();
      const findings = analyzer.analyzeText(c.code);
      expect(brief(findings)).toEqual(c.expect);
      for (const f of c.message ? findings : []) expect(text(f)).toMatch(c.message as RegExp);
    });
  }
}
