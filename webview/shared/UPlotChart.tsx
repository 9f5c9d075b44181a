/**
 * The one uPlot wrapper of the webviews (the optimizer race's loss chart, the LR-schedule plot).
 * Props are uPlot's own: `data`, `series`, `options`. The wrapper owns the instance: it creates it
 * when the options, series or theme change, feeds it new data with `setData`, follows the width of
 * its container, paints axes in the theme's colours and destroys the chart on unmount.
 *
 * CSP: uPlot's stylesheet is bundled (dist/webview/<panel>.css) and uPlot styles its elements only
 * through the CSSOM (`el.style.x = …`), which `style-src ${cspSource}` allows.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssVar, useThemeVersion, withAlpha } from './theme';

export interface UPlotChartProps {
  readonly data: uPlot.AlignedData;
  /** uPlot's series, the x series first. */
  readonly series: uPlot.Series[];
  /** uPlot's options without size and series; `height` in CSS pixels (the width follows the container). */
  readonly options: Omit<uPlot.Options, 'width' | 'series'>;
  /** Accessible name of the chart (the canvas itself says nothing to a screen reader). */
  readonly label: string;
  /** Moves the cursor (and the live legend) to this data index, e.g. the animation's step. */
  readonly cursorIdx?: number | null;
  /** Called with the data index under a click. */
  readonly onPick?: (idx: number) => void;
  readonly class?: string;
}

/** uPlot draws on canvas; without a 2-D context (a DOM without canvas) there is nothing to draw on. */
function canvasAvailable(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/** Axis colours and fonts from the theme, over whatever the caller set. */
export function themedAxes(axes: readonly uPlot.Axis[] | undefined, count: number): uPlot.Axis[] {
  const fg = cssVar('--vscode-foreground', '#cccccc');
  const font = cssVar('--vscode-font-family', 'sans-serif');
  const out: uPlot.Axis[] = [];
  for (let i = 0; i < count; i++) {
    const axis = axes?.[i] ?? {};
    out.push({
      stroke: fg,
      font: `11px ${font}`,
      labelFont: `12px ${font}`,
      ...axis,
      grid: { stroke: withAlpha(fg, 0.12), width: 1, ...axis.grid },
      ticks: { stroke: withAlpha(fg, 0.3), width: 1, ...axis.ticks },
    });
  }
  return out;
}

export function UPlotChart({ data, series, options, label, cursorIdx, onPick, class: className }: UPlotChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const theme = useThemeVersion();
  const latest = useRef({ data, cursorIdx, onPick });
  latest.current = { data, cursorIdx, onPick };

  // Create (again) when what uPlot cannot change in place changes.
  useEffect(() => {
    const el = container.current;
    if (!el || !canvasAvailable()) return;
    const opts: uPlot.Options = {
      ...options,
      width: Math.max(100, el.clientWidth),
      series,
      axes: themedAxes(options.axes, Math.max(2, options.axes?.length ?? 0)),
      // The first layout happens after construction: sync the cursor once it is there.
      hooks: { ...options.hooks, ready: [...(options.hooks?.ready ?? []), (self) => applyCursor(self, latest.current.cursorIdx)] },
    };
    const u = new uPlot(opts, latest.current.data, el);
    chart.current = u;
    const pick = () => {
      const idx = u.cursor.idx;
      if (idx != null) latest.current.onPick?.(idx);
    };
    // uPlot hides its cursor when the mouse leaves; put it back on the synced index.
    const restore = () => setTimeout(() => applyCursor(u, latest.current.cursorIdx), 0);
    u.over.addEventListener('click', pick);
    u.over.addEventListener('mouseleave', restore);
    applyCursor(u, latest.current.cursorIdx);
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => {
      const width = Math.max(100, el.clientWidth);
      if (width !== u.width) u.setSize({ width, height: u.height });
    });
    observer?.observe(el);
    return () => {
      observer?.disconnect();
      u.over.removeEventListener('click', pick);
      u.over.removeEventListener('mouseleave', restore);
      u.destroy();
      if (chart.current === u) chart.current = null;
    };
  }, [options, series, theme]);

  // New data into the existing chart (the creation effect already used the first data).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const u = chart.current;
    if (!u) return;
    u.setData(data);
    applyCursor(u, latest.current.cursorIdx);
  }, [data]);

  useEffect(() => {
    const u = chart.current;
    if (u) applyCursor(u, cursorIdx);
  }, [cursorIdx]);

  return <div ref={container} class={className} role="figure" aria-label={label} data-testid="uplot-chart" />;
}

function applyCursor(u: uPlot, idx: number | null | undefined): void {
  const xs = u.data[0];
  if (idx == null || !xs || idx < 0 || idx >= xs.length) return;
  const left = u.valToPos(xs[idx]!, 'x');
  if (Number.isFinite(left)) u.setCursor({ left, top: 0 });
}
