/**
 * The callables a lambda may use: a few builtins and the float functions of Python's `math`
 * module, each with CPython's error behaviour (ValueError "math domain error" where C returns NaN,
 * OverflowError "math range error" where it overflows).
 */
import * as libm from '../libm';
import { PythonError, pyDiv, pyPow } from '../python';
import { roundFloat, roundHalfEven, roundInt } from './round';
import { BOOL, FLOAT, INT, type Kind, type Register, bitLength, chargeBits, floatToInt, lessThan, retBig, retBool, retFloat, retInt, toBig, toFloat, truthy } from './values';
import { absolute, binary } from './ops';

/** The evaluated arguments of one call, in preallocated slots. */
export interface Args {
  readonly count: number;
  readonly values: Float64Array;
  readonly kinds: Uint8Array;
  readonly bigs: (bigint | undefined)[];
}

export interface FunctionDef {
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Why a call with too few or too many arguments is refused, when Python's own wording would mislead. */
  readonly arityNote?: string;
  readonly call: (reg: Register, args: Args) => number;
}

function kindAt(args: Args, i: number): Kind {
  return args.kinds[i] as Kind;
}

function floatArg(args: Args, i: number): number {
  return toFloat(args.values[i] as number, args.bigs[i]);
}

function domainError(): never {
  throw new PythonError('ValueError', 'math domain error');
}

/** CPython's math_1: NaN from a non-NaN is a domain error, Infinity from a finite is overflow or domain. */
function mathUnary(fn: (x: number) => number, canOverflow: boolean): FunctionDef {
  return {
    minArgs: 1,
    maxArgs: 1,
    call: (reg, args) => {
      const x = floatArg(args, 0);
      const r = fn(x);
      if (Number.isNaN(r) && !Number.isNaN(x)) domainError();
      if (!Number.isFinite(r) && !Number.isNaN(r) && Number.isFinite(x)) {
        if (canOverflow) throw new PythonError('OverflowError', 'math range error');
        domainError();
      }
      return retFloat(reg, r);
    },
  };
}

/** log of a positive int too large for a float: CPython's loghelper splits off the binary exponent. */
function logOfBig(value: bigint, fn: (x: number) => number): number {
  const bits = bitLength(value);
  const shift = BigInt(bits - 64);
  const sticky = (value & ((1n << shift) - 1n)) === 0n ? 0n : 1n;
  let x = Number((value >> shift) | sticky) / 2 ** 64;
  let e = bits;
  if (x === 1) {
    x = 0.5;
    e += 1;
  }
  return fn(x) + fn(2) * e;
}

/** CPython's loghelper + m_log: a domain error for x <= 0, exact for huge ints. */
function logArg(args: Args, i: number, fn: (x: number) => number): number {
  const big = args.bigs[i];
  if (big !== undefined) {
    if (big <= 0n) domainError();
    if (!Number.isFinite(Number(big))) return logOfBig(big, fn);
  }
  const x = floatArg(args, i);
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x <= 0) domainError();
  return fn(x);
}

function logFunction(fn: (x: number) => number): FunctionDef {
  return { minArgs: 1, maxArgs: 1, call: (reg, args) => retFloat(reg, logArg(args, 0, fn)) };
}

/** math.floor / ceil / trunc: ints pass through, floats become ints. */
function toIntegral(fn: (x: number) => number): FunctionDef {
  return {
    minArgs: 1,
    maxArgs: 1,
    call: (reg, args) => {
      const x = args.values[0] as number;
      if (kindAt(args, 0) !== FLOAT) return args.bigs[0] === undefined ? retInt(reg, x) : retBig(reg, args.bigs[0] as bigint);
      return floatToInt(reg, fn(x), x);
    },
  };
}

