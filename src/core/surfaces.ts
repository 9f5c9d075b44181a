/**
 * The 2-D loss surfaces (ARCHITECTURE.md's six and the chapter's narrow valley). `f` evaluates the table's formula in the order Python
 * evaluates it on torch tensors, and `grad` reproduces what `loss.backward()` computes: the chain rule
 * in autograd's operation order (including the order in which several uses of x or y are summed),
 * so gradients equal torch's bit for bit. The torch formulas are in scripts/fixtures/gen_optim.py.
 */

import * as libm from './schedule/libm';

export const SURFACE_NAMES = ['valley', 'ravine', 'rosenbrock', 'beale', 'himmelblau', 'saddle', 'rastrigin'] as const;
export type SurfaceName = (typeof SURFACE_NAMES)[number];

export type Point = readonly [number, number];

export interface ViewBox {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

export interface Surface {
  readonly name: SurfaceName;
  /** The formula as ARCHITECTURE.md writes it. */
  readonly formula: string;
  f(x: number, y: number): number;
  /**
   * f exactly as torch computes it, where `f` takes a quicker route for plotting (a contour image
   * evaluates f half a million times; a last-bit difference does not show). Absent: `f` is exact.
   */
  readonly loss?: (x: number, y: number) => number;
  /** Writes ∂f/∂x into out[0] and ∂f/∂y into out[1], exactly as torch's backward() does. */
  grad(x: number, y: number, out: Float64Array): void;
  /** Global minima, for markers. Empty when there is none (saddle is unbounded below). */
  readonly minima: readonly Point[];
  /** The region the webview shows by default. */
  readonly view: ViewBox;
  /** Where a race starts unless the spec says otherwise. */
  readonly start: Point;
}

// `2 * math.pi` in the torch formula is folded by Python before it meets the tensor.
const TWO_PI = 2 * Math.PI;

/** x²/divisor + y²: an elliptic valley along x, as torch computes `x**2 / divisor + y**2`. */
function ellipticValley(name: 'ravine' | 'valley', divisor: number, start: Point): Surface {
  const a = 1 / divisor;
  return {
    name,
    formula: `x²/${divisor} + y²`,
    f: (x, y) => (x * x) / divisor + y * y,
    grad(x, y, out) {
      // DivBackward hands pow's backward 1/divisor (rounded); PowBackward is grad * (2 * x).
      out[0] = a * (2 * x);
      out[1] = 2 * y;
    },
    minima: [[0, 0]],
    view: { xMin: -10, xMax: 10, yMin: -3, yMax: 3 },
    start,
  };
}

const ravine = ellipticValley('ravine', 20, [-8, 1.5]);

/**
 * The chapter's narrow elliptic valley: the ravine's shape with five times its elongation
 * (condition number 100 instead of 20). Plain gradient descent has to keep lr below 1 for the
 * steep y axis (curvature 2), and then crosses the flat x axis (curvature 0.02) at under 2 % per
 * step: the elongation is what makes SGD's slowness, momentum's speed-up and Adam's per-axis
 * scaling visible in a hundred steps. On the ravine's 20 the three finish within a factor of a
 * few of each other.
 */
const valley = ellipticValley('valley', 100, [-8, 2]);

const rosenbrock: Surface = {
  name: 'rosenbrock',
  formula: '(1−x)² + 100(y−x²)²',
  f(x, y) {
    const u = 1 - x;
    const v = y - x * x;
    return u * u + 100 * (v * v);
  },
  grad(x, y, out) {
    const v = y - x * x;
    const gv = 100 * (2 * v);
    out[0] = -(2 * (1 - x)) + -gv * (2 * x);
    out[1] = gv;
  },
  minima: [[1, 1]],
  view: { xMin: -2, xMax: 2, yMin: -1, yMax: 3 },
  start: [-1.5, 2],
};

const beale: Surface = {
  name: 'beale',
  formula: '(1.5−x+xy)² + (2.25−x+xy²)² + (2.625−x+xy³)²',
  f(x, y) {
    const y2 = y * y;
    const u1 = 1.5 - x + x * y;
    const u2 = 2.25 - x + x * y2;
    const u3 = 2.625 - x + x * (y2 * y);
    return u1 * u1 + u2 * u2 + u3 * u3;
  },
  grad(x, y, out) {
    const y2 = y * y;
    const y3 = y2 * y;
    const g1 = 2 * (1.5 - x + x * y);
    const g2 = 2 * (2.25 - x + x * y2);
    const g3 = 2 * (2.625 - x + x * y3);
    // Autograd accumulates the uses of x and y last-created first.
    out[0] = g3 * y3 + -g3 + g2 * y2 + -g2 + g1 * y + -g1;
    out[1] = g3 * x * (3 * y2) + g2 * x * (2 * y) + g1 * x;
  },
  minima: [[3, 0.5]],
  view: { xMin: -4.5, xMax: 4.5, yMin: -4.5, yMax: 4.5 },
  start: [-1, 1.5],
};

const himmelblau: Surface = {
  name: 'himmelblau',
  formula: '(x²+y−11)² + (x+y²−7)²',
  f(x, y) {
    const a = x * x + y - 11;
    const b = x + y * y - 7;
    return a * a + b * b;
  },
  grad(x, y, out) {
    const ga = 2 * (x * x + y - 11);
    const gb = 2 * (x + y * y - 7);
    out[0] = ga * (2 * x) + gb;
    out[1] = ga + gb * (2 * y);
  },
  // Four global minima, all with f = 0; (3, 2) is exact, the others are the nearest doubles to the roots of ∇f = 0.
  minima: [
    [3, 2],
    [-2.805118086952745, 3.131312518250573],
    [-3.779310253377747, -3.2831859912861696],
    [3.5844283403304917, -1.8481265269644036],
  ],
  view: { xMin: -5, xMax: 5, yMin: -5, yMax: 5 },
  start: [0, 0],
};

const saddle: Surface = {
  name: 'saddle',
  formula: 'x² − y²',
  f: (x, y) => x * x - y * y,
  grad(x, y, out) {
    out[0] = 2 * x;
    out[1] = -1 * (2 * y);
  },
  // Unbounded below along y: no minimum to mark. (0, 0) is a saddle point.
  minima: [],
  view: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
  start: [-1.5, 0.01],
};

const rastrigin: Surface = {
  name: 'rastrigin',
  formula: '20 + x² − 10cos(2πx) + y² − 10cos(2πy)',
  f: (x, y) => 20 + x * x - 10 * Math.cos(TWO_PI * x) + y * y - 10 * Math.cos(TWO_PI * y),
  // Trajectories take the correctly rounded sin/cos the schedulers use: V8's differ from torch's
  // on ~4 % of these arguments, these on ~1.8 % (torch 1.13's own routine, SLEEF's 1-ulp one even
  // for a 0-d tensor, is neither; docs/torch-compat.md), and a chaotic run turns one last-bit
  // difference into another path. ~7× slower than Math.cos, so not for plots.
  loss: (x, y) => 20 + x * x - 10 * libm.cos(TWO_PI * x) + y * y - 10 * libm.cos(TWO_PI * y),
  grad(x, y, out) {
    // CosBackward is grad * -sin(u) with grad = -10, then MulBackward multiplies by 2π.
    out[0] = 2 * x + 10 * libm.sin(TWO_PI * x) * TWO_PI;
    out[1] = 2 * y + 10 * libm.sin(TWO_PI * y) * TWO_PI;
  },
  minima: [[0, 0]],
  view: { xMin: -5.12, xMax: 5.12, yMin: -5.12, yMax: 5.12 },
  start: [2.2, -1.8],
};

export const SURFACES: { readonly [N in SurfaceName]: Surface } = { valley, ravine, rosenbrock, beale, himmelblau, saddle, rastrigin };

export function isSurfaceName(name: string): name is SurfaceName {
  return (SURFACE_NAMES as readonly string[]).includes(name);
}
