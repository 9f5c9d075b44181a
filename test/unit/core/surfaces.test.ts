import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RACE, simulate } from '../../../src/core/simulate';
import { SURFACE_NAMES, SURFACES, type SurfaceName } from '../../../src/core/surfaces';

interface Sample {
  readonly point: [number, number];
  readonly loss: number;
  readonly grad: [number, number];
}

const samples = (JSON.parse(readFileSync(new URL('../../fixtures/optim.json', import.meta.url), 'utf8')) as { surfaces: Record<SurfaceName, Sample[]> }).surfaces;

function evaluate(name: SurfaceName, [x, y]: readonly [number, number]): { loss: number; grad: [number, number] } {
  const out = new Float64Array(2);
  const surface = SURFACES[name];
  surface.grad(x, y, out);
  return { loss: surface.f(x, y), grad: [out[0]!, out[1]!] };
}

describe('surfaces against torch autograd', () => {
  it.each(SURFACE_NAMES.filter((n) => n !== 'rastrigin'))('%s: f and ∇f equal torch bit for bit', (name) => {
    for (const sample of samples[name]) {
      expect(evaluate(name, sample.point)).toEqual({ loss: sample.loss, grad: sample.grad });
    }
  });

  it('rastrigin: within a few ulps (torch takes sin/cos from SLEEF, V8 from fdlibm)', () => {
    for (const sample of samples.rastrigin) {
      const { loss, grad } = evaluate('rastrigin', sample.point);
      expect(loss).toBeCloseTo(sample.loss, 12);
      grad.forEach((g, i) => expect(Math.abs(g - sample.grad[i]!)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(g))));
    }
  });
});

describe('surface metadata', () => {
  it.each(SURFACE_NAMES)('%s: minima are stationary and lowest, start and minima lie in the view', (name) => {
    const surface = SURFACES[name];
    const { view } = surface;
    const inside = ([x, y]: readonly [number, number]) => x >= view.xMin && x <= view.xMax && y >= view.yMin && y <= view.yMax;
    expect(inside(surface.start)).toBe(true);
    for (const minimum of surface.minima) {
      expect(inside(minimum)).toBe(true);
      const { loss, grad } = evaluate(name, minimum);
      expect(Math.abs(loss)).toBeLessThan(1e-24);
      expect(Math.hypot(...grad)).toBeLessThan(1e-12);
      expect(loss).toBeLessThan(surface.f(surface.start[0], surface.start[1]));
    }
  });

  it('himmelblau has four global minima and saddle none', () => {
    expect(SURFACES.himmelblau.minima).toHaveLength(4);
    expect(SURFACES.saddle.minima).toEqual([]);
    for (const name of ['ravine', 'rosenbrock', 'beale', 'rastrigin'] as const) expect(SURFACES[name].minima).toHaveLength(1);
  });
});

/** Sum of absolute heading changes along a path, in radians. */
function turning(points: readonly (readonly [number, number])[]): number {
  let total = 0;
  let previous: number | null = null;
  for (let k = 1; k < points.length; k++) {
    const [x0, y0] = points[k - 1]!;
    const [x1, y1] = points[k]!;
    if (Math.hypot(x1 - x0, y1 - y0) < 1e-9) continue;
    const heading = Math.atan2(y1 - y0, x1 - x0);
    if (previous !== null) {
      const d = Math.abs(heading - previous);
      total += Math.min(d, 2 * Math.PI - d);
    }
    previous = heading;
  }
  return total;
}

describe('DEFAULT_RACE on the ravine draws the classic picture', () => {
  const [sgd, momentum, adam] = simulate(DEFAULT_RACE).trajectories.map((t) => t.points.map((p) => p!));
  const kinds = DEFAULT_RACE.optimizers.map((o) => [o.type, o.kwargs.momentum ?? 0]);

  it('races SGD, SGD with momentum 0.9 and Adam', () => {
    expect(DEFAULT_RACE.surface).toBe('ravine');
    expect(kinds).toEqual([
      ['SGD', 0],
      ['SGD', 0.9],
      ['Adam', 0],
    ]);
  });

  it('SGD zig-zags across the steep y axis', () => {
    const flips = sgd!.slice(0, 20).filter((p, k, all) => k > 0 && Math.sign(p[1]) !== Math.sign(all[k - 1]![1])).length;
    expect(flips).toBe(19);
  });

  it('momentum overshoots x = 0 and comes back', () => {
    const crossing = momentum!.findIndex((p) => p[0] > 0);
    expect(crossing).toBeGreaterThan(0);
    expect(Math.max(...momentum!.map((p) => p[0]))).toBeGreaterThan(0.5);
    expect(momentum!.slice(crossing).some((p) => p[0] < 0)).toBe(true);
    expect(Math.abs(momentum!.at(-1)![0])).toBeLessThan(0.1);
  });

  it('Adam walks a nearly straight line: far less turning than SGD', () => {
    expect(turning(adam!)).toBeLessThan(turning(sgd!) / 5);
  });
});
