/**
 * Table-driven cases: `expect` lists `CODE@line` (1-based) for every finding the snippet must
 * produce, nothing more. Shared by the per-rule test files.
 */
import { expect, it } from 'vitest';
import { brief, getAnalyzer } from './helpers';

export interface Case {
  readonly name: string;
  readonly code: string;
  readonly expect: readonly string[];
}

export function runCases(cases: readonly Case[]): void {
  for (const c of cases) {
    it(c.name, async () => {
      const analyzer = await getAnalyzer();
      expect(brief(analyzer.analyzeText(c.code))).toEqual(c.expect);
    });
  }
}
