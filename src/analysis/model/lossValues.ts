/**
 * The values of the loss-input reading (losses.ts), the torch vocabulary it uses as lookups, and
 * the small operations on its values: which functions, methods and modules make an activation,
 * which keep a tensor's kind, how two values compare and how often a name is read.
 */
import type { CallExpr, Expr, Stmt } from '../syntax/ir';
import { forEachExpr, forEachStmt, forEachStmtExpr } from '../syntax/ir';
import type { ClassInfo, FuncInfo } from './scope';
import type { Evaluator } from './values';
import type { Site } from './valueTypes';
import type { Chunk } from '../syntax/source';
import {
  ACTIVATION_FUNCTION_MODULES, ACTIVATION_FUNCTIONS, ACTIVATION_METHODS, ACTIVATION_MODULES, FUNCTIONAL_MODULES, LAYER_MODULES, LOSS_FACTS,
  LOSS_INPUTS, LOSS_MODULES, type ClassificationLoss, type OutputActivation,
} from '../../core/torch';

/** What a tensor is known to be: an activation's output, or the raw output of an `nn.Linear`. */
export type Produced = OutputActivation | 'linear';

/** Where a produced value was made. */
export interface Origin {
  readonly tag: Produced;
  /** The activation call, the layer's construction, or (for a network) the activation in its forward. */
  readonly site: Site;
  /** `function`: `F.softmax(z)`; `method`: `z.softmax(1)`; `layer`: `nn.Softmax(1)` called; `network`: a network ending in one. */
  readonly how: 'function' | 'method' | 'layer' | 'network';
  /** As written: `F.softmax`, `softmax`, `nn.Softmax`, or the network's class name. */
  readonly name: string;
  /** The activation's own input (its argument or receiver), when it is there to be passed instead. */
  readonly pre: Pre | null;
}

export interface Pre {
  readonly expr: Expr;
  readonly chunk: Chunk;
  /** The name's assignment the activation read (null: not a name, or not assigned on the way). */
  readonly version: number | null;
}

export type AV =
  | { readonly k: 'tensor'; readonly origin: Origin; readonly exact: boolean }
  /** A module whose call produces `origin.tag`; `direct`: its call applies the activation alone. */
  | { readonly k: 'layer'; readonly origin: Origin; readonly direct: boolean }
  | { readonly k: 'loss'; readonly cls: ClassificationLoss }
  | { readonly k: 'class'; readonly cls: ClassInfo }
  | { readonly k: 'instance'; readonly cls: ClassInfo };

export const FUNCTIONAL_LOSSES: ReadonlyMap<string, ClassificationLoss> = new Map(
  (Object.keys(LOSS_INPUTS) as ClassificationLoss[]).map((cls) => [LOSS_FACTS[cls].functional, cls]),
);
export const LOSS_CLASS_SET: ReadonlySet<string> = new Set(Object.keys(LOSS_INPUTS));
export const LOSS_MODULE_SET: ReadonlySet<string> = new Set(LOSS_MODULES);
/** `torch.binary_cross_entropy_with_logits` and friends exist at the top level too. */
export const FUNCTIONAL_LOSS_MODULES: ReadonlySet<string> = new Set([...FUNCTIONAL_MODULES, 'torch']);
export const ACTIVATION_FUNCTION_MODULE_SET: ReadonlySet<string> = new Set(ACTIVATION_FUNCTION_MODULES);
export const LAYER_MODULE_SET: ReadonlySet<string> = new Set(LAYER_MODULES);
export const activationFunction = (name: string): OutputActivation | undefined => (ACTIVATION_FUNCTIONS as Readonly<Record<string, OutputActivation>>)[name];
export const activationMethod = (name: string): OutputActivation | undefined => (ACTIVATION_METHODS as Readonly<Record<string, OutputActivation>>)[name];
export const activationModule = (name: string): OutputActivation | undefined => (ACTIVATION_MODULES as Readonly<Record<string, OutputActivation>>)[name];

