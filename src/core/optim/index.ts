/**
 * The optimizer registry: torch class name → definition (torch's defaults, keyword validation,
 * per-parameter state and step). Each step follows torch's single-tensor (foreach=False) code path.
 * Keyed by the torch facts (src/core/torch): every class marked `simulated` there has exactly one
 * entry here, which the type below enforces.
 */
import { Adadelta } from './adadelta';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { Adamax } from './adamax';
import { AdamW } from './adamw';
import type { Kwargs, OptimizerDef, Stepper } from './common';
import { NAdam } from './nadam';
import { RAdam } from './radam';
import { RMSprop } from './rmsprop';
import { SGD } from './sgd';
import type { SimulatedOptimizer } from '../torch/optimizers';

export type { Kwargs, KwargValue, OptimizerDef, Stepper } from './common';
export type { SgdKwargs } from './sgd';
export type { AdamKwargs } from './adam';
export type { AdamWKwargs } from './adamw';
export type { RmspropKwargs } from './rmsprop';
export type { AdagradKwargs } from './adagrad';
export type { AdadeltaKwargs } from './adadelta';
export type { AdamaxKwargs } from './adamax';
export type { NadamKwargs } from './nadam';
export type { RadamKwargs } from './radam';

// `satisfies` makes a missing or extra simulated class a type error; `as const` keeps each entry's own kwargs type.
export const OPTIMIZERS = { SGD, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam } as const satisfies {
  readonly [K in SimulatedOptimizer]: OptimizerDef<Kwargs>;
};

export type OptimizerName = keyof typeof OPTIMIZERS;

export const OPTIMIZER_NAMES = Object.keys(OPTIMIZERS) as readonly OptimizerName[];

export function isOptimizerName(name: string): name is OptimizerName {
  return Object.prototype.hasOwnProperty.call(OPTIMIZERS, name);
}

/** The definition of `name`, typed for callers that hold kwargs of any optimizer. */
export function optimizerDef(name: OptimizerName): OptimizerDef<Kwargs> {
  return OPTIMIZERS[name];
}

/** A fresh optimizer state for one parameter of `size` elements (2 on a surface). */
export function createStepper(name: OptimizerName, kwargs: Kwargs, size = 2): Stepper {
  return optimizerDef(name).create(kwargs, size);
}
