import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../../src/core/errors';
import { OPTIMIZER_NAMES } from '../../../src/core/optim';
import { MAX_OPTIMIZER_STEPS, MAX_OUTPUT_NUMBERS, MAX_STEPS } from '../../../src/core/spec';
import { parseSimulateSpec, runSimulate, simulate, simulateInto, type SimulateResult } from '../../../src/core/simulate';
import { createStepper } from '../../../src/core/optim';
import { SURFACES } from '../../../src/core/surfaces';

const base = { surface: 'ravine', start: [-8, 1.5], steps: 3, optimizers: [{ type: 'SGD', lr: 0.1 }] };

/** The SpecError `run` throws (failing if it throws anything else or nothing). */
function specError(run: () => unknown): SpecError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return error as SpecError;
  }
  throw new Error('expected a SpecError');
}

describe('simulate output', () => {
  it('has steps + 1 points and losses, starting at start', () => {
    const out = runSimulate(base) as SimulateResult;
    expect(out.trajectories).toHaveLength(1);
    const [t] = out.trajectories;
    expect(t!.points).toHaveLength(4);
    expect(t!.losses).toHaveLength(4);
    expect(t!.points[0]).toEqual([-8, 1.5]);
    expect(t!.losses[0]).toBe(64 / 20 + 2.25);
    // One SGD step by hand: p - lr·∇f with ∇f = (x/10, 2y).
    expect(t!.points[1]![0]).toBeCloseTo(-8 + 0.1 * 0.8, 15);
    expect(t!.points[1]![1]).toBeCloseTo(1.5 - 0.1 * 3, 15);
  });

  it('defaults start to the surface start and allows zero steps and no optimizers', () => {
    const spec = parseSimulateSpec({ surface: 'himmelblau', steps: 0, optimizers: [{ type: 'Adam' }] });
    expect(spec.start).toEqual(SURFACES.himmelblau.start);
    expect(simulate(spec).trajectories[0]!.points).toEqual([[0, 0]]);
    expect(runSimulate({ surface: 'saddle', steps: 5, optimizers: [] })).toEqual({ trajectories: [] });
  });

  it('fills torch defaults into the parsed spec', () => {
    const spec = parseSimulateSpec({ ...base, optimizers: [{ type: 'AdamW' }, { type: 'NAdam', betas: [0.8, 0.99] }] });
    expect(spec.optimizers[0]).toEqual({ type: 'AdamW', kwargs: { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 1e-2, amsgrad: false, maximize: false } });
    expect(spec.optimizers[1]!.kwargs).toMatchObject({ lr: 2e-3, betas: [0.8, 0.99], momentum_decay: 4e-3, decoupled_weight_decay: false });
  });

  it('writes null from the first overflowing point on, and null for an infinite loss', () => {
    const out = runSimulate({ surface: 'rosenbrock', start: [-1.5, 2], steps: 30, optimizers: [{ type: 'SGD', lr: 0.01 }] }) as SimulateResult;
    const { points, losses } = out.trajectories[0]!;
    const first = points.indexOf(null);
    expect(first).toBeGreaterThan(0);
    expect(points.slice(first).every((p) => p === null)).toBe(true);
    expect(losses.slice(first).every((l) => l === null)).toBe(true);
    expect(points.slice(0, first).every((p) => p !== null && p.every(Number.isFinite))).toBe(true);
    // rosenbrock at (1e100, 0) is finite as a point but its loss overflows.
    const far = runSimulate({ surface: 'rosenbrock', start: [1e100, 0], steps: 0, optimizers: [{ type: 'SGD' }] }) as SimulateResult;
    expect(far.trajectories[0]).toEqual({ points: [[1e100, 0]], losses: [null] });
  });

  it('runs batches: {"cases": [...]} → {"results": [...]}', () => {
    const other = { ...base, surface: 'beale' };
    expect(runSimulate({ cases: [base, other] })).toEqual({ results: [runSimulate(base), runSimulate(other)] });
    expect(specError(() => runSimulate({ cases: [base, { ...base, steps: -1 }] })).field).toBe('cases[1].steps');
    expect(specError(() => runSimulate({ cases: [], extra: 1 })).field).toBe('extra');
  });

  it('simulateInto fills preallocated arrays and reports the finite prefix', () => {
    const xy = new Float64Array(2 * 31);
    const losses = new Float64Array(31);
    const count = simulateInto(SURFACES.rosenbrock, createStepper('SGD', { ...parseSimulateSpec(base).optimizers[0]!.kwargs, lr: 0.01 }), [-1.5, 2], 30, xy, losses);
    const json = runSimulate({ surface: 'rosenbrock', start: [-1.5, 2], steps: 30, optimizers: [{ type: 'SGD', lr: 0.01 }] }) as SimulateResult;
    const points = json.trajectories[0]!.points;
    expect(count).toBe(points.indexOf(null));
    for (let k = 0; k < count; k++) expect([xy[2 * k], xy[2 * k + 1]]).toEqual(points[k]);
    expect(Number.isNaN(xy[2 * count]!)).toBe(true);
    expect(Number.isNaN(losses[30]!)).toBe(true);
  });
});