/** Tensor methods whose result holds the same kind of values (shape, dtype, device, clamping). */
export const SAME_VALUES_METHODS: ReadonlySet<string> = new Set([
  'view', 'view_as', 'reshape', 'reshape_as', 'squeeze', 'unsqueeze', 'squeeze_', 'unsqueeze_', 'flatten', 'contiguous', 'float', 'double',
  'half', 'bfloat16', 'to', 'cpu', 'cuda', 'type', 'permute', 'transpose', 't', 'clamp', 'clamp_', 'clip', 'clone', 'detach', 'type_as',
  // Also only moving, repeating or re-labelling the same values (`resize` keeps them while the
  // number of elements is the same, as in `y_pred.resize(1, J + 1)`).
  'resize', 'resize_', 'resize_as', 'resize_as_', 'expand', 'expand_as', 'repeat', 'transpose_', 't_', 'swapaxes', 'swapdims',
  'movedim', 'moveaxis', 'unflatten', 'detach_', 'requires_grad_', 'pin_memory',
]);
/** The same as functions of `torch`. */
export const SAME_VALUES_FUNCTIONS: ReadonlySet<string> = new Set([
  'squeeze', 'unsqueeze', 'flatten', 'reshape', 'clamp', 'clip', 'transpose', 'permute', 't', 'movedim', 'moveaxis', 'swapaxes', 'swapdims',
]);
/** Methods of a module that return the module itself. */
export const MODULE_SELF_METHODS: ReadonlySet<string> = new Set(['to', 'cuda', 'cpu', 'float', 'double', 'half', 'train', 'eval', 'requires_grad_']);
/** Wrappers whose call runs the wrapped module's forward. */
export const MODULE_WRAPPERS: ReadonlySet<string> = new Set(['DataParallel', 'DistributedDataParallel', 'DDP', 'compile']);


export function forwardOf(ev: Evaluator, cls: ClassInfo, seen = new Set<ClassInfo>()): FuncInfo | null {
  if (seen.has(cls)) return null;
  seen.add(cls);
  const own = cls.methods.get('forward');
  if (own) return own;
  for (const base of ev.bases(cls)) {
    const found = forwardOf(ev, base, seen);
    if (found) return found;
  }
  return null;
}

export function splitPath(path: string): { module: string; name: string } {
  const dot = path.lastIndexOf('.');
  return { module: dot < 0 ? '' : path.slice(0, dot), name: path.slice(dot + 1) };
}

export function firstArg(x: CallExpr): Expr | null {
  const a = x.args[0];
  if (a) return a.k === 'star' ? null : a;
  return x.kw.find((k) => k.name === 'input')?.value ?? null;
}

/** The log of probabilities is a log_softmax output. */
export function logOf(av: AV | null): AV | null {
  if (av?.k !== 'tensor' || av.origin.tag !== 'softmax') return null;
  return { k: 'tensor', origin: { ...av.origin, tag: 'log_softmax' }, exact: false };
}

/** After `op`: clamping keeps probabilities probabilities, but makes raw outputs no longer raw. */
export function clamped(op: string, av: Extract<AV, { k: 'tensor' }>): AV | null {
  if (av.origin.tag === 'linear' && /^(?:clamp|clip)_?$/.test(op)) return null;
  return weaken(av);
}

/** The same value, no longer exactly the activation's result (a fix cannot drop it). */
export function weaken(av: AV): AV {
  return av.k === 'tensor' && av.exact ? { ...av, exact: false } : av;
}

export function sameAV(a: AV | null, b: AV | null): boolean {
  if (!a || !b || a.k !== b.k) return false;
  switch (a.k) {
    case 'tensor':
    case 'layer':
      return a.origin.tag === (b as typeof a).origin.tag;
    case 'loss':
      return a.cls === (b as typeof a).cls;
    default:
      return a.cls === (b as typeof a).cls;
  }
}

/** How often `name` is read in `body` (assignment targets are not reads). */
export function reads(body: readonly Stmt[], name: string): number {
  let n = 0;
  const targets = new Set<Expr>();
  const markTargets = (t: Expr) => {
    if (t.k === 'name') targets.add(t);
    else if (t.k === 'seq') t.items.forEach(markTargets);
    else if (t.k === 'star') markTargets(t.x);
  };
  forEachStmt(body, (s) => {
    if (s.k === 'assign' && s.op === null) s.targets.forEach(markTargets);
    if (s.k === 'for') markTargets(s.target);
    forEachStmtExpr(s, (x) => forEachExpr(x, (e) => {
      if (e.k === 'name' && e.id === name && !targets.has(e)) n++;
    }));
  });
  return n;
}

/** A loss class made, or a functional loss named without calling it. */
const LOSS_VALUE = /(?:CrossEntropyLoss|NLLLoss|BCELoss|BCEWithLogitsLoss)\s*\(|(?:cross_entropy|binary_cross_entropy(?:_with_logits)?|nll_loss)\b(?!\s*\()/g;
/** What is left of the line before it when it is assigned: `name = nn.` or `self.loss_fn: nn.Module = `. */
const ASSIGNED = /(\w+)\s*(?::[^=\n]*)?=\s*(?:[\w.]+\.)?$/;

/**
 * The names `text` binds to a classification loss at any depth: `criterion = nn.CrossEntropyLoss(…)`,
 * `loss_fn = F.cross_entropy` (searched from the loss word back, which is rare, not from every name).
 */
export function lossNames(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(LOSS_VALUE)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const name = ASSIGNED.exec(text.slice(lineStart, m.index))?.[1];
    if (name) out.push(name);
  }
  return out;
}
