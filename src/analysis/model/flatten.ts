/**
 * Flattens code into what one execution does, in program order: backward passes, optimizer steps,
 * gradient clearing and scheduler steps, following calls into same-file functions and methods
 * (with their parameters bound to the arguments) and LBFGS closures. Each loop becomes a nested
 * unit describing one iteration. Branches are kept as path elements so rules can tell "always
 * before" from "maybe".
 */
import type { Block, CallExpr, Expr, Stmt } from '../syntax/ir';
import { lastName } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import { isStaticCondition, mentionsSchedulerType } from './conditions';
import type { HorizonClassifier } from './horizon';
import { describeLoop, type LoopInfo } from './loops';
import type { ClassInfo, FuncInfo } from './scope';
import {
  BENIGN_OPTIMIZER_USERS, BENIGN_SELF_METHODS, GRAD_CLEARING_METHODS, KNOWN_BASES, OPTIMIZERS, SCHEDULERS,
  STEP_SCHEDULE_FACTORIES, ZERO_GRAD_NAMES, looksLikeOptimizer,
} from './torch';
import { looksLikeEpochArgument, looksLikeScheduler, THIRD_PARTY_SCHEDULERS } from './roles';
import { Activation, bindArguments, siteOf, type Evaluator, type SchedulerVal, type Site, type Val } from './values';
import { dotted } from '../syntax/ir';

export type PathElem =
  | {
      readonly kind: 'branch';
      readonly owner: object;
      readonly index: number;
      /** The condition may change between iterations of the enclosing loop. */
      readonly dynamic: boolean;
      /** The condition looks at a scheduler's type (`isinstance(s, ReduceLROnPlateau)`). */
      readonly typeTest: boolean;
    }
  /** Statements after an `if` that may leave the block (`continue`, `return`, `raise`). */
  | { readonly kind: 'guard'; readonly dynamic: boolean }
  | { readonly kind: 'except' }
  | { readonly kind: 'comp' }
  | { readonly kind: 'closure' };

/** Where a call is: its statement and block, for fixes that move or add statements. */
export interface StmtRef {
  readonly chunk: Chunk;
  readonly stmt: Stmt;
  readonly block: Block;
}

export interface Receiver {
  readonly vals: readonly Val[];
  /** Source text of the receiver (`self.optimizer`), for messages and fixes. */
  readonly text: string;
  readonly site: Site;
}

interface EventBase {
  readonly path: readonly PathElem[];
  readonly site: Site;
  readonly stmt: StmtRef;
  /** The function execution the call lexically sits in. */
  readonly act: Activation;
}

export type Event =
  /** `recv` is set for `optimizer.backward(loss)`: a framework optimizer (fairseq, apex), not torch's. */
  | (EventBase & { readonly kind: 'backward'; readonly recv: Receiver | null })
  | (EventBase & { readonly kind: 'step'; readonly opt: Receiver })
  | (EventBase & { readonly kind: 'zero'; readonly target: Receiver | null })
  | (EventBase & { readonly kind: 'clearAll' })
  /** A call we cannot see into that may clear gradients (of `vals`, or of anything when null). */
  | (EventBase & { readonly kind: 'mayClear'; readonly vals: readonly Val[] | null })
  /**
   * `scheds` are the torch schedulers the receiver may be; empty when it is a scheduler by role
   * only (`byRole`: a parameter or attribute named like one, a library's scheduler class), whose
   * class and horizon are unknown. `epochArg` is the text of a `step(epoch)` argument.
   */
  | (EventBase & {
      readonly kind: 'sched'; readonly sched: Receiver; readonly scheds: readonly SchedulerVal[]; readonly hasArgs: boolean;
      readonly epochArg: string | null; readonly byRole: boolean;
    });

export interface LoopItem {
  readonly kind: 'loop';
  readonly unit: Unit;
  readonly path: readonly PathElem[];
}

export type Item = Event | LoopItem;

/** `torch.optim.X(...)` seen while flattening (the Adam weight-decay rule reads these). */
export interface OptimizerConstruction {
  readonly cls: string;
  readonly call: CallExpr;
  readonly site: Site;
  readonly act: Activation;
}

/** `name = Scheduler(...)` or `self.name = Scheduler(...)` (the never-stepped rule reads these). */
export interface SchedulerBinding {
  readonly sched: SchedulerVal;
  /** The bound name (`scheduler`), or the attribute for `self.scheduler`. */
  readonly name: string;
  readonly isAttr: boolean;
}

