/**
 * Drawing the surface view onto 2-D canvas contexts: the base layer (heat map, contour lines,
 * minima, axes; drawn once per surface, size and theme, and cached) and the overlay (the paths up
 * to the shown step; redrawn per animation frame). Only `CanvasRenderingContext2D` calls, so tests
 * can hand in a recording fake; the numbers come from contour.ts and race.ts.
 */
import type { Point, Surface } from '../../src/core/surfaces';
import type { ContourImage } from './contour';
import type { FrameRun, Transform } from './race';
import { toPixelX, toPixelY } from './race';
import { formatTick, niceTicks } from './ticks';
import type { Look, Marker } from './palette';
import type { ArrowSet } from './teach';

export type Ctx2D = CanvasRenderingContext2D;

/** Theme colours as concrete CSS colours (canvas cannot resolve `var(--vscode-…)`). */
export interface CanvasTheme {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly fontFamily: string;
  /** High-contrast themes: heavier lines and outlines. */
  readonly highContrast: boolean;
  /** The halo around paths and markers: the editor background, so they lift off the heat map. */
  readonly halo: string;
}

export interface Layout {
  /** CSS pixels of the whole canvas. */
  readonly width: number;
  readonly height: number;
  readonly plot: Transform;
}

const MARGIN = { left: 46, right: 10, top: 10, bottom: 32 } as const;

export function layoutFor(surface: Surface, width: number, height: number): Layout {
  return {
    width,
    height,
    plot: {
      view: surface.view,
      left: MARGIN.left,
      top: MARGIN.top,
      width: Math.max(10, width - MARGIN.left - MARGIN.right),
      height: Math.max(10, height - MARGIN.top - MARGIN.bottom),
    },
  };
}

/** The canvas height for a width: the view's aspect ratio, kept between readable bounds. */
export function heightFor(surface: Surface, width: number, maxHeight: number): number {
  const { view } = surface;
  const aspect = (view.yMax - view.yMin) / (view.xMax - view.xMin);
  const wanted = (width - MARGIN.left - MARGIN.right) * Math.max(aspect, 0.5) + MARGIN.top + MARGIN.bottom;
  return Math.round(Math.max(220, Math.min(wanted, maxHeight)));
}

/**
 * The static layer, drawn in CSS pixels (the caller scales the context by devicePixelRatio):
 * background, the heat map image (`heat` holds `image.width × image.height` pixels), contour lines
 * and the axes.
 */
export function drawBase(ctx: Ctx2D, layout: Layout, image: ContourImage, heat: CanvasImageSource, theme: CanvasTheme, contoursOnly = false): void {
  const { plot } = layout;
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, layout.width, layout.height);

  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top, plot.width, plot.height);
  ctx.clip();
  // Heat-map pixel i holds the value at grid vertex i: stretch the image half a cell beyond the plot
  // on every side so that each pixel's centre lands on its vertex (and on the contour lines).
  const sx = plot.width / (image.width - 1);
  const sy = plot.height / (image.height - 1);
  if (!contoursOnly) {
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(heat, plot.left - sx / 2, plot.top - sy / 2, plot.width + sx, plot.height + sy);
  }

  // Contour lines: light on the dark end of the colour map, dark on the bright end; on the plain
  // background (contours only) in the theme's muted text colour, so the paths are what stands out.
  ctx.lineWidth = theme.highContrast ? 1.2 : 0.8;
  image.contours.forEach((segments, k) => {
    if (segments.length === 0) return;
    const t = image.scale.t(image.scale.levels[k]!);
    ctx.strokeStyle = contoursOnly ? theme.muted : t < 0.55 ? 'rgba(255, 255, 255, 0.38)' : 'rgba(0, 0, 0, 0.32)';
    ctx.beginPath();
    for (let s = 0; s < segments.length; s += 4) {
      ctx.moveTo(plot.left + segments[s]! * sx, plot.top + segments[s + 1]! * sy);
      ctx.lineTo(plot.left + segments[s + 2]! * sx, plot.top + segments[s + 3]! * sy);
    }
    ctx.stroke();
  });
  ctx.restore();

  drawAxes(ctx, layout, theme);
}

/** A minimum: a white star with a dark outline, readable on every part of the colour map. */
export function drawMinimum(ctx: Ctx2D, x: number, y: number): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 === 0 ? 7 : 3;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const px = x + r * Math.cos(a);
    const py = y + r * Math.sin(a);
    if (i === 0) ctx.moveTo(px, py);
    else ctx.lineTo(px, py);
  }
  ctx.closePath();
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = '#000000';
  ctx.lineWidth = 1.2;
  ctx.fill();
  ctx.stroke();
}

