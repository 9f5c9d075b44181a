/**
 * Python's arithmetic operators on bool/int/float: int op int stays an exact int (floor division and
 * modulo follow the divisor's sign), `/` always gives a float, and any float operand makes the
 * operation a float one with CPython's float semantics.
 */
import type { BinaryOp } from './ast';
import { PythonError, intFloorDiv, intMod, pyDiv, pyFloorDiv, pyMod, pyPow } from '../python';
import { FLOAT, MAX_INT_BITS, type Kind, type Register, bitLength, bigToFloat, chargeBits, retBig, retFloat, retInt, toBig, toFloat } from './values';

/** x * 2**exp without intermediate overflow or underflow of the power itself. */
function ldexp(x: number, exp: number): number {
  let result = x;
  let e = exp;
  while (e > 1000) {
    result *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    result *= 2 ** -1000;
    e += 1000;
  }
  return result * 2 ** e;
}

/** int / int, correctly rounded as CPython's long_true_divide, for ints beyond 2**53. */
function bigTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw new PythonError('ZeroDivisionError', 'division by zero');
  const negative = a < 0n !== b < 0n;
  const n = a < 0n ? -a : a;
  const d = b < 0n ? -b : b;
  if (n === 0n) return negative ? -0 : 0;
  // Scale so the quotient has at least 55 bits, keep a sticky bit for the remainder, and let
  // Number() do the one correct rounding to 53 bits.
  const shift = bitLength(d) - bitLength(n) + 55;
  const num = shift >= 0 ? n << BigInt(shift) : n;
  const den = shift >= 0 ? d : d << BigInt(-shift);
  const q = num / den;
  const sticky = num % den === 0n ? 0n : 1n;
  const result = ldexp(Number((q << 1n) | sticky), -shift - 1);
  if (!Number.isFinite(result)) throw new PythonError('OverflowError', 'integer division result too large for a float');
  return negative ? -result : result;
}

function checkBits(bits: number): void {
  if (bits > MAX_INT_BITS + 1) throw new PythonError('OverflowError', `integer result too large (more than ${MAX_INT_BITS} bits)`);
}

/** int ** non-negative int, exactly: square-and-multiply on safe integers, bigint past 2**53. */
function intPow(reg: Register, base: bigint | number, exp: bigint | number): number {
  if (typeof base === 'number' && typeof exp === 'number') {
    let result = 1;
    let square = base;
    let e = exp;
    let exact = true;
    while (e > 0 && exact) {
      if (e % 2 === 1) {
        result *= square;
        exact = Number.isSafeInteger(result);
      }
      e = Math.floor(e / 2);
      if (e > 0 && exact) {
        square *= square;
        exact = Number.isSafeInteger(square);
      }
    }
    if (exact) return retInt(reg, result);
  }
  const b = BigInt(base);
  const e = BigInt(exp);
  if (b === 0n || b === 1n) return retInt(reg, e === 0n ? 1 : Number(b));
  if (b === -1n) return retInt(reg, e % 2n === 0n ? 1 : -1);
  // Past the bit budget, refuse before computing: `10 ** 10 ** 9` must not hang.
  const bits = e > BigInt(MAX_INT_BITS) ? Infinity : (bitLength(b) - 1) * Number(e);
  checkBits(bits);
  return retBig(reg, b ** e);
}

function bigIntArith(reg: Register, op: BinaryOp, a: bigint, b: bigint): number {
  // Every big operation reads both operands: `(3 ** 41000) % (e + 2)` costs its 65,000 bits each
  // time although its result is small.
  chargeBits(reg, bitLength(a));
  chargeBits(reg, bitLength(b));
  switch (op) {
    case '+':
      return retBig(reg, a + b);
    case '-':
      return retBig(reg, a - b);
    case '*':
      checkBits(bitLength(a) + bitLength(b) - 1);
      return retBig(reg, a * b);
    case '//':
    case '%': {
      if (b === 0n) throw new PythonError('ZeroDivisionError', 'integer division or modulo by zero');
      let q = a / b;
      let r = a % b;
      if (r !== 0n && r < 0n !== b < 0n) {
        q -= 1n;
        r += b;
      }
      return retBig(reg, op === '//' ? q : r);
    }
    case '/':
      return retFloat(reg, bigTrueDiv(a, b));
    case '**':
      if (b < 0n) return retFloat(reg, pyPow(bigToFloat(a), bigToFloat(b)));
      return intPow(reg, a, b);
  }
}

function intArith(reg: Register, op: BinaryOp, a: number, ab: bigint | undefined, b: number, bb: bigint | undefined): number {
  if (ab === undefined && bb === undefined) {
    let r = NaN;
    switch (op) {
      case '+':
        r = a + b;
        break;
      case '-':
        r = a - b;
        break;
      case '*':
        r = a * b;
        break;
      case '//':
        return retInt(reg, intFloorDiv(a, b));
      case '%':
        return retInt(reg, intMod(a, b));
      case '/':
        // Both operands are exact doubles, so one IEEE division is the correctly rounded quotient.
        if (b === 0) throw new PythonError('ZeroDivisionError', 'division by zero');
        return retFloat(reg, a / b);
      case '**':
        return b < 0 ? retFloat(reg, pyPow(a, b)) : intPow(reg, a, b);
    }
    // A rounded result is never a safe integer when the exact one is not, so this test is exact.
    if (Number.isSafeInteger(r)) return retInt(reg, r);
  }
  return bigIntArith(reg, op, toBig(a, ab), toBig(b, bb));
}

export function binary(reg: Register, op: BinaryOp, a: number, ka: Kind, ab: bigint | undefined, b: number, kb: Kind, bb: bigint | undefined): number {
  if (ka !== FLOAT && kb !== FLOAT) return intArith(reg, op, a, ab, b, bb);
  const x = toFloat(a, ab);
  const y = toFloat(b, bb);
  switch (op) {
    case '+':
      return retFloat(reg, x + y);
    case '-':
      return retFloat(reg, x - y);
    case '*':
      return retFloat(reg, x * y);
    case '/':
      return retFloat(reg, pyDiv(x, y));
    case '//':
      return retFloat(reg, pyFloorDiv(x, y));
    case '%':
      return retFloat(reg, pyMod(x, y));
    case '**':
      return retFloat(reg, pyPow(x, y));
  }
}

export function negate(reg: Register, a: number, ka: Kind, ab: bigint | undefined): number {
  if (ka === FLOAT) return retFloat(reg, -a);
  return ab === undefined ? retInt(reg, -a) : retBig(reg, -ab);
}

export function absolute(reg: Register, a: number, ka: Kind, ab: bigint | undefined): number {
  if (ka === FLOAT) return retFloat(reg, Math.abs(a));
  return ab === undefined ? retInt(reg, Math.abs(a)) : retBig(reg, ab < 0n ? -ab : ab);
}
