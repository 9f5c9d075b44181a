import { describe, expect, it } from 'vitest';
import { createStepper, OPTIMIZER_NAMES, optimizerDef } from '../../../src/core/optim';
import { simulateInto } from '../../../src/core/simulate';
import { SURFACE_NAMES, SURFACES } from '../../../src/core/surfaces';
import { surfaceLr } from '../../../src/core/surfaceDefaults';

const STEPS = 300;
const VARIANTS: Record<string, Record<string, unknown>> = { plain: {}, momentum: { momentum: 0.9 }, nesterov: { momentum: 0.9, nesterov: true } };

describe('each surface’s default learning rates keep every optimizer on the picture', () => {
  const cases = SURFACE_NAMES.flatMap((surface) =>
    OPTIMIZER_NAMES.flatMap((type) => (type === 'SGD' ? Object.entries(VARIANTS) : [['', {}] as const]).map(([variant, extra]) => [surface, type, variant, extra] as const)),
  );

  it.each(cases)('%s · %s %s: finite, moving, and lower than where it started', (surfaceName, type, _variant, extra) => {
    const surface = SURFACES[surfaceName];
    const lr = surfaceLr(surfaceName, type);
    const kwargs = optimizerDef(type).parse({ ...(lr === undefined ? {} : { lr }), ...extra }, '');
    const xy = new Float64Array(2 * (STEPS + 1));
    const losses = new Float64Array(STEPS + 1);
    const count = simulateInto(surface, createStepper(type, kwargs), surface.start, STEPS, xy, losses);
    expect(count, 'finite points').toBe(STEPS + 1);
    const { view } = surface;
    const size = Math.hypot(view.xMax - view.xMin, view.yMax - view.yMin);
    const [x0, y0] = surface.start;
    let farthest = 0;
    for (let k = 0; k <= STEPS; k++) {
      farthest = Math.max(farthest, Math.hypot(xy[2 * k]! - x0, xy[2 * k + 1]! - y0));
      // Never further from the view than the view is big: a path the picture can show.
      expect(Math.abs(xy[2 * k]! - (view.xMin + view.xMax) / 2), `x at ${k}`).toBeLessThan(2 * (view.xMax - view.xMin));
      if (surface.minima.length > 0) expect(Math.abs(xy[2 * k + 1]! - (view.yMin + view.yMax) / 2), `y at ${k}`).toBeLessThan(2 * (view.yMax - view.yMin));
    }
    // Adadelta keeps torch's lr, whose steps start at √eps: the one optimizer allowed to crawl.
    if (type !== 'Adadelta') expect(farthest, 'moves').toBeGreaterThan(0.02 * size);
    expect(losses[STEPS]!).toBeLessThan(losses[0]!);
  });
});
