/**
 * The few CPython float semantics torch's scheduler formulas rely on. JavaScript agrees with
 * Python on + - * / of finite doubles, but not on what happens at the edges: Python raises where
 * JavaScript returns Infinity or NaN, and `%` / `//` follow the divisor's sign. Each helper
 * reproduces CPython's Objects/floatobject.c so that a schedule fails exactly where torch's does.
 */

import { powPositive } from './libm';

export type PythonErrorType = 'ZeroDivisionError' | 'OverflowError' | 'ValueError' | 'TypeError';

/**
 * A Python exception the simulated code would raise. Internal: schedulers and the lambda
 * interpreter turn it into a SpecError that names the offending field.
 */
export class PythonError extends Error {
  override readonly name = 'PythonError';

  /**
   * @param hint the torch keyword most likely at fault (`total_iters`), when the caller knows it.
   */
  constructor(
    readonly pyType: PythonErrorType,
    readonly detail: string,
    readonly hint?: string,
  ) {
    super(`${pyType}: ${detail}`);
  }
}

/** `a / b` on floats. */
export function pyDiv(a: number, b: number, hint?: string): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'float division by zero', hint);
  return a / b;
}

/** `a % b` on floats: the result takes the divisor's sign (float_rem). */
export function pyMod(a: number, b: number, hint?: string): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'float modulo', hint);
  let mod = a % b; // JavaScript's % is C's fmod, exact
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}

/** `a // b` on floats (float_floor_div), which is not Math.floor(a / b) near integers. */
export function pyFloorDiv(a: number, b: number, hint?: string): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'float floor division by zero', hint);
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return Object.is(a / b, -0) || a / b < 0 ? -0 : 0;
  let floorDiv = Math.floor(div);
  if (div - floorDiv > 0.5) floorDiv += 1;
  return floorDiv;
}

/** Exact floor division and modulo of safe integers (Python int semantics, no -0). */
export function intFloorDiv(a: number, b: number): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'integer division or modulo by zero');
  const r = a % b;
  let q = (a - r) / b;
  if (r !== 0 && r < 0 !== b < 0) q -= 1;
  return q + 0;
}

export function intMod(a: number, b: number): number {
  if (b === 0) throw new PythonError('ZeroDivisionError', 'integer division or modulo by zero');
  let r = a % b;
  if (r !== 0 && r < 0 !== b < 0) r += b;
  return r + 0;
}

function isOddInteger(x: number): boolean {
  return Number.isInteger(x) && Math.abs(x % 2) === 1;
}

/** `a ** b` on floats (float_pow): raises where C's pow() would set errno, or Python would go complex. */
export function pyPow(a: number, b: number, hint?: string): number {
  if (b === 0) return 1;
  if (Number.isNaN(a)) return a;
  if (Number.isNaN(b)) return a === 1 ? 1 : b;
  if (!Number.isFinite(b)) {
    const abs = Math.abs(a);
    if (abs === 1) return 1;
    return b > 0 === abs > 1 ? Infinity : 0;
  }
  if (!Number.isFinite(a)) {
    if (b > 0) return isOddInteger(b) ? a : Infinity;
    return isOddInteger(b) ? (a < 0 ? -0 : 0) : 0;
  }
  if (a === 0) {
    if (b < 0) throw new PythonError('ZeroDivisionError', '0.0 cannot be raised to a negative power', hint);
    return isOddInteger(b) ? a : 0;
  }
  let negate = false;
  let base = a;
  if (a < 0) {
    if (!Number.isInteger(b)) {
      throw new PythonError('ValueError', 'a negative number raised to a fractional power is complex, which is not supported', hint);
    }
    base = -a;
    negate = isOddInteger(b);
  }
  if (base === 1) return negate ? -1 : 1;
  const result = powPositive(base, b);
  if (!Number.isFinite(result)) throw new PythonError('OverflowError', "(34, 'Numerical result out of range')", hint);
  return negate ? -result : result;
}

/** Python's bisect.bisect_right, step for step, so unsorted lists bisect exactly as in torch. */
export function bisectRight(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < (list[mid] as number)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
