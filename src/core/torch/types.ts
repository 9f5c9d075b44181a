/**
 * The shape of the torch facts: what every layer knows about one torch class, written once. The
 * core simulates from it, the analyser recognises and reads constructions with it, the panels
 * label their pickers with it.
 */

/** A default as Python writes it: tuples as arrays, `None` as null. */
export type FactValue = number | boolean | string | null | readonly FactValue[];

export type TorchKind = 'optimizer' | 'scheduler' | 'loss';

/** A `torch.optim` class. */
export interface OptimizerFact {
  /** Parameters that may be given by position, in torch's order, after `params`. */
  readonly positional: readonly string[];
  /**
   * torch's defaults (2.x) of every keyword that changes the numbers, in torch's order. For a class
   * the core simulates these are also exactly the keywords its spec accepts.
   */
  readonly defaults: Readonly<Record<string, FactValue>>;
  /** The core has its update rule (`src/core/optim/<name>.ts`), checked against real PyTorch. */
  readonly simulated: boolean;
}

/**
 * A `torch.optim.lr_scheduler` class. Its defaults and required keywords live with its simulation
 * (`src/core/schedule/<name>.ts`): every scheduler is simulated, and the validation there is what
 * makes a default a default.
 */
export interface SchedulerFact {
  /** Parameters that may be given by position, in torch's order, after `optimizer`. */
  readonly positional: readonly string[];
}

/** A `torch.nn` loss class and its `torch.nn.functional` twin. */
export interface LossFact {
  readonly functional: string;
  /** The class's constructor parameters in torch's order (deprecated ones where torch has them). */
  readonly positional: readonly string[];
  /** The function's parameters in torch's order, `input, target` first. */
  readonly fnPositional: readonly string[];
  readonly defaults: Readonly<Record<string, FactValue>>;
}

/** The panel keys of one class's one-line help: `help.SGD`. */
export function helpKeys<N extends string>(names: readonly N[]): readonly `help.${N}`[] {
  return names.map((name) => `help.${name}` as const);
}
