/**
 * lr against iteration (or epoch) for every shown schedule, on the shared uPlot wrapper: linear or
 * log lr axis, momentum on a second axis where it cycles, ReduceLROnPlateau's cuts as points,
 * drag to zoom and double-click to reset (uPlot's own), and a readout of the inspected step that a
 * slider moves from the keyboard as the cursor does with the mouse.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { SchedulesStrings } from '../../src/protocol';
import { decades } from '../shared/axes';
import { formatNumber } from '../shared/numbers';
import { format } from '../shared/strings';
import { cssVar, useThemeVersion } from '../shared/theme';
import { UPlotChart } from '../shared/UPlotChart';
import { chartData, xColumn, type Axis, type TraceResult, type YScale } from './compute';

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

const LOG_FLOOR = 1e-12;

export function Plot({ shown, steps, stepsPerEpoch, axis, yScale, busy = false, strings }: PlotProps) {
  const theme = useThemeVersion();
  const x = useMemo(() => xColumn(steps, stepsPerEpoch, axis), [steps, stepsPerEpoch, axis]);
  const chart = useMemo(() => chartData(shown, x, yScale), [shown, x, yScale]);
  const [inspect, setInspect] = useState(0);
  const idx = Math.min(inspect, steps);
  const onCursor = useRef<(idx: number) => void>(() => undefined);
  onCursor.current = (i) => setInspect(i);

  const axisName = axis === 'epochs' ? strings.axisEpochs : strings.axisIterations;
  const byId = new Map(shown.map((s) => [s.id, s]));
  const hasMomentum = chart.series.some((s) => s.kind === 'momentum');
  const seriesKey = chart.series.map((s) => `${s.id}:${s.kind}:${byId.get(s.id)?.name}:${byId.get(s.id)?.color}`).join('|');
  const series = useMemo<uPlot.Series[]>(() => {
    const background = cssVar('--vscode-editor-background', '#1e1e1e');
    const xValue = (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v));
    const yValue = (_u: uPlot, v: number | null) => (v == null ? '—' : formatNumber(v));
    return [
      { label: axisName, value: xValue },
      ...chart.series.map((s): uPlot.Series => {
        const look = byId.get(s.id)!;
        if (s.kind === 'momentum') return { label: format(strings.momentumOf, look.name), stroke: look.color, dash: [5, 4], width: 1.5, scale: 'm', points: { show: false }, value: yValue };
        if (s.kind === 'drops') {
          return { label: format(strings.dropsOf, look.name), stroke: look.color, width: 0, paths: () => null, points: { show: true, size: 9, width: 2, stroke: look.color, fill: background }, value: yValue };
        }
        return { label: look.name, stroke: look.color, width: 2, points: { show: false }, value: yValue };
      }),
    ];
    // Rebuilt (and the chart with it) only when what the series show changes, or the theme.
  }, [seriesKey, axisName, strings, theme]);

  const options = useMemo<Omit<uPlot.Options, 'width' | 'series'>>(() => {
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
            if (u.cursor.idx != null) onCursor.current(u.cursor.idx);
          },
        ],
      },
    };
  }, [axisName, yScale, hasMomentum, strings]);

  const xAt = x[idx] ?? 0;
  return (
    <section class="plot" aria-label={strings.chart} aria-busy={busy ? 'true' : undefined} data-busy={busy ? 'true' : undefined}>
      <UPlotChart class="lr-chart" data={chart.columns as uPlot.AlignedData} series={series} options={options} label={`${strings.chart}. ${strings.chartHint}`} cursorIdx={idx} />
      <p class="hint">{strings.chartHint}</p>
      <div class="inspect">
        <label class="control">
          <span>{strings.inspect}</span>
          <input
            type="range"
            min={0}
            max={steps}
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
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
