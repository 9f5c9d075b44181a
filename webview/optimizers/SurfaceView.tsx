/**
 * The loss surface on two stacked canvases: the base layer (heat map, contours, minima, axes) is
 * computed once per surface, size, pixel ratio and theme and cached; the overlay redraws only the
 * paths as the animation reveals them. Click or drag sets the start point, the arrow keys move it,
 * hovering reads out x, y and the loss.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Point, Surface } from '../../src/core/surfaces';
import type { OptimizersStrings } from '../../src/protocol';
import { format } from '../shared/strings';
import { cssVar, themeKind } from '../shared/theme';
import { VIRIDIS } from './colormap';
import { contourImage } from './contour';
import { formatNumber } from '../shared/numbers';
import type { Look } from './palette';
import { frameAt, project, toView, type Run } from './race';
import { drawBase, drawOverlay, heightFor, layoutFor, type CanvasTheme, type Ctx2D, type Layout } from './render';
import type { ArrowSet } from './teach';
import type { Background } from './state';

/** Where the canvases come from: the DOM's in the panel, a fake in tests (happy-dom has no canvas). */
export interface CanvasBackend {
  context(canvas: HTMLCanvasElement): Ctx2D | null;
  /** An offscreen canvas of the given pixel size for the cached base layer. */
  create(width: number, height: number): HTMLCanvasElement;
}

export const domCanvas: CanvasBackend = {
  context: (canvas) => canvas.getContext('2d'),
  create: (width, height) => {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas;
  },
};

export function readCanvasTheme(): CanvasTheme {
  const kind = themeKind();
  const background = cssVar('--vscode-editor-background', kind === 'light' || kind === 'high-contrast-light' ? '#ffffff' : '#1e1e1e');
  return {
    background,
    foreground: cssVar('--vscode-editor-foreground', cssVar('--vscode-foreground', '#cccccc')),
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    fontFamily: cssVar('--vscode-font-family', 'sans-serif'),
    highContrast: kind === 'high-contrast' || kind === 'high-contrast-light',
    halo: background,
  };
}

/** Base layers by surface, size, ratio and theme; a few are kept so switching back is instant. */
const baseCache = new Map<string, HTMLCanvasElement>();
const BASE_CACHE_SIZE = 8;

export interface SurfaceViewProps {
  readonly surface: Surface;
  readonly start: Point;
  readonly runs: readonly Run[];
  readonly looks: ReadonlyMap<number, Look>;
  readonly step: number;
  readonly onStart: (start: Point) => void;
  readonly strings: OptimizersStrings;
  readonly surfaceName: string;
  /** Changes when the theme does. */
  readonly theme: number;
  readonly backend?: CanvasBackend;
  readonly background?: Background;
  /** The teaching arrows at the explained racer's current point, in its colour. */
  readonly arrows?: { readonly set: ArrowSet; readonly color: string } | undefined;
}

/** A start point rounded to what a pixel can tell apart, so fields show 1.25 rather than 1.2487. */
function roundToView(surface: Surface, p: Point): Point {
  const span = Math.max(surface.view.xMax - surface.view.xMin, surface.view.yMax - surface.view.yMin);
  const quantum = 10 ** Math.floor(Math.log10(span / 500));
  const r = (v: number) => Number((Math.round(v / quantum) * quantum).toFixed(Math.max(0, -Math.log10(quantum))));
  return [r(p[0]), r(p[1])];
}

