/** 2^27 + 1: Veltkamp's constant for splitting a double into two 26-bit halves. */
export const SPLITTER = 134217729;

/**
 * The exact error of the product `p = a * b` (Dekker's TwoProduct): `a * b === p + error` in exact
 * arithmetic. The base of the error-free arithmetic that lets the core round exactly as torch and
 * glibc do (a fused multiply-add, correctly rounded powers and cosines).
 */
export function twoProductError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return al * bl - (((p - ah * bh) - al * bh) - ah * bl);
}
