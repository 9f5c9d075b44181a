/**
 * The "LR Schedule" webview's pure work, in node (no DOM): what a parameter change recomputes with
 * three overlaid 100,000-step schedules: all three traced (opening, a new length), one re-traced
 * (an edit: the others are cached), and an axis or scale change alone (chart columns only).
 */
import type { BenchCase } from '../harness';
import { chartData, traceEntry, xColumn, DEFAULT_CURVE, type TraceInput } from '../../webview/schedules/compute';

const STEPS = 100_000;
const SCHEDULES: TraceInput[] = [
  {
    scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', start_factor: 0.1, total_iters: 5000 }, { type: 'CosineAnnealingLR', T_max: 95_000 }], milestones: [5000] },
    base_lr: 0.1,
    cadence: 'batch',
    curve: DEFAULT_CURVE,
  },
  { scheduler: { type: 'OneCycleLR', max_lr: 0.1, total_steps: STEPS }, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE },
  { scheduler: { type: 'ReduceLROnPlateau', patience: 10 }, base_lr: 0.1, cadence: 'batch', curve: { ...DEFAULT_CURVE, shape: 'noisy' } },
];
const traces = SCHEDULES.map((input, i) => ({ id: i + 1, trace: traceEntry(input, STEPS, 1) }));

export const cases: BenchCase[] = [
  {
    group: 'schedules panel',
    name: `open or length change · 3 overlaid schedules × ${STEPS} steps (3 traces, chart columns)`,
    goalMs: 100,
    run: () => {
      const shown = SCHEDULES.map((input, i) => ({ id: i + 1, trace: traceEntry(input, STEPS, 1) }));
      return chartData(shown, xColumn(STEPS, 1, 'iterations'), 'linear').columns.length;
    },
  },
  {
    group: 'schedules panel',
    name: `parameter change · 1 of 3 schedules × ${STEPS} steps re-traced (the others cached), chart columns`,
    goalMs: 50,
    run: () => {
      const shown = [{ id: 1, trace: traceEntry(SCHEDULES[0]!, STEPS, 1) }, ...traces.slice(1)];
      return chartData(shown, xColumn(STEPS, 1, 'iterations'), 'linear').columns.length;
    },
  },
  {
    group: 'schedules panel',
    name: `axis or scale change · 3 schedules × ${STEPS} steps (chart columns, log scale)`,
    goalMs: 8,
    run: () => chartData(traces, xColumn(STEPS, 100, 'epochs'), 'log').columns.length,
  },
];
