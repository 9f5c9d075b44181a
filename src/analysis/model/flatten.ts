/**
 * Flattens code into what one execution does, in program order: backward passes, optimizer steps,
 * gradient clearing and scheduler steps, following calls into same-file functions and methods
 * (with their parameters bound to the arguments), functions of other project files (via.ts) and
 * LBFGS closures. Each loop becomes a nested
 * unit describing one iteration. Branches are kept as path elements so rules can tell "always
 * before" from "maybe".
 *
 * This module holds the expressions and calls; walk.ts walks the statements, units.ts is what comes out.
 */
import type { CallExpr, Expr, ExprOf, StmtOf } from '../syntax/ir';
import { lastName } from '../syntax/ir';
import type { ClassInfo, FuncInfo } from './scope';
import {
  BENIGN_OPTIMIZER_USERS, BENIGN_SELF_METHODS, GRAD_CLEARING_METHODS, KNOWN_BASES, OPTIMIZERS, SCHEDULERS,
  STEP_SCHEDULE_FACTORIES, ZERO_GRAD_NAMES, LEGACY_WARMUP, looksLikeOptimizer,
} from './torch';
import type { Item, Receiver, Unit } from './units';
import { looksLikeEpochArgument, looksLikeScheduler, THIRD_PARTY_SCHEDULERS } from './roles';
import { Activation, bindArguments, siteOf, type SchedulerVal, type Site, type Val } from './values';
import { dotted } from '../syntax/ir';
import { CALL_COST, StatementWalker, touchesGrad, type WalkState } from './walk';
import { argumentText, viaCall } from './via';
import { eventsOf, onCall, rangeOver, runArgument, syntheticLoop, type EngineEvent, type Registration } from './ignite';

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

const MAX_INLINE_DEPTH = 32;

export class Flattener extends StatementWalker {
  /** Names imported from other project files (`tnt` of `import train_and_test as tnt`). */
  projectNames: ReadonlySet<string> = new Set();
  /** Ignite handlers registered so far in this root, by engine (model/ignite.ts). */
  private handlers = new Map<string, Registration[]>();
  /** The lambdas being followed into, innermost last (flattening is one synchronous descent). */
  private readonly lambdas: ExprOf<'lambda'>[] = [];

  override root(stmts: Parameters<StatementWalker['root']>[0], act: Activation): RootResult {
    this.handlers = new Map();
    return super.root(stmts, act);
  }

  private receiver(x: Expr, ctx: WalkState): Receiver {
    const vals = this.ev.expr(x, ctx.chunk, ctx.act);
    const text = (ctx.via && argumentText(this.ev, ctx.via, vals)) ?? ctx.chunk.text.slice(x.s, x.e);
    return { vals, text, site: siteOf(ctx.chunk, x) };
  }