/** Everything flattening one root produced. */
export interface RootResult {
  readonly units: Unit[];
  /** Functions followed into from a call. */
  readonly inlined: Set<FuncInfo>;
  readonly optimizers: OptimizerConstruction[];
  readonly schedulers: SchedulerBinding[];
}

export class Unit {
  readonly items: Item[] = [];
  /** Something in the unit could not be followed (a syntax error, the inlining budget). */
  tainted = false;

  constructor(
    /** `loop`: one iteration of `loop`; `body`: one execution of a function or the module. */
    readonly kind: 'loop' | 'body',
    readonly act: Activation,
    /** The unit this one is nested in, in the flattening. */
    readonly parent: Unit | null,
    readonly loop: LoopInfo | null,
  ) {}

  /** Marks this unit and every unit around it: their executions include this one's. */
  taint(): void {
    this.tainted = true;
    if (this.parent && !this.parent.tainted) this.parent.taint();
  }
}

interface WalkState {
  readonly act: Activation;
  readonly chunk: Chunk;
  readonly path: readonly PathElem[];
  readonly unit: Unit;
  readonly stack: readonly FuncInfo[];
  readonly stmt: StmtRef | null;
}

const MAX_INLINE_DEPTH = 8;

/** Statements visited per root at most; bounds the work on pathological input. */
const BUDGET = 50_000;

export class Flattener {
  private budget = BUDGET;
  private result: RootResult = fresh();
  private readonly seen = new Set<string>();

  constructor(
    private readonly ev: Evaluator,
    private readonly horizons: HorizonClassifier,
    /**
     * Names of every function and method defined in the analysed chunks: a method call with any
     * other name (`x.to(device)`, `loss.item()`) cannot lead into the file's code, so its callee
     * need not be evaluated.
     */
    private readonly callable: ReadonlySet<string>,
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
    const moduleLevel = act.fn === null;
    for (const { stmt, chunk, block } of stmts) {
      const ctx: WalkState = { act, chunk, path: moduleLevel ? [] : path, unit, stack: act.fn ? [act.fn] : [], stmt: null };
      path = this.stmt(stmt, block, ctx, unit.items);
      if (path === STOP && (!moduleLevel || this.budget < 0)) break;
    }
    return this.result;
  }

  rootFunction(fn: FuncInfo, act: Activation): RootResult {
    this.ev.module.deps?.chunks.add(fn.chunk);
    const result = this.root(fn.def.body.stmts.map((stmt) => ({ stmt, chunk: fn.chunk, block: fn.def.body })), act);
    if (fn.def.tainted) result.units[0]?.taint();
    return result;
  }

