/**
 * Where the loss reading (losses.ts) gets a parameter's value: the calls of its function in the
 * analysed file, each giving the argument (or the default) for it. A function is only followed
 * when every mention of its name is a plain call that resolves to it: passed on as a value
 * (`Thread(target=train)`), decorated, a method, redefined, or called from a lambda or a
 * comprehension, its callers are not all known and the parameter stays unknown. Also the small
 * helpers the reading uses on parameters and on what the evaluator resolved.
 */
import type { CallExpr, Expr, Param, Stmt } from '../syntax/ir';
import { childExprs, forEachBlock, forEachStmtExpr } from '../syntax/ir';
import type { Chunk, Source } from '../syntax/source';
import type { ModelCache } from './module';
import { lookup, type Binding, type FuncInfo, type Scope } from './scope';
import type { AV } from './lossValues';
import type { Val } from './valueTypes';

/** One call of a function: the call, its chunk, and the function it is made in (null: module level). */
export interface CallSite {
  readonly call: CallExpr;
  readonly chunk: Chunk;
  readonly caller: FuncInfo | null;
}

/** Calls found in one file beyond which a function's callers are not worth reading. */
const MAX_CALLS = 16;

/**
 * Every call of `fn` in `source`, or null when it may be called in a way the file does not show
 * (or is not called at all). Reads every chunk naming it, whatever the prefilter chose.
 */
export function callSites(fn: FuncInfo, source: Source, cache: ModelCache, moduleScope: Scope, moduleLookup: (name: string) => readonly Binding[] | undefined): CallSite[] | null {
  if (fn.chunk.file || fn.cls || fn.outer.kind !== 'module' || fn.def.decorators.length > 0) return null;
  const name = fn.name;
  const mentions = new RegExp(`\\b${name}\\b`);
  const out: CallSite[] = [];
  let unknown = false;

  const resolvesHere = (caller: FuncInfo | null): boolean | null => {
    const found = lookup(name, caller ? caller.scope : moduleScope, moduleLookup);
    const bindings = found?.bindings ?? [];
    if (bindings.every((b) => b.kind === 'def' && b.fn === fn) && bindings.length > 0) return true;
    return bindings.some((b) => b.kind === 'def' && b.fn === fn) ? null : false;
  };

  const expr = (x: Expr, caller: FuncInfo | null | 'opaque', chunk: Chunk): void => {
    if (unknown) return;
    if (x.k === 'name' && x.id === name) {
      unknown = true; // a mention that is not a call: passed on, stored, compared
      return;
    }
    const inner = x.k === 'lambda' || x.k === 'comp' ? 'opaque' : caller;
    if (x.k === 'call' && x.fn.k === 'name' && x.fn.id === name) {
      if (caller === 'opaque') {
        unknown = true;
        return;
      }
      const here = resolvesHere(caller);
      if (here === null) unknown = true;
      else if (here) out.push({ call: x, chunk, caller });
      for (const a of x.args) expr(a, inner, chunk);
      for (const k of x.kw) expr(k.value, inner, chunk);
      return;
    }
    for (const c of childExprs(x)) expr(c, inner, chunk);
  };

  const block = (stmts: readonly Stmt[], caller: FuncInfo | null | 'opaque', chunk: Chunk, defs: ReadonlyMap<Stmt, FuncInfo>): void => {
    for (const s of stmts) {
      if (unknown) return;
      forEachStmtExpr(s, (x) => expr(x, caller, chunk));
      if (s.k === 'def') block(s.body.stmts, defs.get(s) ?? 'opaque', chunk, defs);
      else if (s.k === 'class') block(s.body.stmts, 'opaque', chunk, defs);
      else forEachBlock(s, (b) => block(b.stmts, caller, chunk, defs));
    }
  };

  for (const chunk of source.chunks) {
    if (!mentions.test(chunk.text)) continue;
    const m = cache.model(source, chunk).enumerate();
    const defs = new Map<Stmt, FuncInfo>(m.functions.map((g) => [g.def, g]));
    block(m.stmts, null, chunk, defs);
    if (unknown || out.length > MAX_CALLS) return null;
  }
  return out.length > 0 ? out : null;
}

/**
 * The argument a call gives parameter `index` of `fn`: its expression, `default` when the call
 * leaves it to the parameter's default, or null when that is not known (`*args`, `**kwargs`).
 */
export function argumentFor(fn: FuncInfo, call: CallExpr, index: number, param: Param): Expr | 'default' | null {
  if (param.star) return null;
  const kw = call.kw.find((k) => k.name === param.name);
  if (kw) return kw.value;
  const params = fn.def.params;
  // Keyword-only after `*args` (or a bare `*`, which the IR may keep as a star parameter).
  const positional = params.slice(0, index).every((p) => !p.star);
  if (positional) {
    for (let i = 0; i < call.args.length; i++) {
      const a = call.args[i];
      if (!a || a.k === 'star') return null;
      if (i === index) return a;
    }
  }
  if (call.star) return null;
  return param.default ? 'default' : null;
}

/** A class of the project, as the evaluator resolved an import. */
export function classOf(vals: readonly Val[]): AV | null {
  const first = vals[0];
  return first?.k === 'class' && vals.every((v) => v.k === 'class' && v.cls === first.cls) ? { k: 'class', cls: first.cls } : null;
}

/** Whether `name` is a (non-star) parameter of `fn`. */
export function isParam(fn: FuncInfo | null, name: string): boolean {
  return fn?.def.params.some((p) => p.name === name && !p.star) ?? false;
}

/** Whether the function's text calls one of its parameters (`criterion(…)`), which may be a loss. */
export function callsParameter(fn: FuncInfo, text: string): boolean {
  return fn.def.params.some((p, i) => !p.star && !(i === 0 && fn.bindsSelf) && new RegExp(`\\b${p.name}\\s*\\(`).test(text));
}
