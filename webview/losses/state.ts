/**
 * The losses panel's settings, pure: what the host may send (`init.state`, a LossesPanelState from a
 * hover link) and what the webview saves, read field by field. A bad field keeps its default and is
 * reported (the host logs it), so a link with one wrong value still opens the panel.
 */
import { SpecError } from '../../src/core/errors';
import { LOSS_DEFAULTS, LOSS_TYPES, MAX_CLASSES_PANEL, REDUCTIONS, type LossType, type Reduction } from './limits';
import { expectNumber, expectOneOf, expectString, isObject } from '../../src/core/spec';
import type { LossesPanelState } from '../../src/shared/panelState';

/** Where each section's readout sits: a residual, a cross-entropy logit, a binary logit, a probability. */
export interface Points {
  readonly residual: number;
  readonly logit: number;
  readonly binary: number;
  readonly probability: number;
}

export interface LossSettings {
  /** The class a hover link came from; its section is marked. */
  readonly loss: LossType | null;
  readonly reduction: Reduction;
  readonly delta: number;
  readonly beta: number;
  readonly label_smoothing: number;
  readonly pos_weight: number | null;
  readonly classes: number;
  readonly at: Points;
  readonly note?: string;
}

export type SavedState = LossesPanelState & { readonly v: 1 };

/** The ranges of the readouts' sliders (and of the charts' x axes). */
export const RANGES = {
  residual: { min: -3, max: 3, step: 0.05 },
  logit: { min: -10, max: 10, step: 0.1 },
  binary: { min: -10, max: 10, step: 0.1 },
  probability: { min: 0, max: 1, step: 0.01 },
} as const satisfies Record<keyof Points, { min: number; max: number; step: number }>;

export function defaultSettings(): LossSettings {
  return {
    loss: null,
    reduction: LOSS_DEFAULTS.reduction,
    delta: LOSS_DEFAULTS.delta,
    beta: LOSS_DEFAULTS.beta,
    label_smoothing: LOSS_DEFAULTS.label_smoothing,
    pos_weight: LOSS_DEFAULTS.pos_weight,
    classes: 10,
    at: { residual: 1.5, logit: 2, binary: 2, probability: 0.7 },
  };
}

/** torch's limits on each keyword, as the core's readers check them (throwing SpecError). */
export const CHECKS = {
  delta: (v: unknown) => expectNumber(v, 'delta', { greaterThan: 0 }),
  beta: (v: unknown) => expectNumber(v, 'beta', { min: 0 }),
  label_smoothing: (v: unknown) => expectNumber(v, 'label_smoothing', { min: 0, max: 1 }),
  classes: (v: unknown) => expectNumber(v, 'classes', { integer: true, min: 2, max: MAX_CLASSES_PANEL }),
  pos_weight: (v: unknown) => (v === null ? null : expectNumber(v, 'pos_weight')),
} as const;

/** Reads a state from the host or from `getState`; `problems` says what was ignored and why. */
export function readSettings(raw: unknown): { settings: LossSettings; problems: string[] } {
  const base = defaultSettings();
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { settings: base, problems };
  if (!isObject(raw)) return { settings: base, problems: ['the state is not an object'] };
  const read = <T>(key: string, fallback: T, check: (v: unknown) => T): T => {
    if (raw[key] === undefined) return fallback;
    try {
      return check(raw[key]);
    } catch (error) {
      problems.push(error instanceof SpecError ? error.message : String(error));
      return fallback;
    }
  };
  const at = isObject(raw.at) ? raw.at : {};
  const point = (key: keyof Points): number => {
    if (at[key] === undefined) return base.at[key];
    try {
      const { min, max } = RANGES[key];
      return expectNumber(at[key], `at.${key}`, { min, max });
    } catch (error) {
      problems.push((error as Error).message);
      return base.at[key];
    }
  };
  const note = read<string | undefined>('note', undefined, (v) => expectString(v, 'note'));
  const settings: LossSettings = {
    loss: read<LossType | null>('loss', null, (v) => expectOneOf(v, 'loss', LOSS_TYPES)),
    reduction: read('reduction', base.reduction, (v) => expectOneOf(v, 'reduction', REDUCTIONS)),
    delta: read('delta', base.delta, CHECKS.delta),
    beta: read('beta', base.beta, CHECKS.beta),
    label_smoothing: read('label_smoothing', base.label_smoothing, CHECKS.label_smoothing),
    pos_weight: read('pos_weight', base.pos_weight, CHECKS.pos_weight),
    classes: read('classes', base.classes, CHECKS.classes),
    at: { residual: point('residual'), logit: point('logit'), binary: point('binary'), probability: point('probability') },
    ...(note ? { note } : {}),
  };
  return { settings, problems };
}

/**
 * The state to start from: a link's values (init.state) over what this webview saved, so a link
 * opened on a restored panel changes only what it names.
 */
export function initialSettings(fromHost: unknown, saved: unknown): { settings: LossSettings; problems: string[] } {
  const restored = readSettings(saved);
  if (!isObject(fromHost)) return restored;
  // The link's own loss and note, not those of an earlier link.
  const { loss: _loss, note: _note, ...kept } = toSaved(restored.settings);
  const merged = readSettings({ ...kept, ...fromHost, at: restored.settings.at });
  return { settings: merged.settings, problems: [...restored.problems, ...merged.problems] };
}

export function toSaved(settings: LossSettings): SavedState {
  const { loss, note, ...rest } = settings;
  return { v: 1, ...rest, ...(loss ? { loss } : {}), ...(note ? { note } : {}) };
}
