/**
 * The states a hover link opens the panels with: exactly what the panels read from `init.state`
 * (webview/optimizers/state.ts and webview/schedules/state.ts `readState`), built from a
 * construction's known values. Keywords the core does not simulate are left out, and so are values
 * the analyser could not resolve: the panel then uses torch's default, as the hover says.
 */
import { OPTIMIZERS, isOptimizerName } from '../../core/optim';
import { SCHEDULERS, SCHEDULER_TYPES, type SchedulerType } from '../../core/schedule';
import { MAX_STEPS } from '../../core/spec';
import type { ArgInfo, ArgValue, Construction } from '../symbols';

/** `{ optimizers: [{ type, kwargs, label }] }`, what "Compare Optimizers" starts from. */
export interface OptimizersPanelState {
  readonly optimizers: readonly { readonly type: string; readonly kwargs: Readonly<Record<string, ArgValue>>; readonly label: string }[];
}

/** One schedule on "LR Schedule"; `scheduler` is a spec as the `schedule` CLI reads it. */
export interface ScheduleEntryState {
  readonly label: string;
  readonly scheduler: Readonly<Record<string, unknown>>;
  readonly cadence?: 'batch' | 'epoch';
}

export interface SchedulesPanelState {
  readonly schedules: readonly ScheduleEntryState[];
  /** Iterations on the chart. */
  readonly steps?: number;
  readonly stepsPerEpoch?: number;
}

/** The commands a hover may run; the only ones its Markdown trusts. */
export const HOVER_COMMANDS = ['compareOptimizers', 'showLrSchedule'] as const;
export type HoverCommand = (typeof HOVER_COMMANDS)[number];

/** `command:optimLens.<name>?<args>`: the command receives `state` as its one argument. */
export function commandLink(command: HoverCommand, state: OptimizersPanelState | SchedulesPanelState): string {
  // Also encoded: the characters encodeURIComponent leaves that end or confuse a Markdown link target.
  const args = encodeURIComponent(JSON.stringify([state])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `command:optimLens.${command}?${args}`;
}

/** The written or resolved values of `names`, as JSON. */
function knownValues(args: readonly ArgInfo[], names: readonly string[]): Record<string, ArgValue> {
  const out: Record<string, ArgValue> = {};
  for (const arg of args) {
    if ((arg.origin === 'literal' || arg.origin === 'constant') && arg.value !== undefined && names.includes(arg.name)) out[arg.name] = arg.value;
  }
  return out;
}

/** Only for the optimizers the core simulates; `args` empty for torch's defaults. */
export function optimizersPanelState(cls: string, args: readonly ArgInfo[], label: string): OptimizersPanelState | undefined {
  if (!isOptimizerName(cls)) return undefined;
  return { optimizers: [{ type: cls, kwargs: knownValues(args, Object.keys(OPTIMIZERS[cls].defaults)), label }] };
}

function isSchedulerType(cls: string): cls is SchedulerType {
  return (SCHEDULER_TYPES as readonly string[]).includes(cls);
}

// A fresh schedule is all the panel simulates (see src/core/schedule/kwargs.ts).
const NOT_SIMULATED = new Set(['last_epoch', 'verbose', 'schedulers']);

function schedulerSpec(construction: Construction): Record<string, unknown> {
  // Anything else passed to SequentialLR goes to the panel as it is, which says what is wrong.
  if (!isSchedulerType(construction.cls)) return { type: construction.cls };
  const entry = SCHEDULERS[construction.cls];
  const names = [...Object.keys(entry.defaults), ...entry.required].filter((n) => !NOT_SIMULATED.has(n));
  const spec: Record<string, unknown> = { type: construction.cls, ...knownValues(construction.args, names) };
  if (construction.nested && entry.required.includes('schedulers')) spec.schedulers = construction.nested.map(schedulerSpec);
  return spec;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);

/**
 * How many `scheduler.step()` calls show the whole schedule, from its own keywords: the horizon of
 * a decay, two cycles of a cyclic one, twice a warmup (so its end is seen).
 */
export function horizonOf(spec: Readonly<Record<string, unknown>>): number | undefined {
  const nested = Array.isArray(spec.schedulers) ? (spec.schedulers as Record<string, unknown>[]).map(horizonOf) : [];
  switch (spec.type) {
    case 'CosineAnnealingLR':
      return num(spec.T_max);
    case 'OneCycleLR':
      return num(spec.total_steps) ?? mul(num(spec.epochs), num(spec.steps_per_epoch));
    case 'CosineAnnealingWarmRestarts': {
      const t0 = num(spec.T_0);
      const mult = num(spec.T_mult) ?? 1;
      return t0 && t0 * (1 + mult + mult * mult);
    }
    case 'CyclicLR': {
      const up = num(spec.step_size_up) ?? 2000;
      return 2 * (up + (num(spec.step_size_down) ?? up));
    }
    case 'StepLR':
      return mul(num(spec.step_size), 3);
    case 'MultiStepLR': {
      const milestones = Array.isArray(spec.milestones) ? spec.milestones.filter((m): m is number => num(m) !== undefined) : [];
      return milestones.length ? Math.max(...milestones) + Math.min(...milestones) : undefined;
    }
    case 'ConstantLR':
    case 'LinearLR':
    case 'PolynomialLR':
      return mul(num(spec.total_iters) ?? 5, 2);
    case 'SequentialLR': {
      const milestones = Array.isArray(spec.milestones) ? spec.milestones.filter((m): m is number => num(m) !== undefined) : [];
      const last = nested.at(-1);
      return last && milestones.length ? Math.max(...milestones) + last : undefined;
    }
    case 'ChainedScheduler': {
      const known = nested.filter((n): n is number => n !== undefined);
      return known.length ? Math.max(...known) : undefined;
    }
    default:
      return undefined;
  }
}

function mul(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined ? a * b : undefined;
}

function clampSteps(n: number | undefined): number | undefined {
  return n === undefined ? undefined : Math.max(1, Math.min(MAX_STEPS, Math.round(n)));
}

/**
 * One schedule, stepped as the code steps it: per batch or per epoch, over the run's epochs when
 * the loops say how many, else over the schedule's own horizon.
 */
export function schedulesPanelState(construction: Construction, label: string): SchedulesPanelState | undefined {
  if (!isSchedulerType(construction.cls)) return undefined;
  const scheduler = schedulerSpec(construction);
  const stepping = construction.stepping;
  const cadence = stepping?.cadence === 'batch' || stepping?.cadence === 'epoch' ? stepping.cadence : undefined;
  const stepsPerEpoch = stepping?.stepsPerEpoch ?? 1;
  const horizon = horizonOf(scheduler);
  // With epochs known, the chart spans the run; otherwise the schedule's horizon, in its own calls.
  const calls =
    stepping?.epochs !== undefined && (cadence === 'epoch' || stepping.stepsPerEpoch !== undefined)
      ? stepping.epochs * stepsPerEpoch
      : horizon !== undefined && cadence === 'epoch'
        ? horizon * stepsPerEpoch
        : horizon;
  const steps = clampSteps(calls);
  return {
    schedules: [{ label, scheduler, ...(cadence ? { cadence } : {}) }],
    ...(steps !== undefined ? { steps } : {}),
    ...(stepsPerEpoch > 1 ? { stepsPerEpoch } : {}),
  };
}