  private block(block: Block, ctx: WalkState, out: Item[]): void {
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
    const ctx: WalkState = { act: outer.act, chunk: outer.chunk, path: outer.path, unit: outer.unit, stack: outer.stack, stmt: { chunk: outer.chunk, stmt: s, block } };
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
        const info = describeLoop(s, ctx.chunk, block, ctx.act, this.ev, this.horizons);
        const unit = new Unit('loop', ctx.act, ctx.unit, info);
        if (s.tainted) unit.tainted = true;
        this.result.units.push(unit);
        out.push({ kind: 'loop', unit, path: ctx.path });
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

  private ifStmt(s: Extract<Stmt, { k: 'if' }>, ctx: WalkState, out: Item[]): readonly PathElem[] {
    const defined = ctx.unit.loop?.defined ?? EMPTY_SET;
    let dynamic = false;
    let typeTest = false;
    let allExit = s.branches.some((b) => b.test === null);
    let anyExit = false;
    s.branches.forEach((b, index) => {
      if (b.test) {
        this.expr(b.test, ctx, out);
        dynamic ||= !isStaticCondition(b.test, defined);
        typeTest ||= mentionsSchedulerType(b.test);
      }
      const elem: PathElem = { kind: 'branch', owner: s, index, dynamic, typeTest };
      this.block(b.body, { ...ctx, path: [...ctx.path, elem] }, out);
      const leaves = exitsAlways(b.body.stmts);
      allExit &&= leaves;
      anyExit ||= exits(b.body.stmts, true);
    });
    if (allExit) return STOP;
    return anyExit ? [...ctx.path, { kind: 'guard', dynamic }] : ctx.path;
  }

  private base(ctx: WalkState, node: { s: number; e: number }): EventBase {
    return { path: ctx.path, site: siteOf(ctx.chunk, node), stmt: ctx.stmt ?? { chunk: ctx.chunk, stmt: EMPTY_STMT, block: EMPTY_BLOCK }, act: ctx.act };
  }

  private emit(e: Event, out: Item[]): void {
    out.push(e);
  }

  private receiver(x: Expr, ctx: WalkState): Receiver {
    return { vals: this.ev.expr(x, ctx.chunk, ctx.act), text: ctx.chunk.text.slice(x.s, x.e), site: siteOf(ctx.chunk, x) };
  }

  /** Sub-expressions of `x` that run (not lambdas), in evaluation order. */
  private exprParts(x: Expr, ctx: WalkState, out: Item[]): void {
    switch (x.k) {
      case 'attr':
        this.expr(x.obj, ctx, out);
        return;
      case 'sub':
        this.expr(x.obj, ctx, out);
        for (const i of x.index) this.expr(i, ctx, out);
        return;
      case 'seq':
        for (const i of x.items) this.exprParts(i, ctx, out);
        return;
      default:
        return;
    }
  }

  private expr(x: Expr, ctx: WalkState, out: Item[]): void {
    switch (x.k) {
      case 'call':
        this.call(x, ctx, out);
        return;
      case 'lambda':
      case 'name':
      case 'num':
      case 'str':
      case 'const':
        return;
      case 'comp': {
        const inner = { ...ctx, path: [...ctx.path, { kind: 'comp' } as const] };
        for (const sub of x.subs) this.expr(sub, inner, out);
        return;
      }
      case 'ifexp': {
        this.expr(x.test, ctx, out);
        this.expr(x.body, { ...ctx, path: [...ctx.path, { kind: 'branch', owner: x, index: 0, dynamic: true, typeTest: false }] }, out);
        this.expr(x.orelse, { ...ctx, path: [...ctx.path, { kind: 'branch', owner: x, index: 1, dynamic: true, typeTest: false }] }, out);
        return;
      }
      case 'attr':
        this.expr(x.obj, ctx, out);
        return;
      case 'bin':
      case 'bool':
        this.expr(x.l, ctx, out);
        this.expr(x.r, ctx, out);
        return;
      case 'unary':
      case 'not':
      case 'star':
        this.expr(x.x, ctx, out);
        return;
      case 'cmp':
        for (const e of x.xs) this.expr(e, ctx, out);
        return;
      case 'seq':
        for (const e of x.items) this.expr(e, ctx, out);
        return;
      case 'dict':
        for (const i of x.items) {
          if (i.key) this.expr(i.key, ctx, out);
          this.expr(i.value, ctx, out);
        }
        return;
      case 'sub':
        this.expr(x.obj, ctx, out);
        for (const i of x.index) this.expr(i, ctx, out);
        return;
      case 'other':
        for (const sub of x.subs) this.expr(sub, ctx, out);
        return;
    }
  }

  private call(x: CallExpr, ctx: WalkState, out: Item[]): void {
    // Receiver chain and arguments run first (`scaler.scale(loss).backward()`).
    if (x.fn.k === 'attr') this.expr(x.fn.obj, ctx, out);
    else if (x.fn.k !== 'name') this.expr(x.fn, ctx, out);
    for (const a of x.args) this.expr(a, ctx, out);
    for (const k of x.kw) this.expr(k.value, ctx, out);

    const name = lastName(x.fn) ?? '';
    const followable = x.fn.k !== 'attr' || this.callable.has(name) || OPTIMIZERS.has(name) || onSelf(x.fn.obj, ctx.act);
    const callee = followable ? this.ev.expr(x.fn, ctx.chunk, ctx.act) : NO_VALUES;
    const bodies = callee.filter((v) => v.k === 'func' || v.k === 'lambda');
    if (bodies.length > 0) {
      bodies.forEach((f, index) => {
        const path = bodies.length > 1 ? [...ctx.path, { kind: 'branch', owner: x, index, dynamic: true, typeTest: false } as const] : ctx.path;
        this.inline(f, x, { ...ctx, path }, out);
      });
      return;
    }
    if (callee.some((v) => v.k === 'class')) return; // constructing a same-file class
    if (callee.some((v) => v.k === 'module' && OPTIMIZERS.has(v.path.slice(v.path.lastIndexOf('.') + 1)))) this.optimizerConstruction(x, ctx);

    if (name === 'backward' || name === 'manual_backward') {
      // torch.distributed.autograd keeps gradients per context, not in `.grad`.
      const distributed = x.fn.k === 'attr' && /dist_autograd|distributed\.autograd/.test(ctx.chunk.text.slice(x.fn.obj.s, x.fn.obj.e));
      if (!distributed && (x.fn.k === 'attr' || callee.some((v) => v.k === 'module' && v.path === 'torch.autograd.backward'))) {
        const obj = x.fn.k === 'attr' ? x.fn.obj : null;
        const recv = obj && (obj.k === 'name' || obj.k === 'attr') && looksLikeOptimizer(lastName(obj) ?? '') ? this.receiver(obj, ctx) : null;
        this.emit({ kind: 'backward', recv, ...this.base(ctx, x) }, out);
      }
      return;
    }
    if (name === 'step' && x.fn.k === 'attr') {
      this.stepCall(x, x.fn.obj, ctx, out);
      return;
    }
    if (name === 'optimizer_step' && x.args[0]) {
      const opt = this.receiver(x.args[0], ctx);
      if (isOptimizer(opt)) this.emit({ kind: 'step', opt, ...this.base(ctx, x) }, out);
      return;
    }
    if (ZERO_GRAD_NAMES.has(name)) {
      const target = x.fn.k === 'attr' ? x.fn.obj : (x.args[0] ?? null);
      this.emit({ kind: 'zero', target: target ? this.receiver(target, ctx) : null, ...this.base(ctx, x) }, out);
      return;
    }
    if (x.fn.k === 'attr' && GRAD_CLEARING_METHODS.has(name) && touchesGrad(x.fn.obj) && (name !== 'mul_' || isZero(x.args[0]))) {
      this.emit({ kind: 'clearAll', ...this.base(ctx, x) }, out);
      return;
    }
    this.unknownCall(x, name, callee, ctx, out);
  }

  private optimizerConstruction(x: CallExpr, ctx: WalkState): void {
    const key = `o${ctx.chunk.uid}:${x.s}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    for (const v of this.ev.expr(x, ctx.chunk, ctx.act)) {
      if (v.k === 'optimizer' && v.call === x) this.result.optimizers.push({ cls: v.cls, call: x, site: v.site, act: ctx.act });
    }
  }

  /** `scheduler = StepLR(...)` / `self.scheduler = StepLR(...)`, for the never-stepped rule. */
  private schedulerBinding(target: Expr, call: CallExpr, ctx: WalkState): void {
    let name: string | null = null;
    let isAttr = false;
    if (target.k === 'name') name = target.id;
    else if (target.k === 'attr' && target.obj.k === 'name' && ctx.act.fn?.selfName === target.obj.id) {
      name = target.attr;
      isAttr = true;
    }
    const key = `s${ctx.chunk.uid}:${call.s}`;
    if (!name || this.seen.has(key)) return;
    const callee = lastName(call.fn);
    if (!callee) return;
    const known = (n: string) => SCHEDULERS.has(n) || STEP_SCHEDULE_FACTORIES.has(n);
    // `from torch.optim.lr_scheduler import StepLR as S; s = S(...)`
    const alias = () => call.fn.k === 'name' && (this.ev.name(call.fn.id, ctx.act) ?? []).some((v) => v.k === 'module' && known(v.path.slice(v.path.lastIndexOf('.') + 1)));
    if (!known(callee) && !alias()) return;
    this.seen.add(key);
    for (const v of this.ev.expr(call, ctx.chunk, ctx.act)) {
      if (v.k === 'scheduler' && v.call === call) this.result.schedulers.push({ sched: v, name, isAttr });
    }
  }

  private stepCall(x: CallExpr, obj: Expr, ctx: WalkState, out: Item[]): void {
    const recv = this.receiver(obj, ctx);
    if (isOptimizer(recv)) {
      const closure = x.args[0] ?? x.kw.find((k) => k.name === 'closure')?.value;
      // torch optimizers take only a closure; `opt.step(context_id)` is another API (RPC).
      if (closure && !this.closure(closure, ctx, out)) return;
      this.emit({ kind: 'step', opt: recv, ...this.base(ctx, x) }, out);
      return;
    }
    const scheds = recv.vals.filter((v): v is SchedulerVal => v.k === 'scheduler');
    const epochArg = stepEpochArgument(x);
    if (scheds.length > 0) {
      this.emit({ kind: 'sched', sched: recv, scheds, hasArgs: x.args.length + x.kw.length > 0, epochArg, byRole: false, ...this.base(ctx, x) }, out);
      return;
    }
    if (schedulerByRole(recv, obj)) {
      this.emit({ kind: 'sched', sched: recv, scheds, hasArgs: x.args.length + x.kw.length > 0, epochArg, byRole: true, ...this.base(ctx, x) }, out);
      return;
    }
    // GradScaler.step(optimizer) and friends.
    const arg = x.args[0];
    if (arg) {
      const opt = this.receiver(arg, ctx);
      if (isOptimizer(opt)) this.emit({ kind: 'step', opt, ...this.base(ctx, x) }, out);
    }
  }

  /**
   * Runs an LBFGS-style closure passed to `step` as if called there. Returns false when the
   * argument cannot be a closure (a number, a context id).
   */
  private closure(x: Expr, ctx: WalkState, out: Item[]): boolean {
    const inner = { ...ctx, path: [...ctx.path, { kind: 'closure' } as const] };
    if (x.k === 'lambda') {
      this.expr(x.body, inner, out);
      return true;
    }
    let callable = /closure|fn$|func|lambda/i.test(lastName(x) ?? '');
    for (const v of this.ev.expr(x, ctx.chunk, ctx.act)) {
      if (v.k === 'func' || v.k === 'lambda') {
        callable = true;
        this.inline(v, null, inner, out);
      } else if (v.k === 'none') callable = true;
    }
    return callable;
  }

  private inline(f: Extract<Val, { k: 'func' | 'lambda' }>, call: CallExpr | null, ctx: WalkState, out: Item[]): void {
    if (f.k === 'lambda') {
      this.expr(f.expr.body, { ...ctx, act: f.act, chunk: f.chunk }, out);
      return;
    }
    if (ctx.stack.includes(f.fn)) return; // recursion adds nothing new
    if (ctx.stack.length >= MAX_INLINE_DEPTH) {
      ctx.unit.taint();
      return;
    }
    this.result.inlined.add(f.fn);
    this.ev.module.deps?.chunks.add(f.fn.chunk);
    const env = call ? bindArguments(this.ev, f.fn, call, ctx.chunk, ctx.act, f.self !== null) : null;
    const act = new Activation(f.fn, env, f.act, f.self);
    if (f.fn.def.tainted) ctx.unit.taint();
    this.block(f.fn.def.body, { ...ctx, act, chunk: f.fn.chunk, stack: [...ctx.stack, f.fn] }, out);
  }

  /** A call we cannot follow: may it clear gradients? */
  private unknownCall(x: CallExpr, name: string, callee: readonly Val[], ctx: WalkState, out: Item[]): void {
    const fn = ctx.act.fn;
    if (x.fn.k === 'attr' && fn?.cls && !BENIGN_SELF_METHODS.has(name)) {
      // Not defined or assigned in the file's classes: a base-class method we cannot see.
      const unresolved = callee.every((v) => v.k === 'symbol' && v.key.startsWith('attr:'));
      if (onSelf(x.fn.obj, ctx.act) && unresolved && this.hasUnknownBases(fn.cls)) {
        this.emit({ kind: 'mayClear', vals: null, ...this.base(ctx, x) }, out);
        return;
      }
    }
    if (BENIGN_OPTIMIZER_USERS.has(name)) return;
    if (CLEARING_NAME.test(name)) {
      this.emit({ kind: 'mayClear', vals: null, ...this.base(ctx, x) }, out);
      return;
    }
    for (const a of x.args) this.handedOver(a, x, ctx, out);
    for (const k of x.kw) this.handedOver(k.value, x, ctx, out);
  }

  /** An argument of an unknown call that is an optimizer: the call may clear its gradients. */
  private handedOver(a: Expr, x: CallExpr, ctx: WalkState, out: Item[]): void {
    // Only a plain name, or an attribute named like an optimizer, hands an optimizer over.
    if (a.k !== 'name' && !(a.k === 'attr' && looksLikeOptimizer(a.attr))) return;
    const vals = this.ev.expr(a, ctx.chunk, ctx.act);
    // A name's or attribute's text ends with that name: isOptimizer without slicing the text.
    if (optimizerValues(vals, a.k === 'name' ? a.id : a.attr)) this.emit({ kind: 'mayClear', vals, ...this.base(ctx, x) }, out);
  }

  private hasUnknownBases(cls: ClassInfo, seen = new Set<object>()): boolean {
    if (seen.has(cls)) return false;
    seen.add(cls);
    const local = this.ev.bases(cls);
    for (const b of cls.stmt.bases) {
      const d = dotted(b);
      if (d && KNOWN_BASES.test(d)) continue;
      if (d && local.some((c) => c.name === d)) continue;
      return true;
    }
    return local.some((c) => this.hasUnknownBases(c, seen));
  }
}

/**
 * A receiver whose values say nothing of what it is (a parameter, an unknown call's result, a
 * library's class) but whose name or class says scheduler.
 */
function schedulerByRole(recv: Receiver, obj: Expr): boolean {
  let unknown = false;
  for (const v of recv.vals) {
    if (v.k === 'module' && THIRD_PARTY_SCHEDULERS.has(v.path.slice(v.path.lastIndexOf('.') + 1))) return true;
    if (v.k === 'symbol' && v.name !== null && THIRD_PARTY_SCHEDULERS.has(v.name)) return true;
    if (v.k === 'symbol' || v.k === 'module') unknown = true;
    else if (v.k !== 'none') return false;
  }
  const name = obj.k === 'name' ? obj.id : obj.k === 'attr' ? obj.attr : null;
  return unknown && name !== null && looksLikeScheduler(name);
}

/** The argument of `scheduler.step(epoch)` when it is an epoch number by its name, else null. */
function stepEpochArgument(x: CallExpr): string | null {
  const arg = x.args[0] ?? x.kw.find((k) => k.name === 'epoch')?.value;
  if (!arg || x.args.length + x.kw.length !== 1) return null;
  const name = arg.k === 'name' ? arg.id : arg.k === 'attr' ? arg.attr : null;
  return name !== null && looksLikeEpochArgument(name) ? name : null;
}

/** Helpers named for clearing gradients (`zero_grads(model)`, `clear_gradients`, `reset_grad`). */
const CLEARING_NAME = /(?:zero|clear|reset|none|free)_?grad|grads?_?(?:zero|clear|reset|none)/i;

const NO_VALUES: readonly Val[] = [];

/** `self.x(…)` / `super().x(…)` inside a method. */
function onSelf(obj: Expr, act: Activation): boolean {
  if (!act.fn?.cls) return false;
  return (obj.k === 'name' && obj.id === act.fn.selfName) || (obj.k === 'call' && lastName(obj.fn) === 'super');
}

function fresh(): RootResult {
  return { units: [], inlined: new Set(), optimizers: [], schedulers: [] };
}

const STOP: readonly PathElem[] = Object.freeze([]) as readonly PathElem[];
const EMPTY_SET: ReadonlySet<string> = new Set();
const EMPTY_BLOCK: Block = { stmts: [], s: 0 };
const EMPTY_STMT: Stmt = { k: 'other', s: 0, e: 0, tainted: false, subs: [] };

function isZero(x: Expr | undefined): boolean {
  return x?.k === 'num' && x.v === 0;
}

/** `p.grad`, `p.grad.data`, `param.grad[...]`. */
function touchesGrad(x: Expr): boolean {
  for (let cur: Expr | null = x; cur; ) {
    if (cur.k === 'attr') {
      if (cur.attr === 'grad') return true;
      cur = cur.obj;
    } else if (cur.k === 'sub') cur = cur.obj;
    else return false;
  }
  return false;
}

/** Whether a receiver is an optimizer: made by torch.optim, or an unknown value named like one. */
export function isOptimizer(r: Receiver): boolean {
  return optimizerValues(r.vals, () => {
    const text = r.text.replace(/\s+/g, '');
    return /([A-Za-z_]\w*)(?:\[[^\]]*\]|\(\))*$/.exec(text)?.[1] ?? '';
  });
}

/** `vals` hold an optimizer, or only unknowns where `name` (the receiver's last name) looks like one. */
function optimizerValues(vals: readonly Val[], name: string | (() => string)): boolean {
  let unknown = false;
  for (const v of vals) {
    if (v.k === 'optimizer') return true;
    if (v.k === 'symbol' || v.k === 'module' || v.k === 'tuple') unknown = true;
    else if (v.k !== 'none' && v.k !== 'num' && v.k !== 'str') return false;
  }
  if (!unknown) return false;
  return looksLikeOptimizer(typeof name === 'string' ? name : name()) || vals.some((v) => v.k === 'symbol' && v.name !== null && looksLikeOptimizer(v.name));
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
