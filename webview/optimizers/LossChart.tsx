/** Loss against step for every shown racer (log scale), its cursor following the animation's step. */
import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import type { OptimizersStrings } from '../../src/protocol';
import { decades } from '../shared/axes';
import { UPlotChart } from '../shared/UPlotChart';
import { formatNumber } from '../shared/numbers';
import type { Look } from './palette';
import { lossData, type Run } from './race';

/** Losses below this are drawn at the chart's floor (the legend still shows the exact value). */
const LOG_FLOOR = 1e-16;

export interface LossChartProps {
  readonly runs: readonly Run[];
  readonly names: ReadonlyMap<number, string>;
  readonly looks: ReadonlyMap<number, Look>;
  readonly steps: number;
  readonly step: number;
  /** Log scale needs positive losses; a surface unbounded below (the saddle) gets an asinh scale. */
  readonly logScale: boolean;
  readonly onSeek: (step: number) => void;
  readonly strings: OptimizersStrings;
}

export function LossChart({ runs, names, looks, steps, step, logScale, onSeek, strings }: LossChartProps) {
  const data = useMemo(() => lossData(runs, steps, logScale), [runs, steps, logScale]);
  const seriesKey = runs.map((r) => `${r.id}:${names.get(r.id)}:${looks.get(r.id)?.color}:${looks.get(r.id)?.dash.join(',')}`).join('|');
  const series = useMemo<uPlot.Series[]>(
    () => [
      { label: strings.axisStep },
      ...runs.map((run) => {
        const look = looks.get(run.id);
        return {
          label: names.get(run.id) ?? '',
          stroke: look?.color ?? '#888888',
          dash: look?.dash.length ? [...look.dash] : undefined,
          width: 2,
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v)),
        } satisfies uPlot.Series;
      }),
    ],
    // Rebuilt (and the chart with them) only when what the series show changes, not for every new race.
    [seriesKey, strings],
  );
  const options = useMemo<Omit<uPlot.Options, 'width' | 'series'>>(
    () => ({
      height: 220,
      scales: {
        x: { time: false },
        y: logScale
          ? { distr: 3, log: 10, range: (_u, min, max) => uPlot.rangeLog(Math.max(min, LOG_FLOOR), Math.max(max, LOG_FLOOR * 10), 10, true) }
          : { distr: 4, asinh: 1 },
      },
      axes: [
        { label: strings.axisStep, size: 40 },
        logScale
          ? { label: strings.axisLoss, size: 64, filter: decades, grid: { filter: decades }, ticks: { filter: decades }, values: (_u, values) => values.map((v) => (v == null ? '' : formatNumber(v))) }
          : { label: strings.axisLoss, size: 64, values: (_u, values) => values.map((v) => (v == null ? '' : formatNumber(v))) },
      ],
      legend: { show: true, live: true },
      cursor: { y: false, drag: { x: false, y: false }, points: { size: 7 } },
    }),
    [logScale, strings],
  );
  return <UPlotChart class="loss-chart" data={data} series={series} options={options} label={strings.chart} cursorIdx={Math.min(step, steps)} onPick={onSeek} />;
}
