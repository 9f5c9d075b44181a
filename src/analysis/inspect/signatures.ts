/**
 * torch's constructor signatures, for mapping positional arguments to parameter names: the torch
 * facts' (src/core/torch) positional lists and defaults, with the schedulers' defaults and required
 * keywords from the core's entries (the core validates them, so it is their one source).
 *
 * A signature's positional list starts at the first parameter: `params`, `optimizer`, or a
 * functional loss's `input` (the thing configured or the data, never shown as a setting).
 */
import { SCHEDULERS as CORE_SCHEDULERS } from '../../core/schedule';
import { SCHEDULER_TYPES, type SchedulerType } from '../../core/schedule/types';
import {
  LOSS_CLASSES as LOSS_CLASS_NAMES, LOSS_FACTS, OPTIMIZER_CLASSES as OPTIMIZER_CLASS_NAMES, OPTIMIZER_FACTS, SCHEDULER_FACTS,
  type LossFact, type OptimizerFact,
} from '../../core/torch';
import type { ArgValue, TorchKind } from '../symbols';

export interface Signature {
  readonly kind: TorchKind;
  /** Parameters that may be given by position, in order (after `params` / `optimizer`). */
  readonly positional: readonly string[];
  /** Keyword-only parameters that matter (deprecated and performance-only ones left out). */
  readonly keywordOnly: readonly string[];
  /** Defaults of every parameter that has one; required parameters are absent. */
  readonly defaults: Readonly<Record<string, ArgValue>>;
}

/** Parameters with no effect on the numbers (implementation switches, deprecated flags). */
export const SILENT_PARAMS: ReadonlySet<string> = new Set([
  'foreach', 'capturable', 'differentiable', 'fused', 'verbose', 'size_average', 'reduce', 'last_epoch',
]);

/** The loss classes the hovers cover, by name. */
export const LOSS_CLASSES: readonly string[] = LOSS_CLASS_NAMES;

/** `cross_entropy` → `CrossEntropyLoss`. */
export const LOSS_BY_FUNCTIONAL: ReadonlyMap<string, string> = new Map(LOSS_CLASS_NAMES.map((cls) => [LOSS_FACTS[cls].functional, cls]));

const has = <T extends object>(table: T, key: string): key is Extract<keyof T, string> => Object.prototype.hasOwnProperty.call(table, key);

function isSchedulerType(cls: string): cls is SchedulerType {
  return (SCHEDULER_TYPES as readonly string[]).includes(cls);
}

/** The signature of a torch class (`functional`: called as `F.cross_entropy`), or undefined. */
export function signatureOf(kind: TorchKind, cls: string, functional = false): Signature | undefined {
  if (kind === 'optimizer') {
    if (!has(OPTIMIZER_FACTS, cls)) return undefined;
    const { positional, defaults }: OptimizerFact = OPTIMIZER_FACTS[cls];
    return { kind, positional: ['params', ...positional], keywordOnly: Object.keys(defaults).filter((k) => !positional.includes(k)), defaults };
  }
  if (kind === 'scheduler') {
    if (!isSchedulerType(cls)) return undefined;
    const entry = CORE_SCHEDULERS[cls];
    // ChainedScheduler(schedulers, optimizer=None) is the one whose first parameter is not the optimizer.
    const positional = cls === 'ChainedScheduler' ? ['schedulers', 'optimizer'] : ['optimizer', ...SCHEDULER_FACTS[cls].positional];
    const names = [...entry.required, ...Object.keys(entry.defaults)];
    return { kind, positional, keywordOnly: names.filter((k) => !positional.includes(k)), defaults: entry.defaults as Readonly<Record<string, ArgValue>> };
  }
  if (!has(LOSS_FACTS, cls)) return undefined;
  const loss: LossFact = LOSS_FACTS[cls];
  if (functional) return { kind, positional: loss.fnPositional, keywordOnly: [], defaults: loss.defaults };
  return { kind, positional: loss.positional, keywordOnly: [], defaults: loss.defaults };
}

/** Required parameters (no default) the core knows of, in signature order. */
export function requiredParams(kind: TorchKind, cls: string): readonly string[] {
  if (kind === 'scheduler' && isSchedulerType(cls)) return CORE_SCHEDULERS[cls].required;
  return [];
}

export const OPTIMIZER_CLASSES: readonly string[] = OPTIMIZER_CLASS_NAMES;
export const SCHEDULER_CLASSES: readonly string[] = SCHEDULER_TYPES;
