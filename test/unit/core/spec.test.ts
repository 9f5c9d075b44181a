import { describe as suite, expect, it } from 'vitest';
import { SpecError } from '../../../src/core/errors';
import { describe, expectNumber, expectObject, rejectUnknownKeys } from '../../../src/core/spec';
import { runScheduleJson } from '../../../src/core/schedule/run';
import { runSimulate } from '../../../src/core/simulate';

suite('spec readers', () => {
  it('describe never throws, even on objects whose toString is not a function', () => {
    const hostile = JSON.parse('{"toString": 1, "valueOf": "x"}') as unknown;
    expect(describe(hostile)).toBe('an object');
    expect(() => expectNumber(hostile, 'lr')).toThrow(SpecError);
    expect(() => expectNumber(hostile, 'lr')).toThrow('lr: expected a number, got an object');
  });

  it('rejects such objects as specs with a SpecError naming the key', () => {
    const hostile = JSON.parse('{"toString": 1}') as unknown;
    expect(() => runScheduleJson(hostile)).toThrow(SpecError);
    expect(() => runSimulate(hostile)).toThrow(SpecError);
    expect(() => rejectUnknownKeys(expectObject(hostile, ''), ['type'], '')).toThrow(/toString: unknown keyword/);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, '0.1', true, null])('expectNumber refuses %s without coercing', (value) => {
    expect(() => expectNumber(value, 'lr')).toThrow(SpecError);
  });
});
