/**
 * The lambda interpreter against CPython itself: every expression in the "lambdas" section of
 * test/fixtures/schedule.json (evaluated by scripts/fixtures/gen_schedule.py) gives the same type
 * and repr(), or raises where Python raises (a SpecError carrying Python's exception type).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/core/errors';
import { parseLambda, pyRepr } from '../../../src/core/schedule/lambda';

interface LambdaCase {
  readonly source: string;
  readonly arg: number;
  readonly type?: string;
  readonly repr?: string;
  readonly error?: string;
  readonly message?: string;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/schedule.json', import.meta.url), 'utf8')) as {
  readonly python: string;
  readonly lambdas: readonly LambdaCase[];
};

/**
 * glibc's cbrt is not correctly rounded (cbrt(27) is 3.0000000000000004); we use V8's, and accept one
 * ulp there. Every other function agrees exactly on these inputs.
 */
const ULP_TOLERANT = ['math.cbrt'];

describe(`lambda interpreter against Python ${fixture.python}`, () => {
  it('has cases', () => expect(fixture.lambdas.length).toBeGreaterThan(200));

  for (const c of fixture.lambdas) {
    it(`${c.source} at ${c.arg}`, () => {
      if (c.error !== undefined) {
        let thrown: unknown;
        try {
          parseLambda(c.source, 'lr_lambda').evaluate(c.arg);
        } catch (error) {
          thrown = error;
        }
        expect(thrown, `Python raised ${c.error}: ${c.message ?? ''}`).toBeInstanceOf(SpecError);
        // A complex result is refused as a ValueError; every other exception keeps Python's type.
        expect((thrown as SpecError).message).toContain(c.error === 'complex' ? 'complex' : `${c.error}:`);
        return;
      }
      const value = parseLambda(c.source, 'lr_lambda').evaluate(c.arg);
      expect(value.type).toBe(c.type);
      if (ULP_TOLERANT.some((name) => c.source.includes(name))) {
        const want = Number(c.repr);
        expect(Math.abs((value.value as number) - want)).toBeLessThanOrEqual(Math.abs(want) * 2 ** -52);
      } else {
        expect(pyRepr(value)).toBe(c.repr);
      }
    });
  }
});