export function SurfaceView({ surface, start, runs, looks, step, onStart, strings, surfaceName, theme, backend = domCanvas, background = 'heat', arrows }: SurfaceViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const baseCanvas = useRef<HTMLCanvasElement>(null);
  const overlayCanvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(640);
  const [ratio, setRatio] = useState(() => (typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1));
  const [hover, setHover] = useState<Point | null>(null);
  const dragging = useRef(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => {
      if (el.clientWidth > 0) setWidth(Math.round(el.clientWidth));
      setRatio(typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The pixel ratio also changes without a resize (the window moves to another screen).
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const query = matchMedia(`(resolution: ${ratio}dppx)`);
    const changed = () => setRatio(typeof devicePixelRatio === 'number' && devicePixelRatio > 0 ? devicePixelRatio : 1);
    query.addEventListener?.('change', changed);
    return () => query.removeEventListener?.('change', changed);
  }, [ratio]);

  const maxHeight = typeof window !== 'undefined' && window.innerHeight > 0 ? Math.max(260, window.innerHeight * 0.6) : 480;
  const height = heightFor(surface, width, maxHeight);
  const layout: Layout = useMemo(() => layoutFor(surface, width, height), [surface, width, height]);
  const canvasTheme = useMemo(() => readCanvasTheme(), [theme]);

  // Base layer: from the cache, or computed and cached.
  useEffect(() => {
    const canvas = baseCanvas.current;
    const ctx = canvas && backend.context(canvas);
    if (!canvas || !ctx) return;
    const { view } = surface;
    const key = `${surface.name}|${view.xMin},${view.xMax},${view.yMin},${view.yMax}|${width}x${height}@${ratio}|${theme}|${background}`;
    let cached = baseCache.get(key);
    if (!cached) {
      const image = contourImage(surface.f, surface.view, layout.plot.width, layout.plot.height, VIRIDIS);
      const heat = backend.create(image.width, image.height);
      const heatCtx = backend.context(heat);
      if (heatCtx) {
        const pixels = heatCtx.createImageData(image.width, image.height);
        pixels.data.set(image.rgba);
        heatCtx.putImageData(pixels, 0, 0);
      }
      cached = backend.create(Math.round(width * ratio), Math.round(height * ratio));
      const cachedCtx = backend.context(cached);
      if (cachedCtx) {
        cachedCtx.setTransform(ratio, 0, 0, ratio, 0, 0);
        drawBase(cachedCtx, layout, image, heat, canvasTheme, background === 'contours');
      }
      baseCache.set(key, cached);
      while (baseCache.size > BASE_CACHE_SIZE) baseCache.delete(baseCache.keys().next().value!);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(cached, 0, 0);
  }, [surface, width, height, ratio, theme, layout, canvasTheme, backend, background]);

  // Pixel paths: once per race and size; the animation strokes prefixes of them.
  const projected = useMemo(() => new Map(runs.map((run) => [run.id, project(run, layout.plot)])), [runs, layout]);

  useEffect(() => {
    const canvas = overlayCanvas.current;
    const ctx = canvas && backend.context(canvas);
    if (!canvas || !ctx) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const paths = frameAt(runs, step).map((frame) => ({ frame, pixels: projected.get(frame.id)!, look: looks.get(frame.id) ?? { color: canvasTheme.foreground, dash: [], marker: 'circle' as const } }));
    drawOverlay(ctx, layout, paths, start, surface.minima, canvasTheme, arrows);
  }, [runs, projected, step, looks, start, layout, ratio, canvasTheme, backend, surface, arrows]);

  const pointAt = (event: PointerEvent): Point | null => {
    const canvas = event.currentTarget as HTMLCanvasElement;
    const rect = canvas.getBoundingClientRect();
    const px = event.clientX - rect.left;
    const py = event.clientY - rect.top;
    const { plot } = layout;
    if (px < plot.left || px > plot.left + plot.width || py < plot.top || py > plot.top + plot.height) return null;
    return toView(plot, px, py);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const delta: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const d = delta[event.key];
    if (!d) return;
    event.preventDefault();
    const { view } = surface;
    const f = event.shiftKey ? 0.1 : 0.01;
    const x = Math.max(view.xMin, Math.min(view.xMax, start[0] + d[0] * f * (view.xMax - view.xMin)));
    const y = Math.max(view.yMin, Math.min(view.yMax, start[1] + d[1] * f * (view.yMax - view.yMin)));
    onStart(roundToView(surface, [x, y]));
  };

  const style = { width: `${width}px`, height: `${height}px` };
  const readout = hover ? format(strings.readout, formatNumber(hover[0]), formatNumber(hover[1]), formatNumber(surface.f(hover[0], hover[1]))) : strings.readoutHint;

  return (
    <div class="surface-view">
      <div class="surface-canvases" ref={box} style={{ height: `${height}px` }}>
        <canvas ref={baseCanvas} class="surface-base" width={Math.round(width * ratio)} height={Math.round(height * ratio)} style={style} aria-hidden="true" />
        <canvas
          ref={overlayCanvas}
          class="surface-overlay"
          width={Math.round(width * ratio)}
          height={Math.round(height * ratio)}
          style={style}
          tabIndex={0}
          role="img"
          aria-label={format(strings.canvasLabel, surfaceName, surface.formula)}
          data-testid="surface-canvas"
          onKeyDown={onKeyDown}
          onPointerDown={(event) => {
            const p = pointAt(event);
            if (!p || event.button !== 0) return;
            dragging.current = true;
            (event.currentTarget as HTMLCanvasElement).setPointerCapture?.(event.pointerId);
            onStart(roundToView(surface, p));
          }}
          onPointerMove={(event) => {
            const p = pointAt(event);
            setHover(p);
            if (p && dragging.current) onStart(roundToView(surface, p));
          }}
          onPointerUp={() => (dragging.current = false)}
          onPointerCancel={() => (dragging.current = false)}
          onPointerLeave={() => setHover(null)}
        />
      </div>
      <p class="readout" data-testid="readout">
        {readout}
      </p>
    </div>
  );
}
