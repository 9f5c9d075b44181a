/**
 * The panels' "from your code": the optimizers and schedulers a file constructs, as the state the
 * panels start from (src/shared/panelState.ts, the shapes their `readState` validates:
 * webview/optimizers/state.ts and webview/schedules/state.ts). Values the code does not fix here
 * (`lr=args.lr`) are left to torch's default and named in the entry's note. Each function is
 * handed the analyser bundle (`ctx.analysis.module`) rather than requiring it: the service owns it.
 */
import * as vscode from 'vscode';
import type { Construction, RuleActions, SpecFromCode } from '../analysis';
import type { AnalysisModule } from './analysisModule';
import { DEFAULT_RACE } from '../core/simulate';
import type { LocatedConstruction } from './inspect';
import type { LossesPanelState, OptimizerEntryState, OptimizersPanelState, ScheduleEntryState, SchedulesPanelState } from '../shared/panelState';
import { LOSS_KEYWORDS, LOSS_TYPES, REDUCTIONS, type LossType } from '../core/losses/config';

/** Batches per epoch assumed when the code does not say (`len(loader)` is only known at run time). */
export const ASSUMED_STEPS_PER_EPOCH = 100;

function unresolvedNote(found: SpecFromCode): string | undefined {
  if (found.unresolved.length === 0) return undefined;
  const list = found.unresolved.map((u) => `${u.name}=${u.written}`).join(', ');
  return vscode.l10n.t('Not known from the code: {0}; torch’s default is used until you set it here.', list);
}

const withNote = (note: string | undefined) => (note ? { note } : {});

/** The file's optimizers as the optimizers panel reads them: what is added to an open panel. */
export function codeOptimizers(lib: AnalysisModule, found: readonly LocatedConstruction[]): { readonly optimizers: readonly OptimizerEntryState[] } | undefined {
  const optimizers = found.flatMap(({ construction, label }): OptimizerEntryState[] => {
    const spec = lib.optimizerSpec(construction);
    if (!spec) return [];
    const { type, ...kwargs } = spec.spec;
    return [{ type, kwargs, label, origin: 'code' as const, ...withNote(unresolvedNote(spec)) }];
  });
  return optimizers.length > 0 ? { optimizers } : undefined;
}

/** A new panel's state: the file's optimizers, with the seed's three after them for comparison. */
export function optimizersState(lib: AnalysisModule, found: readonly LocatedConstruction[]): OptimizersPanelState | undefined {
  const own = codeOptimizers(lib, found);
  if (!own) return undefined;
  const seed = DEFAULT_RACE.optimizers.map((o) => ({ type: o.type, kwargs: o.kwargs }));
  return { surface: DEFAULT_RACE.surface, optimizers: [...own.optimizers, ...seed] };
}

const HORIZONS = ['total_steps', 'T_max', 'total_iters', 'T_0'] as const;

/** How many `step()` calls the schedule's own arguments span, when one says. */
function horizonOf(c: Construction): number | undefined {
  for (const name of HORIZONS) {
    const v = c.args.find((a) => a.name === name)?.value;
    if (typeof v === 'number' && v > 0) return v;
  }
  const epochs = c.args.find((a) => a.name === 'epochs')?.value;
  const perEpoch = c.args.find((a) => a.name === 'steps_per_epoch')?.value;
  if (typeof epochs === 'number' && typeof perEpoch === 'number') return epochs * perEpoch;
  for (const n of c.nested ?? []) {
    const h = horizonOf(n);
    if (h !== undefined) return h;
  }
  return undefined;
}

const MAX_PANEL_STEPS = 100_000;

