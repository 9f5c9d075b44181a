/**
 * The "LR Schedule" webview with three overlaid 100,000-step schedules (bench/schedulesPanelWorkload.ts).
 *
 * In node, the pure work: all three traced (opening, a new length), one re-traced (an edit: the others
 * are remembered), an axis or scale change alone (chart columns only), and the slice the panel
 * traces in at a time (useTraces), which is the longest the page waits on the numbers; eight slower
 * schedules show why the tracing is sliced (and why a 120 ms pause after typing comes first).
 *
 * In Chromium (the machine's, as the e2e tests use): the same tracing on the browser's V8, and the
 * drawing, which node cannot do: uPlot's setData and redraw of the panel's chart, 1200 px wide.
 * Each Chromium figure includes one round trip to the page, timed alone as "round trip".
 */
import type { BenchCase } from '../harness';
import { bundlePage, openBenchPage } from '../chromium';
import { PANEL_SCHEDULES, PANEL_STEPS } from '../schedulesPanelWorkload';
import { chartData, traceEntry, xColumn, DEFAULT_CURVE, type TraceInput } from '../../webview/schedules/compute';
import { TraceStore, type TraceRequest } from '../../webview/schedules/traceStore';
import { TRACE_TIMING } from '../../webview/schedules/useTraces';

const STEPS = PANEL_STEPS;
const traces = PANEL_SCHEDULES.map((input, i) => ({ id: i + 1, trace: traceEntry(input, STEPS, 1) }));
const GROUP = 'schedules panel';

/** Eight of the slower classes: a chart the panel allows (MAX_ENTRIES) that takes several frames to trace. */
const SLOW: TraceInput[] = [
  { type: 'PolynomialLR', total_iters: STEPS, power: 0.9 },
  { type: 'LambdaLR', lr_lambda: 'lambda e: 0.5 * (1 + math.cos(math.pi * e / 100000)) if e > 1000 else e / 1000' },
  { type: 'CyclicLR', base_lr: 1e-4, max_lr: 1e-2, mode: 'exp_range', gamma: 0.99999 },
  { type: 'OneCycleLR', max_lr: 0.1, total_steps: STEPS, three_phase: true },
  { type: 'CosineAnnealingLR', T_max: STEPS },
  { type: 'CosineAnnealingWarmRestarts', T_0: 1000, T_mult: 2 },
  { type: 'ChainedScheduler', schedulers: [{ type: 'ExponentialLR', gamma: 0.99999 }, { type: 'CyclicLR', base_lr: 0.01, max_lr: 0.1 }] },
  { type: 'MultiplicativeLR', lr_lambda: 'lambda e: 0.99999' },
].map((scheduler) => ({ scheduler, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE }));

// One open at a time, a slice per run; a fresh store when it is done, so nothing comes from memory.
const openRequest: TraceRequest = { items: PANEL_SCHEDULES.map((input, i) => ({ id: i + 1, input })), iterations: STEPS, stepsPerEpoch: 1 };
let sliced = new TraceStore();

const nodeCases: BenchCase[] = [
  {
    group: GROUP,
    name: `open or length change · 3 schedules × ${STEPS} steps traced + chart columns (in all; the panel runs it in slices)`,
    goalMs: 100,
    run: () => {
      const shown = PANEL_SCHEDULES.map((input, i) => ({ id: i + 1, trace: traceEntry(input, STEPS, 1) }));
      return chartData(shown, xColumn(STEPS, 1, 'iterations'), 'linear').columns.length;
    },
  },
  {
    group: GROUP,
    name: `parameter change · 1 of 3 schedules × ${STEPS} steps re-traced (the others remembered) + chart columns`,
    goalMs: 50,
    run: () => {
      const shown = [{ id: 1, trace: traceEntry(PANEL_SCHEDULES[0]!, STEPS, 1) }, ...traces.slice(1)];
      return chartData(shown, xColumn(STEPS, 1, 'iterations'), 'linear').columns.length;
    },
  },
  {
    group: GROUP,
    name: `plateau edit · ReduceLROnPlateau × ${STEPS} steps re-traced, its noisy validation curve remembered`,
    goalMs: 50,
    run: () => traceEntry({ ...PANEL_SCHEDULES[2]!, scheduler: { type: 'ReduceLROnPlateau', patience: 12 } }, STEPS, 1).drops.length,
  },
  {
    group: GROUP,
    name: `axis or scale change · 3 schedules × ${STEPS} steps (chart columns, log scale)`,
    goalMs: 8,
    run: () => chartData(traces, xColumn(STEPS, 100, 'epochs'), 'log').columns.length,
  },
  {
    group: GROUP,
    name: `longest wait on tracing · one ${TRACE_TIMING.sliceMs} ms slice of an open (the page handles input and paints between slices)`,
    goalMs: 10,
    run: () => {
      if (!sliced.busy) {
        sliced = new TraceStore();
        sliced.want(openRequest);
      }
      return sliced.work(TRACE_TIMING.sliceMs);
    },
  },
  {
    group: GROUP,
    name: `8 slower schedules × ${STEPS} steps traced (PolynomialLR, LambdaLR, CyclicLR exp_range, …): why tracing is sliced`,
    run: () => SLOW.reduce((n, input) => n + traceEntry(input, STEPS, 1).valid, 0),
  },
];

async function chromiumCases(): Promise<BenchCase[]> {
  const script = await bundlePage('schedules-panel.ts');
  const page = script === undefined ? undefined : await openBenchPage(script, ['noop', 'trace', 'draw']);
  if (!page) {
    console.error('schedules panel: no Chromium (/usr/bin/chromium or CHROMIUM_PATH), so no drawing figures');
    return [];
  }
  return [
    { group: GROUP, name: `Chromium · open: 3 schedules × ${STEPS} steps traced + chart columns (the webview's V8)`, goalMs: 100, run: () => page.call('trace') },
    { group: GROUP, name: `Chromium · draw: uPlot setData + redraw of 3 schedules × ${STEPS} steps (5 series, 1200 px)`, goalMs: 16, run: () => page.call('draw') },
    { group: GROUP, name: 'Chromium · round trip to the page, no work (part of both figures above)', run: () => page.call('noop') },
  ];
}

export const cases: BenchCase[] = [...nodeCases, ...(await chromiumCases())];
