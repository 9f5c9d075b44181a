/**
 * lr against iteration (or epoch) for every shown schedule, on the shared uPlot wrapper: linear or
 * log lr axis, momentum on a second axis where it cycles, ReduceLROnPlateau's cuts as points,
 * drag to zoom and double-click to reset (uPlot's own), and a readout of the inspected step that a
 * slider moves from the keyboard as the cursor does with the mouse. Under it, when a
 * ReduceLROnPlateau is shown, a small chart of the synthetic metric it was stepped with, its cuts
 * marked, on the same x axis and cursor. The chart covers the run's iterations, 0 … steps − 1.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import type { SchedulesStrings } from '../../src/protocol';
import { formatNumber } from '../shared/numbers';
import { format } from '../shared/strings';
import { cssVar, useThemeVersion } from '../shared/theme';
import { UPlotChart } from '../shared/UPlotChart';
import { lrChartOptions, lrChartSeries, metricChartOptions } from './chartOptions';
import { chartData, metricChartData, xColumn, type Axis, type ChartData, type TraceResult, type YScale } from './compute';

export interface Shown {
  readonly id: number;
  readonly name: string;
  readonly color: string;
  readonly trace: TraceResult;
}

export interface PlotProps {
  readonly shown: readonly Shown[];
  readonly steps: number;
  readonly stepsPerEpoch: number;
  readonly axis: Axis;
  readonly yScale: YScale;
  /** The curves are behind the inputs (being traced). */
  readonly busy?: boolean;
  readonly strings: SchedulesStrings;
}

export function Plot({ shown, steps, stepsPerEpoch, axis, yScale, busy = false, strings }: PlotProps) {
  const theme = useThemeVersion();
  const x = useMemo(() => xColumn(steps, stepsPerEpoch, axis), [steps, stepsPerEpoch, axis]);
  const chart = useMemo(() => chartData(shown, x, yScale), [shown, x, yScale]);
  const metric = useMemo(() => metricChartData(shown, x), [shown, x]);
  const [inspect, setInspect] = useState(0);
  const last = Math.max(0, steps - 1);
  const idx = Math.min(inspect, last);
  const onCursor = useRef<(idx: number) => void>(() => undefined);
  onCursor.current = (i) => setInspect(i);

  const axisName = axis === 'epochs' ? strings.axisEpochs : strings.axisIterations;
  const byId = new Map(shown.map((s) => [s.id, s]));
  const hasMomentum = chart.series.some((s) => s.kind === 'momentum');
  const keyOf = (data: ChartData) => data.series.map((s) => `${s.id}:${s.kind}:${byId.get(s.id)?.name}:${byId.get(s.id)?.color}`).join('|');
  const seriesKey = keyOf(chart);
  const metricKey = keyOf(metric);
  const series = useMemo(
    () => lrChartSeries(chart.series, byId, axisName, strings, cssVar('--vscode-editor-background', '#1e1e1e')),
    // Rebuilt (and the chart with it) only when what the series show changes, or the theme.
    [seriesKey, axisName, strings, theme],
  );
  const metricSeries = useMemo(() => lrChartSeries(metric.series, byId, axisName, strings, cssVar('--vscode-editor-background', '#1e1e1e')), [metricKey, axisName, strings, theme]);
  const options = useMemo(() => lrChartOptions(axisName, yScale, hasMomentum, strings, (i) => onCursor.current(i)), [axisName, yScale, hasMomentum, strings]);
  const metricOptions = useMemo(() => metricChartOptions(axisName, hasMomentum, strings, (i) => onCursor.current(i)), [axisName, hasMomentum, strings]);

  const xAt = x[idx] ?? 0;
  return (
    <section class="plot" aria-label={strings.chart} aria-busy={busy ? 'true' : undefined}>
      <UPlotChart class="lr-chart" data={chart.columns as uPlot.AlignedData} series={series} options={options} label={`${strings.chart}. ${strings.chartHint}`} cursorIdx={idx} />
      {metric.series.length > 0 && (
        <figure class="metric-figure" data-testid="metric-chart">
          <figcaption>{strings.metricChart}</figcaption>
          <UPlotChart class="metric-chart" data={metric.columns as uPlot.AlignedData} series={metricSeries} options={metricOptions} label={strings.metricChart} cursorIdx={idx} />
        </figure>
      )}
      <p class="hint">{strings.chartHint}</p>
      <div class="inspect">
        <label class="control">
          <span>{strings.inspect}</span>
          <input
            type="range"
            min={0}
            max={last}
            step={1}
            value={idx}
            aria-valuetext={`${axisName} ${formatNumber(xAt)}`}
            data-testid="inspect"
            onInput={(e) => setInspect(Number(e.currentTarget.value))}
          />
        </label>
        <ul class="readout" data-testid="readout" aria-live="polite">
          {shown.map((s) => {
            const lr = idx < s.trace.valid ? s.trace.lrs[idx] : undefined;
            if (lr === undefined) return null;
            return (
              <li key={s.id} data-id={s.id} data-lr={String(lr)}>
                <span class="swatch" style={{ color: s.color }} aria-hidden="true" />
                {s.name}: {format(strings.readout, axisName, formatNumber(xAt), formatNumber(lr))}
                {s.trace.cyclesMomentum && `, ${format(strings.readoutMomentum, formatNumber(s.trace.momenta[idx]!))}`}
                {Number.isFinite(s.trace.metrics[idx]) && `, ${format(strings.readoutMetric, formatNumber(s.trace.metrics[idx]!))}`}
                {s.trace.drops.includes(idx) && ` (${strings.readoutReduced})`}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
