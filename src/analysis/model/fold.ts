/**
 * Constant folding of `if` conditions: whether a test is certainly true or certainly false in one
 * execution (an activation), from what the code itself fixes — literals, names every binding of
 * which is the same literal, parameters bound to such arguments at the call inlined (or to their
 * literal default when not passed). Command-line and configuration values are never certain (the
 * user overrides them at each run), nor are attributes, calls, or names bound in ways the scope
 * does not see (model/module.ts `rebinding`). Anything else is unknown (null), and the walker
 * (walk.ts) then keeps both arms as before.
 *
 * Also here: whether two `if` arms in a loop are taken together in each of its iterations
 * (`sameArm`), for conditions on the loop's own variable (`for phase in ['train', 'val']:`).
 */
import type { Expr, Stmt, StmtOf } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import { lookup, type Binding } from './scope';
import type { PathElem, Unit } from './units';
import type { Activation, Evaluator } from './values';

/** A value folding knows for certain (True and False are the numbers 1 and 0, as in Python). */
type Const = { readonly k: 'num'; readonly v: number } | { readonly k: 'str'; readonly v: string } | { readonly k: 'none' };

/** How many names or arguments deep a value is followed. */
const MAX_DEPTH = 8;

/** Whether `test` is certainly true (true), certainly false (false), or either (null) in `act`. */
export function conditionTruth(test: Expr, chunk: Chunk, act: Activation, ev: Evaluator): boolean | null {
  return new Folder(ev).truth(test, chunk, act);
}

class Folder {
  private depth = 0;

  constructor(private readonly ev: Evaluator) {}

  truth(x: Expr, chunk: Chunk, act: Activation): boolean | null {
    switch (x.k) {
      case 'not': {
        const t = this.truth(x.x, chunk, act);
        return t === null ? null : !t;
      }
      case 'bool': {
        const l = this.truth(x.l, chunk, act);
        const r = this.truth(x.r, chunk, act);
        if (x.op === 'and') return l === false || r === false ? false : l === true && r === true ? true : null;
        return l === true || r === true ? true : l === false && r === false ? false : null;
      }
      case 'cmp':
        return this.comparison(x.ops, x.xs, chunk, act);
      default: {
        const v = this.value(x, chunk, act);
        return v ? truthy(v) : null;
      }
    }
  }

  /** `a == b`, `a is not None`, `a in ("x", "y")`, and chains of them (`a == b == c`). */
  private comparison(ops: readonly string[], xs: readonly Expr[], chunk: Chunk, act: Activation): boolean | null {
    let result: boolean | null = true;
    for (let i = 0; i < ops.length; i++) {
      const a = xs[i];
      const b = xs[i + 1];
      if (!a || !b) return null;
      const t = this.compare(ops[i] ?? '', a, b, chunk, act);
      if (t === false) return false;
      if (t === null) result = null;
    }
    return result;
  }

  private compare(op: string, ax: Expr, bx: Expr, chunk: Chunk, act: Activation): boolean | null {
    if (op === 'in' || op === 'not in') {
      const t = this.member(ax, bx, chunk, act);
      return t === null ? null : op === 'in' ? t : !t;
    }
    const a = this.value(ax, chunk, act);
    const b = this.value(bx, chunk, act);
    if (!a || !b) return null;
    switch (op) {
      case '==':
        return equal(a, b);
      case '!=':
        return !equal(a, b);
      case 'is':
      case 'is not': {
        // Only identity with None is certain (small ints and strings may or may not be shared).
        if (a.k !== 'none' && b.k !== 'none') return null;
        const same = a.k === b.k;
        return op === 'is' ? same : !same;
      }
      default:
        return null;
    }
  }

  /** `a in (…)` over a literal tuple, list or set. */
  private member(ax: Expr, bx: Expr, chunk: Chunk, act: Activation): boolean | null {
    if (bx.k !== 'seq') return null;
    const a = this.value(ax, chunk, act);
    if (!a) return null;
    let unknown = false;
    for (const item of bx.items) {
      if (item.k === 'star') return null;
      const v = this.value(item, chunk, act);
      if (!v) unknown = true;
      else if (equal(a, v)) return true;
    }
    return unknown ? null : false;
  }

  /** The one value `x` certainly has in `act`, or null. */
  private value(x: Expr, chunk: Chunk, act: Activation): Const | null {
    switch (x.k) {
      case 'num':
        return { k: 'num', v: x.v };
      case 'const':
        return x.v === 'None' ? { k: 'none' } : { k: 'num', v: x.v === 'True' ? 1 : 0 };
      case 'str': {
        // Kept as source text: an f-string's fields, escapes and bytes are not their value.
        const raw = chunk.text.slice(x.s, x.e);
        if (/^[rR]?[bB]|^[bB]/.test(raw) || x.v.includes('{') || x.v.includes('\\')) return null;
        return { k: 'str', v: x.v };
      }
      case 'unary': {
        const v = this.value(x.x, chunk, act);
        return v?.k === 'num' && (x.op === '-' || x.op === '+') ? { k: 'num', v: x.op === '-' ? -v.v : v.v } : null;
      }
      case 'name':
        return this.nested(() => this.name(x.id, chunk, act));
      default:
        return null;
    }
  }

  private nested(f: () => Const | null): Const | null {
    if (this.depth >= MAX_DEPTH) return null;
    this.depth++;
    try {
      return f();
    } finally {
      this.depth--;
    }
  }

