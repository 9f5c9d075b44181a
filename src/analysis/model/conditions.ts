/**
 * Whether an `if` condition changes from one loop iteration to the next ("dynamic": a counter,
 * `accelerator.sync_gradients`, `epoch > 0`) or is configuration fixed for the whole loop
 * ("static": `scheduler is not None`, `args.use_amp`, `phase == "train"` when `phase` is set outside
 * the loop). Rules about "once per batch/epoch" only trust calls under static conditions.
 */
import type { Expr, Stmt } from '../syntax/ir';
import type { PathElem } from './units';
import { forEachExpr } from '../syntax/ir';

const COUNTER_NAME = /step|iter|epoch|batch|count|sync|accum|idx|index|^[ijknt]$|^it$|global|update|warm/i;

export function isStaticCondition(test: Expr, loopDefined: ReadonlySet<string>): boolean {
  return staticExpr(test, loopDefined);
}

function staticExpr(x: Expr, defined: ReadonlySet<string>): boolean {
  switch (x.k) {
    case 'name':
      return !defined.has(x.id) && !COUNTER_NAME.test(x.id);
    case 'attr':
      return !COUNTER_NAME.test(x.attr) && staticExpr(x.obj, defined);
    case 'not':
      return staticExpr(x.x, defined);
    case 'bool':
      return staticExpr(x.l, defined) && staticExpr(x.r, defined);
    case 'const':
    case 'str':
      return true;
    case 'cmp':
      // `x is None`, `x is not None`, `mode == "train"`, `name in ("a", "b")`
      return x.ops.every((op) => op === 'is' || op === 'is not' || op === '==' || op === '!=' || op === 'in' || op === 'not in') &&
        x.xs.every((e, i) => i === 0 ? staticExpr(e, defined) : isConstant(e) || staticExpr(e, defined));
    case 'call':
      // `hasattr(args, "x")`, `isinstance(s, ReduceLROnPlateau)`: about types and configuration.
      return x.fn.k === 'name' && (x.fn.id === 'isinstance' || x.fn.id === 'hasattr' || x.fn.id === 'callable') &&
        x.args.every((a) => staticExpr(a, defined));
    default:
      return false;
  }
}

function isConstant(x: Expr): boolean {
  return x.k === 'const' || x.k === 'str' || (x.k === 'seq' && x.items.every(isConstant));
}

/** The condition tests a scheduler's type (`isinstance(s, ReduceLROnPlateau)`, `"plateau" in name`). */
export function mentionsSchedulerType(test: Expr): boolean {
  let found = false;
  forEachExpr(test, (e) => {
    if (e.k === 'name' && (e.id === 'isinstance' || /Plateau|plateau/.test(e.id))) found = true;
    else if (e.k === 'attr' && /Plateau|plateau/.test(e.attr)) found = true;
    else if (e.k === 'str' && /plateau/i.test(e.v)) found = true;
  });
  return found;
}

/**
 * `x % k == 0`, `0 == x % k`, `not x % k`: the `k`. Also with a flush of the last batches
 * (`(i + 1) % k == 0 or i == len(loader) - 1`, `… or last_batch`): still every k batches.
 */
function moduloTest(test: Expr): Expr | null {
  const mod = (x: Expr | undefined) => (x?.k === 'bin' && x.op === '%' ? x.r : null);
  if (test.k === 'bool' && test.op === 'or') return moduloTest(test.l) ?? moduloTest(test.r);
  if (test.k === 'not') return mod(test.x);
  if (test.k !== 'cmp' || test.ops.length !== 1 || test.ops[0] !== '==') return null;
  const [a, b] = test.xs;
  if (b?.k === 'num' && b.v === 0) return mod(a);
  if (a?.k === 'num' && a.v === 0) return mod(b);
  return null;
}

/**
 * The condition of the `if` arm a path element stands for; null for an `else`, a `match` case or
 * the alternatives of a call (the other owners of branch elements).
 */
export function armCondition(p: PathElem): Expr | null {
  if (p.kind !== 'branch') return null;
  // Owners are `if` statements, `match` statements, conditional expressions and calls.
  const owner = p.owner as Stmt | Expr;
  return owner.k === 'if' ? (owner.branches[p.index]?.test ?? null) : null;
}

/** The `k` of a gradient-accumulation guard (`if (i + 1) % k == 0:`) a path element stands for, else null. */
export function moduloGuard(p: PathElem): Expr | null {
  if (p.kind !== 'branch' || !p.dynamic) return null;
  const test = armCondition(p);
  return test ? moduloTest(test) : null;
}
