/**
 * Every schedule in test/fixtures/schedule.json (real torch, see scripts/fixtures/gen_schedule.py)
 * replayed through the `optim-lens schedule` code path: every lr (and momentum, where it cycles)
 * within 1e-9 relative error, and a SpecError wherever torch raised — at the same step when torch
 * raised mid-run. The summary line reports the largest error and how many values are bit-identical.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isSpecError } from '../../../src/core/errors';
import { parseScheduleSpec, runSchedule, simulateSchedule, type ScheduleSpec } from '../../../src/core/schedule/run';
import { ScheduleInstance } from '../../../src/core/schedule/instance';
import { SCHEDULER_TYPES } from '../../../src/core/schedule/types';

type FixtureNumber = number | 'Infinity' | '-Infinity' | 'NaN';

interface FixtureCase {
  readonly name: string;
  readonly spec: { readonly scheduler: { readonly type: string }; readonly steps: number } & Record<string, unknown>;
  readonly lrs: readonly FixtureNumber[];
  readonly momentum?: readonly FixtureNumber[];
  readonly error?: { readonly type: string; readonly message: string; readonly at: number };
}

interface Fixture {
  readonly torch: string;
  readonly cases: readonly FixtureCase[];
}

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/schedule.json', import.meta.url), 'utf8')) as Fixture;

const TOLERANCE = 1e-9;

function value(x: FixtureNumber): number {
  return typeof x === 'number' ? x : Number(x);
}

function relativeError(actual: number, expected: number): number {
  if (Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  if (actual === expected) return 0; // 0 and -0
  return Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
}

let worst = { error: 0, where: 'nowhere' };
let values = 0;
let identical = 0;

/** Compares one series; returns nothing, fails on the first value out of tolerance. */
function compareSeries(name: string, label: string, actual: ArrayLike<number>, expected: readonly FixtureNumber[]): void {
  expect(actual.length, `${name}: ${label} length`).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    const want = value(expected[k] as FixtureNumber);
    const got = actual[k] as number;
    const error = relativeError(got, want);
    values++;
    if (Object.is(got, want) || (Number.isNaN(got) && Number.isNaN(want))) identical++;
    if (error > worst.error) worst = { error, where: `${name} ${label}[${k}]` };
    if (!(error <= TOLERANCE)) expect.fail(`${name}: ${label}[${k}] = ${got}, torch ${want} (relative error ${error})`);
  }
}

/** Steps a case torch raised in, comparing values until the step where torch raised. */
function replayUntilError(c: FixtureCase, spec: ScheduleSpec): void {
  const error = c.error!;
  const lrs: number[] = [];
  const momenta: number[] = [];
  let thrown: unknown;
  let completed = -1;
  try {
    const instance = new ScheduleInstance(spec.scheduler, spec.base_lr);
    lrs.push(instance.lr);
    momenta.push(instance.momentum);
    for (completed = 0; completed < spec.steps; completed++) {
      instance.step(spec.metrics?.[completed]);
      lrs.push(instance.lr);
      momenta.push(instance.momentum);
    }
  } catch (e) {
    thrown = e;
  }
  expect(isSpecError(thrown), `${c.name}: expected a SpecError where torch raised ${error.type}, got ${String(thrown)}`).toBe(true);
  expect(completed, `${c.name}: torch raised after ${error.at} step() calls`).toBe(error.at);
  compareSeries(c.name, 'lrs', lrs, c.lrs);
  if (c.momentum) compareSeries(c.name, 'momentum', momenta, c.momentum);
}

describe(`schedules against torch ${fixture.torch}`, () => {
  it('covers every scheduler class, raising and non-raising', () => {
    const types = new Set(fixture.cases.map((c) => c.spec.scheduler.type));
    expect([...types].sort()).toEqual([...SCHEDULER_TYPES].sort());
    expect(fixture.cases.some((c) => c.error)).toBe(true);
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      let spec: ScheduleSpec;
      try {
        spec = parseScheduleSpec(c.spec);
      } catch (e) {
        // Refusing the spec up front is right only where torch raises too.
        expect(isSpecError(e), String(e)).toBe(true);
        expect(c.error, `${c.name}: torch ran this spec, but it was refused: ${String(e)}`).toBeDefined();
        return;
      }
      if (c.error) {
        replayUntilError(c, spec);
        return;
      }
      compareSeries(c.name, 'lrs', runSchedule(spec).lrs, c.lrs);
      if (c.momentum) compareSeries(c.name, 'momentum', simulateSchedule(spec).momenta, c.momentum);
    });
  }

  afterAll(() => {
    console.log(
      `schedule fixtures (torch ${fixture.torch}): ${values} values, ${identical} bit-identical, max relative error ${worst.error.toExponential(2)} at ${worst.where}`,
    );
  });
});
