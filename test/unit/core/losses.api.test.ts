/**
 * The losses spec beyond torch's numbers (those are losses.fixtures.test.ts): the shapes of the
 * answers, the range form of x, and the gradients agreeing with the losses they differentiate.
 */
import { describe, expect, it } from 'vitest';
import { curvePoint, parseLossConfig, parseLossesSpec, runLossesJson, LOSS_TYPES, type CurveRequest } from '../../../src/core/losses';

describe('the losses spec', () => {
  it('spreads a range over its points with both ends exact, like torch.linspace', () => {
    const out = runLossesJson({ loss: { type: 'L1Loss' }, x: { from: -1, to: 0.3, points: 14 } }) as { x: number[] };
    expect(out.x).toHaveLength(14);
    expect(out.x[0]).toBe(-1);
    expect(out.x[13]).toBe(0.3);
  });

  it('answers per-sample losses and a gradient of the input’s shape for reduction none', () => {
    const out = runLossesJson({ loss: { type: 'CrossEntropyLoss', reduction: 'none' }, input: [[0, 0], [1, 0], [0, 1]], target: [0, 0, 0] }) as { loss: number[]; grad: number[][] };
    expect(out.loss).toHaveLength(3);
    expect(out.loss[0]).toBeCloseTo(Math.log(2), 15);
    expect(out.grad.map((row) => row.length)).toEqual([2, 2, 2]);
    // Each row of a cross-entropy gradient sums to 0 (softmax minus a distribution).
    for (const row of out.grad) expect(Math.abs(row[0]! + row[1]!)).toBeLessThanOrEqual(2 ** -52);
  });

  it('divides by the number of elements for mean and not for sum', () => {
    const spec = (reduction: string) => ({ loss: { type: 'MSELoss', reduction }, input: [1, 2, 3, 4], target: [0, 0, 0, 0] });
    expect(runLossesJson(spec('sum'))).toEqual({ loss: 30, grad: [2, 4, 6, 8] });
    expect(runLossesJson(spec('mean'))).toEqual({ loss: 7.5, grad: [0.5, 1, 1.5, 2] });
  });

  it('writes an overflow as null', () => {
    expect(runLossesJson({ loss: { type: 'MSELoss' }, input: [1e200], target: [0] })).toEqual({ loss: null, grad: [2e200] });
  });

  it('fills torch’s defaults and refuses both forms at once', () => {
    expect(parseLossConfig({ type: 'HuberLoss' }, 'loss')).toMatchObject({ reduction: 'mean', delta: 1 });
    expect(parseLossConfig({ type: 'BCEWithLogitsLoss' }, 'loss').pos_weight).toBeNull();
    expect(() => parseLossesSpec({ loss: { type: 'MSELoss' }, x: [0], input: [0], target: [0] })).toThrow('x: give either x (a curve) or input and target, not both');
  });
});

describe('each curve’s gradient', () => {
  const requests: CurveRequest[] = LOSS_TYPES.flatMap((type) => {
    const loss = parseLossConfig({ type, ...(type === 'CrossEntropyLoss' ? { label_smoothing: 0.1 } : {}), ...(type === 'BCEWithLogitsLoss' ? { pos_weight: 2 } : {}) }, 'loss');
    const plain: CurveRequest = { loss, classes: 7, extraActivation: null };
    if (type === 'CrossEntropyLoss') return [plain, { ...plain, extraActivation: 'softmax' as const }];
    if (type === 'BCEWithLogitsLoss') return [plain, { ...plain, extraActivation: 'sigmoid' as const }];
    return [plain];
  });

  it.each(requests.map((r) => [`${r.loss.type}${r.extraActivation ? ` after ${r.extraActivation}` : ''}`, r] as const))('is the derivative of its loss (%s)', (_name, request) => {
    const xs = request.loss.type === 'BCELoss' ? [0.2, 0.5, 0.9] : [-2.3, -0.4, 0.7, 1.9];
    for (const x of xs) {
      const h = 1e-6;
      const numeric = (curvePoint(request, x + h).loss - curvePoint(request, x - h).loss) / (2 * h);
      expect(curvePoint(request, x).grad).toBeCloseTo(numeric, 6);
    }
  });
});
