/**
 * Correctly rounded cos, sin, tan, exp, log and pow. Python's `math.cos` and `**` call glibc, whose
 * results are correctly rounded in all but rare cases; V8's `Math.cos`/`Math.pow` are not (they
 * differ from glibc in the last bit for a few percent of inputs), and CosineAnnealingLR's recursion
 * carries one such difference through every later step. Evaluating in double-double (~106 bits) and
 * rounding once gives glibc's answer whenever glibc is correctly rounded.
 *
 * Double-double helpers return the high part and leave the low part in `LO[0]`, so nothing allocates:
 * a slot of a typed array, not a module-level `let`, because V8 (node 20) boxes every double written
 * to a module variable in a new heap number: cos took 150 ns instead of 120, exp 250 instead of 210.
 */

import { twoProductError } from '../twoProduct';

const LO = new Float64Array(1);

/** The low part the last double-double helper left. */
function lo(): number {
  return LO[0] as number;
}

/** Renormalises s + e (|e| small against s) into hi + lo with hi = fl(s + e). */
function renormalize(s: number, e: number): number {
  const h = s + e;
  LO[0] = e - (h - s);
  return h;
}

function mulDD(ah: number, al: number, bh: number, bl: number): number {
  const p = ah * bh;
  return renormalize(p, twoProductError(ah, bh, p) + (ah * bl + al * bh));
}

function mulDD1(ah: number, al: number, b: number): number {
  const p = ah * b;
  return renormalize(p, twoProductError(ah, b, p) + al * b);
}

function addDD(ah: number, al: number, bh: number, bl: number): number {
  const s = ah + bh;
  const v = s - ah;
  return renormalize(s, ah - (s - v) + (bh - v) + al + bl);
}

/** (ah + al) / (bh + bl) in double-double (one Newton correction of the quotient). */
function divDD(ah: number, al: number, bh: number, bl: number): number {
  const q = ah / bh;
  const ph = mulDD1(bh, bl, q);
  const pl = lo();
  const rh = addDD(ah, al, -ph, -pl);
  return renormalize(q, (rh + lo()) / bh);
}

/** 1/n! as double-double, n = 0…30: coefficient tables for the series. */
const INV_FACT_HI = new Float64Array(31);
const INV_FACT_LO = new Float64Array(31);
{
  let fh = 1;
  let fl = 0;
  for (let n = 0; n <= 30; n++) {
    if (n > 0) {
      fh = mulDD1(fh, fl, n);
      fl = lo();
    }
    INV_FACT_HI[n] = divDD(1, 0, fh, fl);
    INV_FACT_LO[n] = lo();
  }
}

/**
 * Series coefficients, highest order first: `tail` in plain doubles (their terms are too small for
 * the low parts to matter), `head` as double-double pairs. `sign(n)` gives the sign of the 1/n! term.
 */
function series(tailFrom: number, tailTo: number, headFrom: number, step: number, sign: (n: number) => number) {
  const tail: number[] = [];
  for (let n = tailFrom; n >= tailTo; n -= step) tail.push(sign(n) * (INV_FACT_HI[n] as number));
  const headHi: number[] = [];
  const headLo: number[] = [];
  for (let n = headFrom; n >= 0; n -= step) {
    headHi.push(sign(n) * (INV_FACT_HI[n] as number));
    headLo.push(sign(n) * (INV_FACT_LO[n] as number));
  }
  return { tail: Float64Array.from(tail), headHi: Float64Array.from(headHi), headLo: Float64Array.from(headLo) };
}

// sin r / r in r²: 1 − r²/3! + r⁴/5! …; the tail (r⁸/9! on) contributes < 2^-21 of the result.
const SIN = series(25, 9, 7, 2, (n) => (((n - 1) / 2) % 2 === 0 ? 1 : -1));
// cos r in r²: 1 − r²/2! + …; tail from r¹⁰/10!.
const COS = series(26, 10, 8, 2, (n) => ((n / 2) % 2 === 0 ? 1 : -1));
// e^r in r, |r| <= 0.35: tail from r⁸/8!.
const EXP = series(20, 8, 7, 1, () => 1);

/**
 * Evaluates head(x) + x·(…tail(x)) by Horner's rule, x = xh + xl: the tail in doubles, then the
 * head in double-double. Returns the high part; the low part is in `LO[0]`.
 */
function horner(coefficients: ReturnType<typeof series>, xh: number, xl: number): number {
  const { tail, headHi, headLo } = coefficients;
  let t = 0;
  for (let i = 0; i < tail.length; i++) t = (tail[i] as number) + xh * t;
  let sh = mulDD1(xh, xl, t);
  let sl = lo();
  for (let i = 0; i < headHi.length; i++) {
    sh = addDD(headHi[i] as number, headLo[i] as number, sh, sl);
    sl = lo();
    if (i < headHi.length - 1) {
      sh = mulDD(xh, xl, sh, sl);
      sl = lo();
    }
  }
  LO[0] = sl;
  return sh;
}

