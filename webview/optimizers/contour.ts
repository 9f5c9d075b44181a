/**
 * The loss surface as an image: f sampled on a grid, contour levels spaced logarithmically (the
 * interesting structure of a loss surface sits orders of magnitude below its rim), a heat map in a
 * perceptual colour map and contour lines by marching squares. Pure and DOM-free: the canvas code
 * in render.ts only copies the results onto the screen.
 */
import type { ViewBox } from '../../src/core/surfaces';
import { niceTicks } from './ticks';

export interface Grid {
  readonly nx: number;
  readonly ny: number;
  /** Row-major, row 0 at the top of the view (y = yMax), column 0 at x = xMin. */
  readonly values: Float64Array;
  /** Smallest and largest finite value sampled. */
  readonly min: number;
  readonly max: number;
}

/**
 * Samples `f` on `nx` × `ny` points. `centers`: at the centres of nx × ny cells tiling the view (a
 * heat map's pixels); otherwise at vertices spanning it edge to edge (what contours need).
 */
export function sampleGrid(f: (x: number, y: number) => number, view: ViewBox, nx: number, ny: number, centers: boolean, out?: Float64Array): Grid {
  const values = out && out.length >= nx * ny ? out : new Float64Array(nx * ny);
  const w = view.xMax - view.xMin;
  const h = view.yMax - view.yMin;
  const dx = centers ? w / nx : w / Math.max(1, nx - 1);
  const dy = centers ? h / ny : h / Math.max(1, ny - 1);
  const off = centers ? 0.5 : 0;
  let min = Infinity;
  let max = -Infinity;
  for (let j = 0; j < ny; j++) {
    const y = view.yMax - (j + off) * dy;
    const row = j * nx;
    for (let i = 0; i < nx; i++) {
      const v = f(view.xMin + (i + off) * dx, y);
      values[row + i] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return { nx, ny, values, min, max };
}

/** The contour levels of a surface and the map from a loss to a position in the colour map. */
export interface LevelScale {
  readonly kind: 'log' | 'linear';
  /** Ascending. */
  readonly levels: readonly number[];
  /** Position in [0, 1] of a value on the colour map. */
  t(value: number): number;
}

/** How many quantiles the colour mapping keeps. */
const QUANTILES = 256;
/** At most this many values are sorted to find the quantiles. */
const QUANTILE_SAMPLE = 16_384;

/**
 * Contour levels and colours for the values of a grid.
 *
 * Levels: where the surface is non-negative (every surface with a minimum has f = 0 there), 1, 2
 * and 5 × 10^k up to the largest value: logarithmic, because a loss surface's structure sits orders
 * of magnitude below its rim. They start at the value below which 1 % of the view lies (so the basin
 * gets a few rings rather than a blot), or three decades below the rim if that is lower (so a
 * surface of many shallow basins, like Rastrigin's, still gets rings). Elsewhere (the saddle,
 * unbounded below) evenly spaced nice values.
 *
 * Colours: by the value's quantile in the view, so each colour of the map covers an equal share of
 * the picture whatever the surface's range (on a log scale the ravine would be almost all yellow).
 * The mapping is monotone, so darker is always lower.
 */
export function levelScale(values: Float64Array, min: number, max: number): LevelScale {
  if (!(Number.isFinite(min) && Number.isFinite(max)) || max <= min) return { kind: 'linear', levels: [], t: () => 0 };
  const edges = quantiles(values, QUANTILES);
  const t = (v: number) => quantilePosition(edges, v);
  if (min >= 0) {
    // From where 1 % of the view lies below (or three decades under the rim, if that is lower) up.
    const lo = Math.max(Math.min(edges[Math.round(QUANTILES / 100)]!, max * 1e-3), max * 1e-8);
    const levels: number[] = [];
    for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(max)); k++) {
      for (const m of [1, 2, 5]) {
        const v = Number(`${m}e${k}`);
        if (v >= lo && v < max) levels.push(v);
      }
    }
    return { kind: 'log', levels, t };
  }
  const levels = niceTicks(min, max, 16).values.filter((v) => v > min && v < max);
  return { kind: 'linear', levels, t };
}

/** `count + 1` ascending values splitting the finite values into `count` equal shares. */
export function quantiles(values: Float64Array, count: number): Float64Array {
  const stride = Math.max(1, Math.floor(values.length / QUANTILE_SAMPLE));
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += stride) if (Number.isFinite(values[i]!)) sample.push(values[i]!);
  const sorted = Float64Array.from(sample).sort();
  const edges = new Float64Array(count + 1);
  if (sorted.length === 0) return edges;
  for (let q = 0; q <= count; q++) edges[q] = sorted[Math.min(sorted.length - 1, Math.round((q / count) * (sorted.length - 1)))]!;
  return edges;
}

/** Where `v` falls among the quantile edges, in [0, 1], interpolated within its share. */
export function quantilePosition(edges: Float64Array, v: number): number {
  const n = edges.length - 1;
  if (!(v > edges[0]!)) return 0;
  if (v >= edges[n]!) return 1;
  let lo = 0;
  let hi = n;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid;
  }
  const a = edges[lo]!;
  const b = edges[hi]!;
  return (lo + (b > a ? (v - a) / (b - a) : 0)) / n;
}

