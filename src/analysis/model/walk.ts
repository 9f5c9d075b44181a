/**
 * The statement walker under Flattener (flatten.ts): visits a root's statements in program order,
 * opens a unit for each loop, keeps branches, guards and handlers as path elements and stops the
 * path at statements that always leave; the expressions and calls in them are flatten.ts's.
 */
import type { Block, CallExpr, Expr, Stmt, StmtOf } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import { isStaticCondition, mentionsSchedulerType } from './conditions';
import { conditionTruth } from './fold';
import type { RootResult } from './flatten';
import type { HorizonClassifier } from './horizon';
import { describeLoop, type LoopStmt } from './loops';
import type { FuncInfo } from './scope';
import { Unit, type Event, type EventBase, type Item, type PathElem, type StmtRef } from './units';
import { siteOf, type Activation, type Evaluator, type Site } from './values';

export interface WalkState {
  readonly act: Activation;
  readonly chunk: Chunk;
  readonly path: readonly PathElem[];
  readonly unit: Unit;
  readonly stack: readonly FuncInfo[];
  readonly stmt: StmtRef | null;
  /**
   * Inside a function of another project file: the call in the analysed file that led there
   * (the outermost one). Events are placed on it, keeping where they are as `site.origin`.
   */
  readonly via: Via | null;
}

/** The call in the analysed file that led into another file (see WalkState.via). */
export interface Via {
  readonly site: Site;
  readonly stmt: StmtRef;
  /** The call itself, and where it is evaluated: its arguments name what the other file receives. */
  readonly call: CallExpr | null;
  readonly act: Activation;
}

/**
 * Statements visited per root (and per module-level statement) at most; bounds the work on
 * pathological input. A call followed costs CALL_COST more: binding its arguments is most of the
 * work, and a fan-out of calls (each level calling the next twice) is cut after about 500 calls
 * rather than 50,000 statements.
 */
const BUDGET = 50_000;
export const CALL_COST = 100;

export abstract class StatementWalker {
  protected budget = BUDGET;
  protected result: RootResult = fresh();
  protected readonly seen = new Set<string>();

  constructor(
    protected readonly ev: Evaluator,
    protected readonly horizons: HorizonClassifier,
    /**
     * Names of every function and method defined in the analysed chunks: a method call with any
     * other name (`x.to(device)`, `loss.item()`) cannot lead into the file's code, so its callee
     * need not be evaluated.
     */
    protected readonly callable: ReadonlySet<string>,
  ) {}

  /** One execution of `stmts` (a function body or the module's relevant statements). */
  root(stmts: readonly { stmt: Stmt; chunk: Chunk; block: Block }[], act: Activation): RootResult {
    this.result = fresh();
    this.seen.clear();
    this.budget = BUDGET;
    this.ev.resetMemo();
    const unit = new Unit('body', act, null, null);
    this.result.units.push(unit);
    let path: readonly PathElem[] = [];
    // Module level, each top-level statement is walked as if reached: a `raise`, `sys.exit` guard
    // or stray `return` in one statement does not make the next ones conditional or dead. (They
    // may be notebook cells run one by one; and whether such a statement was read at all is the
    // prefilter's choice, which must not change a verdict.)
    //
    // For the same reason each module-level statement has a budget of its own, and the evaluator's
    // memo and budget start afresh with it: what one statement may do must not depend on which
    // other statements were read before it. A statement that adds no event to the module's body
    // (nothing it reaches has training vocabulary, or it would have been read: Source.relevant)
    // does not taint the body when it is cut short either.
    const moduleLevel = act.fn === null;
    for (const { stmt, chunk, block } of stmts) {
      const ctx: WalkState = { act, chunk, path: moduleLevel ? [] : path, unit, stack: act.fn ? [act.fn] : [], stmt: null, via: null };
      if (!moduleLevel) {
        path = this.stmt(stmt, block, ctx, unit.items);
        if (path === STOP) break;
        continue;
      }
      this.budget = BUDGET;
      this.ev.resetMemo();
      const [items, tainted] = [unit.items.length, unit.tainted];
      this.stmt(stmt, block, ctx, unit.items);
      if (!tainted && unit.tainted && !holdsEvents(unit.items, items)) unit.tainted = false;
    }
    return this.result;
  }

  rootFunction(fn: FuncInfo, act: Activation): RootResult {
    this.ev.module.deps?.chunks.add(fn.chunk);
    const result = this.root(fn.def.body.stmts.map((stmt) => ({ stmt, chunk: fn.chunk, block: fn.def.body })), act);
    if (fn.def.tainted) result.units[0]?.taint();
    return result;
  }