// π/2 in 33-bit pieces (k * piece is exact for |k| < 2^20) plus a tail; ln 2 likewise in 32-bit pieces.
const PIO2_1 = 1.5707963267341256;
const PIO2_2 = 6.077100506303966e-11;
const PIO2_3 = 2.0222662487111665e-21;
const PIO2_4 = 8.4784276603689e-32;
const TWO_OVER_PI = 0.6366197723675814;
const LN2_1 = 0.6931471803691238;
const LN2_2 = 1.9082149288430703e-10;
const LN2_3 = 4.275175589747649e-20;
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const LN10_HI = 2.302585092994046;
const LN10_LO = -2.1707562233822494e-16;
const INV_LN2 = 1.4426950408889634;

/** Beyond this, reduction by 33-bit pieces of π/2 loses exactness; such arguments use Math.*. */
const MAX_REDUCIBLE = 2 ** 19 * Math.PI;

/** x - k·π/2 as double-double (k = nearest integer to x·2/π), exact to ~2^-120 absolute. */
function reduce(x: number, k: number): number {
  const r0 = x - k * PIO2_1; // exact: Sterbenz
  const h = addDD(r0, 0, -k * PIO2_2, 0);
  return addDD(h, lo(), -k * PIO2_3, -k * PIO2_4);
}

/** sin(r) for |r| <= π/4 as double-double. */
function sinDD(rh: number, rl: number): number {
  const r2h = mulDD(rh, rl, rh, rl);
  const sh = horner(SIN, r2h, lo());
  return mulDD(rh, rl, sh, lo());
}

/** cos(r) for |r| <= π/4 as double-double. */
function cosDD(rh: number, rl: number): number {
  const r2h = mulDD(rh, rl, rh, rl);
  return horner(COS, r2h, lo());
}

/** sin or cos of x in double-double, selected by the quadrant; undefined-range callers use Math.*. */
function trigDD(x: number, wantCos: boolean): number {
  const k = Math.round(x * TWO_OVER_PI);
  const rh = reduce(x, k);
  const rl = lo();
  const quadrant = ((k % 4) + 4) % 4;
  const useSin = wantCos ? quadrant % 2 === 1 : quadrant % 2 === 0;
  const h = useSin ? sinDD(rh, rl) : cosDD(rh, rl);
  const negate = wantCos ? quadrant === 1 || quadrant === 2 : quadrant >= 2;
  if (negate) {
    LO[0] = -lo();
    return -h;
  }
  return h;
}

export function cos(x: number): number {
  if (!(Math.abs(x) <= MAX_REDUCIBLE) || Math.abs(x) < 2 ** -27) return Math.cos(x);
  return trigDD(x, true);
}

/**
 * cos that remembers its last two arguments. The schedules ask for the same cosine twice: torch's
 * recursive CosineAnnealingLR takes cos(π·t/T) at step t and cos(π·(t−1)/T) at step t + 1 (the same
 * double: t is an integer), OneCycleLR anneals lr and momentum with the same cos(π·pct). cos is a
 * pure function of its argument, so a hit returns exactly the number a new call would.
 */
export class RememberingCos {
  private x0 = NaN;
  private y0 = NaN;
  private x1 = NaN;
  private y1 = NaN;

  cos(x: number): number {
    // === also matches 0 with -0, whose cosines are both 1; NaN (the empty slots) matches nothing.
    if (x === this.x0) return this.y0;
    if (x === this.x1) return this.y1;
    const y = cos(x);
    this.x1 = this.x0;
    this.y1 = this.y0;
    this.x0 = x;
    this.y0 = y;
    return y;
  }
}

export function sin(x: number): number {
  if (!(Math.abs(x) <= MAX_REDUCIBLE) || Math.abs(x) < 2 ** -27) return Math.sin(x);
  return trigDD(x, false);
}

export function tan(x: number): number {
  if (!(Math.abs(x) <= MAX_REDUCIBLE) || Math.abs(x) < 2 ** -27) return Math.tan(x);
  const sh = trigDD(x, false);
  const sl = lo();
  const ch = trigDD(x, true);
  return divDD(sh, sl, ch, lo());
}

/** e^(xh + xl) as double-double; the caller handles overflow and the subnormal range. */
function expDD(xh: number, xl: number): number {
  const k = Math.round(xh * INV_LN2);
  const r0 = xh - k * LN2_1; // exact: Sterbenz
  let rh = addDD(r0, 0, -k * LN2_2, 0);
  rh = addDD(rh, lo(), -k * LN2_3, xl);
  const rl = lo();
  const sh = horner(EXP, rh, rl);
  const sl = lo();
  // Scale by 2^k in two halves so that 2^k itself never overflows.
  const k1 = Math.trunc(k / 2);
  const scale1 = 2 ** k1;
  const scale2 = 2 ** (k - k1);
  LO[0] = sl * scale1 * scale2;
  return sh * scale1 * scale2;
}

const EXP_MAX = 709.8; // above: overflow
const EXP_SUBNORMAL = -708; // below: the result is subnormal, where rounding twice could differ

export function exp(x: number): number {
  if (!Number.isFinite(x) || x > EXP_MAX || x < EXP_SUBNORMAL) return Math.exp(x);
  if (Math.abs(x) < 2 ** -54) return 1 + x;
  return expDD(x, 0);
}

