import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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
    for (const name of ['valley', 'ravine', 'rosenbrock', 'beale', 'rastrigin'] as const) expect(SURFACES[name].minima).toHaveLength(1);
  });
});
