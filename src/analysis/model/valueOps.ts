/**
 * Operations on value lists that the evaluator (values.ts) composes: appending and de-duplicating
 * alternatives, tuple unpacking, naming symbols, constant folding, binding arguments to parameters,
 * and what a body returns or an optimizer is given.
 */
import type { CallExpr, Expr, Stmt } from '../syntax/ir';
import { childExprs, dotted, forEachBlock } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import type { FuncInfo } from './scope';
import { identity, type Activation, type Val } from './valueTypes';
import type { Evaluator } from './values';

/** More alternatives than this for one expression are not worth telling apart. */
const MAX_ALTERNATIVES = 24;

/** Appends without spreading (a spread of a long array overflows the call stack). */
export function append(out: Val[], vals: readonly Val[]): void {
  for (const v of vals) out.push(v);
}

/** Drops duplicate values; too many alternatives collapse into one unknown (made only then). */
export function limit(vals: Val[], collapse: () => Val): readonly Val[] {
  if (vals.length <= 1) return vals;
  const seen = new Set<unknown>();
  const out: Val[] = [];
  for (const v of vals) {
    const key = identity(v) ?? (v.k === 'func' ? v.fn : v.k === 'class' ? v.cls : v.k === 'module' ? `m:${v.path}` : v.k === 'num' ? `n:${v.v}` : v.k === 'str' ? `s:${v.v}` : v);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out.length > MAX_ALTERNATIVES ? [collapse()] : out;
}
/** Binds a call's arguments to the callee's parameters (skipping `self` for bound methods). */
export function bindArguments(ev: Evaluator, fn: FuncInfo, call: CallExpr, chunk: Chunk, act: Activation, bound: boolean): Map<string, readonly Val[]> {
  const env = new Map<string, readonly Val[]>();
  const params = fn.def.params.slice(bound && fn.bindsSelf ? 1 : 0);
  let i = 0;
  for (const a of call.args) {
    if (a.k === 'star') break; // positions after *args are unknown
    const p = params[i++];
    if (!p || p.star) break;
    env.set(p.name, ev.expr(a, chunk, act));
  }
  for (const k of call.kw) if (params.some((p) => p.name === k.name)) env.set(k.name, ev.expr(k.value, chunk, act));
  return env;
}

/** The expressions a function body returns (not those of nested functions). */
export function returnExprs(stmts: readonly Stmt[], out: Expr[] = []): Expr[] {
  for (const s of stmts) {
    if (s.k === 'return' && s.x) out.push(s.x);
    else if (s.k !== 'def' && s.k !== 'class') forEachBlock(s, (block) => returnExprs(block.stmts, out));
  }
  return out;
}

/** Picks the element at `path` from tuple values (tuple unpacking). */
export function pick(vals: readonly Val[], path: readonly number[]): readonly Val[] {
  let cur = vals;
  for (const i of path) {
    const next: Val[] = [];
    for (const v of cur) {
      if (v.k === 'tuple') append(next, v.items[v.many ? 0 : i] ?? []);
      else if (v.k === 'engine') next.push(v);
      else if (v.k === 'symbol') next.push({ k: 'symbol', key: `${v.key}[${i}]`, name: null });
    }
    cur = next;
  }
  return cur;
}

/** Gives anonymous symbols the name they are bound to (`opt = self.optimizers()` → "opt"). */
export function named(vals: readonly Val[], name: string): readonly Val[] {
  return vals.map((v) => (v.k === 'symbol' && v.name === null ? { ...v, name } : v));
}

export function fold(op: string, a: number, b: number): number | null {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : a / b;
    case '//':
      return b === 0 ? null : Math.floor(a / b);
    case '**':
      return a ** b;
    default:
      return null;
  }
}

/** Models whose parameters an optimizer receives: `Adam(model.parameters())` → ["model"]. */
export function modelRoots(call: CallExpr): string[] {
  const out: string[] = [];
  const visit = (x: Expr) => {
    if (x.k === 'call' && x.fn.k === 'attr' && (x.fn.attr === 'parameters' || x.fn.attr === 'named_parameters')) {
      const d = dotted(x.fn.obj);
      if (d) out.push(d);
    }
    for (const c of childExprs(x)) visit(c);
  };
  const first = call.args[0] ?? call.kw.find((k) => k.name === 'params')?.value;
  if (first) visit(first);
  return out;
}
