/**
 * Property tests: random damage to realistic training scripts (deleted, duplicated, swapped and
 * re-indented lines, random tokens, truncation) never throws, terminates, and every range is inside
 * the text; the incremental document always agrees with a fresh analysis.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding, Range } from '../../../src/analysis';
import { LineIndex } from '../../../src/analysis/syntax/text/lines';
import { apply, mutation, scripts, TOKENS } from './damage';
import { getAnalyzer } from './helpers';

function inside(lines: LineIndex, r: Range): boolean {
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.lineCount && p.character >= 0 && p.character <= lines.lineText(p.line).length;
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  return ok(r.start) && ok(r.end) && ordered;
}

function checkRanges(text: string, findings: readonly Finding[]): void {
  const lines = new LineIndex(text);
  for (const f of findings) {
    expect(inside(lines, f.range)).toBe(true);
    expect(f.range.start.line).toBe(f.range.end.line);
    for (const r of f.related) expect(inside(lines, r.range)).toBe(true);
    for (const fix of f.fixes) for (const e of fix.edits) expect(inside(lines, e.range)).toBe(true);
  }
}

describe('properties', () => {
  it('damaged scripts never throw and give in-range findings', { timeout: 60_000 }, async () => {
    const analyzer = await getAnalyzer();
    fc.assert(
      fc.property(fc.nat(scripts.length - 1), fc.array(mutation, { minLength: 1, maxLength: 8 }), (which, mutations) => {
        const text = mutations.reduce(apply, scripts[which] ?? '');
        checkRanges(text, analyzer.analyzeText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('random strings of Python-ish tokens never throw', { timeout: 60_000 }, async () => {
    const analyzer = await getAnalyzer();
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => {
        const text = parts.join(' ');
        checkRanges(text, analyzer.analyzeText(text));
      }),
      { numRuns: 300 },
    );
  });

  it('notebook cells made of damaged scripts give cell-local in-range findings', { timeout: 60_000 }, async () => {
    const analyzer = await getAnalyzer();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(scripts.length - 1), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }), (picks) => {
        const cells = picks.map(([which, a, b]) => {
          const s = scripts[which] ?? '';
          const from = a % (s.length + 1);
          return s.slice(from, from + (b % 800));
        });
        for (const f of analyzer.analyzeNotebook(cells)) {
          const lines = new LineIndex(cells[f.cell ?? -1] ?? '');
          expect(inside(lines, f.range)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('retyping a line character by character always agrees with a fresh analysis', { timeout: 60_000 }, async () => {
    const analyzer = await getAnalyzer();
    fc.assert(
      fc.property(fc.nat(scripts.length - 1), fc.nat(), (which, pick) => {
        const text = scripts[which] ?? '';
        const lines = text.split('\n');
        const line = pick % lines.length;
        const start = lines.slice(0, line).reduce((n, l) => n + l.length + 1, 0);
        const content = lines[line] ?? '';
        const doc = analyzer.open(text.slice(0, start) + text.slice(start + content.length));
        try {
          doc.findings();
          for (let i = 0; i < content.length; i++) {
            doc.edit([{ rangeOffset: start + i, rangeLength: 0, text: content[i] ?? '' }]);
            expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
          }
          expect(doc.text).toBe(text);
        } finally {
          doc.dispose();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('incremental edits always agree with a fresh analysis', { timeout: 60_000 }, async () => {
    const analyzer = await getAnalyzer();
    fc.assert(
      fc.property(
        fc.nat(scripts.length - 1),
        fc.array(fc.record({ at: fc.nat(), remove: fc.nat(40), token: fc.constantFrom(...TOKENS, '') }), { minLength: 1, maxLength: 12 }),
        (which, edits) => {
          const doc = analyzer.open(scripts[which] ?? '');
          try {
            doc.findings();
            for (const e of edits) {
              const at = e.at % (doc.text.length + 1);
              doc.edit([{ rangeOffset: at, rangeLength: Math.min(e.remove % 3 === 0 ? e.remove : 0, doc.text.length - at), text: e.token }]);
            }
            expect(doc.findings()).toEqual(analyzer.analyzeText(doc.text));
          } finally {
            doc.dispose();
          }
        },
      ),
      { numRuns: 120 },
    );
  });
});
