/**
 * The float64 arithmetic torch's CPU kernels actually perform, reproduced in JavaScript so our
 * trajectories equal torch's bit for bit.
 *
 * Two things make plain JavaScript arithmetic round differently from torch:
 * - ATen's AVX2 kernels are compiled with floating-point contraction, so `t.add_(u, alpha=a)` is one
 *   fused multiply-add `fma(a, u, t)` and `t.addcmul_(u, w, value=v)` is `fma(v * u, w, t)` (checked
 *   against torch 1.13 on 2-element float64 tensors; `addcdiv_` is not fused). JavaScript has no fma,
 *   so `fma` below emulates a correctly rounded one.
 * - Python's `beta ** step` calls glibc's `pow`, which is correctly rounded far more often than V8's
 *   `Math.pow` (V8 differs in ~10% of `0.999 ** t`). `PowerSequence` and `pow096` compute correctly
 *   rounded powers instead; glibc itself misrounds about 1 in 1,300 of those (by one ulp).
 */

import { twoProductError } from '../twoProduct';

const SPLIT_LIMIT = 2 ** 995; // SPLITTER * |a| must not overflow.
const SUM_LIMIT = 2 ** 1020; // TwoSum of two values below this cannot overflow.

// Bit access for the rounding-to-odd step. All supported platforms (x86, ARM) are little-endian.
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);

/**
 * `x + y` rounded to odd: the sum itself when exact, otherwise whichever neighbouring double has an odd
 * last bit. A later rounding to nearest of `big + v` then equals one rounding of the exact sum, which
 * is what makes the emulated fma correctly rounded (Boldo & Melquiond, IEEE TC 57(4), 2008).
 */
function addRoundToOdd(x: number, y: number): number {
  const s = x + y;
  const yv = s - x;
  const err = x - (s - yv) + (y - yv);
  if (err === 0) return s;
  scratch[0] = s;
  if ((words[0]! & 1) === 1) return s;
  // s is even and not exact: step one ulp towards the exact sum; that neighbour is odd.
  const lo = words[0]!;
  if (err > 0 === s > 0) {
    if (lo === 0xffffffff) {
      words[0] = 0;
      words[1] = words[1]! + 1;
    } else words[0] = lo + 1;
  } else if (lo === 0) {
    words[0] = 0xffffffff;
    words[1] = words[1]! - 1;
  } else words[0] = lo - 1;
  return scratch[0]!;
}

/** `a * b + c` with one rounding, like the FMA instruction GCC emits inside torch's add/addcmul kernels. */
export function fma(a: number, b: number, c: number): number {
  const p = a * b;
  // Near overflow (and for inf/NaN) the product's error term is not representable; those points are
  // about to leave the finite range anyway, so the unfused result is as good as any.
  if (!(Math.abs(a) < SPLIT_LIMIT && Math.abs(b) < SPLIT_LIMIT && Math.abs(p) < SUM_LIMIT && Math.abs(c) < SUM_LIMIT)) return p + c;
  // Below this the product's error term underflows and TwoProduct is no longer exact: a running
  // average converging on zero gets here, and a wrong sign under a square root would be a NaN.
  if (Math.abs(p) < PRODUCT_UNDERFLOW && a !== 0 && b !== 0) return exactFma(a, b, c);
  const e = twoProductError(a, b, p);
  // th + tl = c + p exactly (TwoSum), so a·b + c = th + tl + e.
  const th = c + p;
  const pv = th - c;
  const tl = c - (th - pv) + (p - pv);
  // Rounding tl + e first can only matter when th + (tl + e) is an exact tie; the residual of that
  // last addition tells (a tie leaves exactly half an ulp, so r + 2·residual is representable).
  const v = tl + e;
  const r = th + v;
  const residual = v - (r - th);
  if (residual === 0 || r + 2 * residual - r !== 2 * residual) return r;
  return th + addRoundToOdd(tl, e);
}

/** Products below this may have an error term TwoProduct cannot represent (2^-1074 · 2^106, with room). */
const PRODUCT_UNDERFLOW = 2 ** -960;

/** A finite double as an exact integer times a power of two. */
function exactParts(x: number): { m: bigint; e: number } {
  scratch[0] = x;
  const hi = words[1]!;
  const biased = (hi >>> 20) & 0x7ff;
  const mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(words[0]!);
  const m = biased === 0 ? mantissa : mantissa | (1n << 52n);
  return { m: x < 0 ? -m : m, e: (biased === 0 ? 1 : biased) - 1075 };
}

/**
 * `a * b + c` rounded once to nearest-even, computed exactly with integers: slow, and only used where
 * the product underflows (the double-double method above is exact everywhere else).
 */