  protected block(block: Block, ctx: WalkState, out: Item[]): void {
    let path = ctx.path;
    for (const s of block.stmts) {
      path = this.stmt(s, block, path === ctx.path ? ctx : { ...ctx, path }, out);
      if (path === STOP) return;
    }
  }

  /** Visits one statement; returns the path for the statements after it, or STOP. */
  private stmt(s: Stmt, block: Block, outer: WalkState, out: Item[]): readonly PathElem[] {
    if (--this.budget < 0) {
      outer.unit.taint();
      return STOP;
    }
    // Spelled out rather than spread: this runs for every statement flattened.
    const ctx: WalkState = { act: outer.act, chunk: outer.chunk, path: outer.path, unit: outer.unit, stack: outer.stack, stmt: { chunk: outer.chunk, stmt: s, block }, via: outer.via };
    // Definitions run nothing here: neither a dependency nor, when broken, a taint.
    if (s.k !== 'def' && s.k !== 'class') {
      this.ev.module.deps?.chunks.add(ctx.chunk);
      if (s.tainted) ctx.unit.taint();
    }
    switch (s.k) {
      case 'expr':
        this.expr(s.x, ctx, out);
        return ctx.path;
      case 'assign':
        if (s.value) this.expr(s.value, ctx, out);
        if (s.value?.k === 'call' && s.targets.length === 1 && s.targets[0]) this.schedulerBinding(s.targets[0], s.value, ctx);
        for (const t of s.targets) {
          if (touchesGrad(t)) this.emit({ kind: 'clearAll', ...this.base(ctx, t) }, out);
          else if (t.k !== 'name') this.exprParts(t, ctx, out);
        }
        return ctx.path;
      case 'del':
        for (const t of s.targets) if (touchesGrad(t)) this.emit({ kind: 'clearAll', ...this.base(ctx, t) }, out);
        return ctx.path;
      case 'if':
        return this.ifStmt(s, ctx, out);
      case 'for':
      case 'while': {
        this.expr(s.k === 'for' ? s.iter : s.test, ctx, out);
        const unit = this.openLoop(s, block, ctx, out);
        this.block(s.body, { ...ctx, path: [], unit }, unit.items);
        if (s.orelse) this.block(s.orelse, ctx, out);
        return ctx.path;
      }
      case 'try': {
        this.block(s.body, ctx, out);
        for (const h of s.handlers) this.block(h.body, { ...ctx, path: [...ctx.path, { kind: 'except' }] }, out);
        if (s.orelse) this.block(s.orelse, ctx, out);
        if (s.final) this.block(s.final, ctx, out);
        return exits(s.body.stmts, true) ? [...ctx.path, { kind: 'guard', dynamic: true }] : ctx.path;
      }
      case 'with':
        for (const item of s.items) this.expr(item.ctx, ctx, out);
        this.block(s.body, ctx, out);
        if (exitsAlways(s.body.stmts)) return STOP;
        return exits(s.body.stmts, true) ? [...ctx.path, { kind: 'guard', dynamic: true }] : ctx.path;
      case 'match': {
        this.expr(s.subject, ctx, out);
        s.cases.forEach((c, index) => {
          this.block(c.body, { ...ctx, path: [...ctx.path, { kind: 'branch', owner: s, index, dynamic: true, typeTest: false }] }, out);
        });
        return ctx.path;
      }
      case 'def':
        this.definition(s, ctx);
        return ctx.path;
      case 'return':
        if (s.x) this.expr(s.x, ctx, out);
        return STOP;
      case 'jump':
        if (s.x) this.expr(s.x, ctx, out);
        return STOP;
      case 'other':
        for (const x of s.subs) this.expr(x, ctx, out);
        return ctx.path;
      default:
        return ctx.path;
    }
  }

  /** A unit for one iteration of `s`, placed in `out` under the current path. */
  protected openLoop(s: LoopStmt, block: Block, ctx: WalkState, out: Item[]): Unit {
    const info = describeLoop(s, ctx.chunk, block, ctx.act, this.ev, this.horizons);
    const unit = new Unit('loop', ctx.act, ctx.unit, info);
    if (s.tainted) unit.tainted = true;
    this.result.units.push(unit);
    out.push({ kind: 'loop', unit, path: ctx.path });
    return unit;
  }

