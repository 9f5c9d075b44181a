/**
 * The correctly rounded cos/sin/exp/log/pow the schedules use, against glibc's (the "libm" section
 * of test/fixtures/schedule.json, computed by Python's math module and `**`): always within one
 * ulp, and bit-identical except where glibc itself is not correctly rounded (rare).
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import * as libm from '../../../src/core/schedule/libm';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/schedule.json', import.meta.url), 'utf8')) as {
  readonly libm: Readonly<Record<'cos' | 'sin' | 'exp' | 'log' | 'pow', readonly (readonly number[])[]>>;
};

const FUNCTIONS = { cos: libm.cos, sin: libm.sin, exp: libm.exp, log: libm.log, pow: libm.powPositive } as const;
const summary: string[] = [];

describe('libm against glibc', () => {
  for (const [name, fn] of Object.entries(FUNCTIONS) as [keyof typeof FUNCTIONS, (...args: number[]) => number][]) {
    it(`${name}: within one ulp, and bit-identical for at least 99.8 %`, () => {
      const rows = fixture.libm[name];
      let identical = 0;
      for (const row of rows) {
        const args = row.slice(0, -1);
        const want = row[row.length - 1] as number;
        const got = fn(...args);
        if (Object.is(got, want)) identical++;
        else expect(Math.abs(got - want), `${name}(${args.join(', ')})`).toBeLessThanOrEqual(Math.abs(want) * 2 ** -52);
      }
      summary.push(`${name} ${identical}/${rows.length}`);
      expect(identical / rows.length).toBeGreaterThanOrEqual(0.998);
    });
  }

  it('handles exact and special cases', () => {
    expect(libm.powPositive(0.7500000000000001, 2)).toBe(0.7500000000000001 * 0.7500000000000001);
    expect(libm.powPositive(2, 10)).toBe(1024);
    expect(libm.powPositive(0.5, 1074)).toBe(5e-324);
    expect(libm.powPositive(10, 400)).toBe(Infinity);
    expect(libm.powPositive(4, 0.5)).toBe(2);
    expect(libm.cos(0)).toBe(1);
    expect(libm.cos(1e300)).toBe(Math.cos(1e300));
    expect(libm.exp(0)).toBe(1);
    expect(libm.exp(1000)).toBe(Infinity);
    expect(libm.exp(-1000)).toBe(0);
    expect(libm.log(1)).toBe(0);
    expect(libm.log(5e-324)).toBe(-744.4400719213812);
    expect(libm.log(Number.MAX_VALUE)).toBe(709.782712893384);
    expect(libm.log2(2 ** -1074)).toBe(-1074);
    expect(libm.log10(1000)).toBe(3);
    expect(libm.powFinite(-2, 3)).toBe(-8);
    expect(libm.powFinite(-2, 0.5)).toBeNaN();
  });

  afterAll(() => console.log(`libm bit-identical to glibc: ${summary.join(', ')}`));
});