  /** A name every binding of which certainly gives one and the same value. */
  private name(id: string, chunk: Chunk, act: Activation): Const | null {
    // Another project file's code: its module level is not this file's (kept unknown).
    if (chunk.file || act.fn?.chunk.file) return null;
    const module = this.ev.module;
    const found = lookup(id, act.scope ?? module.scope, (n) => module.lookup(n));
    if (!found) return null;
    const moduleLevel = found.scope.kind === 'module';
    if (module.rebinding(id, moduleLevel).length > 0) return null;
    let owner: Activation | null = null;
    if (moduleLevel) owner = this.ev.moduleAct;
    else for (let a: Activation | null = act; a && !owner; a = a.parent) if (a.fn?.scope === found.scope) owner = a;
    if (!owner) return null;
    let out: Const | null = null;
    for (const b of found.bindings) {
      const v = this.binding(b, id, owner);
      if (!v || (out && !equal(out, v)) || (out && out.k !== v.k)) return null;
      out = v;
    }
    return out;
  }

  private binding(b: Binding, id: string, owner: Activation): Const | null {
    if (b.kind === 'assign') return b.path.length === 0 ? this.value(b.value, b.chunk, owner) : null;
    if (b.kind !== 'param' || b.param.star || !owner.fn) return null;
    const fn = owner.fn;
    const site = owner.call;
    // A root execution: the parameter may be anything.
    if (!site) return null;
    const { call } = site;
    const params = fn.def.params.slice(owner.self !== null && fn.bindsSelf ? 1 : 0);
    const index = params.indexOf(b.param);
    if (index < 0) return null; // `self`
    const keyword = call.kw.find((k) => k.name === id);
    if (keyword) return this.value(keyword.value, site.chunk, site.act);
    // Positions before a `*args` parameter are filled by position; a star argument hides which.
    const star = params.findIndex((p) => p.star);
    const byPosition = star < 0 || index < star;
    for (let i = 0; i < call.args.length; i++) {
      const a = call.args[i];
      if (!a || a.k === 'star') return null;
      if (byPosition && i === index) return this.value(a, site.chunk, site.act);
    }
    if (call.star) return null; // `**kwargs` may pass it
    // Not passed: the default, evaluated where the function is defined.
    return b.param.default ? this.value(b.param.default, fn.chunk, owner.parent ?? this.ev.moduleAct) : null;
  }
}

function equal(a: Const, b: Const): boolean {
  if (a.k === 'none' || b.k === 'none') return a.k === b.k;
  return a.k === b.k && a.v === b.v;
}

function truthy(v: Const): boolean {
  return v.k === 'none' ? false : v.k === 'num' ? v.v !== 0 : v.v.length > 0;
}

/**
 * Whether two `if` arms (path elements) are taken together in every iteration of the loop `unit`
 * runs, both evaluated in its execution: the same arm of two `if` statements in the loop whose
 * tests, up to that arm, are the same expression over literals and names that only the loop's
 * header binds — `for phase in ["train", "val"]:` with `if phase == "train":` before the batch
 * loop and again around its `optimizer.step()`.
 */
export function sameArm(a: PathElem, b: PathElem, unit: Unit, ev: Evaluator): boolean {
  const loop = unit.loop;
  if (a.kind !== 'branch' || b.kind !== 'branch' || a.index !== b.index || !loop || loop.stmt.k !== 'for') return false;
  if (a.chunk !== loop.chunk || b.chunk !== loop.chunk || loop.chunk.file) return false;
  const x = a.owner as Stmt | Expr;
  const y = b.owner as Stmt | Expr;
  if (x.k !== 'if' || y.k !== 'if') return false;
  const stmt = loop.stmt;
  const inLoop = (s: Stmt) => s.s >= stmt.s && s.e <= stmt.e;
  if (!inLoop(x) || !inLoop(y)) return false;
  const names = new Set<string>();
  for (let i = 0; i <= a.index; i++) {
    const p = x.branches[i]?.test ?? null;
    const q = y.branches[i]?.test ?? null;
    if (p === null || q === null ? p !== q : !sameTest(p, q, names)) return false;
  }
  return [...names].every((id) => boundByHeaderOnly(id, stmt, unit.act, ev));
}

/** The same expression, built of literals, names, comparisons, `not`, `and`/`or` and literal tuples; names gathered in `names`. */
function sameTest(x: Expr, y: Expr, names: Set<string>): boolean {
  switch (x.k) {
    case 'name':
      names.add(x.id);
      return y.k === 'name' && y.id === x.id;
    case 'str':
    case 'num':
    case 'const':
      return y.k === x.k && y.v === x.v;
    case 'not':
      return y.k === 'not' && sameTest(x.x, y.x, names);
    case 'bool':
      return y.k === 'bool' && y.op === x.op && sameTest(x.l, y.l, names) && sameTest(x.r, y.r, names);
    case 'cmp':
      return y.k === 'cmp' && y.ops.length === x.ops.length && x.ops.every((op, i) => y.ops[i] === op) &&
        x.xs.length === y.xs.length && x.xs.every((e, i) => sameTest(e, y.xs[i] as Expr, names));
    case 'seq':
      return y.k === 'seq' && y.kind === x.kind && y.items.length === x.items.length && x.items.every((e, i) => sameTest(e, y.items[i] as Expr, names));
    default:
      return false;
  }
}

/** `id` is bound by the header of `loop` and nowhere else (in the scope `act` runs in). */
function boundByHeaderOnly(id: string, loop: StmtOf<'for'>, act: Activation, ev: Evaluator): boolean {
  const module = ev.module;
  const scope = act.scope ?? module.scope;
  const found = lookup(id, scope, (n) => module.lookup(n));
  if (!found || found.scope !== scope || found.bindings.length !== 1) return false;
  const b = found.bindings[0];
  return b?.kind === 'for' && b.iter === loop.iter && module.rebinding(id, scope.kind === 'module').length === 0;
}
