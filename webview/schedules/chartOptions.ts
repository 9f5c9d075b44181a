/**
 * uPlot's series and options for the LR chart, pure (no component, no theme lookup), so that the
 * panel and the drawing benchmark (bench/cases/schedules-panel.ts, in Chromium) build the same chart.
 */
import uPlot from 'uplot';
import type { SchedulesStrings } from '../../src/protocol';
import { decades } from '../shared/axes';
import { formatNumber } from '../shared/numbers';
import { format } from '../shared/strings';
import type { SeriesSpec, YScale } from './compute';

/** How a schedule's lines look: its legend name and colour. */
export interface SeriesLook {
  readonly name: string;
  readonly color: string;
}

const LOG_FLOOR = 1e-12;

/** The x series, then per column: the lr as a line, momentum dashed on its own scale, the plateau's cuts as points. */
export function lrChartSeries(specs: readonly SeriesSpec[], looks: ReadonlyMap<number, SeriesLook>, axisName: string, strings: SchedulesStrings, background: string): uPlot.Series[] {
  const xValue = (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v));
  const yValue = (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v));
  return [
    { label: axisName, value: xValue },
    ...specs.map((s): uPlot.Series => {
      const look = looks.get(s.id)!;
      if (s.kind === 'momentum') return { label: format(strings.momentumOf, look.name), stroke: look.color, dash: [5, 4], width: 1.5, scale: 'm', points: { show: false }, value: yValue };
      if (s.kind === 'drops') {
        return { label: format(strings.dropsOf, look.name), stroke: look.color, width: 0, paths: () => null, points: { show: true, size: 9, width: 2, stroke: look.color, fill: background }, value: yValue };
      }
      return { label: look.name, stroke: look.color, width: 2, points: { show: false }, value: yValue };
    }),
  ];
}

/** Axes, scales (log with decade ticks, or linear from 0), legend and a cursor that reports its index. */
export function lrChartOptions(axisName: string, yScale: YScale, hasMomentum: boolean, strings: SchedulesStrings, onCursor: (idx: number) => void): Omit<uPlot.Options, 'width' | 'series'> {
  const values = (_u: uPlot, vs: number[]) => vs.map((v) => (v == null ? '' : formatNumber(v)));
  const axes: uPlot.Axis[] = [
    { label: axisName, size: 40 },
    yScale === 'log'
      ? { label: strings.axisLr, size: 70, filter: decades, grid: { filter: decades }, ticks: { filter: decades }, values }
      : { label: strings.axisLr, size: 70, values },
  ];
  if (hasMomentum) axes.push({ label: strings.axisMomentum, scale: 'm', side: 1, size: 60, grid: { show: false }, values });
  return {
    height: 300,
    scales: {
      x: { time: false },
      y: yScale === 'log' ? { distr: 3, log: 10, range: (_u, min, max) => uPlot.rangeLog(Math.max(min, LOG_FLOOR), Math.max(max, LOG_FLOOR * 10), 10, true) } : { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
      m: { auto: true },
    },
    axes,
    legend: { show: true, live: true },
    cursor: { y: false, drag: { x: true, y: false }, points: { size: 7 } },
    hooks: {
      setCursor: [
        (u) => {
          if (u.cursor.idx != null) onCursor(u.cursor.idx);
        },
      ],
    },
  };
}
