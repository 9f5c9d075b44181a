/**
 * Python's round(), which rounds half to even on the exact binary value of the float (so
 * `round(2.675, 2)` is 2.67 because 2.675 is really 2.67499999…), computed exactly with bigints.
 */
import { PythonError } from '../python';

// CPython's NDIGITS_MAX / NDIGITS_MIN: beyond them the float is returned as is, or as zero.
const NDIGITS_MAX = 323;
const NDIGITS_MIN = -308;

/** The exact value of a finite float as mantissa * 2**exponent. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number(bits >> 52n);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? { mantissa: fraction, exponent: -1074 } : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}

/** numerator / denominator rounded half to even (both positive). */
function divRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  const q = numerator / denominator;
  const twice = 2n * (numerator % denominator);
  if (twice > denominator || (twice === denominator && q % 2n === 1n)) return q + 1n;
  return q;
}

/** round(x) for a finite float: the nearest integer, ties to even (still a float here). */
export function roundHalfEven(x: number): number {
  const rounded = Math.round(x); // ties toward +infinity
  if (rounded - x === 0.5 && rounded % 2 !== 0) return rounded - 1;
  return rounded;
}

/** round(x, ndigits) for a float x. */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x)) return x;
  if (ndigits > NDIGITS_MAX) return x;
  if (ndigits < NDIGITS_MIN) return 0 * x;
  const { mantissa, exponent } = decompose(x);
  const pow10 = 10n ** BigInt(Math.abs(ndigits));
  let numerator = mantissa * (ndigits >= 0 ? pow10 : 1n);
  let denominator = ndigits >= 0 ? 1n : pow10;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  const n = divRoundHalfEven(numerator, denominator);
  if (n === 0n) return x < 0 ? -0 : 0;
  // The decimal string n·10**-ndigits converts with one correct rounding, as CPython's strtod does.
  const magnitude = Number(`${n}e${-ndigits}`);
  if (!Number.isFinite(magnitude)) throw new PythonError('OverflowError', 'rounded value too large to represent');
  return x < 0 ? -magnitude : magnitude;
}

/** round(n, ndigits) for an int n: unchanged for ndigits >= 0, else to a multiple of 10**-ndigits, ties to even. */
export function roundInt(n: bigint, ndigits: number): bigint {
  if (ndigits >= 0) return n;
  if (-ndigits > 100_000) return 0n;
  const pow10 = 10n ** BigInt(-ndigits);
  const magnitude = divRoundHalfEven(n < 0n ? -n : n, pow10) * pow10;
  return n < 0n ? -magnitude : magnitude;
}
