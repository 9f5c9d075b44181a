/**
 * Which torch class a callee names, from the dotted path the model's evaluator resolves it to
 * (imports and aliases followed): `torch.optim.AdamW`, `optim.AdamW`, `nn.CrossEntropyLoss`,
 * `F.cross_entropy`, or a bare `AdamW` nothing in the file defines.
 */
import { FUNCTIONAL_MODULES as FUNCTIONAL_MODULE_NAMES, LOSS_MODULES as LOSS_MODULE_NAMES } from '../../core/torch';
import { OPTIMIZERS, OPTIMIZER_MODULES, SCHEDULERS, SCHEDULER_MODULES } from '../model';
import type { TorchKind } from '../symbols';
import { LOSS_BY_FUNCTIONAL, LOSS_CLASSES } from './signatures';

export interface TorchClass {
  readonly kind: TorchKind;
  readonly cls: string;
  /** Set when reached as a function (`F.cross_entropy`). */
  readonly functional?: string;
}

/** Where the loss classes and their functional twins live (the torch facts' lists, as sets). */
const LOSS_MODULES: ReadonlySet<string> = new Set(LOSS_MODULE_NAMES);
const FUNCTIONAL_MODULES: ReadonlySet<string> = new Set(FUNCTIONAL_MODULE_NAMES);
const LOSS_SET: ReadonlySet<string> = new Set(LOSS_CLASSES);

export function classifyPath(path: string): TorchClass | null {
  const dot = path.lastIndexOf('.');
  const module = dot < 0 ? '' : path.slice(0, dot);
  const name = path.slice(dot + 1);
  if (OPTIMIZERS.has(name) && OPTIMIZER_MODULES.has(module)) return { kind: 'optimizer', cls: name };
  if (SCHEDULERS.has(name) && SCHEDULER_MODULES.has(module)) return { kind: 'scheduler', cls: name };
  if (LOSS_SET.has(name) && LOSS_MODULES.has(module)) return { kind: 'loss', cls: name };
  const fromFunctional = LOSS_BY_FUNCTIONAL.get(name);
  if (fromFunctional && FUNCTIONAL_MODULES.has(module)) return { kind: 'loss', cls: fromFunctional, functional: name };
  return null;
}