function drawAxes(ctx: Ctx2D, layout: Layout, theme: CanvasTheme): void {
  const { plot } = layout;
  const { view } = plot;
  ctx.strokeStyle = theme.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.left - 0.5, plot.top - 0.5, plot.width + 1, plot.height + 1);
  ctx.fillStyle = theme.foreground;
  ctx.font = `11px ${theme.fontFamily}`;

  const xTicks = niceTicks(view.xMin, view.xMax, Math.max(2, Math.floor(plot.width / 70)));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.beginPath();
  for (const x of xTicks.values) {
    const px = Math.round(toPixelX(plot, x)) + 0.5;
    ctx.moveTo(px, plot.top + plot.height);
    ctx.lineTo(px, plot.top + plot.height + 4);
    ctx.fillText(formatTick(x, xTicks.step), px, plot.top + plot.height + 6);
  }
  const yTicks = niceTicks(view.yMin, view.yMax, Math.max(2, Math.floor(plot.height / 45)));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const y of yTicks.values) {
    const py = Math.round(toPixelY(plot, y)) + 0.5;
    ctx.moveTo(plot.left - 4, py);
    ctx.lineTo(plot.left, py);
    ctx.fillText(formatTick(y, yTicks.step), plot.left - 6, py);
  }
  ctx.stroke();

  ctx.font = `italic 12px ${theme.fontFamily}`;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText('x', plot.left + plot.width, layout.height - 1);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText('y', 4, plot.top);
}

/** One path on the overlay: pixel coordinates (x, y interleaved) and how it looks. */
export interface OverlayPath {
  readonly pixels: Float32Array;
  readonly frame: FrameRun;
  readonly look: Look;
}

/**
 * The animated layer, in CSS pixels: each path up to the shown step with a halo, the minima above
 * the paths, a marker where each racer is now (a cross once it has diverged), and the start point.
 */
