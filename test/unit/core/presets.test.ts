import { describe, expect, it } from 'vitest';
import { PRESETS, PRESET_NAMES, presetByName, presetSpec } from '../../../src/core/presets';
import { runSimulate, type SimulateResult, type Trajectory } from '../../../src/core/simulate';
import { SURFACES } from '../../../src/core/surfaces';
import { finalLoss, signChanges, stepsTo } from './story';

function race(name: string): Trajectory[] {
  return (runSimulate(JSON.parse(JSON.stringify(presetSpec(presetByName(name)!)))) as SimulateResult).trajectories;
}

describe('presets as data', () => {
  it('has one preset per name, `seed` first, each with a title and a one-to-two-line caption', () => {
    expect(PRESETS.map((p) => p.name)).toEqual([...PRESET_NAMES]);
    expect(PRESETS[0]!.name).toBe('seed');
    for (const p of PRESETS) {
      expect(p.title.length, p.name).toBeGreaterThan(5);
      expect(p.caption.length, p.name).toBeGreaterThan(40);
      // Two lines of the panel's caption at most: about 240 characters.
      expect(p.caption.length, p.name).toBeLessThanOrEqual(240);
    }
  });

  it('labels the racers where their automatic names would read the same', () => {
    for (const p of PRESETS) {
      const names = p.racers.map((r) => r.label ?? `${r.type}${typeof r.kwargs.momentum === 'number' ? '+m' : ''}`);
      expect(new Set(names).size, p.name).toBe(names.length);
    }
    expect(presetByName('adamw')!.racers.map((r) => r.label)).toEqual(['Adam wd=0', 'Adam wd=0.5', 'AdamW wd=0.5']);
  });

  it.each(PRESET_NAMES)('%s: its spec is a valid simulate spec whose runs stay finite where the caption does not say otherwise', (name) => {
    const trajectories = race(name);
    expect(trajectories).toHaveLength(presetByName(name)!.racers.length);
    const overflowed = trajectories.filter((t) => t.points.includes(null)).length;
    expect(overflowed).toBe(0);
  });
});

describe('each caption says what the race shows', () => {
  it('adamw: Adam with weight decay ends near the minimum at (3, 2), AdamW clearly short of it', () => {
    const [, adamWd, adamW] = race('adamw');
    const distance = (t: Trajectory) => Math.hypot(t.points.at(-1)![0] - 3, t.points.at(-1)![1] - 2);
    expect(distance(adamWd!)).toBeLessThan(0.05);
    expect(distance(adamW!)).toBeGreaterThan(10 * distance(adamWd!));
  });

  it('rosenbrock: momentum reaches (1, 1), plain SGD is still far from it', () => {
    const [sgd, momentum] = race('rosenbrock');
    const distance = (t: Trajectory) => Math.hypot(t.points.at(-1)![0] - 1, t.points.at(-1)![1] - 1);
    expect(distance(momentum!)).toBeLessThan(0.05);
    expect(distance(sgd!)).toBeGreaterThan(0.5);
  });

  it('saddle: Adam and RMSprop leave the ridge before SGD and momentum; everyone heads down without end', () => {
    const trajectories = race('saddle');
    const [sgd, momentum, adam, rmsprop] = trajectories;
    const offRidge = (t: Trajectory) => t.points.findIndex((p) => Math.abs(p![1]) > 1);
    for (const fast of [adam!, rmsprop!]) for (const slow of [sgd!, momentum!]) expect(offRidge(fast)).toBeLessThan(offRidge(slow));
    for (const t of trajectories) expect(finalLoss(t.losses)).toBeLessThan(-1);
  });

  it('lrTooHigh: SGD at 0.5 converges, at 1.0 bounces forever, at 1.1 grows without bound; Adam settles', () => {
    const [half, one, tooHigh, adam] = race('lrTooHigh');
    expect(finalLoss(half!.losses)).toBeLessThan(1e-3);
    expect(signChanges(one!.points, 1)).toBe(presetByName('lrTooHigh')!.steps);
    expect(Math.abs(one!.points.at(-1)![1])).toBeCloseTo(Math.abs(SURFACES.ravine.start[1]), 6);
    expect(finalLoss(tooHigh!.losses)).toBeGreaterThan(1e6);
    expect(finalLoss(adam!.losses)).toBeLessThan(1e-3);
  });

  it('nesterov: with the same lr and momentum, Nesterov’s swings die out sooner and its loss is lower', () => {
    const [heavy, nesterov] = race('nesterov');
    const racers = presetByName('nesterov')!.racers;
    expect(racers[0]!.kwargs.lr).toBe(racers[1]!.kwargs.lr);
    expect(racers[0]!.kwargs.momentum).toBe(racers[1]!.kwargs.momentum);
    // The swings across the valley: the summed |y| after the first few steps.
    const swing = (t: Trajectory) => t.points.slice(10).reduce((sum, p) => sum + Math.abs(p![1]), 0);
    expect(swing(nesterov!)).toBeLessThan(swing(heavy!));
    expect(finalLoss(nesterov!.losses)).toBeLessThan(finalLoss(heavy!.losses));
    expect(stepsTo(nesterov!.losses, 1e-3)).toBeLessThan(stepsTo(heavy!.losses, 1e-3));
  });
});
