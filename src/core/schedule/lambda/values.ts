/**
 * Python values without boxing. An evaluated node returns a JavaScript number and leaves its
 * Python type in a shared register: `bool`, `int` (a safe integer, or a bigint in `reg.big` once it
 * outgrows 2**53, as Python's ints never overflow) or `float`. Nothing is allocated per evaluation
 * unless an int really outgrows 2**53.
 */
import { PythonError } from '../python';

export const BOOL = 0;
export const INT = 1;
export const FLOAT = 2;
export type Kind = typeof BOOL | typeof INT | typeof FLOAT;

/** Python ints beyond this many bits are refused rather than computed (they could take forever). */
export const MAX_INT_BITS = 1 << 16;

/**
 * What the lambdas of one schedule trace have spent (the scheduler's ParamGroup owns one, so every
 * lambda of a SequentialLR shares it, and a CLI batch shares one across its cases). Counted in
 * operations and big-integer bits, not time, so a refusal is the same on every machine.
 */
export class LambdaBudget {
  /** Expression nodes evaluated (each call is charged its whole tree: an upper bound, no hot-path cost). */
  ops = 0;
  /** Bits of big-integer operands (before the operation runs) and results. */
  bits = 0;
}

/**
 * The budgets per trace. Nodes evaluate at ~10-30 ns, big-integer work at ~100 M bits/s (`3 ** 41000`
 * is 65,000 bits), so either budget spent in full costs a few tenths of a second; what typical
 * lambdas need is far below (`lambda e: 0.95 ** e` is 3 nodes × 100,000 steps; 100 nodes a call fit 100,000 steps).
 */
export const MAX_LAMBDA_OPS = 10_000_000;
export const MAX_LAMBDA_BITS = 30_000_000;

/** Thrown when a budget is spent; CompiledLambda turns it into a SpecError naming the lambda. */
export class BudgetError extends Error {
  constructor(readonly what: 'ops' | 'bits') {
    super(`lambda ${what} budget spent`);
  }
}

export class Register {
  /** The trace's budget, installed by CompiledLambda.factor for the duration of one call. */
  budget = new LambdaBudget();
  kind: Kind = FLOAT;
  /** The value when `kind` is INT and it does not fit a safe integer; otherwise undefined. */
  big: bigint | undefined = undefined;
  /** Source offset of the operation being evaluated, for error messages. */
  pos = 0;
}

export function retFloat(reg: Register, value: number): number {
  reg.kind = FLOAT;
  reg.big = undefined;
  return value;
}

export function retBool(reg: Register, value: boolean): number {
  reg.kind = BOOL;
  reg.big = undefined;
  return value ? 1 : 0;
}

/** `value` must be an exact integer; Python ints have no negative zero. */
export function retInt(reg: Register, value: number): number {
  reg.kind = INT;
  reg.big = undefined;
  return value + 0;
}

export function bitLength(value: bigint): number {
  return (value < 0n ? -value : value).toString(2).length;
}

/**
 * Bits of one big integer that count against the trace's budget: those past 128, since an int of
 * a few words costs about what any operation costs (and the operations budget bounds those).
 */
const FREE_BITS = 128;

/** Charges one big integer of `bits` to the trace, refusing before the work is done where the caller can. */
export function chargeBits(reg: Register, bits: number): void {
  if (bits <= FREE_BITS) return;
  reg.budget.bits += bits - FREE_BITS;
  if (reg.budget.bits > MAX_LAMBDA_BITS) throw new BudgetError('bits');
}

export function retBig(reg: Register, value: bigint): number {
  if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) return retInt(reg, Number(value));
  const bits = bitLength(value);
  chargeBits(reg, bits);
  if (bits > MAX_INT_BITS) throw new PythonError('OverflowError', `integer result too large (more than ${MAX_INT_BITS} bits)`);
  reg.kind = INT;
  reg.big = value;
  return NaN;
}

/** PyLong_AsDouble: correctly rounded, OverflowError past the float range. */
export function bigToFloat(value: bigint): number {
  const result = Number(value);
  if (!Number.isFinite(result)) throw new PythonError('OverflowError', 'int too large to convert to float');
  return result;
}

export function toFloat(value: number, big: bigint | undefined): number {
  return big === undefined ? value : bigToFloat(big);
}

export function toBig(value: number, big: bigint | undefined): bigint {
  return big ?? BigInt(value);
}

export function truthy(value: number, big: bigint | undefined): boolean {
  return big !== undefined || value !== 0;
}

/** Python's exact comparison across bool, int and float (JavaScript compares number and bigint exactly). */
export function lessThan(a: number | bigint, b: number | bigint): boolean {
  return a < b;
}

export function equal(a: number | bigint, b: number | bigint): boolean {
  return typeof a === typeof b ? a === b : a <= b && a >= b;
}

/** A float from `Math.floor`/`Math.trunc`/rounding, as a Python int (int(x), math.floor(x), round(x)). */
export function floatToInt(reg: Register, integral: number, original: number): number {
  if (Number.isNaN(original)) throw new PythonError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(original)) throw new PythonError('OverflowError', 'cannot convert float infinity to integer');
  return Number.isSafeInteger(integral) ? retInt(reg, integral) : retBig(reg, BigInt(integral));
}

/** A value with its Python type, for callers that need more than the float torch multiplies by. */
export interface PyValue {
  readonly type: 'bool' | 'int' | 'float';
  readonly value: number | bigint;
}

export function readValue(reg: Register, value: number): PyValue {
  if (reg.kind === BOOL) return { type: 'bool', value };
  if (reg.kind === INT) return { type: 'int', value: reg.big ?? value };
  return { type: 'float', value };
}

/** Python's repr() of the value: `True`, `3`, `0.5`, `1e-05`, `inf`. */
export function pyRepr(v: PyValue): string {
  if (v.type === 'bool') return v.value ? 'True' : 'False';
  if (v.type === 'int') return String(v.value);
  const x = v.value as number;
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // toExponential() with no argument gives the shortest round-trip digits, as Python's repr does.
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const decpt = Number(exp) + 1;
  const sign = x < 0 ? '-' : '';
  if (decpt <= -4 || decpt > 16) {
    const e = decpt - 1;
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${body}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
  if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}
