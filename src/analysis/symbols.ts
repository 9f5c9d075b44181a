/**
 * What the code under the cursor or in a file constructs and calls, for hovers and for opening the
 * panels "from your code": the torch optimizer, scheduler and loss constructions with their
 * arguments resolved as far as the model can, and the `zero_grad` / `backward` / `step` calls of
 * the optimizers and schedulers it knows. Pure data, like the findings.
 */
import type { TorchKind } from '../core/torch';
import type { Range } from './types';

/** The kinds of torch class, as the torch facts define them. */
export type { TorchKind };

/** A resolved argument value, as JSON (tuples as arrays; `lambda` source kept as a string). */
export type ArgValue = number | boolean | string | null | readonly ArgValue[];

/** One keyword of a construction, positional arguments mapped to torch's parameter names. */
export interface ArgInfo {
  readonly name: string;
  /** The argument's source text as written, or null when omitted (the default applies). */
  readonly written: string | null;
  /** The value: a literal, a resolved constant, torch's default; absent when not known. */
  readonly value?: ArgValue;
  readonly origin: 'literal' | 'constant' | 'default' | 'unresolved';
}

/** `torch.optim.AdamW(model.parameters(), lr=3e-4)`, `nn.CrossEntropyLoss()`, `F.cross_entropy(…)`. */
export interface Construction {
  readonly kind: TorchKind;
  /** torch's class name (`AdamW`, `CosineAnnealingLR`, `CrossEntropyLoss`). */
  readonly cls: string;
  /** The functional form when called as one (`cross_entropy` for `F.cross_entropy`). */
  readonly functional?: string;
  /** The whole call. */
  readonly range: Range;
  /** The callee's last name (`AdamW` in `optim.AdamW`), where a hover on the class sits. */
  readonly nameRange: Range;
  /** Notebook cell index (cell-local ranges), as for findings. */
  readonly cell?: number;
  /** Every argument torch's signature names that the panels use: given ones first, then defaults. */
  readonly args: readonly ArgInfo[];
  /** Arguments that could not be mapped to a parameter (`*args`, `**kwargs`, unknown keywords). */
  readonly opaque: boolean;
  /** SequentialLR / ChainedScheduler: the schedulers passed in, in order, where they resolve. */
  readonly nested?: readonly Construction[];
  /**
   * Schedulers: how often the code steps it and how many steps a run takes, where the surrounding
   * loops tell (`for epoch in range(100)` around `for batch in loader` with `scheduler.step()` in
   * the batch loop: cadence `batch`, epochs 100).
   */
  readonly stepping?: SchedulerStepping;
  /** Schedulers: the optimizer they drive, when it resolves to one construction (for the base lr). */
  readonly optimizer?: Construction;
}

export interface SchedulerStepping {
  /** Where `scheduler.step()` is called: once per batch, once per epoch, or not seen. */
  readonly cadence: 'batch' | 'epoch' | 'unknown';
  /** The epoch loop's count when it is a resolvable `range(...)`. */
  readonly epochs?: number;
  /** Batches per epoch when the code says (`len(loader)` is not known statically). */
  readonly stepsPerEpoch?: number;
}

/** The thing under the cursor that a hover explains. */
export type SymbolTarget =
  | {
      readonly k: 'class';
      readonly kind: TorchKind;
      readonly cls: string;
      readonly functional?: string;
      /** The name's range in the document (cell-local in notebooks). */
      readonly range: Range;
      readonly cell?: number;
      /** When the name is called, the construction with its arguments. */
      readonly construction?: Construction;
    }
  | {
      readonly k: 'method';
      readonly method: 'zero_grad' | 'backward' | 'step';
      /** What it is called on: an optimizer or scheduler the model knows, or a loss tensor. */
      readonly receiver: { readonly kind: TorchKind; readonly cls: string | null; readonly name: string };
      /** Where in the training loop this call runs. */
      readonly loop: 'batch' | 'epoch' | 'accumulated' | 'none';
      /** The receiver's construction, when it resolves to exactly one. */
      readonly construction?: Construction;
      readonly range: Range;
      readonly cell?: number;
    };
