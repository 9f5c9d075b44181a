/**
 * RememberingCos, the cosine the recursive schedules call twice with one argument: whatever the
 * order of arguments, hit or miss, it returns exactly libm's cos.
 */
import { describe, expect, it } from 'vitest';
import { RememberingCos, cos } from '../../../src/core/schedule/libm';

describe('RememberingCos', () => {
  it("returns libm's cos for every argument, repeated or not", () => {
    const cosines = new RememberingCos();
    // CosineAnnealingLR's pattern (t, t − 1 of the next step), plus repeats, returns to older values, −0 and NaN.
    const args = [0, -0, 0.5, 0.5, 0.25, 0.5, 0.25, 0.75, 0.5, 0.25, NaN, NaN, 3.14159, 1e-30, 1e-30, 1e6, -0.5];
    for (let t = 1; t < 50; t++) args.push((Math.PI * t) / 37, (Math.PI * (t - 1)) / 37);
    for (const x of args) expect(Object.is(cosines.cos(x), cos(x)), `cos(${x})`).toBe(true);
  });

  it('answers the second call with an argument from memory without a mix-up of the two slots', () => {
    const cosines = new RememberingCos();
    const a = 0.1;
    const b = 0.2;
    const c = 0.3;
    expect(cosines.cos(a)).toBe(cos(a));
    expect(cosines.cos(b)).toBe(cos(b));
    expect(cosines.cos(a)).toBe(cos(a));
    expect(cosines.cos(b)).toBe(cos(b));
    expect(cosines.cos(c)).toBe(cos(c));
    expect(cosines.cos(a)).toBe(cos(a));
    expect(cosines.cos(c)).toBe(cos(c));
  });
});
