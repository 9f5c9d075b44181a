import { describe, expect, it } from 'vitest';
import { SURFACES } from '../../../src/core/surfaces';
import { VIRIDIS } from '../../../webview/optimizers/colormap';
import { contourImage } from '../../../webview/optimizers/contour';
import { RaceRunner, frameAt, project } from '../../../webview/optimizers/race';
import { drawBase, drawOverlay, heightFor, layoutFor, tracePath, type CanvasTheme } from '../../../webview/optimizers/render';
import { defaultState } from '../../../webview/optimizers/state';
import { assignLooks } from '../../../webview/optimizers/palette';
import { recordingContext } from '../fakeCanvas';

const theme: CanvasTheme = { background: '#1f1f1f', foreground: '#cccccc', muted: '#999999', fontFamily: 'sans-serif', highContrast: false, halo: '#1f1f1f' };

describe('drawing', () => {
  const state = defaultState();
  const surface = SURFACES.ravine;
  const layout = layoutFor(surface, 800, 400);
  const runs = [...new RaceRunner().run(surface, state.start, state.steps, state.entries).values()];
  const looks = assignLooks(state.entries);

  it('keeps the canvas between readable heights', () => {
    expect(heightFor(surface, 800, 600)).toBeGreaterThanOrEqual(220);
    expect(heightFor(SURFACES.beale, 800, 500)).toBe(500);
    expect(heightFor(SURFACES.beale, 200, 500)).toBe(220);
  });

  it('draws the base layer: heat map, one stroke per contour level, axes with ticks', () => {
    const ctx = recordingContext();
    const image = contourImage(surface.f, surface.view, layout.plot.width / 4, layout.plot.height / 4, VIRIDIS);
    drawBase(ctx, layout, image, {} as CanvasImageSource, theme);
    const names = ctx.calls.map((c) => c.name);
    expect(names.filter((n) => n === 'drawImage')).toHaveLength(1);
    const levelsDrawn = image.contours.filter((s) => s.length > 0).length;
    expect(names.filter((n) => n === 'stroke').length).toBe(levelsDrawn + 1);
    const labels = ctx.calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(labels).toEqual(expect.arrayContaining(['-10', '0', '10', '-2', '2', 'x', 'y']));
  });

  it('draws each path up to the shown step with a halo, the minimum, markers and the start', () => {
    const ctx = recordingContext();
    const paths = frameAt(runs, 10).map((frame) => ({ frame, pixels: project(runs.find((r) => r.id === frame.id)!, layout.plot), look: looks.get(frame.id)! }));
    drawOverlay(ctx, layout, paths, state.start, surface.minima, theme);
    const strokes = ctx.calls.filter((c) => c.name === 'stroke');
    const colors = strokes.map((c) => c.state.strokeStyle);
    for (const look of looks.values()) expect(colors).toContain(look.color);
    // halo + colour per path, a dot outline per racer, the star, two rings for the start
    expect(strokes).toHaveLength(3 * 2 + 3 + 1 + 2);
    // the paths' ten steps each, the star's nine corners, and at most three per marker shape (triangle, diamond)
    expect(ctx.calls.filter((c) => c.name === 'lineTo').length).toBeLessThanOrEqual(3 * 10 + 9 + 3 * 3);
  });

  it('gives each role its own marker shape, so colour is never the only cue', () => {
    const markers = [...looks.values()].map((l) => l.marker);
    expect(new Set(markers).size).toBe(markers.length);
  });

  it('draws the teaching arrows at the explained racer’s point: gradient, carried state and update, each on a halo', () => {
    const ctx = recordingContext();
    const set = { from: [-8, 2] as const, gradient: [0.1, -1] as const, carried: [0.5, 0] as const, update: [0.6, -1] as const };
    drawOverlay(ctx, layout, [], state.start, [], theme, { set, color: '#E69F00' });
    const strokes = ctx.calls.filter((c) => c.name === 'stroke');
    // two rings for the start, then a halo and a line per arrow
    expect(strokes).toHaveLength(2 + 3 * 2);
    expect(strokes.filter((c) => c.state.strokeStyle === '#E69F00')).toHaveLength(2);
    expect(strokes.filter((c) => c.state.strokeStyle === theme.foreground).length).toBeGreaterThanOrEqual(1);
  });

  it('draws nothing but the start when no racer is shown', () => {
    const ctx = recordingContext();
    drawOverlay(ctx, layout, [], [0, 0], [], theme);
    expect(ctx.calls.filter((c) => c.name === 'stroke')).toHaveLength(2);
  });

  it('skips points less than half a pixel apart, but always ends on the last point', () => {
    const ctx = recordingContext();
    const pixels = Float32Array.from([0, 0, 0.1, 0.1, 0.2, 0.2, 5, 5, 5.1, 5.1]);
    expect(tracePath(ctx, pixels, 5)).toBe(3);
    const last = ctx.calls.filter((c) => c.name === 'lineTo').at(-1)!;
    expect(last.args).toEqual([Math.fround(5.1), Math.fround(5.1)]);
  });
});
