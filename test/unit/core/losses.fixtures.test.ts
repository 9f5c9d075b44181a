/**
 * Every case of test/fixtures/losses.json (real torch, see scripts/fixtures/gen_losses.py) run
 * through `runLossesJson`: the same nulls, every loss and gradient within 1e-12 relative error, or
 * within 1e-15 absolute for numbers that are differences of O(1) terms (a cross-entropy gradient
 * p − 1 as p → 1, the smoothed gradient p − 1/C at p = 1/C): there torch's vectorised exp and log
 * (SLEEF, ≤ 1 ulp) and V8's differ in the last bit of the terms, a few 1e-16 after cancellation.
 * The summary line says how many numbers needed the floor.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { LOSS_TYPES, runLossesJson } from '../../../src/core/losses';

type Json = number | null | Json[] | { readonly [key: string]: Json };

interface FixtureCase {
  readonly spec: { readonly loss: { readonly type: string } & Record<string, unknown>; readonly extra_activation?: string } & Record<string, unknown>;
  readonly output: Json;
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/losses.json', import.meta.url), 'utf8')) as { meta: { torch: string }; cases: FixtureCase[] };

const TOLERANCE = 1e-12;
const ABSOLUTE = 1e-15;
let floored = 0;

/** Relative error, or 0 when the difference is within the absolute floor (counted in `floored`). */
function relativeError(actual: number, expected: number): number {
  if (actual === expected) return 0;
  const difference = Math.abs(actual - expected);
  const relative = difference / Math.max(Math.abs(actual), Math.abs(expected));
  if (relative <= TOLERANCE || difference > ABSOLUTE) return relative;
  floored++;
  return 0;
}

/** Largest relative error between two JSON trees of numbers; the shapes and nulls must agree. */
function compare(actual: unknown, expected: Json, at: string): number {
  if (expected === null || typeof expected === 'number') {
    if (expected === null) {
      expect(actual, at).toBeNull();
      return 0;
    }
    expect(typeof actual, at).toBe('number');
    return relativeError(actual as number, expected);
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), at).toBe(true);
    expect((actual as unknown[]).length, at).toBe(expected.length);
    return expected.reduce<number>((worst, e, i) => Math.max(worst, compare((actual as unknown[])[i], e, `${at}[${i}]`)), 0);
  }
  expect(Object.keys(actual as object).sort(), at).toEqual(Object.keys(expected).sort());
  return Object.entries(expected).reduce((worst, [key, e]) => Math.max(worst, compare((actual as Record<string, unknown>)[key], e, `${at}.${key}`)), 0);
}

function label(c: FixtureCase, index: number): string {
  const form = 'x' in c.spec ? `curve${c.spec.extra_activation ? ` after ${c.spec.extra_activation}` : ''}` : 'evaluate';
  return `#${index} ${JSON.stringify(c.spec.loss)} ${form}`;
}

const errors: number[] = [];

describe(`losses against torch ${fixture.meta.torch}`, () => {
  it('has curves and evaluations of every loss, and both doubled-activation curves', () => {
    const curveTypes = new Set(fixture.cases.filter((c) => 'x' in c.spec).map((c) => c.spec.loss.type));
    const evalTypes = new Set(fixture.cases.filter((c) => 'input' in c.spec).map((c) => c.spec.loss.type));
    expect([...curveTypes].sort()).toEqual([...LOSS_TYPES].sort());
    expect([...evalTypes].sort()).toEqual([...LOSS_TYPES].sort());
    expect(new Set(fixture.cases.map((c) => c.spec.extra_activation).filter(Boolean))).toEqual(new Set(['softmax', 'sigmoid']));
  });

  fixture.cases.forEach((c, index) => {
    it(label(c, index), () => {
      const error = compare(runLossesJson(c.spec), c.output, 'output');
      errors.push(error);
      expect(error).toBeLessThanOrEqual(TOLERANCE);
    });
  });

  afterAll(() => {
    const exact = errors.filter((e) => e === 0).length;
    console.log(`losses vs torch: ${errors.length} cases, ${exact} bit-exact, largest relative error ${Math.max(0, ...errors).toExponential(2)}, ${floored} numbers within ${ABSOLUTE} absolute only`);
  });
});