/**
 * Fills `out` (RGBA, nx·ny·4 bytes) with the colour of each grid value; non-finite values are
 * transparent.
 */
export function heatmap(grid: Grid, scale: LevelScale, lut: Uint8Array, out: Uint8ClampedArray): Uint8ClampedArray {
  const size = lut.length / 3;
  const n = grid.nx * grid.ny;
  for (let p = 0; p < n; p++) {
    const v = grid.values[p]!;
    const o = 4 * p;
    if (!Number.isFinite(v)) {
      out[o + 3] = 0;
      continue;
    }
    const i = Math.round(scale.t(v) * (size - 1));
    out[o] = lut[3 * i]!;
    out[o + 1] = lut[3 * i + 1]!;
    out[o + 2] = lut[3 * i + 2]!;
    out[o + 3] = 255;
  }
  return out;
}

/**
 * Marching squares over a vertex grid: for each level, the contour as line segments
 * (x0, y0, x1, y1, … in grid units: x in 0…nx−1 to the right, y in 0…ny−1 downwards), linearly
 * interpolated along cell edges. Saddle cells are resolved by the cell's mean value.
 */
export function marchingSquares(grid: Grid, levels: readonly number[]): Float32Array[] {
  const { nx, ny, values } = grid;
  const segments: number[][] = levels.map(() => []);
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const a = values[j * nx + i]!; // top left
      const b = values[j * nx + i + 1]!; // top right
      const c = values[(j + 1) * nx + i + 1]!; // bottom right
      const d = values[(j + 1) * nx + i]!; // bottom left
      const lo = Math.min(a, b, c, d);
      const hi = Math.max(a, b, c, d);
      if (!(lo < hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) continue;
      // Only the levels this cell spans.
      for (let k = firstAbove(levels, lo); k < levels.length && levels[k]! <= hi; k++) {
        cell(segments[k]!, levels[k]!, i, j, a, b, c, d);
      }
    }
  }
  return segments.map((s) => Float32Array.from(s));
}

/** Index of the first level > value (levels ascending). */
function firstAbove(levels: readonly number[], value: number): number {
  let lo = 0;
  let hi = levels.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (levels[mid]! > value) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cell(out: number[], l: number, i: number, j: number, a: number, b: number, c: number, d: number): void {
  const code = (a > l ? 8 : 0) | (b > l ? 4 : 0) | (c > l ? 2 : 0) | (d > l ? 1 : 0);
  if (code === 0 || code === 15) return;
  const top = () => out.push(i + (l - a) / (b - a), j);
  const right = () => out.push(i + 1, j + (l - b) / (c - b));
  const bottom = () => out.push(i + (l - d) / (c - d), j + 1);
  const left = () => out.push(i, j + (l - a) / (d - a));
  switch (code) {
    case 1:
    case 14:
      left();
      bottom();
      return;
    case 2:
    case 13:
      bottom();
      right();
      return;
    case 3:
    case 12:
      left();
      right();
      return;
    case 4:
    case 11:
      top();
      right();
      return;
    case 6:
    case 9:
      top();
      bottom();
      return;
    case 7:
    case 8:
      left();
      top();
      return;
    case 5:
    case 10: {
      // Two diagonal corners above, two below: the pair on the centre's side of the level joins
      // through the cell, and the two lines cut off the other pair's corners.
      const centerAbove = (a + b + c + d) / 4 > l;
      const aAbove = code === 10;
      if (centerAbove === aAbove) {
        // a and c joined: cut off b (top right) and d (bottom left).
        top();
        right();
        left();
        bottom();
      } else {
        left();
        top();
        bottom();
        right();
      }
      return;
    }
  }
}

/** Everything the base layer needs for one surface, view and size. */
export interface ContourImage {
  /** Heat map pixels, `width` × `height` RGBA: one per grid vertex (see render.ts for the alignment). */
  readonly rgba: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly scale: LevelScale;
  /** Contour segments per level, in grid units (0…width−1 across, 0…height−1 down). */
  readonly contours: readonly Float32Array[];
}

/**
 * The surface for a plot of `width` × `height` CSS pixels, sampled every `spacing` pixels: one
 * grid gives both the heat map (drawn smoothly scaled up; it has no sharp edges to lose) and the
 * contour lines (stroked at full resolution, so they stay crisp), and both line up exactly.
 */
export function contourImage(f: (x: number, y: number) => number, view: ViewBox, width: number, height: number, lut: Uint8Array, spacing = 2): ContourImage {
  const nx = Math.max(2, Math.round(width / spacing) + 1);
  const ny = Math.max(2, Math.round(height / spacing) + 1);
  const grid = sampleGrid(f, view, nx, ny, false);
  const scale = levelScale(grid.values, grid.min, grid.max);
  const rgba = heatmap(grid, scale, lut, new Uint8ClampedArray(nx * ny * 4));
  return { rgba, width: nx, height: ny, scale, contours: marchingSquares(grid, scale.levels) };
}
