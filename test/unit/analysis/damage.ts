/**
 * Random damage to realistic training scripts, shared by the property tests: deleted, duplicated,
 * swapped and re-indented lines, inserted tokens, truncation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { generateScript } from '../../fixtures/analysis/generate';

const realDir = path.resolve(__dirname, '../../fixtures/analysis/real');
export const scripts = [
  ...readdirSync(realDir).filter((f) => f.endsWith('.py')).map((f) => readFileSync(path.join(realDir, f), 'utf8')),
  generateScript(120, 11),
  generateScript(120, 12).replace(/\n/g, '\r\n'),
];

export const TOKENS = [
  '(', ')', '[', ']', ':', ',', '"', "'", '"""', '#', '\\', '\t', '    ', '\n', '\r\n', '😀', '训练',
  'optimizer.step()', 'loss.backward()', 'optimizer.zero_grad()', 'scheduler.step()', 'for x in loader:',
  'def f(', 'class C:', 'if (i + 1) % 4 == 0:', 'return', 'lambda: ', 'torch.optim.Adam(p, weight_decay=0.1)',
];

export type Mutation =
  | { kind: 'delete' | 'duplicate' | 'dedent'; line: number }
  | { kind: 'indent'; line: number; tab: boolean }
  | { kind: 'swap'; line: number; other: number }
  | { kind: 'insert'; at: number; token: string }
  | { kind: 'truncate'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'dedent' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), tab: fc.boolean() }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function apply(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const n = Math.max(1, lines.length);
  switch (m.kind) {
    case 'delete':
      lines.splice(m.line % n, 1);
      return lines.join('\n');
    case 'duplicate':
      lines.splice(m.line % n, 0, lines[m.line % n] ?? '');
      return lines.join('\n');
    case 'dedent':
      lines[m.line % n] = (lines[m.line % n] ?? '').replace(/^( {1,4}|\t)/, '');
      return lines.join('\n');
    case 'indent':
      lines[m.line % n] = (m.tab ? '\t' : '    ') + (lines[m.line % n] ?? '');
      return lines.join('\n');
    case 'swap': {
      const a = m.line % n;
      const b = m.other % n;
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.token + text.slice(at);
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}