export function drawOverlay(ctx: Ctx2D, layout: Layout, paths: readonly OverlayPath[], start: Point, minima: readonly Point[], theme: CanvasTheme, arrows?: { readonly set: ArrowSet; readonly color: string }): void {
  const { plot } = layout;
  ctx.clearRect(0, 0, layout.width, layout.height);
  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.left, plot.top, plot.width, plot.height);
  ctx.clip();
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  const width = theme.highContrast ? 2.5 : 2;
  for (const { pixels, frame, look } of paths) {
    if (frame.points > 1) {
      tracePath(ctx, pixels, frame.points);
      ctx.setLineDash([]);
      ctx.strokeStyle = theme.halo;
      ctx.lineWidth = width + 2.5;
      ctx.globalAlpha = 0.85;
      ctx.stroke();
      ctx.globalAlpha = 1;
      ctx.setLineDash(look.dash as number[]);
      ctx.strokeStyle = look.color;
      ctx.lineWidth = width;
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  // Markers after all paths so that none hides under another racer's line.
  for (const minimum of minima) drawMinimum(ctx, toPixelX(plot, minimum[0]), toPixelY(plot, minimum[1]));
  // A racer that left the view keeps its marker on the border, where it left.
  const clampX = (x: number) => Math.max(plot.left + 5, Math.min(plot.left + plot.width - 5, x));
  const clampY = (y: number) => Math.max(plot.top + 5, Math.min(plot.top + plot.height - 5, y));
  for (const { pixels, frame, look } of paths) {
    const k = frame.points - 1;
    const x = clampX(pixels[2 * k]!);
    const y = clampY(pixels[2 * k + 1]!);
    if (frame.diverged) drawCross(ctx, x, y, look.color, theme.halo);
    else drawMarker(ctx, look.marker, x, y, look.color, theme.halo);
  }
  if (arrows) drawArrows(ctx, layout, arrows.set, arrows.color, theme);
  const sx = toPixelX(plot, start[0]);
  const sy = toPixelY(plot, start[1]);
  ctx.beginPath();
  ctx.arc(sx, sy, 6, 0, 2 * Math.PI);
  ctx.lineWidth = 4;
  ctx.strokeStyle = theme.halo;
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = theme.foreground;
  ctx.stroke();
  ctx.restore();
}

/** Adds the first `count` points to a new path, skipping points less than half a pixel from the last one kept. */
export function tracePath(ctx: Ctx2D, pixels: Float32Array, count: number): number {
  ctx.beginPath();
  let lx = pixels[0]!;
  let ly = pixels[1]!;
  ctx.moveTo(lx, ly);
  let drawn = 1;
  for (let k = 1; k < count; k++) {
    const x = pixels[2 * k]!;
    const y = pixels[2 * k + 1]!;
    if (k < count - 1 && Math.abs(x - lx) < 0.5 && Math.abs(y - ly) < 0.5) continue;
    ctx.lineTo(x, y);
    lx = x;
    ly = y;
    drawn++;
  }
  return drawn;
}

/** A racer's marker: its shape tells the roles apart without colour. */
function drawMarker(ctx: Ctx2D, marker: Marker, x: number, y: number, color: string, halo: string): void {
  ctx.beginPath();
  if (marker === 'square') ctx.rect(x - 4.5, y - 4.5, 9, 9);
  else if (marker === 'triangle') {
    ctx.moveTo(x, y - 6);
    ctx.lineTo(x + 5.5, y + 4);
    ctx.lineTo(x - 5.5, y + 4);
    ctx.closePath();
  } else if (marker === 'diamond') {
    ctx.moveTo(x, y - 6);
    ctx.lineTo(x + 5, y);
    ctx.lineTo(x, y + 6);
    ctx.lineTo(x - 5, y);
    ctx.closePath();
  } else ctx.arc(x, y, 4.5, 0, 2 * Math.PI);
  ctx.fillStyle = color;
  ctx.fill();
  ctx.lineWidth = 2;
  ctx.strokeStyle = halo;
  ctx.stroke();
}

function drawCross(ctx: Ctx2D, x: number, y: number, color: string, halo: string): void {
  ctx.beginPath();
  ctx.moveTo(x - 5, y - 5);
  ctx.lineTo(x + 5, y + 5);
  ctx.moveTo(x + 5, y - 5);
  ctx.lineTo(x - 5, y + 5);
  ctx.lineWidth = 5;
  ctx.strokeStyle = halo;
  ctx.stroke();
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = color;
  ctx.stroke();
}

/** Arrows shorter than this are drawn at this length (their direction still reads); longer ones are capped. */
const ARROW_MIN = 14;
const ARROW_MAX = 150;

/** How each arrow is drawn: the plain gradient step dashed in the text colour, the carried state dotted, the update solid. */
export const ARROW_STYLE = {
  gradient: { dash: [5, 3], width: 2 },
  carried: { dash: [1.5, 3.5], width: 2.5 },
  update: { dash: [], width: 3 },
} as const;

/**
 * The teaching arrows at the racer's current point, in view units turned into pixels: the plain
 * gradient step −lr·∇f, what the optimizer carries (momentum, first moment) and the actual update.
 * Lengths are clamped to a readable range; the text beside the canvas gives the exact values.
 */
export function drawArrows(ctx: Ctx2D, layout: Layout, set: ArrowSet, color: string, theme: CanvasTheme): void {
  const { plot } = layout;
  const x0 = toPixelX(plot, set.from[0]);
  const y0 = toPixelY(plot, set.from[1]);
  const draw = (v: Point, stroke: string, style: { readonly dash: readonly number[]; readonly width: number }) => {
    let dx = toPixelX(plot, set.from[0] + v[0]) - x0;
    let dy = toPixelY(plot, set.from[1] + v[1]) - y0;
    const length = Math.hypot(dx, dy);
    if (!(length > 0) || !Number.isFinite(length)) return;
    const target = Math.max(ARROW_MIN, Math.min(ARROW_MAX, length));
    dx *= target / length;
    dy *= target / length;
    for (const [lineColor, extra] of [
      [theme.halo, 2.5],
      [stroke, 0],
    ] as const) {
      ctx.beginPath();
      ctx.setLineDash(extra ? [] : (style.dash as number[]));
      ctx.moveTo(x0, y0);
      ctx.lineTo(x0 + dx, y0 + dy);
      const angle = Math.atan2(dy, dx);
      const head = 8;
      ctx.moveTo(x0 + dx, y0 + dy);
      ctx.lineTo(x0 + dx - head * Math.cos(angle - 0.45), y0 + dy - head * Math.sin(angle - 0.45));
      ctx.moveTo(x0 + dx, y0 + dy);
      ctx.lineTo(x0 + dx - head * Math.cos(angle + 0.45), y0 + dy - head * Math.sin(angle + 0.45));
      ctx.strokeStyle = lineColor;
      ctx.lineWidth = style.width + extra;
      ctx.stroke();
    }
    ctx.setLineDash([]);
  };
  draw(set.gradient, theme.foreground, ARROW_STYLE.gradient);
  if (set.carried) draw(set.carried, color, ARROW_STYLE.carried);
  draw(set.update, color, ARROW_STYLE.update);
}