  /** Sub-expressions of `x` that run (not lambdas), in evaluation order. */
  protected exprParts(x: Expr, ctx: WalkState, out: Item[]): void {
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

  protected expr(x: Expr, ctx: WalkState, out: Item[]): void {
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
    if (this.engineCall(x, ctx, out)) return;

    const name = lastName(x.fn) ?? '';
    const followable =
      x.fn.k !== 'attr' || this.callable.has(name) || OPTIMIZERS.has(name) || onSelf(x.fn.obj, ctx.act) || (x.fn.obj.k === 'name' && this.projectNames.has(x.fn.obj.id)) ||
      this.foreignMethod(x.fn.obj, name, ctx);
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

  /** `@engine.on(Events.X)` on a def registers it. */
  protected definition(s: StmtOf<'def'>, ctx: WalkState): void {
    for (const d of s.decorators) {
      const on = onCall(d);
      if (!on) continue;
      const handler = (this.ev.name(s.name, ctx.act) ?? []).filter((v) => v.k === 'func' && v.fn.def === s);
      this.register(on.engine, on.events, handler, d, ctx);
    }
  }

  private register(engine: Expr, events: readonly { event: EngineEvent; filtered: boolean }[], handler: readonly Val[], owner: Expr, ctx: WalkState): void {
    for (const v of this.ev.expr(engine, ctx.chunk, ctx.act)) {
      if (v.k !== 'ignite') continue;
      let list = this.handlers.get(v.key);
      if (!list) this.handlers.set(v.key, (list = []));
      for (const { event, filtered } of events) list.push({ event, filtered, handler, owner });
    }
  }

  /** Handler registrations and `engine.run(...)` of ignite engines; true when `x` was one. */
  private engineCall(x: CallExpr, ctx: WalkState, out: Item[]): boolean {
    const on = onCall(x.fn); // engine.on(Events.X)(handler)
    if (on && x.args[0]) {
      this.register(on.engine, on.events, this.ev.expr(x.args[0], ctx.chunk, ctx.act), x, ctx);
      return true;
    }
    if (x.fn.k !== 'attr' || (x.fn.attr !== 'add_event_handler' && x.fn.attr !== 'run')) return false;
    const engines = this.ev.expr(x.fn.obj, ctx.chunk, ctx.act).filter((v): v is Extract<Val, { k: 'ignite' }> => v.k === 'ignite');
    if (engines.length === 0) return false;
    if (x.fn.attr === 'add_event_handler') {
      const [event, handler] = x.args;
      if (event && handler) this.register(x.fn.obj, eventsOf(event), this.ev.expr(handler, ctx.chunk, ctx.act), x, ctx);
      return true;
    }
    this.engineRun(x, engines, ctx, out);
    return true;
  }

  /** One `engine.run(...)` as the loop nest ignite runs (model/ignite.ts). */
  private engineRun(x: CallExpr, engines: readonly Extract<Val, { k: 'ignite' }>[], ctx: WalkState, out: Item[]): void {
    const registered = engines.flatMap((e) => this.handlers.get(e.key) ?? []);
    const fire = (event: EngineEvent, at: WalkState, into: Item[]) => {
      for (const r of registered) {
        if (r.event !== event) continue;
        const path = r.filtered ? [...at.path, { kind: 'branch', owner: r.owner, index: 0, dynamic: true, typeTest: false } as const] : at.path;
        for (const h of r.handler) if (h.k === 'func' || h.k === 'lambda') this.inline(h, null, { ...at, path }, into);
      }
    };
    const block = ctx.stmt?.block ?? { stmts: [], s: x.s };
    const maxEpochs = runArgument(x, 'max_epochs');
    fire('STARTED', ctx, out);
    const epochs = this.openLoop(syntheticLoop(x, 'epoch', maxEpochs ? rangeOver(maxEpochs) : x), block, ctx, out);
    const perEpoch: WalkState = { ...ctx, path: [], unit: epochs };
    fire('EPOCH_STARTED', perEpoch, epochs.items);
    const batches = this.openLoop(syntheticLoop(x, 'batch', runArgument(x, 'data') ?? x), block, perEpoch, epochs.items);
    const perBatch: WalkState = { ...perEpoch, unit: batches };
    fire('ITERATION_STARTED', perBatch, batches.items);
    engines.forEach((engine, index) => {
      const at = engines.length > 1 ? { ...perBatch, path: [{ kind: 'branch', owner: x, index, dynamic: true, typeTest: false } as const] } : perBatch;
      for (const p of engine.process) if (p.k === 'func' || p.k === 'lambda') this.inline(p, null, at, batches.items);
      if (engine.optimizer) this.supervisedStep(engine.optimizer, x, at, batches.items);
    });
    fire('ITERATION_COMPLETED', perBatch, batches.items);
    fire('EPOCH_COMPLETED', perEpoch, epochs.items);
    fire('COMPLETED', ctx, out);
  }

  /** ignite's `supervised_training_step`: zero_grad, backward, step on the trainer's optimizer. */
  private supervisedStep(optimizer: NonNullable<Extract<Val, { k: 'ignite' }>['optimizer']>, x: CallExpr, ctx: WalkState, out: Item[]): void {
    const { expr, chunk, act } = optimizer;
    const opt: Receiver = { vals: this.ev.expr(expr, chunk, act), text: chunk.text.slice(expr.s, expr.e), site: siteOf(chunk, expr) };
    this.emit({ kind: 'zero', target: opt, ...this.base(ctx, x) }, out);
    this.emit({ kind: 'backward', recv: null, ...this.base(ctx, x) }, out);
    this.emit({ kind: 'step', opt, ...this.base(ctx, x) }, out);
  }

  private optimizerConstruction(x: CallExpr, ctx: WalkState): void {
    if (ctx.chunk.file) return; // another file's: its own analysis reports it
    const key = `o${ctx.chunk.uid}:${x.s}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    for (const v of this.ev.expr(x, ctx.chunk, ctx.act)) {
      if (v.k === 'optimizer' && v.call === x) this.result.optimizers.push({ cls: v.cls, call: x, site: v.site, act: ctx.act });
    }
  }

  /** `scheduler = StepLR(...)` / `self.scheduler = StepLR(...)`, for the never-stepped rule. */
  protected schedulerBinding(target: Expr, call: CallExpr, ctx: WalkState): void {
    let name: string | null = null;
    let isAttr = false;
    if (target.k === 'name') name = target.id;
    else if (target.k === 'attr' && target.obj.k === 'name' && ctx.act.fn?.selfName === target.obj.id) {
      name = target.attr;
      isAttr = true;
    }
    const key = `s${ctx.chunk.uid}:${call.s}`;
    if (!name || this.seen.has(key) || ctx.chunk.file) return;
    const callee = lastName(call.fn);
    if (!callee) return;
    const known = (n: string) => SCHEDULERS.has(n) || STEP_SCHEDULE_FACTORIES.has(n) || LEGACY_WARMUP.has(n);
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
      // As for functions: recursion adds nothing (`f = lambda n: f(n - 1)` ran the stack out), and
      // lambdas count towards the depth followed.
      if (this.lambdas.includes(f.expr)) return;
      if (this.lambdas.length + ctx.stack.length >= MAX_INLINE_DEPTH) {
        ctx.unit.taint();
        return;
      }
      this.lambdas.push(f.expr);
      this.expr(f.expr.body, { ...ctx, act: f.act, chunk: f.chunk }, out);
      this.lambdas.pop();
      return;
    }
    if (ctx.stack.includes(f.fn)) return; // recursion adds nothing new
    this.budget -= CALL_COST;
    if (ctx.stack.length >= MAX_INLINE_DEPTH || this.budget < 0) {
      ctx.unit.taint();
      return;
    }
    this.result.inlined.add(f.fn);
    this.ev.module.deps?.chunks.add(f.fn.chunk);
    const env = call ? bindArguments(this.ev, f.fn, call, ctx.chunk, ctx.act, f.self !== null) : null;
    const act = new Activation(f.fn, env, f.act, f.self, call ? { call, chunk: ctx.chunk, act: ctx.act } : null);
    if (f.fn.def.tainted) ctx.unit.taint();
    // Entering another file: what happens there is placed on this call (see WalkState.via).
    const via = ctx.via ?? (f.fn.chunk.file && !ctx.chunk.file ? viaCall(call, ctx) : null);
    this.block(f.fn.def.body, { ...ctx, act, chunk: f.fn.chunk, stack: [...ctx.stack, f.fn], via }, out);
  }


  /**
   * `trainer.train()` on an instance of a class of another project file (`from trainer import
   * Trainer`): the method's name is not defined in this file, yet it is followed like a same-file one.
   */
  private foreignMethod(obj: Expr, name: string, ctx: WalkState): boolean {
    if (!this.ev.project || !(obj.k === 'name' || (obj.k === 'attr' && onSelf(obj.obj, ctx.act)))) return false;
    return this.ev.expr(obj, ctx.chunk, ctx.act).some((v) => v.k === 'instance' && v.cls.chunk.file !== undefined && v.cls.methods.has(name));
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

/** Helpers named for clearing gradients (`zero_grads(model)`, `clear_gradients`, `reset_grad`). */
const CLEARING_NAME = /(?:zero|clear|reset|none|free)_?grad|grads?_?(?:zero|clear|reset|none)/i;

const NO_VALUES: readonly Val[] = [];

/** `self.x(…)` / `super().x(…)` inside a method. */
function onSelf(obj: Expr, act: Activation): boolean {
  if (!act.fn?.cls) return false;
  return (obj.k === 'name' && obj.id === act.fn.selfName) || (obj.k === 'call' && lastName(obj.fn) === 'super');
}

function isZero(x: Expr | undefined): boolean {
  return x?.k === 'num' && x.v === 0;
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