describe('simulate spec validation names the field', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [1, 2], ''],
    ['unknown top-level key', { ...base, lr: 0.1 }, 'lr'],
    ['missing surface', { ...base, surface: undefined }, 'surface'],
    ['unknown surface', { ...base, surface: 'booth' }, 'surface'],
    ['surface of the wrong type', { ...base, surface: 3 }, 'surface'],
    ['start of the wrong length', { ...base, start: [1] }, 'start'],
    ['start with a string', { ...base, start: [1, '2'] }, 'start[1]'],
    ['start with NaN', { ...base, start: [NaN, 0] }, 'start[0]'],
    ['start with Infinity', { ...base, start: [0, Infinity] }, 'start[1]'],
    ['missing steps', { ...base, steps: undefined }, 'steps'],
    ['negative steps', { ...base, steps: -1 }, 'steps'],
    ['fractional steps', { ...base, steps: 2.5 }, 'steps'],
    ['steps as a string', { ...base, steps: '10' }, 'steps'],
    ['too many steps', { ...base, steps: MAX_STEPS + 1 }, 'steps'],
    ['optimizers not an array', { ...base, optimizers: { type: 'SGD' } }, 'optimizers'],
    ['optimizer not an object', { ...base, optimizers: ['SGD'] }, 'optimizers[0]'],
    ['missing type', { ...base, optimizers: [{ lr: 0.1 }] }, 'optimizers[0].type'],
    ['unknown type', { ...base, optimizers: [{ type: 'LBFGS' }] }, 'optimizers[0].type'],
    ['unknown keyword', { ...base, optimizers: [{ type: 'Adam', beta1: 0.9 }] }, 'optimizers[0].beta1'],
    ['keyword of another optimizer', { ...base, optimizers: [{ type: 'SGD', betas: [0.9, 0.99] }] }, 'optimizers[0].betas'],
    ['torch keyword we do not model', { ...base, optimizers: [{ type: 'Adam', foreach: false }] }, 'optimizers[0].foreach'],
    ['lr as a string', { ...base, optimizers: [{ type: 'SGD', lr: '0.1' }] }, 'optimizers[0].lr'],
    ['negative lr', { ...base, optimizers: [{ type: 'SGD', lr: 0.1 }, { type: 'Adam', lr: -1 }] }, 'optimizers[1].lr'],
    ['NaN lr', { ...base, optimizers: [{ type: 'RMSprop', lr: NaN }] }, 'optimizers[0].lr'],
    ['infinite eps', { ...base, optimizers: [{ type: 'Adam', eps: Infinity }] }, 'optimizers[0].eps'],
    ['boolean as a number', { ...base, optimizers: [{ type: 'Adam', amsgrad: 1 }] }, 'optimizers[0].amsgrad'],
    ['betas not a pair', { ...base, optimizers: [{ type: 'Adam', betas: [0.9] }] }, 'optimizers[0].betas'],
    ['beta1 = 1', { ...base, optimizers: [{ type: 'Adam', betas: [1, 0.999] }] }, 'optimizers[0].betas[0]'],
    ['negative beta2', { ...base, optimizers: [{ type: 'RAdam', betas: [0.9, -0.1] }] }, 'optimizers[0].betas[1]'],
    ['nesterov without momentum', { ...base, optimizers: [{ type: 'SGD', nesterov: true }] }, 'optimizers[0].nesterov'],
    ['rho above 1', { ...base, optimizers: [{ type: 'Adadelta', rho: 1.5 }] }, 'optimizers[0].rho'],
  ];

  it.each(cases)('%s', (_name, spec, field) => {
    expect(specError(() => runSimulate(spec)).field).toBe(field);
  });

  it('caps optimizers × steps per spec and the numbers of a whole run, before any stepping', () => {
    const many = (n: number) => Array.from({ length: n }, () => ({ type: 'Adam' }));
    const work = specError(() => runSimulate({ surface: 'ravine', steps: MAX_STEPS, optimizers: many(100) }));
    expect(work.message).toBe(`optimizers: optimizers × steps must be <= ${MAX_OPTIMIZER_STEPS}, got 100 × ${MAX_STEPS}`);
    expect(work.template?.name).toBe('optimizerSteps');
    // Refused before the entries are read: the bad hundredth optimizer is never reached.
    expect(specError(() => runSimulate({ surface: 'ravine', steps: MAX_STEPS, optimizers: [...many(99), { type: 'Nope' }] })).field).toBe('optimizers');
    expect(specError(() => runSimulate({ cases: [base, { ...base, steps: MAX_STEPS, optimizers: many(11) }] })).field).toBe('cases[1].optimizers');
    // Zero steps cost no work but still print a point per optimizer.
    expect(specError(() => runSimulate({ surface: 'ravine', steps: 0, optimizers: many(MAX_OUTPUT_NUMBERS / 3 + 1) })).message).toContain('the output would hold');
    const batch = { cases: Array.from({ length: 2 }, () => ({ surface: 'ravine', steps: MAX_STEPS, optimizers: many(5) })) };
    expect(specError(() => runSimulate(batch)).message).toBe(`cases: the output would hold ${2 * 3 * 5 * (MAX_STEPS + 1)} numbers; at most ${MAX_OUTPUT_NUMBERS} per run`);
    expect(MAX_OPTIMIZER_STEPS * 3).toBeLessThanOrEqual(MAX_OUTPUT_NUMBERS);
  });

  it("phrases torch's own messages", () => {
    expect(specError(() => runSimulate({ ...base, optimizers: [{ type: 'Adam', lr: -1 }] })).message).toBe('optimizers[0].lr: Invalid learning rate: -1');
    expect(specError(() => runSimulate({ ...base, optimizers: [{ type: 'Adam', betas: [0.9, 1] }] })).reason).toBe('Invalid beta parameter at index 1: 1');
  });
});