/** The file's schedules (outermost ones: SequentialLR's parts are drawn through it), stepped as the code steps them. */
export function schedulesState(lib: AnalysisModule, found: readonly LocatedConstruction[]): SchedulesPanelState | undefined {
  const labels = new Map(found.map((f) => [f.construction, f.label]));
  const { outermostSchedulers, schedulerSpec, baseLrOf } = lib;
  const outer = outermostSchedulers(found.map((f) => f.construction));
  const schedules = outer.flatMap((c): ScheduleEntryState[] => {
    const spec = schedulerSpec(c);
    if (!spec) return [];
    const cadence = c.stepping?.cadence === 'epoch' ? 'epoch' : 'batch';
    return [{ label: labels.get(c) ?? c.cls, scheduler: spec.spec, base_lr: baseLrOf(c) ?? 0.1, cadence, ...withNote(unresolvedNote(spec)) }];
  });
  const first = outer[0];
  if (schedules.length === 0 || !first) return undefined;
  const stepping = first.stepping;
  const epochs = stepping?.epochs;
  const perEpoch = stepping?.stepsPerEpoch;
  let axis: Pick<SchedulesPanelState, 'stepsPerEpoch' | 'axis'> = {};
  let steps = horizonOf(first) ?? 100;
  if (stepping?.cadence === 'epoch') {
    steps = epochs ?? steps;
    axis = { stepsPerEpoch: 1, axis: 'epochs' };
  } else if (epochs !== undefined && perEpoch !== undefined) {
    steps = epochs * perEpoch;
    axis = { stepsPerEpoch: perEpoch };
  }
  return { schedules, steps: Math.max(1, Math.min(MAX_PANEL_STEPS, Math.round(steps))), ...axis };
}

/**
 * "As intended" against "as the code steps it" for a finding of a rule with a `scheduleEffect`
 * action (an epoch schedule stepped per batch, a batch schedule stepped per epoch).
 */
export function compareState(lib: AnalysisModule, c: Construction, { intended, actual }: NonNullable<RuleActions['scheduleEffect']>): SchedulesPanelState | undefined {
  const { schedulerSpec, baseLrOf } = lib;
  const spec = schedulerSpec(c);
  if (!spec) return undefined;
  const knownPerEpoch = c.stepping?.stepsPerEpoch ?? numberArg(c, 'steps_per_epoch');
  const stepsPerEpoch = knownPerEpoch ?? ASSUMED_STEPS_PER_EPOCH;
  const horizon = horizonOf(c);
  // The run's length in epochs: the epoch loop's, else the schedule's own horizon read as intended.
  let epochs = c.stepping?.epochs ?? numberArg(c, 'epochs') ?? (horizon === undefined ? 100 : intended === 'epoch' ? horizon : Math.ceil(horizon / stepsPerEpoch));
  epochs = Math.max(1, Math.min(epochs, Math.floor(MAX_PANEL_STEPS / stepsPerEpoch)));
  const notes = [
    ...(knownPerEpoch === undefined ? [vscode.l10n.t('Batches per epoch are not known from the code; {0} assumed (change it here).', ASSUMED_STEPS_PER_EPOCH)] : []),
    ...(unresolvedNote(spec) ? [unresolvedNote(spec)] : []),
  ];
  return {
    compare: { scheduler: spec.spec, base_lr: baseLrOf(c) ?? 0.1, epochs, intended, actual, ...withNote(notes.join(' ') || undefined) },
    stepsPerEpoch,
    axis: 'epochs',
  };
}

/**
 * The losses panel's state for a loss call (`nn.HuberLoss(delta=0.5)`, `F.cross_entropy(…,
 * label_smoothing=LS)`): its keywords as written, through a constant or by default. A value the
 * code leaves unknown (`pos_weight=torch.tensor(w)`) keeps torch's default and is named in the note.
 */
export function lossesState({ construction: c, label }: LocatedConstruction): LossesPanelState | undefined {
  if (c.kind !== 'loss' || !(LOSS_TYPES as readonly string[]).includes(c.cls)) return undefined;
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const name of LOSS_KEYWORDS[c.cls as LossType]) {
    const arg = c.args.find((a) => a.name === name);
    if (!arg) continue;
    const ok = name === 'reduction' ? (REDUCTIONS as readonly unknown[]).includes(arg.value) : typeof arg.value === 'number' || (name === 'pos_weight' && arg.value === null);
    if (arg.origin !== 'unresolved' && ok) values[name] = arg.value;
    else if (arg.origin !== 'default') unknown.push(`${name}=${arg.written ?? ''}`);
  }
  const unresolved = unknown.length ? vscode.l10n.t('Not known from the code: {0}; torch’s default is used until you set it here.', unknown.join(', ')) : '';
  return { loss: c.cls, ...values, note: [label, unresolved].filter(Boolean).join(' · ') };
}

function numberArg(c: Construction, name: string): number | undefined {
  const v = c.args.find((a) => a.name === name)?.value;
  return typeof v === 'number' && v > 0 ? v : undefined;
}