  private ifStmt(s: Extract<Stmt, { k: 'if' }>, ctx: WalkState, out: Item[]): readonly PathElem[] {
    const defined = ctx.unit.loop?.defined ?? EMPTY_SET;
    let dynamic = false;
    let typeTest = false;
    // Arms whose test folds to a constant (model/fold.ts): a false one never runs, a true one
    // leaves the later arms dead and, after arms that were all false, runs unconditionally.
    let before = true; // every arm before this one is certainly not taken
    let covered = false; // an arm walked is certainly taken when reached (an `else`, a true test)
    let allExit = true;
    let anyExit = false;
    for (const [index, b] of s.branches.entries()) {
      let truth: boolean | null = true;
      if (b.test) {
        this.expr(b.test, ctx, out);
        dynamic ||= !isStaticCondition(b.test, defined);
        typeTest ||= mentionsSchedulerType(b.test);
        truth = conditionTruth(b.test, ctx.chunk, ctx.act, this.ev);
      }
      if (truth === false) continue;
      const elem: PathElem = { kind: 'branch', owner: s, index, dynamic, typeTest, chunk: ctx.chunk };
      this.block(b.body, { ...ctx, path: truth && before ? ctx.path : [...ctx.path, elem] }, out);
      allExit &&= exitsAlways(b.body.stmts);
      anyExit ||= exits(b.body.stmts, true);
      if (truth) {
        covered = true;
        break;
      }
      before = false;
    }
    if (covered && allExit) return STOP;
    return anyExit ? [...ctx.path, { kind: 'guard', dynamic }] : ctx.path;
  }

  protected base(ctx: WalkState, node: { s: number; e: number }): EventBase {
    const via = ctx.via;
    if (via) return { path: ctx.path, site: { ...via.site, origin: siteOf(ctx.chunk, node) }, stmt: via.stmt, act: ctx.act };
    return { path: ctx.path, site: siteOf(ctx.chunk, node), stmt: ctx.stmt ?? { chunk: ctx.chunk, stmt: EMPTY_STMT, block: EMPTY_BLOCK }, act: ctx.act };
  }

  protected emit(e: Event, out: Item[]): void {
    out.push(e);
  }

  /** A function definition reached (it runs nothing; decorators may register it somewhere). */
  protected abstract definition(s: StmtOf<'def'>, ctx: WalkState): void;
  protected abstract expr(x: Expr, ctx: WalkState, out: Item[]): void;
  protected abstract exprParts(x: Expr, ctx: WalkState, out: Item[]): void;
  protected abstract schedulerBinding(target: Expr, call: CallExpr, ctx: WalkState): void;
}

/** Whether `items` from `from` on hold an event, in them or in the loops among them. */
function holdsEvents(items: readonly Item[], from = 0): boolean {
  for (let i = from; i < items.length; i++) {
    const item = items[i];
    if (item && (item.kind !== 'loop' || holdsEvents(item.unit.items))) return true;
  }
  return false;
}

function fresh(): RootResult {
  return { units: [], inlined: new Set(), optimizers: [], schedulers: [] };
}

export const STOP: readonly PathElem[] = Object.freeze([]) as readonly PathElem[];
const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY_BLOCK: Block = { stmts: [], s: 0 };
const EMPTY_STMT: Stmt = { k: 'other', s: 0, e: 0, tainted: false, subs: [] };

/** `p.grad`, `p.grad.data`, `param.grad[...]`. */
export function touchesGrad(x: Expr): boolean {
  for (let cur: Expr | null = x; cur; ) {
    if (cur.k === 'attr') {
      if (cur.attr === 'grad') return true;
      cur = cur.obj;
    } else if (cur.k === 'sub') cur = cur.obj;
    else return false;
  }
  return false;
}

/** Statements that always leave the block (the last one is return/raise/continue/break). */
function exitsAlways(stmts: readonly Stmt[]): boolean {
  const last = stmts[stmts.length - 1];
  if (!last) return false;
  if (last.k === 'return' || last.k === 'jump') return true;
  if (last.k === 'if') return last.branches.some((b) => b.test === null) && last.branches.every((b) => exitsAlways(b.body.stmts));
  return false;
}

/** Whether `stmts` may leave the enclosing block early (`continue`/`break` only outside inner loops). */
function exits(stmts: readonly Stmt[], loopJumps: boolean): boolean {
  for (const s of stmts) {
    switch (s.k) {
      case 'return':
        return true;
      case 'jump':
        if (s.kind === 'raise' || loopJumps) return true;
        break;
      case 'if':
        if (s.branches.some((b) => exits(b.body.stmts, loopJumps))) return true;
        break;
      case 'for':
      case 'while':
        if (exits(s.body.stmts, false)) return true;
        break;
      case 'try':
        if (exits(s.body.stmts, loopJumps) || s.handlers.some((h) => exits(h.body.stmts, loopJumps))) return true;
        break;
      case 'with':
        if (exits(s.body.stmts, loopJumps)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}