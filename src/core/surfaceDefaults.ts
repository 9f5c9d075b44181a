/**
 * Each surface's learning rates, per optimizer: what the panel switches to when the surface
 * changes, so that a race stays meaningful (the valley's SGD lr of 0.95 on Rosenbrock, whose
 * curvature reaches into the thousands, overflows at the second step).
 *
 * Two scales, because the optimizers answer to different things:
 * - plain gradient steps (SGD, with or without momentum) are lr·∇f, so their lr must stay under
 *   2 / the largest curvature on the way (torch's quadratic stability limit) — the `plain` lr is a
 *   fraction of that, read off each surface's Hessian along the usual paths;
 * - the adaptive optimizers divide the gradient by its own running size, so each step is about lr
 *   long whatever the curvature: their lr is a length, a fraction of the surface's view.
 * Two take their own: RMSprop's first steps are up to 1/√(1−alpha) = 10 times lr (its average
 * starts at zero without a bias correction), and RAdam's first five steps are not adapted at all
 * (plain momentum steps, lr·m̂), so its lr must also respect the curvature. Adadelta's lr is a
 * multiplier of its own unit-free step and keeps torch's 1.0. The values were picked from the
 * ranges test/unit/core/surfaceDefaults.test.ts accepts: every optimizer, on every surface, from
 * the surface's start, for 300 steps, stays finite and near the view, moves visibly, and lowers
 * the loss (Rastrigin's start sits next to a local minimum, so its adaptive lr is large enough to
 * leave it).
 */
import type { OptimizerName } from './optim';
import type { SurfaceName } from './surfaces';

export interface SurfaceLr {
  /** For SGD (plain, momentum, Nesterov). */
  readonly plain: number;
  /** For the optimizers whose step length is about lr (Adam and its family, Adagrad). */
  readonly adaptive: number;
  readonly rmsprop: number;
  readonly radam: number;
}

export const SURFACE_LR: { readonly [S in SurfaceName]: SurfaceLr } = {
  valley: { plain: 0.4, adaptive: 0.15, rmsprop: 0.01, radam: 0.1 },
  ravine: { plain: 0.4, adaptive: 0.15, rmsprop: 0.01, radam: 0.1 },
  rosenbrock: { plain: 1e-3, adaptive: 0.05, rmsprop: 0.01, radam: 0.005 },
  beale: { plain: 0.005, adaptive: 0.05, rmsprop: 0.01, radam: 0.02 },
  himmelblau: { plain: 0.01, adaptive: 0.1, rmsprop: 0.01, radam: 0.02 },
  saddle: { plain: 0.05, adaptive: 0.05, rmsprop: 0.01, radam: 0.05 },
  rastrigin: { plain: 0.005, adaptive: 0.3, rmsprop: 0.05, radam: 0.005 },
};

/** The lr `type` gets on `surface`; undefined where torch's default is the right one (Adadelta). */
export function surfaceLr(surface: SurfaceName, type: OptimizerName): number | undefined {
  const lr = SURFACE_LR[surface];
  switch (type) {
    case 'SGD':
      return lr.plain;
    case 'Adadelta':
      return undefined;
    case 'RMSprop':
      return lr.rmsprop;
    case 'RAdam':
      return lr.radam;
    default:
      return lr.adaptive;
  }
}
