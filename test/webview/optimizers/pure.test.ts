import { describe, expect, it } from 'vitest';
import { SURFACES } from '../../../src/core/surfaces';
import { VIRIDIS, buildLut, colorAt } from '../../../webview/optimizers/colormap';
import { contourImage, heatmap, levelScale, marchingSquares, quantilePosition, quantiles, sampleGrid } from '../../../webview/optimizers/contour';
import { formatNumber, numberText, readNumberText } from '../../../webview/shared/numbers';
import { formatTick, niceStep, niceTicks } from '../../../webview/optimizers/ticks';
import { luminance, parseColor, withAlpha } from '../../../webview/shared/theme';
import { format, readStrings } from '../../../webview/shared/strings';
import { MAX_ENTRIES, MAX_STEPS_UI } from '../../../webview/optimizers/state';
import { MAX_OPTIMIZER_STEPS, MAX_OUTPUT_NUMBERS } from '../../../src/core/spec';

describe('axis ticks', () => {
  it.each([
    [-10, 10, 10, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]],
    [-3, 3, 6, [-3, -2, -1, 0, 1, 2, 3]],
    [-5.12, 5.12, 5, [-4, -2, 0, 2, 4]],
    [-2, 2, 8, [-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2]],
    [0, 1, 5, [0, 0.2, 0.4, 0.6, 0.8, 1]],
  ])('ticks of [%d, %d] with about %d intervals', (min, max, count, expected) => {
    expect(niceTicks(min, max, count).values).toEqual(expected);
  });

  it('steps are 1, 2 or 5 times a power of ten', () => {
    for (const span of [0.003, 0.7, 1, 9.9, 13, 420, 1e6]) {
      const step = niceStep(span, 7);
      const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
      expect([1, 2, 5, 10]).toContainEqual(Number(mantissa.toFixed(6)));
    }
  });

  it('labels carry the precision of the step and no negative zero', () => {
    expect(formatTick(0.30000000000000004, 0.1)).toBe('0.3');
    expect(formatTick(-0, 0.5)).toBe('0.0');
    expect(formatTick(-1e-17, 1)).toBe('0');
    expect(formatTick(1500, 500)).toBe('1500');
  });

  it('survives degenerate ranges', () => {
    expect(niceTicks(1, 1, 5).values).toEqual([1]);
    expect(niceTicks(NaN, 1, 5).values).toEqual([]);
  });
});

describe('colour map', () => {
  it('runs from viridis purple to viridis yellow', () => {
    expect(colorAt(VIRIDIS, 0)).toEqual([0x44, 0x01, 0x54]);
    expect(colorAt(VIRIDIS, 1)).toEqual([0xfd, 0xe7, 0x25]);
    expect(colorAt(VIRIDIS, NaN)).toEqual([0x44, 0x01, 0x54]);
    expect(colorAt(VIRIDIS, 7)).toEqual([0xfd, 0xe7, 0x25]);
  });

  it('gets lighter monotonically (it reads in greyscale and for colour-blind users)', () => {
    const lum = (t: number) => luminance(`rgb(${colorAt(VIRIDIS, t).join(',')})`);
    for (let t = 0.02; t <= 1; t += 0.02) expect(lum(t)).toBeGreaterThanOrEqual(lum(t - 0.02) - 1e-3);
    expect(lum(1) / lum(0)).toBeGreaterThan(20);
  });

  it('interpolates between stops', () => {
    const lut = buildLut(['#000000', '#ffffff'], 3);
    expect([...lut]).toEqual([0, 0, 0, 128, 128, 128, 255, 255, 255]);
  });
});

