/**
 * Values of number and string literals from their source text, shared by both readers of Python
 * (fromTreeSitter.ts from tree-sitter, direct/parser.ts from tokens) so they agree by construction.
 */

/** A number literal's value (`1_000`, `0x1F`, `1e-3`, `10L`); NaN or ±Infinity when not a real number (`1j`). */
export function numberValue(raw: string): number {
  if (/^[0-9.]+$/.test(raw)) return Number(raw);
  const digits = raw.replace(/_/g, '');
  if (/^0[xob]/i.test(digits)) {
    const base = digits[1]?.toLowerCase();
    return Number.parseInt(digits.slice(2), base === 'x' ? 16 : base === 'o' ? 8 : 2);
  }
  return Number(digits.replace(/[lL]$/, ''));
}

/**
 * A string literal's text between its quotes, escapes left as written: an f-string's
 * interpolations hold nothing the rules look at, so its parts are not visited.
 */
export function stringValue(raw: string): string {
  const m = /^[A-Za-z]*("""|'''|"|')([\s\S]*?)(?:\1)?$/.exec(raw);
  return m?.[2] ?? raw;
}
