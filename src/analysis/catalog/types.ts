/**
 * The shape of the documentation catalog: what a hover, a rule page or a panel's help says about a
 * torch class or a training-loop call. Every English text here is also its l10n key (the host
 * translates it with `vscode.l10n.t(text)`); `code spans` in backticks are kept by translations.
 */
import type { ArgValue, TorchKind } from '../symbols';

/** One keyword of torch's signature. */
export interface ParamDoc {
  readonly name: string;
  /** torch's default as a value (tuples as arrays, `None` as null); absent when the keyword is required. */
  readonly default?: ArgValue;
  /** One line: what the keyword does. */
  readonly meaning: string;
}

/** A torch optimizer, scheduler or loss class. */
export interface ClassDoc {
  readonly kind: TorchKind;
  readonly cls: string;
  /** The `torch.nn.functional` name of a loss (`cross_entropy` for CrossEntropyLoss). */
  readonly functional?: string;
  readonly summary: string;
  /**
   * The update rule, the learning rate as a function of the step, or the loss: lines of Unicode
   * math shown in a monospace block, with torch's keyword names where they appear. Not translated,
   * so no words in it.
   */
  readonly formula: readonly string[];
  /** torch's signature, the tensors and `params`/`optimizer` left out, in torch's order. */
  readonly params: readonly ParamDoc[];
  /** When to use it and the typical values. */
  readonly use: string;
  readonly pitfalls: readonly string[];
}

/** The calls of a training loop a hover explains. */
export type MethodId = 'zero_grad' | 'backward' | 'optimizer.step' | 'scheduler.step' | 'plateau.step';

export interface MethodDoc {
  readonly id: MethodId;
  /** How the call is written, after the receiver's name (`step(metrics)`). */
  readonly call: string;
  readonly summary: string;
  /** What the call does where it sits: in the batch loop, in the epoch loop, every k batches, outside any loop. */
  readonly loop: { readonly batch: string; readonly epoch: string; readonly accumulated: string; readonly none: string };
  readonly pitfalls: readonly string[];
  /** The PyTorch documentation page. */
  readonly url: string;
}

/** `p('lr', 1e-3, 'learning rate')`: a keyword with its default. */
export function p(name: string, value: ArgValue, meaning: string): ParamDoc {
  return { name, default: value, meaning };
}

/** A keyword torch requires (no default). */
export function required(name: string, meaning: string): ParamDoc {
  return { name, meaning };
}

/** Entries of one kind; the rules that look at each are found from the rules' own `concerns`. */
export function ofKind(kind: TorchKind, docs: readonly Omit<ClassDoc, 'kind'>[]): ClassDoc[] {
  return docs.map((doc) => ({ kind, ...doc }));
}