describe('contours', () => {
  const view = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const bowl = (x: number, y: number) => x * x + y * y;

  it('samples vertices edge to edge, or pixel centres, with row 0 at the top', () => {
    const vertices = sampleGrid((x, y) => 10 * x + y, view, 3, 3, false);
    expect([...vertices.values]).toEqual([-9, 1, 11, -10, 0, 10, -11, -1, 9]);
    const centres = sampleGrid((x, y) => 10 * x + y, view, 2, 2, true);
    expect([...centres.values]).toEqual([-4.5, 5.5, -5.5, 4.5]);
    expect([centres.min, centres.max]).toEqual([-5.5, 5.5]);
  });

  it('spaces levels logarithmically at 1, 2, 5 × 10^k on a surface with a minimum', () => {
    const grid = sampleGrid((x, y) => SURFACES.rosenbrock.f(x, y), SURFACES.rosenbrock.view, 200, 200, true);
    const scale = levelScale(grid.values, grid.min, grid.max);
    expect(scale.kind).toBe('log');
    expect(scale.levels.length).toBeGreaterThan(6);
    for (const level of scale.levels) expect([1, 2, 5]).toContain(Number((level / 10 ** Math.floor(Math.log10(level) + 1e-9)).toPrecision(3)));
    for (let i = 1; i < scale.levels.length; i++) expect(scale.levels[i]! / scale.levels[i - 1]!).toBeLessThanOrEqual(2.5 + 1e-9);
    expect(scale.levels.at(-1)).toBeLessThan(grid.max);
  });

  it('spaces levels evenly on the saddle, which is unbounded below', () => {
    const grid = sampleGrid(SURFACES.saddle.f, SURFACES.saddle.view, 100, 100, true);
    const scale = levelScale(grid.values, grid.min, grid.max);
    expect(scale.kind).toBe('linear');
    expect(scale.levels).toContain(0);
    const gaps = scale.levels.slice(1).map((v, i) => v - scale.levels[i]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(1e-9);
  });

  it('colours by quantile: monotone, and each colour covers an equal share of the view', () => {
    const grid = sampleGrid(SURFACES.ravine.f, SURFACES.ravine.view, 300, 100, true);
    const scale = levelScale(grid.values, grid.min, grid.max);
    const ts = [...grid.values].map((v) => scale.t(v));
    const below = (x: number) => ts.filter((t) => t < x).length / ts.length;
    expect(below(0.25)).toBeCloseTo(0.25, 1);
    expect(below(0.5)).toBeCloseTo(0.5, 1);
    expect(scale.t(0)).toBe(0);
    expect(scale.t(1e9)).toBe(1);
    for (let v = 0.1; v < 14; v += 0.1) expect(scale.t(v)).toBeGreaterThanOrEqual(scale.t(v - 0.1));
  });

  it('finds quantile positions by interpolation', () => {
    const edges = quantiles(Float64Array.from([0, 1, 2, 3, 4]), 4);
    expect([...edges]).toEqual([0, 1, 2, 3, 4]);
    expect(quantilePosition(edges, 2.5)).toBeCloseTo(0.625);
    expect(quantilePosition(edges, -1)).toBe(0);
  });

  it('marching squares traces a circle through the level, on the circle', () => {
    const n = 41;
    const grid = sampleGrid(bowl, view, n, n, false);
    const [segments] = marchingSquares(grid, [0.5]);
    expect(segments!.length).toBeGreaterThan(4 * 40);
    for (let i = 0; i < segments!.length; i += 2) {
      const x = -1 + (segments![i]! / (n - 1)) * 2;
      const y = 1 - (segments![i + 1]! / (n - 1)) * 2;
      expect(Math.abs(Math.hypot(x, y) - Math.sqrt(0.5))).toBeLessThan(0.01);
    }
  });

  it('marching squares resolves saddle cells by the centre value', () => {
    // Corners a (top left) and c (bottom right) above the level, b and d below.
    const grid = { nx: 2, ny: 2, values: Float64Array.from([1, 0, 0, 1]), min: 0, max: 1 };
    const [joined] = marchingSquares(grid, [0.4]); // mean 0.5 > 0.4: a and c join, b and d are cut off
    expect([...joined!]).toEqual([0.6, 0, 1, 0.4, 0, 0.6, 0.4, 1].map(Math.fround));
    const [apart] = marchingSquares(grid, [0.6]); // mean 0.5 < 0.6: a and c are cut off
    expect([...apart!]).toEqual([0, 0.4, 0.4, 0, 0.6, 1, 1, 0.6].map(Math.fround));
  });

  it('skips cells without a crossing and cells with non-finite corners', () => {
    const grid = { nx: 3, ny: 2, values: Float64Array.from([0, 0, NaN, 0, 0, 5]), min: 0, max: 5 };
    expect(marchingSquares(grid, [1]).map((s) => s.length)).toEqual([0]);
  });

  it('heat map pixels carry the colour map, non-finite values transparent', () => {
    const grid = { nx: 3, ny: 1, values: Float64Array.from([0, 1, Infinity]), min: 0, max: 1 };
    const out = heatmap(grid, { kind: 'linear', levels: [], t: (v) => v }, VIRIDIS, new Uint8ClampedArray(12));
    expect([...out.slice(0, 4)]).toEqual([0x44, 0x01, 0x54, 255]);
    expect([...out.slice(4, 8)]).toEqual([0xfd, 0xe7, 0x25, 255]);
    expect(out[11]).toBe(0);
  });

  it('builds a whole contour image for every surface', () => {
    for (const surface of Object.values(SURFACES)) {
      const image = contourImage(surface.f, surface.view, 160, 120, VIRIDIS);
      expect(image.rgba.length).toBe(image.width * image.height * 4);
      expect([image.width, image.height]).toEqual([81, 61]);
      expect(image.contours.length).toBe(image.scale.levels.length);
      expect(image.contours.some((s) => s.length > 0)).toBe(true);
    }
  });
});

describe('numbers', () => {
  it.each([
    [0, '0'],
    [2.0612e-8, '2.06e-8'],
    [0.013031, '0.01303'],
    [5.084, '5.084'],
    [1.5e16, '1.5e+16'],
    [-0.5, '-0.5'],
    [Infinity, '∞'],
    [NaN, 'NaN'],
  ])('formats %s as %s', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });

  it('reads a number only from a number literal; anything else stays text for the core to reject', () => {
    expect(readNumberText(' 0.1 ')).toBe(0.1);
    expect(readNumberText('1e-3')).toBe(0.001);
    expect(readNumberText('.5')).toBe(0.5);
    expect(readNumberText('1e999')).toBe(Infinity);
    expect(readNumberText('abc')).toBe('abc');
    expect(readNumberText('')).toBe('');
    expect(readNumberText('0x10')).toBe('0x10');
    expect(readNumberText('1e-')).toBe('1e-');
    expect(numberText(0.001)).toBe('0.001');
    expect(numberText('1e-')).toBe('1e-');
  });
});