function predicate(fn: (x: number) => boolean): FunctionDef {
  return { minArgs: 1, maxArgs: 1, call: (reg, args) => retBool(reg, fn(floatArg(args, 0))) };
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

/** math.pow: unlike `**`, a zero base with a negative exponent is a domain error (math_pow). */
function mathPow(x: number, y: number): number {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return pyPow(x, y);
  const r = libm.powFinite(x, y);
  if (Number.isFinite(r)) return r;
  if (Number.isNaN(r) || x === 0) domainError();
  throw new PythonError('OverflowError', 'math range error');
}

/** min()/max(): the first extreme argument wins, compared exactly across int and float. */
function extreme(isMax: boolean): FunctionDef {
  return {
    minArgs: 2,
    maxArgs: Infinity,
    arityNote: 'min() and max() of a single iterable are not supported; pass two or more numbers',
    call: (reg, args) => {
      let best = 0;
      for (let i = 1; i < args.count; i++) {
        const candidate = args.bigs[i] ?? (args.values[i] as number);
        const current = args.bigs[best] ?? (args.values[best] as number);
        if (isMax ? lessThan(current, candidate) : lessThan(candidate, current)) best = i;
      }
      reg.kind = kindAt(args, best);
      reg.big = args.bigs[best];
      return args.values[best] as number;
    },
  };
}

function pythonRound(reg: Register, args: Args): number {
  const x = args.values[0] as number;
  const kind = kindAt(args, 0);
  if (args.count === 1) {
    if (kind !== FLOAT) return args.bigs[0] === undefined ? retInt(reg, x) : retBig(reg, args.bigs[0] as bigint);
    return floatToInt(reg, Number.isFinite(x) ? roundHalfEven(x) : x, x);
  }
  if (kindAt(args, 1) === FLOAT) throw new PythonError('TypeError', "'float' object cannot be interpreted as an integer");
  const nBig = args.bigs[1];
  // Huge ndigits behave like the clamp CPython applies (PyNumber_AsSsize_t saturates).
  const ndigits = nBig === undefined ? (args.values[1] as number) : nBig > 0n ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  if (kind === FLOAT) return retFloat(reg, roundFloat(x, ndigits));
  // round(n, -k) divides by 10**k (3.33 bits a digit; roundInt gives 0 past 100,000 digits).
  if (ndigits < 0) chargeBits(reg, Math.ceil(Math.min(-ndigits, 100_000) * 3.33));
  return retBig(reg, roundInt(toBig(x, args.bigs[0]), ndigits));
}

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;

/** math.degrees / math.radians multiply by a constant and never raise. */
function scaled(factor: number): FunctionDef {
  return { minArgs: 1, maxArgs: 1, call: (reg, a) => retFloat(reg, floatArg(a, 0) * factor) };
}

export const BUILTINS: Readonly<Record<string, FunctionDef>> = {
  abs: { minArgs: 1, maxArgs: 1, call: (reg, a) => absolute(reg, a.values[0] as number, kindAt(a, 0) === BOOL ? INT : kindAt(a, 0), a.bigs[0]) },
  min: extreme(false),
  max: extreme(true),
  int: {
    minArgs: 0,
    maxArgs: 1,
    arityNote: 'int() with a base needs a string, which is not supported',
    call: (reg, a) => {
      if (a.count === 0) return retInt(reg, 0);
      const x = a.values[0] as number;
      if (kindAt(a, 0) !== FLOAT) return a.bigs[0] === undefined ? retInt(reg, x) : retBig(reg, a.bigs[0] as bigint);
      return floatToInt(reg, Math.trunc(x), x);
    },
  },
  float: { minArgs: 0, maxArgs: 1, call: (reg, a) => retFloat(reg, a.count === 0 ? 0 : floatArg(a, 0)) },
  bool: { minArgs: 0, maxArgs: 1, call: (reg, a) => retBool(reg, a.count > 0 && truthy(a.values[0] as number, a.bigs[0])) },
  round: { minArgs: 1, maxArgs: 2, call: pythonRound },
  pow: {
    minArgs: 2,
    maxArgs: 2,
    arityNote: 'three-argument pow() is not supported',
    call: (reg, a) => binary(reg, '**', a.values[0] as number, kindAt(a, 0), a.bigs[0], a.values[1] as number, kindAt(a, 1), a.bigs[1]),
  },
};

export const MATH_FUNCTIONS: Readonly<Record<string, FunctionDef>> = {
  acos: mathUnary(Math.acos, false),
  acosh: mathUnary(Math.acosh, false),
  asin: mathUnary(Math.asin, false),
  asinh: mathUnary(Math.asinh, false),
  atan: mathUnary(Math.atan, false),
  atanh: mathUnary(Math.atanh, false),
  cbrt: mathUnary(Math.cbrt, false),
  cos: mathUnary(libm.cos, false),
  cosh: mathUnary(Math.cosh, true),
  degrees: scaled(RAD_TO_DEG),
  exp: mathUnary(libm.exp, true),
  exp2: mathUnary((x) => (Number.isFinite(x) ? libm.powPositive(2, x) : 2 ** x), true),
  expm1: mathUnary(Math.expm1, true),
  fabs: mathUnary(Math.abs, false),
  log1p: mathUnary(Math.log1p, false),
  radians: scaled(DEG_TO_RAD),
  sin: mathUnary(libm.sin, false),
  sinh: mathUnary(Math.sinh, true),
  sqrt: mathUnary(Math.sqrt, false),
  tan: mathUnary(libm.tan, false),
  tanh: mathUnary(Math.tanh, false),
  log2: logFunction(libm.log2),
  log10: logFunction(libm.log10),
  log: {
    minArgs: 1,
    maxArgs: 2,
    call: (reg, a) => {
      const num = logArg(a, 0, libm.log);
      return retFloat(reg, a.count === 1 ? num : pyDiv(num, logArg(a, 1, libm.log)));
    },
  },
  floor: toIntegral(Math.floor),
  ceil: toIntegral(Math.ceil),
  trunc: toIntegral(Math.trunc),
  isfinite: predicate(Number.isFinite),
  isinf: predicate((x) => !Number.isFinite(x) && !Number.isNaN(x)),
  isnan: predicate(Number.isNaN),
  pow: { minArgs: 2, maxArgs: 2, call: (reg, a) => retFloat(reg, mathPow(floatArg(a, 0), floatArg(a, 1))) },
  atan2: { minArgs: 2, maxArgs: 2, call: (reg, a) => retFloat(reg, Math.atan2(floatArg(a, 0), floatArg(a, 1))) },
  copysign: {
    minArgs: 2,
    maxArgs: 2,
    call: (reg, a) => {
      const magnitude = Math.abs(floatArg(a, 0));
      return retFloat(reg, isNegative(floatArg(a, 1)) ? -magnitude : magnitude);
    },
  },
  fmod: {
    minArgs: 2,
    maxArgs: 2,
    call: (reg, a) => {
      const x = floatArg(a, 0);
      const y = floatArg(a, 1);
      if (!Number.isFinite(y) && !Number.isNaN(y) && Number.isFinite(x)) return retFloat(reg, x);
      const r = x % y;
      if (Number.isNaN(r) && !Number.isNaN(x) && !Number.isNaN(y)) domainError();
      return retFloat(reg, r);
    },
  },
  hypot: {
    minArgs: 0,
    maxArgs: Infinity,
    call: (reg, a) => retFloat(reg, Math.hypot(...Array.from({ length: a.count }, (_, i) => floatArg(a, i)))),
  },
};

export const MATH_CONSTANTS: Readonly<Record<string, number>> = {
  pi: Math.PI,
  e: Math.E,
  tau: 2 * Math.PI,
  inf: Infinity,
  nan: NaN,
};

/** Names a lambda might reasonably try that we recognise but do not implement, for a clearer error. */
export const KNOWN_UNSUPPORTED_MATH = ['erf', 'erfc', 'gamma', 'lgamma', 'factorial', 'comb', 'perm', 'gcd', 'lcm', 'isqrt', 'isclose', 'prod', 'fsum', 'dist', 'frexp', 'ldexp', 'modf', 'remainder', 'nextafter', 'ulp', 'sumprod'];