function exactFma(a: number, b: number, c: number): number {
  const pa = exactParts(a);
  const pb = exactParts(b);
  const pc = exactParts(c);
  const pe = pa.e + pb.e;
  const e = Math.min(pe, pc.e);
  const sum = ((pa.m * pb.m) << BigInt(pe - e)) + (pc.m << BigInt(pc.e - e));
  if (sum === 0n) return 0; // a nonzero product cancelled exactly by c: +0 under round-to-nearest
  const negative = sum < 0n;
  let mag = negative ? -sum : sum;
  // Keep 53 significant bits, or fewer where the result is subnormal (exponent floor 2^-1074).
  const bits = mag.toString(2).length;
  const shift = Math.max(bits - 53, -1074 - e);
  let exp = e;
  if (shift > 0) {
    const big = BigInt(shift);
    const rest = mag & ((1n << big) - 1n);
    const half = 1n << (big - 1n);
    mag >>= big;
    if (rest > half || (rest === half && (mag & 1n) === 1n)) mag += 1n;
    exp += shift;
  }
  const value = Number(mag) * 2 ** exp;
  return negative ? -value : value;
}

/** A double-double below this would leave the range where the product error is exact. */
const TINY = 2 ** -900;

/**
 * `base ** 1, base ** 2, …` correctly rounded, as Python's `beta ** step` gives them (via glibc).
 * Optimizers raise a constant beta to the step count once per step, so a running double-double
 * product (error below 2^-85 after 100,000 steps) is both exact enough and cheaper than any pow.
 */
export class PowerSequence {
  private hi = 1;
  private lo = 0;
  private t = 0;

  constructor(private readonly base: number) {}

  /** Returns `base ** t` for the next t (1 on the first call). */
  next(): number {
    const b = this.base;
    const p = this.hi * b;
    this.t++;
    if (Math.abs(p) < TINY) {
      // Deep in the underflow tail only the magnitude matters (1 - tiny === 1); within an ulp is plenty.
      this.hi = Math.pow(b, this.t);
      this.lo = 0;
      return this.hi;
    }
    const l = this.lo * b + twoProductError(this.hi, b, p);
    const s = p + l;
    this.lo = l - (s - p);
    this.hi = s;
    return s;
  }
}

// ln(0.96) and ln(2) as double-doubles (hi + lo), computed with 300-bit mpmath.
const LN096_HI = -0.040821994520255166;
const LN096_LO = -8.893492737632459e-19;
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const REDUCE = 1 / 1024; // exp(r) = exp(r / 1024) ^ 1024: 10 squarings after a short series.

/**
 * `0.96 ** exponent` correctly rounded (exponent >= 0): NAdam's momentum schedule
 * `0.96 ** (step * momentum_decay)` has a non-integer exponent, so it needs a real pow.
 * Computed as exp(exponent · ln 0.96) in double-double arithmetic (~2^-80 relative error).
 */
export function pow096(exponent: number): number {
  if (exponent === 0) return 1;
  // z = exponent · ln 0.96 as a double-double.
  const zh = exponent * LN096_HI;
  const zl = twoProductError(exponent, LN096_HI, zh) + exponent * LN096_LO;
  if (!(zh > -746)) return Number.isNaN(zh) ? NaN : 0;
  const k = Math.round(zh / LN2_HI);
  // r = z - k·ln2; zh - k·LN2_HI is exact (Sterbenz) once the product's error is carried separately.
  const kh = k * LN2_HI;
  const r0 = zh - kh;
  const r1 = zl - twoProductError(k, LN2_HI, kh) - k * LN2_LO;
  const rh = r0 + r1;
  const sh = rh * REDUCE;
  const sl = (r1 - (rh - r0)) * REDUCE;
  // expm1(s) = s + s²/2 + s³/6 + …; |s| < 3.4e-4, so the terms from s³ on only need double precision.
  const sq = sh * sh;
  const sqLow = twoProductError(sh, sh, sq) + 2 * sh * sl;
  const tail = sq * sh * (1 / 6 + sh * (1 / 24 + sh * (1 / 120 + sh * (1 / 720 + sh / 5040))));
  let eh = sh + sq * 0.5;
  let el = sh - eh + sq * 0.5 + (sl + sqLow * 0.5 + tail);
  // (1 + E)² = 1 + (2E + E²): square in expm1 form so the small value keeps its precision.
  for (let i = 0; i < 10; i++) {
    const m = eh * eh;
    const mLow = twoProductError(eh, eh, m) + 2 * eh * el;
    const a = 2 * eh;
    const s = a + m;
    const mv = s - a;
    const low = a - (s - mv) + (m - mv) + (2 * el + mLow);
    eh = s + low;
    el = low - (eh - s);
  }
  const one = 1 + eh;
  const rounded = one + (eh - (one - 1) + el);
  // Subnormal results take two scalings (and may round twice); they only ever meet `1 - 0.5 * tiny`.
  return k < -1000 ? rounded * powerOfTwo(-1000) * powerOfTwo(k + 1000) : rounded * powerOfTwo(k);
}

/** 2^k for -1022 <= k <= 1023, built from its bits so no engine's pow is involved. */
function powerOfTwo(k: number): number {
  scratch[0] = 0;
  words[1] = (k + 1023) * 0x100000;
  return scratch[0]!;
}