describe('theme colours', () => {
  it('reads the colour formats VS Code themes use', () => {
    expect(parseColor('#1f1f1f')).toEqual([31, 31, 31, 1]);
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
    expect(parseColor('#00000080')).toEqual([0, 0, 0, 0.502]);
    expect(parseColor('rgba(90, 93, 94, 0.31)')).toEqual([90, 93, 94, 0.31]);
    expect(parseColor('transparent')).toBeUndefined();
    expect(withAlpha('#cccccc', 0.5)).toBe('rgba(204, 204, 204, 0.5)');
    expect(withAlpha('currentColor', 0.5)).toBe('currentColor');
  });
});

describe('strings from the host', () => {
  it('fills placeholders and reports missing keys', () => {
    expect(format('Step {0} of {1}', 3, 10)).toBe('Step 3 of 10');
    expect(format('{0} + {2}', 'a')).toBe('a + {2}');
    const missing: string[] = [];
    expect(readStrings(['a', 'b'] as const, { a: 'A' }, (k) => missing.push(k))).toEqual({ a: 'A', b: 'b' });
    expect(missing).toEqual(['b']);
  });
});

describe('the panel within the simulate limits', () => {
  // The panel clamps what it reads (saved state, hover links) to these, so the core's caps can
  // never refuse a race it shows; raising either past the caps makes this fail first.
  it('races at most as much as one simulate spec may ask for', () => {
    expect(MAX_ENTRIES * MAX_STEPS_UI).toBeLessThanOrEqual(MAX_OPTIMIZER_STEPS);
    expect(3 * MAX_ENTRIES * (MAX_STEPS_UI + 1)).toBeLessThanOrEqual(MAX_OUTPUT_NUMBERS);
  });
});
