/**
 * The LR Schedule panel's work inside Chromium (bundled by bench/cases/schedules-panel.ts): the
 * same three 100,000-step schedules traced by the browser's V8, and the panel's uPlot chart
 * (lrChartSeries/lrChartOptions, 1200 px wide) redrawing them as a new trace arrives.
 */
import uPlot from 'uplot';
import { SCHEDULES_STRING_KEYS, type SchedulesStrings } from '../../src/protocol';
import { lrChartOptions, lrChartSeries } from '../../webview/schedules/chartOptions';
import { chartData, traceEntry, xColumn, type ChartData } from '../../webview/schedules/compute';
import { PANEL_SCHEDULES, PANEL_STEPS } from '../schedulesPanelWorkload';

// The page is a browser, but the root tsconfig (which checks bench/) has no DOM library.
declare const document: { createElement(tag: 'div'): unknown; body: { appendChild(node: unknown): void } };
declare const window: { bench?: Record<string, () => number> };

const strings = Object.fromEntries(SCHEDULES_STRING_KEYS.map((key) => [key, key])) as unknown as SchedulesStrings;
const COLORS = ['#0072b2', '#d55e00', '#009e73'];

function traceAll(): ChartData {
  const shown = PANEL_SCHEDULES.map((input, i) => ({ id: i + 1, trace: traceEntry(input, PANEL_STEPS, 1) }));
  return chartData(shown, xColumn(PANEL_STEPS, 1, 'iterations'), 'linear');
}

const data = traceAll();
const looks = new Map(PANEL_SCHEDULES.map((_, i) => [i + 1, { name: `schedule ${i + 1}`, color: COLORS[i]! }]));
const options = lrChartOptions('iteration', 'linear', data.series.some((s) => s.kind === 'momentum'), strings, () => undefined);
const series = lrChartSeries(data.series, looks, 'iteration', strings, '#ffffff');
const host = document.createElement('div');
document.body.appendChild(host);
const chart = new uPlot({ ...options, width: 1200, series }, data.columns as uPlot.AlignedData, host as HTMLElement);

window.bench = {
  noop: () => 0,
  trace: () => traceAll().columns.length,
  // batch() draws at once instead of in a microtask, so the drawing happens inside the call.
  draw: () => {
    chart.batch(() => chart.setData(data.columns as uPlot.AlignedData));
    return chart.data.length;
  },
};