/** log(1 + t) for |t| <= 1/64 as double-double (the series converges fast and keeps relative accuracy). */
function log1pSmallDD(t: number): number {
  let c = 0;
  for (let n = 18; n >= 5; n--) c = (n % 2 === 0 ? -1 / n : 1 / n) + t * c;
  // 1/3 needs its low part; 1/2 and 1/4 are exact.
  let sh = mulDD1(t, 0, c);
  let sl = lo();
  sh = addDD(-0.25, 0, sh, sl);
  sh = mulDD1(sh, lo(), t);
  sh = addDD(1 / 3, 1.850371707708594e-17, sh, lo());
  sh = mulDD1(sh, lo(), t);
  sh = addDD(-0.5, 0, sh, lo());
  sh = mulDD1(sh, lo(), t);
  sh = addDD(1, 0, sh, lo());
  sl = lo();
  return mulDD1(sh, sl, t);
}

/** log(x) for a positive finite x as double-double. */
function logDD(x: number): number {
  // x = m · 2^e with m in [√½, √2): log x = log m + e·ln 2, and log m is small and well conditioned.
  let e = Math.floor(Math.log2(x));
  const half = Math.trunc(e / 2);
  let m = x * 2 ** -half * 2 ** -(e - half); // two factors: 2^-e alone may overflow for subnormal x
  if (m >= Math.SQRT2) {
    m /= 2;
    e += 1;
  } else if (m < Math.SQRT1_2) {
    m *= 2;
    e -= 1;
  }
  let mh: number;
  let ml: number;
  if (Math.abs(m - 1) <= 1 / 64) {
    mh = log1pSmallDD(m - 1);
    ml = lo();
  } else {
    // One Newton step from Math.log: y + (m·e^-y − 1) − (…)²/2.
    const y = Math.log(m);
    const eh = expDD(-y, 0);
    const ph = mulDD1(eh, lo(), m);
    const delta = ph - 1 + lo();
    mh = addDD(y, 0, delta - (delta * delta) / 2, 0);
    ml = lo();
  }
  if (e === 0) {
    LO[0] = ml;
    return mh;
  }
  const eh = mulDD1(LN2_HI, LN2_LO, e);
  return addDD(eh, lo(), mh, ml);
}

export function log(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log(x);
  if (x === 1) return 0;
  return logDD(x);
}

export function log2(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log2(x);
  // Exact powers of two have exact logarithms; the division below would also find them.
  const h = logDD(x);
  return divDD(h, lo(), LN2_HI, LN2_LO);
}

export function log10(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log10(x);
  const h = logDD(x);
  return divDD(h, lo(), LN10_HI, LN10_LO);
}

/** Results whose low part could be subnormal lose precision; such powers take the exp/log path. */
const DD_SAFE_MIN = 2 ** -960;
const DD_SAFE_MAX = 2 ** 960;

/**
 * x ** n for an integer n by binary powering in double-double. Exact whenever the result fits in
 * ~106 bits (x², or short mantissas like 0.5 ** k), which is where exact ties to a rounding boundary
 * cluster; otherwise as accurate as the exp/log path. NaN when intermediate values leave the safe range.
 */
function powInteger(x: number, n: number): number {
  let rh = 1;
  let rl = 0;
  let bh = x;
  let bl = 0;
  let k = Math.abs(n);
  while (k > 0) {
    if (k % 2 === 1) {
      rh = mulDD(rh, rl, bh, bl);
      rl = lo();
    }
    k = Math.floor(k / 2);
    if (k > 0) {
      bh = mulDD(bh, bl, bh, bl);
      bl = lo();
      if (!(bh > DD_SAFE_MIN && bh < DD_SAFE_MAX)) return NaN;
    }
  }
  if (!(rh > DD_SAFE_MIN && rh < DD_SAFE_MAX)) return NaN;
  return n < 0 ? divDD(1, 0, rh, rl) : rh;
}

/** x ** y for x > 0 finite and y finite (the callers handle signs, zeros and non-finite values). */
export function powPositive(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  if (y === 1) return x;
  if (Number.isInteger(y) && Math.abs(y) <= 2 ** 31) {
    const result = powInteger(x, y);
    if (!Number.isNaN(result)) return result;
  }
  const lh = logDD(x);
  const zh = mulDD1(lh, lo(), y);
  if (zh > EXP_MAX) return Infinity;
  if (zh < EXP_SUBNORMAL) return Math.pow(x, y);
  return expDD(zh, lo());
}

/**
 * C's pow(x, y) for finite x and y, correctly rounded: a negative base needs an integer exponent
 * (else NaN, a domain error for the callers), zero bases follow C99.
 */
export function powFinite(x: number, y: number): number {
  if (x > 0) return powPositive(x, y);
  if (x === 0) return Math.pow(x, y);
  if (!Number.isInteger(y)) return NaN;
  const magnitude = powPositive(-x, y);
  return Math.abs(y % 2) === 1 ? -magnitude : magnitude;
}
