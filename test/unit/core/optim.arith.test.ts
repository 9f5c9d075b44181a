/** The float64 kernels behind bit-exactness: emulated fma, correctly rounded powers. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fma, PowerSequence, pow096 } from '../../../src/core/optim/arith';

/** A finite double as an exact integer mantissa times a power of two. */
function decompose(x: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return exponent === 0 ? { m: sign * fraction, e: -1074 } : { m: sign * (fraction | (1n << 52n)), e: exponent - 1075 };
}

/** m · 2^e rounded to the nearest double, ties to even (subnormals have fewer bits; no overflow). */
function roundToDouble(m: bigint, e: number): number {
  if (m === 0n) return 0;
  const negative = m < 0n;
  let a = negative ? -m : m;
  const shift = Math.max(a.toString(2).length - 53, -1074 - e);
  if (shift > 0) {
    const rest = a & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    a >>= BigInt(shift);
    if (rest > half || (rest === half && (a & 1n) === 1n)) a += 1n;
    e += shift;
  }
  // Split the scaling so 2^e never overflows on its own.
  const value = Number(a) * 2 ** Math.trunc(e / 2) * 2 ** (e - Math.trunc(e / 2));
  return negative ? -value : value;
}

function exactFma(a: number, b: number, c: number): number {
  const x = decompose(a);
  const y = decompose(b);
  const z = decompose(c);
  const pe = x.e + y.e;
  const e = Math.min(pe, z.e);
  return roundToDouble(((x.m * y.m) << BigInt(pe - e)) + (z.m << BigInt(z.e - e)), e);
}

function exactPower(base: number, t: number): number {
  const { m, e } = decompose(base);
  return roundToDouble(m ** BigInt(t), e * t);
}

const moderate = fc.double({ min: -1e80, max: 1e80, noNaN: true }).filter((x) => x === 0 || Math.abs(x) > 1e-80);

describe('fma', () => {
  it('is correctly rounded (against exact BigInt arithmetic)', () => {
    fc.assert(
      fc.property(moderate, moderate, moderate, (a, b, c) => {
        expect(fma(a, b, c)).toBe(exactFma(a, b, c) + 0);
      }),
      { numRuns: 20000 },
    );
  });

  it('is correctly rounded where the product underflows (its rounding error is below the smallest double)', () => {
    const tiny = fc.double({ min: -1e-150, max: 1e-150, noNaN: true }).filter((x) => x !== 0);
    const small = fc.oneof(fc.constant(0), tiny, fc.double({ min: -1e-300, max: 1e-300, noNaN: true }));
    fc.assert(
      fc.property(tiny, tiny, small, (a, b, c) => {
        // Signs of zero too: a negative product too small for any double rounds to -0, as in hardware.
        expect(fma(a, b, c)).toBe(exactFma(a, b, c));
      }),
      { numRuns: 20000 },
    );
    // Centered RMSprop's `sqrt(square_avg - grad_avg²)` at square_avg = 0: -ga² is below half the
    // smallest subnormal, so it rounds to -0 (root -0), not to -2^-1074 (root NaN).
    expect(Object.is(fma(-1.5717277743644968e-162, 1.5717277743644968e-162, 0), -0)).toBe(true);
  });

  it('is correctly rounded when c + a·b lands next to a rounding tie', () => {
    // a·b = ±(half an ulp of c)·(1 - x²): the rounded product sits exactly on the tie, the exact
    // sum just inside it, so a double-double evaluation would round the wrong way half the time.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 20 }),
        fc.integer({ min: 20, max: 50 }),
        fc.integer({ min: -30, max: 30 }),
        fc.boolean(),
        fc.boolean(),
        (mantissa, j, scale, negative, flip) => {
          const c = (1 + mantissa * 2 ** -52) * 2 ** scale;
          const x = 2 ** -j;
          const a = 1 + x;
          const b = (negative ? -1 : 1) * 2 ** (scale - 53) * (1 - x);
          const [p, q] = flip ? [b, a] : [a, b];
          expect(fma(p, q, c)).toBe(exactFma(p, q, c));
        },
      ),
      { numRuns: 5000 },
    );
    // The worked example: exact 1 + 2^-52 + 2^-53 - 2^-113 rounds down; the unfused sum rounds up.
    const a = 1 + 2 ** -30;
    const b = 2 ** -53 * (1 - 2 ** -30);
    expect(fma(a, b, 1 + 2 ** -52)).toBe(1 + 2 ** -52);
    expect(a * b + (1 + 2 ** -52)).toBe(1 + 2 ** -51);
  });

  it('differs from the unfused a * b + c where torch differs', () => {
    // 0.1 * 3 + -0.3 is 5.55e-17 unfused but the exact residue with one rounding.
    expect(0.1 * 3 + -0.3).toBe(5.551115123125783e-17);
    expect(fma(0.1, 3, -0.3)).toBe(exactFma(0.1, 3, -0.3));
    expect(fma(0.1, 3, -0.3)).not.toBe(0.1 * 3 + -0.3);
  });

  it('passes infinities and NaN through like the hardware instruction', () => {
    expect(fma(1e300, 1e300, 1)).toBe(Infinity);
    expect(fma(Infinity, 0, 1)).toBeNaN();
    expect(fma(2, 3, -Infinity)).toBe(-Infinity);
    expect(fma(NaN, 1, 1)).toBeNaN();
  });
});

describe('PowerSequence', () => {
  it.each([0.9, 0.999, 0.99, 0.95, 0.8, 0.5, 0.3, 0.0, 0.9999])('%s ** t is correctly rounded for t = 1..400', (beta) => {
    const powers = new PowerSequence(beta);
    for (let t = 1; t <= 400; t++) expect(powers.next()).toBe(exactPower(beta, t));
  });

  it('agrees with Python/glibc where V8 does not', () => {
    // Python: 0.9 ** 4 == 0.6561 and 0.999 ** 16 == 0.9841194418156399; V8's Math.pow is one ulp off.
    const nth = (beta: number, t: number) => {
      const powers = new PowerSequence(beta);
      for (let i = 1; i < t; i++) powers.next();
      return powers.next();
    };
    expect(nth(0.9, 4)).toBe(0.6561);
    expect(Math.pow(0.9, 4)).toBe(0.6561000000000001);
    expect(nth(0.999, 16)).toBe(0.9841194418156399);
  });

  it('keeps going into the underflow tail without NaN', () => {
    const powers = new PowerSequence(0.5);
    let last = 1;
    for (let t = 1; t <= 1200; t++) last = powers.next();
    expect(last).toBe(0);
  });
});

describe('pow096', () => {
  // Correctly rounded references from mpmath at 300 bits (all equal Python's 0.96 ** e on glibc 2.36).
  it.each([
    [0, 1],
    [0.004, 0.9998367253526753],
    [0.008, 0.9996734773639611],
    [0.012, 0.9995102560295045],
    [0.04, 0.9983684526420517],
    [0.4, 0.9838037943397453],
    [4, 0.8493465599999999],
    [49.38, 0.13321510992817878],
    [400, 8.100152882235195e-8],
    [9.5018, 0.6784921105663704],
  ])('0.96 ** %s', (exponent, expected) => {
    expect(pow096(exponent)).toBe(expected);
  });

  it('stays within an ulp of Math.pow and reaches 0 far out', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10000, noNaN: true }), (e) => {
        const ours = pow096(e);
        const v8 = Math.pow(0.96, e);
        expect(Math.abs(ours - v8)).toBeLessThanOrEqual(Math.abs(v8) * 2.3e-16);
      }),
    );
    expect(pow096(1e6)).toBe(0);
  });
});
