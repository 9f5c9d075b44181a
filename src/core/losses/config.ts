/**
 * A loss as the `losses` spec, the panel and a hover link name it: `{"type": "HuberLoss",
 * "delta": 0.5, "reduction": "sum"}`, torch's class and keywords, torch's defaults for the rest.
 * Only the keywords the core computes are accepted (no `weight`, `ignore_index`, per-class
 * `pos_weight` tensor): an unsupported one is an error naming it, never silently dropped.
 */
import { SpecError } from '../errors';
import { LOSS_FACTS } from '../torch';
import { expectNumber, expectObject, expectOneOf, optional, rejectUnknownKeys, required, type JsonObject } from '../spec';

export const REDUCTIONS = ['mean', 'sum', 'none'] as const;
export type Reduction = (typeof REDUCTIONS)[number];

export const REGRESSION_LOSSES = ['MSELoss', 'L1Loss', 'HuberLoss', 'SmoothL1Loss'] as const;
export const CLASSIFICATION_LOSSES = ['CrossEntropyLoss', 'BCELoss', 'BCEWithLogitsLoss'] as const;
export const LOSS_TYPES = [...REGRESSION_LOSSES, ...CLASSIFICATION_LOSSES] as const;

export type RegressionLoss = (typeof REGRESSION_LOSSES)[number];
export type LossType = (typeof LOSS_TYPES)[number];

export interface LossConfig {
  readonly type: LossType;
  readonly reduction: Reduction;
  /** HuberLoss only. */
  readonly delta: number;
  /** SmoothL1Loss only. */
  readonly beta: number;
  /** CrossEntropyLoss only. */
  readonly label_smoothing: number;
  /** BCEWithLogitsLoss only: one number for every element, or null (torch's None). */
  readonly pos_weight: number | null;
}

/** The keywords each class accepts here, besides `type`. */
export const LOSS_KEYWORDS: Readonly<Record<LossType, readonly (keyof LossConfig)[]>> = {
  MSELoss: ['reduction'],
  L1Loss: ['reduction'],
  HuberLoss: ['reduction', 'delta'],
  SmoothL1Loss: ['reduction', 'beta'],
  CrossEntropyLoss: ['reduction', 'label_smoothing'],
  BCELoss: ['reduction'],
  BCEWithLogitsLoss: ['reduction', 'pos_weight'],
};

/** torch's defaults, from the torch facts. */
export const LOSS_DEFAULTS = {
  reduction: LOSS_FACTS.MSELoss.defaults.reduction,
  delta: LOSS_FACTS.HuberLoss.defaults.delta,
  beta: LOSS_FACTS.SmoothL1Loss.defaults.beta,
  label_smoothing: LOSS_FACTS.CrossEntropyLoss.defaults.label_smoothing,
  pos_weight: LOSS_FACTS.BCEWithLogitsLoss.defaults.pos_weight,
} as const;

export function isRegression(type: LossType): type is RegressionLoss {
  return (REGRESSION_LOSSES as readonly string[]).includes(type);
}

function join(field: string, key: string): string {
  return field ? `${field}.${key}` : key;
}

/** Reads `{"type": …, …kwargs}`; the limits are torch's own checks, worded as torch words them. */
export function parseLossConfig(json: unknown, field: string): LossConfig {
  const obj: JsonObject = expectObject(json, field);
  const type = required(obj, 'type', field, (v, f) => expectOneOf(v, f, LOSS_TYPES));
  rejectUnknownKeys(obj, ['type', ...LOSS_KEYWORDS[type]], field);
  const reduction = optional(obj, 'reduction', field, LOSS_DEFAULTS.reduction, (v, f) => expectOneOf(v, f, REDUCTIONS));
  const delta = optional(obj, 'delta', field, LOSS_DEFAULTS.delta, (v, f) => expectNumber(v, f));
  if (!(delta > 0)) throw new SpecError(join(field, 'delta'), 'huber_loss does not support non-positive values for delta.');
  const beta = optional(obj, 'beta', field, LOSS_DEFAULTS.beta, (v, f) => expectNumber(v, f));
  if (beta < 0) throw new SpecError(join(field, 'beta'), 'smooth_l1_loss does not support negative values for beta.');
  const labelSmoothing = optional(obj, 'label_smoothing', field, LOSS_DEFAULTS.label_smoothing, (v, f) => expectNumber(v, f));
  if (labelSmoothing < 0 || labelSmoothing > 1) throw new SpecError(join(field, 'label_smoothing'), 'label_smoothing must be between 0.0 and 1.0');
  const posWeight = optional<number | null>(obj, 'pos_weight', field, LOSS_DEFAULTS.pos_weight, (v, f) => (v === null ? null : expectNumber(v, f)));
  return { type, reduction, delta, beta, label_smoothing: labelSmoothing, pos_weight: posWeight };
}