// JSON-like values, weighted towards the shapes a spec has so the parser gets past its first checks.
const jsonValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e300, NaN, Infinity, -Infinity, '', 'SGD', 'ravine', [], {}),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.array(fc.double(), { maxLength: 3 }),
);
const badOptimizer = fc.oneof(
  fc.record({ type: fc.constantFrom(...OPTIMIZER_NAMES) }, { requiredKeys: [] }),
  fc.dictionary(fc.constantFrom('type', 'lr', 'betas', 'momentum', 'eps', 'nesterov', 'rho', 'alpha', 'bogus'), jsonValue),
  jsonValue,
);
const badSpec = fc
  .record(
    {
      surface: fc.oneof(fc.constantFrom('ravine', 'saddle', 'nope'), jsonValue),
      start: fc.oneof(fc.tuple(fc.double(), fc.double()), jsonValue),
      steps: fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(MAX_STEPS + 1), jsonValue),
      optimizers: fc.oneof(fc.array(badOptimizer, { maxLength: 3 }), jsonValue),
      extra: jsonValue,
    },
    { requiredKeys: [] },
  )
  .filter((spec) => {
    // Keep only specs that are really invalid: a valid one would just run.
    try {
      parseSimulateSpec(spec);
      return false;
    } catch {
      return true;
    }
  });

describe('random bad specs', () => {
  it('always throw SpecError, never another error', () => {
    fc.assert(
      fc.property(fc.oneof(badSpec, jsonValue, fc.record({ cases: fc.array(badSpec, { minLength: 1, maxLength: 2 }) })), (spec) => {
        expect(() => runSimulate(spec)).toThrow(SpecError);
      }),
      { numRuns: 2000 },
    );
  });
});
