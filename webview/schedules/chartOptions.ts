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

/** The plateau's cuts: rings on the curve they belong to, no line. */
function dropPoints(label: string, color: string, background: string, yValue: uPlot.Series['value']): uPlot.Series {
  return { label, stroke: color, width: 0, paths: () => null, points: { show: true, size: 9, width: 2, stroke: color, fill: background }, value: yValue };
}

/** The x series, then per column: the lr as a line, momentum dashed on its own scale, the plateau's cuts as points. */
export function lrChartSeries(specs: readonly SeriesSpec[], looks: ReadonlyMap<number, SeriesLook>, axisName: string, strings: SchedulesStrings, background: string): uPlot.Series[] {
  const xValue = (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v));
  const yValue = (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v));
  return [
    { label: axisName, value: xValue },
    ...specs.map((s): uPlot.Series => {
      const look = looks.get(s.id)!;
      if (s.kind === 'momentum') return { label: format(strings.momentumOf, look.name), stroke: look.color, dash: [5, 4], width: 1.5, scale: 'm', points: { show: false }, value: yValue };
      if (s.kind === 'drops' || s.kind === 'metricDrops') return dropPoints(format(strings.dropsOf, look.name), look.color, background, yValue);
      if (s.kind === 'metric') return { label: format(strings.metricOf, look.name), stroke: look.color, width: 1.5, points: { show: false }, value: yValue };
      return { label: look.name, stroke: look.color, width: 2, points: { show: false }, value: yValue };
    }),
  ];
}

/**
 * The legend is a key (names and markers), not live: the values at the cursor are in the panel's
 * own readout, which the slider also moves from the keyboard; a live legend printed them twice.
 */
const LEGEND: uPlot.Legend = { show: true, live: false };

/** A cursor that reports its index (the readout follows it) and drags to zoom along x. */
function cursorOptions(onCursor: (idx: number) => void): Pick<uPlot.Options, 'cursor' | 'hooks'> {
  return {
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
    legend: LEGEND,
    ...cursorOptions(onCursor),
  };
}

/**
 * The small chart under it: ReduceLROnPlateau's synthetic validation loss on the same x axis (and
 * the same reserved widths, so its iterations line up with the lr chart's), its cuts as rings.
 */
export function metricChartOptions(axisName: string, hasMomentum: boolean, strings: SchedulesStrings, onCursor: (idx: number) => void): Omit<uPlot.Options, 'width' | 'series'> {
  const values = (_u: uPlot, vs: number[]) => vs.map((v) => (v == null ? '' : formatNumber(v)));
  const axes: uPlot.Axis[] = [
    { label: axisName, size: 40 },
    { label: strings.axisMetric, size: 70, values },
  ];
  // A blank right axis as wide as the momentum axis above, its label space included, keeps the two
  // plots' x positions equal (on the metric's own scale: uPlot hides an axis whose scale has no series).
  if (hasMomentum) axes.push({ side: 1, size: 60, label: '\u00a0', grid: { show: false }, ticks: { show: false }, values: (_u: uPlot, vs: number[]) => vs.map(() => '') });
  return {
    height: 150,
    scales: { x: { time: false }, y: { auto: true } },
    axes,
    legend: LEGEND,
    ...cursorOptions(onCursor),
  };
}
