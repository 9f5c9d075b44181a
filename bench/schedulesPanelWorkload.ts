/**
 * The LR Schedule panel's benchmark workload, shared by the node cases and the Chromium page: three
 * overlaid 100,000-step schedules as a user would draw them (warmup then cosine, a one-cycle, a
 * plateau on a noisy validation curve), stepped every batch.
 */
import { DEFAULT_CURVE, type TraceInput } from '../webview/schedules/compute';

export const PANEL_STEPS = 100_000;

export const PANEL_SCHEDULES: readonly TraceInput[] = [
  {
    scheduler: { type: 'SequentialLR', schedulers: [{ type: 'LinearLR', start_factor: 0.1, total_iters: 5000 }, { type: 'CosineAnnealingLR', T_max: 95_000 }], milestones: [5000] },
    base_lr: 0.1,
    cadence: 'batch',
    curve: DEFAULT_CURVE,
  },
  { scheduler: { type: 'OneCycleLR', max_lr: 0.1, total_steps: PANEL_STEPS }, base_lr: 0.1, cadence: 'batch', curve: DEFAULT_CURVE },
  { scheduler: { type: 'ReduceLROnPlateau', patience: 10 }, base_lr: 0.1, cadence: 'batch', curve: { ...DEFAULT_CURVE, shape: 'noisy' } },
];
