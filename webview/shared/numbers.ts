/** How numbers read in the panel (plain ASCII, so a copied value pastes into Python as it is). */

/** Four significant digits, exponent notation for very small or large magnitudes: `2.06e-8`, `0.1235`, `1.5e+16`. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e5) return trimExponent(value.toExponential(2));
  return String(Number(value.toPrecision(4)));
}

/** `1.50e-8` → `1.5e-8`, `2.00e+16` → `2e+16`. */
function trimExponent(text: string): string {
  return text.replace(/\.?0+e/, 'e');
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * What a text field holds, as JSON for the core's validation: a number when the text is a number
 * literal, otherwise the text itself, which the core rejects with its own message
 * (`expected a number, got the string "abc"`). Nothing is coerced silently.
 */
export function readNumberText(text: string): number | string {
  const trimmed = text.trim();
  return NUMBER_TEXT.test(trimmed) ? Number(trimmed) : text;
}

/** The text a number field shows for a stored JSON value. */
export function numberText(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value === undefined ? '' : JSON.stringify(value) ?? '';
}
