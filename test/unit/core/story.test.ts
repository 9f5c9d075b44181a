import { describe, expect, it } from 'vitest';
import { runSimulate, type SimulateResult } from '../../../src/core/simulate';
import { presetByName, presetSpec } from '../../../src/core/presets';
import { SURFACES } from '../../../src/core/surfaces';
import { finalLoss, signChanges, stepsTo, straightness } from './story';

/**
 * The chapter's three sentences, measured on the `seed` preset exactly as `optim-lens simulate`
 * runs it: "SGD zig-zags across the valley and converges extremely slowly; Momentum builds speed,
 * rides over the oscillation and converges faster; Adam scales each axis and walks an almost
 * straight line."
 */
describe('the seed demo tells the chapter’s story', () => {
  const preset = presetByName('seed')!;
  const spec = presetSpec(preset);
  const [sgd, momentum, adam] = (runSimulate(JSON.parse(JSON.stringify(spec))) as SimulateResult).trajectories;
  // The steep axis is the one with the larger curvature: y on the valley (checked, not assumed).
  const steep = ((): 0 | 1 => {
    const g = new Float64Array(2);
    SURFACES[preset.surface].grad(1, 1, g);
    return Math.abs(g[1]!) > Math.abs(g[0]!) ? 1 : 0;
  })();

  it('races SGD, SGD with momentum and Adam, in the red, orange, green order', () => {
    expect(spec.optimizers.map((o) => [o.type, typeof o.momentum === 'number' && o.momentum > 0])).toEqual([
      ['SGD', false],
      ['SGD', true],
      ['Adam', false],
    ]);
    expect(steep).toBe(1);
  });

  it('SGD zig-zags: its steep coordinate changes sign on most steps, far more often than Momentum’s or Adam’s', () => {
    const zig = signChanges(sgd!.points, steep);
    expect(zig).toBeGreaterThanOrEqual(spec.steps * 0.9);
    expect(zig).toBeGreaterThan(2 * signChanges(momentum!.points, steep));
    expect(zig).toBeGreaterThan(5 * signChanges(adam!.points, steep));
  });

  it('final loss: SGD > Momentum > Adam, each at least ten times the next', () => {
    const [s, m, a] = [sgd, momentum, adam].map((t) => finalLoss(t!.losses));
    expect(s).toBeGreaterThan(10 * m!);
    expect(m).toBeGreaterThan(10 * a!);
  });

  it('steps to the panel’s tolerance: SGD never gets there, Momentum later than Adam', () => {
    const [s, m, a] = [sgd, momentum, adam].map((t) => stepsTo(t!.losses, 1e-3));
    expect(s).toBe(Infinity);
    expect(m).toBeLessThanOrEqual(spec.steps);
    expect(a).toBeLessThan(m!);
  });

  it('Momentum is ahead of SGD in the loss chart from early on: at every step after the first fifth', () => {
    for (let k = Math.ceil(spec.steps / 5); k <= spec.steps; k++) expect(momentum!.losses[k]!, `step ${k}`).toBeLessThan(sgd!.losses[k]!);
  });

  it('Adam walks an almost straight line: path length within 10 % of the distance covered; SGD’s is over twice it', () => {
    expect(straightness(adam!.points)).toBeLessThan(1.1);
    expect(straightness(sgd!.points)).toBeGreaterThan(2);
  });

  it('nobody diverges or leaves the picture', () => {
    const { view } = SURFACES[preset.surface];
    for (const t of [sgd, momentum, adam]) {
      for (const p of t!.points) {
        expect(p).not.toBeNull();
        expect(p![0]).toBeGreaterThanOrEqual(view.xMin);
        expect(p![0]).toBeLessThanOrEqual(view.xMax);
        expect(Math.abs(p![1])).toBeLessThanOrEqual(view.yMax);
      }
    }
  });
});
