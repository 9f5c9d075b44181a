/**
 * Where the inputs of classification losses come from: for every call of CrossEntropyLoss, NLLLoss,
 * BCELoss, BCEWithLogitsLoss or their functional twins, whether its input (and its target) was
 * produced by a softmax, a log_softmax, a sigmoid or an `nn.Linear` layer, and by what.
 *
 * A function body (or one top-level statement) is read in program order, so a name holds what its
 * last assignment gave it: `out = out.softmax(1)` after the loss leaves the loss's `out` the
 * logits. Branches join, and a name whose paths disagree is unknown: the rules only speak when
 * every path feeds the loss the same kind of value. Names not assigned earlier on the way
 * (globals, attributes of `self`, another statement's names) take every assignment as a candidate,
 * as the rest of the model does (scope.ts), and again all must agree.
 *
 * Networks are followed into their `forward` (a class of the file, through its bases) and into
 * `nn.Sequential`: a network whose every `return` is a softmax output produces one when called.
 * Classes and assignments are looked up whether or not the prefilter read their statement, so that
 * what is found never depends on it.
 */
import type { CallExpr, Expr, Stmt } from '../syntax/ir';
import { forEachExpr, forEachStmtExpr, lastName } from '../syntax/ir';
import type { Chunk, Source } from '../syntax/source';
import type { ModelCache } from './module';
import { lookup, type Binding, type ClassInfo, type FuncInfo, type Scope } from './scope';
import type { Evaluator, ModuleEnv, Val } from './values';
import { argumentFor, callSites, callsParameter, classOf, isParam, type CallSite } from './lossCallers';
import { entry, Env, type Entry } from './lossEnv';
import { siteOf, type Site } from './valueTypes';
import type { ClassificationLoss, OutputActivation } from '../../core/torch';
import {
  ACTIVATION_FUNCTION_MODULE_SET, activationFunction, activationMethod, activationModule, firstArg, forwardOf, FUNCTIONAL_LOSS_MODULES,
  FUNCTIONAL_LOSSES, LAYER_MODULE_SET, logOf, LOSS_CLASS_SET, LOSS_MODULE_SET, MODULE_SELF_METHODS, MODULE_WRAPPERS, reads,
  SAME_VALUES_FUNCTIONS, SAME_VALUES_METHODS, sameAV, clamped, splitPath, weaken, lossNames, type AV, type Origin, type Pre,
} from './lossValues';

export type { Origin, Produced } from './lossValues';

/** One argument of a loss call that a produced value reaches. */
export interface Fed {
  readonly arg: Site;
  readonly origin: Origin;
  /**
   * Text edits that drop the activation from the loss's path, when one is safe: the argument
   * replaced by the activation's input (which still holds the same value there), or, when the
   * activation's name is read by the loss alone, the activation call replaced by its input.
   */
  readonly bypass: { readonly site: Site; readonly text: string } | null;
}

export interface LossFeed {
  readonly loss: ClassificationLoss;
  /** The callee as written: `F.cross_entropy`, `criterion`, `self.loss_fn`. */
  readonly callee: string;
  /** The loss call. */
  readonly site: Site;
  readonly input: Fed | null;
  readonly target: Fed | null;
}

interface Frame {
  readonly fn: FuncInfo | null;
  /** Null when reading a binding out of order (a global, an attribute of self). */
  readonly env: Env | null;
  readonly returns: (AV | null)[] | null;
  /** Loss calls are recorded (not when reading a network's forward for what it returns). */
  readonly record: boolean;
  /** The statements read in order, for counting a name's reads. */
  readonly body: readonly Stmt[];
}

const MAX_DEPTH = 24;

/** A frame reading names out of order: every binding a name has. */
function outOfOrder(fn: FuncInfo | null): Frame {
  return { fn, env: null, returns: null, record: false, body: [] };
}

/** Text without these has no classification loss to check. */
const LOSS_TEXT = /CrossEntropyLoss|NLLLoss|BCELoss|BCEWithLogitsLoss|cross_entropy|nll_loss/;
const DEF = /\bdef\b/;

/**
 * The loss calls of `source` whose input or target is a produced value. The statements read are
 * those naming a loss (its class, its function, or a name the text binds to one), chosen here
 * rather than by the prefilter: the training-loop model does not flatten them, and what is found
 * is the same with the prefilter on or off.
 */
export function findLossFeeds(ev: Evaluator, source: Source, cache: ModelCache): LossFeed[] {
  if (!LOSS_TEXT.test(source.text)) return [];
  const callees = new Set<string>([...FUNCTIONAL_LOSSES.keys()]);
  for (const n of lossNames(source.text)) callees.add(n);
  const names = [...callees].join('|');
  const mentions = new RegExp(`\\b(?:${names})\\b|(?:CrossEntropyLoss|NLLLoss|BCELoss|BCEWithLogitsLoss)\\s*\\(`);
  // A loss passed as an argument (`train(net, nn.CrossEntropyLoss())`, `fit(loss_fn=criterion)`):
  // functions calling a parameter may be calling it, whatever they name it.
  const passed = new RegExp(`[(,]\\s*(?:\\w+\\s*=\\s*)?(?:[\\w.]+\\.)?(?:(?:CrossEntropyLoss|NLLLoss|BCELoss|BCEWithLogitsLoss)\\s*\\(|(?:${names})\\s*[,)])`).test(source.text);
  const walker = new LossWalker(ev, callees, mentions, source, cache, passed);
  for (const chunk of source.chunks) {
    if (!mentions.test(chunk.text) && !(passed && DEF.test(chunk.text))) continue;
    const m = cache.model(source, chunk).enumerate();
    if (mentions.test(chunk.text)) walker.walk(m.stmts.filter((s) => s.k !== 'def' && s.k !== 'class'), chunk, null);
    for (const fn of m.functions) {
      const text = chunk.text.slice(fn.def.s, fn.def.e);
      if (mentions.test(text) || (passed && callsParameter(fn, text))) walker.walk(fn.def.body.stmts, chunk, fn);
    }
  }
  return walker.feeds.filter((f) => f.input || f.target);
}

class LossWalker {
  readonly feeds: LossFeed[] = [];
  private version = 0;
  private depth = 0;
  private readonly globals = new Map<readonly Binding[], AV | null | 'busy'>();
  private readonly forwards = new Map<ClassInfo, AV | null | 'busy'>();
  private readonly seen = new Set<string>();
  private readonly arguments = new Map<Binding, AV | null | 'busy'>();
  private readonly callers = new Map<FuncInfo, CallSite[] | null>();

  constructor(
    private readonly ev: Evaluator,
    private readonly callees: ReadonlySet<string>,
    /** Text that may hold a loss call. */
    private readonly mentions: RegExp,
    private readonly source: Source,
    private readonly cache: ModelCache,
    /** The file passes a loss as an argument somewhere: a called parameter may be one. */
    private readonly passed: boolean,
  ) {}

  walk(stmts: readonly Stmt[], chunk: Chunk, fn: FuncInfo | null): void {
    this.block(stmts, chunk, { fn, env: new Env(), returns: null, record: true, body: stmts });
  }

  private block(stmts: readonly Stmt[], chunk: Chunk, f: Frame): void {
    for (const s of stmts) this.stmt(s, chunk, f);
  }

  /** Reads `body` on a branch of the frame's names, returning what it assigned. */
  private branch(stmts: readonly Stmt[], chunk: Chunk, f: Frame): Env | null {
    if (!f.env) return null;
    const env = new Env(f.env);
    this.block(stmts, chunk, { ...f, env });
    return env;
  }

  /**
   * After branches (and, with `fallThrough`, the path that takes none of them): each name keeps its
   * value where all paths agree.
   */
  private join(f: Frame, branches: readonly (Env | null)[], fallThrough: boolean): void {
    const env = f.env;
    if (!env) return;
    const names = new Set<string>();
    for (const b of branches) for (const n of b?.assigned() ?? []) names.add(n);
    for (const n of names) {
      const paths = branches.map((b) => b?.get(n));
      // The path taking no branch keeps what the name held before: for a parameter not assigned
      // on the way, what its calls pass (`if criterion is None: criterion = …`).
      if (fallThrough) paths.push(env.get(n) ?? this.parameterEntry(n, f));
      const entries = paths.filter((x): x is Entry => x !== undefined);
      const first = entries[0];
      if (!first) continue;
      if (entries.every((x) => x === first)) env.set(n, first);
      else env.set(n, entry(++this.version, null, () => (entries.every((x) => sameAV(x.av, first.av)) && first.av ? weaken(first.av) : null)));
    }
  }

  /** An entry for parameter `name` of the frame's function as its calls give it (undefined: not a parameter). */
  private parameterEntry(name: string, f: Frame): Entry | undefined {
    const fn = f.fn;
    fn?.ensureCollected();
    const param = fn?.scope.bindings.get(name)?.find((b) => b.kind === 'param');
    if (!fn || param?.kind !== 'param') return undefined;
    return entry(++this.version, null, () => this.argument(param, fn));
  }

  private stmt(s: Stmt, chunk: Chunk, f: Frame): void {
    switch (s.k) {
      case 'assign': {
        if (s.value) this.scan(s.value, chunk, f);
        for (const t of s.targets) if (t.k !== 'name' && t.k !== 'seq') this.scan(t, chunk, f);
        const value = s.op === null ? s.value : null;
        for (const t of s.targets) this.bind(t, value, f, chunk);
        return;
      }
      case 'return':
        if (s.x) {
          this.scan(s.x, chunk, f);
          f.returns?.push(this.eval(s.x, chunk, f));
        } else f.returns?.push(null);
        return;
      case 'if': {
        for (const b of s.branches) if (b.test) this.scan(b.test, chunk, f);
        const envs = s.branches.map((b) => this.branch(b.body.stmts, chunk, f));
        this.join(f, envs, s.branches.every((b) => b.test !== null));
        return;
      }
      case 'for':
      case 'while': {
        this.scan(s.k === 'for' ? s.iter : s.test, chunk, f);
        if (s.k === 'for') this.bind(s.target, null, f, chunk);
        this.join(f, [this.branch(s.body.stmts, chunk, f)], true);
        if (s.orelse) this.block(s.orelse.stmts, chunk, f);
        return;
      }
      case 'with':
        for (const item of s.items) {
          this.scan(item.ctx, chunk, f);
          if (item.as) this.bind(item.as, null, f, chunk);
        }
        this.block(s.body.stmts, chunk, f);
        return;
      case 'try': {
        this.block(s.body.stmts, chunk, f);
        this.join(f, s.handlers.map((h) => this.branch(h.body.stmts, chunk, f)), true);
        if (s.orelse) this.block(s.orelse.stmts, chunk, f);
        if (s.final) this.block(s.final.stmts, chunk, f);
        return;
      }
      case 'match': {
        this.scan(s.subject, chunk, f);
        this.join(f, s.cases.map((c) => this.branch(c.body.stmts, chunk, f)), true);
        return;
      }
      case 'def':
      case 'class':
        f.env?.set(s.name, entry(++this.version, null, () => null));
        return;
      default:
        forEachStmtExpr(s, (x) => this.scan(x, chunk, f));
        return;
    }
  }

  private bind(t: Expr, value: Expr | null, f: Frame, chunk: Chunk): void {
    const env = f.env;
    if (!env) return;
    if (t.k === 'name') {
      // Worked out later, in the names as they are now (the value does not see this assignment).
      const at: Frame = { ...f, env: new Env(env), record: false };
      env.set(t.id, entry(++this.version, value, () => (value ? this.eval(value, chunk, at) : null)));
    } else if (t.k === 'seq') {
      const items = value?.k === 'seq' && value.items.length === t.items.length ? value.items : null;
      t.items.forEach((item, i) => this.bind(item, items?.[i] ?? null, f, chunk));
    } else if (t.k === 'star') {
      this.bind(t.x, null, f, chunk);
    }
  }

  /** Records the loss calls in `x`. */
  private scan(x: Expr, chunk: Chunk, f: Frame): void {
    if (!f.record || (!this.mentions.test(chunk.text.slice(x.s, x.e)) && !(this.passed && f.fn))) return;
    forEachExpr(x, (e) => {
      if (e.k !== 'call') return;
      const name = e.fn.k === 'call' ? lastName(e.fn.fn) : lastName(e.fn);
      if (name && (this.callees.has(name) || LOSS_CLASS_SET.has(name) || (this.passed && e.fn.k === 'name' && isParam(f.fn, name)))) this.lossCall(e, chunk, f);
    });
  }

  private lossCall(call: CallExpr, chunk: Chunk, f: Frame): void {
    const key = `${chunk.uid}:${call.s}`;
    if (this.seen.has(key)) return;
    const loss = this.lossOf(call.fn, chunk, f);
    if (!loss) return;
    this.seen.add(key);
    const input = call.args[0]?.k === 'star' ? null : (call.args[0] ?? call.kw.find((k) => k.name === 'input')?.value ?? null);
    const target = call.args[0]?.k === 'star' || call.args[1]?.k === 'star' ? null : (call.args[1] ?? call.kw.find((k) => k.name === 'target')?.value ?? null);
    this.feeds.push({
      loss,
      callee: chunk.text.slice(call.fn.s, call.fn.e),
      site: siteOf(chunk, call),
      input: input ? this.fed(input, chunk, f) : null,
      target: target ? this.fed(target, chunk, f) : null,
    });
  }

  private lossOf(fn: Expr, chunk: Chunk, f: Frame): ClassificationLoss | null {
    const path = this.pathOf(fn, chunk, f);
    const av = path !== null ? this.lossFunction(path) : this.eval(fn, chunk, f);
    return av?.k === 'loss' ? av.cls : null;
  }

  /** `torch.nn.functional.cross_entropy` and its siblings, as a loss value. */
  private lossFunction(path: string): AV | null {
    const { module, name } = splitPath(path);
    const cls = FUNCTIONAL_LOSSES.get(name);
    return cls && FUNCTIONAL_LOSS_MODULES.has(module) ? { k: 'loss', cls } : null;
  }

  private fed(arg: Expr, chunk: Chunk, f: Frame): Fed | null {
    const av = this.eval(arg, chunk, f);
    if (av?.k !== 'tensor') return null;
    return { arg: siteOf(chunk, arg), origin: av.origin, bypass: this.bypass(arg, av, chunk, f) };
  }

  private bypass(arg: Expr, av: Extract<AV, { k: 'tensor' }>, chunk: Chunk, f: Frame): Fed['bypass'] {
    const { origin } = av;
    const pre = origin.pre;
    if (!av.exact || !pre || pre.chunk !== chunk || origin.site.chunk !== chunk) return null;
    const preText = chunk.text.slice(pre.expr.s, pre.expr.e);
    if (origin.site.s === arg.s && origin.site.e === arg.e) return { site: siteOf(chunk, arg), text: preText };
    if (arg.k !== 'name') return null;
    // Not assigned since the activation read it (never assigned on the way counts: a parameter).
    if (pre.expr.k === 'name' && f.env && (f.env.get(pre.expr.id)?.version ?? null) === pre.version) return { site: siteOf(chunk, arg), text: preText };
    const entry = f.env?.get(arg.id);
    if (entry?.value && entry.value.s === origin.site.s && entry.value.e === origin.site.e && reads(f.body, arg.id) === 1) {
      return { site: origin.site, text: preText };
    }
    return null;
  }

  /** The dotted torch path a callee resolves to (imports followed), or null. */
  private pathOf(fn: Expr, chunk: Chunk, f: Frame): string | null {
    const vals = this.importedValue(fn, chunk, f);
    const first = vals?.[0];
    if (!vals) return null;
    if (first?.k !== 'module' || vals.some((v) => v.k !== 'module' || v.path !== first.path)) return null;
    return first.path;
  }

  /** What a name or dotted name whose root is only ever imported evaluates to (torch paths, project classes). */
  private importedValue(fn: Expr, chunk: Chunk, f: Frame): readonly Val[] | null {
    if (fn.k !== 'name' && fn.k !== 'attr') return null;
    let root: Expr = fn;
    while (root.k === 'attr') root = root.obj;
    if (root.k !== 'name' || f.env?.has(root.id) || !this.importedOrGlobal(root.id, f)) return null;
    const act = f.fn ? this.ev.bareActivation(f.fn) : this.ev.moduleAct;
    return this.ev.expr(fn, chunk, act);
  }

  /**
   * Whether `name` is only ever an import or nothing the file binds (a builtin, a star import), as
   * every chunk shows it: the evaluator reads only what the prefilter chose, and would take a name
   * bound in a statement it skipped for a module.
   */
  private importedOrGlobal(name: string, f: Frame): boolean {
    const scope = f.fn ? f.fn.scope : this.ev.module.scope;
    let known = this.imported.get(scope);
    if (!known) this.imported.set(scope, (known = new Map()));
    let answer = known.get(name);
    if (answer === undefined) {
      // Local names are looked up as usual; at module level the import test reads text only.
      let local: Scope | null = scope;
      while (local && local.kind !== 'module') {
        local.fn?.ensureCollected();
        if (local.bindings.has(name) && !local.globals.has(name)) break;
        local = local.parent;
      }
      answer = local && local.kind !== 'module'
        ? (local.bindings.get(name) ?? []).every((b) => b.kind === 'import')
        : (this.envOf(f.fn)?.onlyImported(name) ?? false);
      known.set(name, answer);
    }
    return answer;
  }

  private readonly imported = new Map<Scope, Map<string, boolean>>();

  private eval(x: Expr, chunk: Chunk, f: Frame): AV | null {
    if (this.depth > MAX_DEPTH) return null;
    this.depth++;
    try {
      return this.evalInner(x, chunk, f);
    } finally {
      this.depth--;
    }
  }

  private evalInner(x: Expr, chunk: Chunk, f: Frame): AV | null {
    switch (x.k) {
      case 'name': {
        const self = f.fn?.selfName;
        if (self && x.id === self && f.fn?.cls) return { k: 'instance', cls: f.fn.cls };
        const entry = f.env?.get(x.id);
        return this.unlessChanged(entry ? entry.av : this.global(x.id, f), x.id, f);
      }
      case 'attr': {
        const self = f.fn?.selfName;
        if (self && x.obj.k === 'name' && x.obj.id === self && f.fn?.cls) return this.unlessChanged(this.selfAttr(f.fn.cls, x.attr), x.attr, f);
        // `ce = F.cross_entropy`: the function itself, bound to a name.
        const path = this.pathOf(x, chunk, f);
        if (path !== null) return this.lossFunction(path);
        // `net.Network`: a class of another project file.
        const vals = this.ev.project ? this.importedValue(x, chunk, f) : null;
        return vals ? classOf(vals) : null;
      }
      case 'call':
        return this.call(x, chunk, f);
      case 'sub': {
        const obj = this.eval(x.obj, chunk, f);
        return obj?.k === 'tensor' ? weaken(obj) : null;
      }
      case 'ifexp': {
        const a = this.eval(x.body, chunk, f);
        const b = this.eval(x.orelse, chunk, f);
        return a && sameAV(a, b) ? weaken(a) : null;
      }
      default:
        return null;
    }
  }

  private call(x: CallExpr, chunk: Chunk, f: Frame): AV | null {
    const path = this.pathOf(x.fn, chunk, f);
    if (path !== null) return this.torchCall(path, x, chunk, f);
    if (x.fn.k === 'attr') {
      const { attr, obj } = x.fn;
      const onSelf = obj.k === 'name' && obj.id === f.fn?.selfName;
      const tag = activationMethod(attr);
      if (tag && !onSelf) return this.produced(tag, x, chunk, f, 'method', `.${attr}()`, obj);
      if (SAME_VALUES_METHODS.has(attr) || MODULE_SELF_METHODS.has(attr)) {
        const o = this.eval(obj, chunk, f);
        if (o?.k === 'tensor' && SAME_VALUES_METHODS.has(attr)) return clamped(attr, o);
        if ((o?.k === 'layer' || o?.k === 'instance') && MODULE_SELF_METHODS.has(attr)) return o;
        return null;
      }
      if (attr === 'log') return logOf(this.eval(obj, chunk, f));
      if (attr === 'forward') return this.invoke(this.eval(obj, chunk, f), x, chunk, f);
    }
    return this.invoke(this.eval(x.fn, chunk, f), x, chunk, f);
  }

  /** Calling a module value: a layer's or a network's output, or an instance of a class. */
  private invoke(callee: AV | null, x: CallExpr, chunk: Chunk, f: Frame): AV | null {
    if (!callee) return null;
    if (callee.k === 'class') return { k: 'instance', cls: callee.cls };
    if (callee.k === 'instance') return this.forward(callee.cls);
    if (callee.k === 'layer') {
      if (!callee.direct) return { k: 'tensor', origin: callee.origin, exact: false };
      // Applied here: the call is where the value is made (a Sequential's layer is where it sits).
      const input = firstArg(x);
      return { k: 'tensor', origin: { ...callee.origin, site: siteOf(chunk, x), pre: input ? this.pre(input, chunk, f) : null }, exact: true };
    }
    return null;
  }

  private torchCall(path: string, x: CallExpr, chunk: Chunk, f: Frame): AV | null {
    const { module, name } = splitPath(path);
    const fnTag = activationFunction(name);
    if (fnTag && ACTIVATION_FUNCTION_MODULE_SET.has(module)) return this.produced(fnTag, x, chunk, f, 'function', chunk.text.slice(x.fn.s, x.fn.e), firstArg(x));
    if (LAYER_MODULE_SET.has(module)) {
      const modTag = activationModule(name) ?? (name === 'Linear' || name === 'LazyLinear' ? 'linear' : undefined);
      if (modTag) return { k: 'layer', origin: { tag: modTag, site: siteOf(chunk, x), how: 'layer', name: chunk.text.slice(x.fn.s, x.fn.e), pre: null }, direct: true };
      if (name === 'Sequential') {
        const args = x.args.filter((a) => a.k !== 'star');
        const last = args.length === x.args.length ? args[args.length - 1] : undefined;
        const av = last ? this.eval(last, chunk, f) : null;
        if (av?.k === 'layer') return { ...av, direct: false };
        return av?.k === 'instance' ? av : null;
      }
    }
    if (LOSS_MODULE_SET.has(module) && LOSS_CLASS_SET.has(name)) return { k: 'loss', cls: name as ClassificationLoss };
    if (MODULE_WRAPPERS.has(name)) {
      const inner = firstArg(x);
      const av = inner ? this.eval(inner, chunk, f) : null;
      return av?.k === 'layer' || av?.k === 'instance' ? av : null;
    }
    if (module === 'torch' && (SAME_VALUES_FUNCTIONS.has(name) || name === 'log')) {
      const inner = firstArg(x);
      const av = inner ? this.eval(inner, chunk, f) : null;
      if (name === 'log') return logOf(av);
      return av?.k === 'tensor' ? clamped(name, av) : null;
    }
    return null;
  }

  private produced(tag: OutputActivation, x: CallExpr, chunk: Chunk, f: Frame, how: Origin['how'], name: string, input: Expr | null): AV {
    return { k: 'tensor', origin: { tag, site: siteOf(chunk, x), how, name, pre: input ? this.pre(input, chunk, f) : null }, exact: true };
  }

  private pre(expr: Expr, chunk: Chunk, f: Frame): Pre {
    return { expr, chunk, version: expr.k === 'name' ? (f.env?.get(expr.id)?.version ?? null) : null };
  }

  /** A name not assigned on the way: every binding it has, which must agree. */
  private global(name: string, f: Frame): AV | null {
    const scope = f.fn ? f.fn.scope : this.ev.module.scope;
    const env = this.envOf(f.fn);
    if (!env) return null;
    const found = lookup(name, scope, (n) => env.lookupAll(n));
    if (!found) return null;
    const hit = this.globals.get(found.bindings);
    if (hit === 'busy') return null;
    if (hit !== undefined) return hit;
    this.globals.set(found.bindings, 'busy');
    const av = this.agree(found.bindings.map((b) => this.binding(b, found.scope.fn, name, f.fn)));
    this.globals.set(found.bindings, av);
    return av;
  }

  /**
   * The module level of the file `fn` is in (null: the analysed file's own module level), or null
   * for another file the project does not know.
   */
  private envOf(fn: FuncInfo | null): ModuleEnv | null {
    const file = fn?.chunk.file;
    if (!file) return this.ev.module;
    return this.ev.project?.home(file)?.env ?? null;
  }

  /** What binding `b` of `name` (in `fn`, null: module level) gives, read from code in `from`. */
  private binding(b: Binding, fn: FuncInfo | null, name: string, from: FuncInfo | null): AV | null {
    if (b.kind === 'class') return { k: 'class', cls: b.cls };
    if (b.kind === 'param') return fn ? this.argument(b, fn) : null;
    if (b.kind === 'import') {
      // Resolved against the importing file's folder (another file's for its module level).
      const file = (fn ?? from)?.chunk.file;
      const act = file ? this.ev.project?.home(file)?.act : this.ev.moduleAct;
      return act ? classOf(this.ev.binding(b, name, act)) : null;
    }
    // Another file's module-level values are not read (the frame would name this file's).
    if (b.kind !== 'assign' || (b.chunk.file && !fn)) return null;
    let value: Expr | undefined = b.value;
    for (const i of b.path) value = value?.k === 'seq' ? value.items[i] : undefined;
    return value ? this.eval(value, b.chunk, outOfOrder(fn)) : null;
  }

  /**
   * A parameter of a function of this file: what every call of it in the file passes (or the
   * default it leaves), which must agree. Unknown when a caller is not known (callSites).
   */
  private argument(b: Extract<Binding, { kind: 'param' }>, fn: FuncInfo): AV | null {
    const hit = this.arguments.get(b);
    if (hit === 'busy') return null;
    if (hit !== undefined) return hit;
    this.arguments.set(b, 'busy');
    let sites = this.callers.get(fn);
    if (sites === undefined) {
      sites = callSites(fn, this.source, this.cache, this.ev.module.scope, (n) => this.ev.module.lookupAll(n));
      this.callers.set(fn, sites);
    }
    const avs: (AV | null)[] = [];
    for (const site of sites ?? []) {
      const arg = argumentFor(fn, site.call, b.index, b.param);
      if (arg === null) {
        avs.push(null);
        break;
      }
      avs.push(arg === 'default'
        ? this.eval(b.param.default as Expr, fn.chunk, outOfOrder(fn.outer.fn))
        : this.eval(arg, site.chunk, outOfOrder(site.caller)));
    }
    const av = sites ? this.agree(avs) : null;
    this.arguments.set(b, av);
    return av;
  }

  private agree(avs: readonly (AV | null)[]): AV | null {
    const first = avs[0];
    if (!first || !avs.every((a) => sameAV(a, first))) return null;
    return avs.length > 1 ? weaken(first) : first;
  }

  /** A Sequential known by its constructor's last layer, unless the file changes its layers later. */
  private unlessChanged(av: AV | null, name: string, f: Frame): AV | null {
    if (av?.k !== 'layer' || av.direct) return av;
    return this.envOf(f.fn)?.containerMutated(name) === false ? av : null;
  }

  /** `self.<attr>` in a method: what every `self.<attr> = …` of the class (or its bases) assigns. */
  private selfAttr(cls: ClassInfo, attr: string, seen = new Set<ClassInfo>()): AV | null {
    if (seen.has(cls)) return null;
    seen.add(cls);
    if (cls.methods.has(attr)) return null;
    cls.ensureAttrs();
    const assigned = cls.attrs.get(attr);
    if (assigned) {
      const key = assigned.map((a) => a.binding);
      const hit = this.globals.get(assigned as unknown as readonly Binding[]);
      if (hit === 'busy') return null;
      if (hit !== undefined) return hit;
      this.globals.set(assigned as unknown as readonly Binding[], 'busy');
      const av = this.agree(key.map((b, i) => this.binding(b, assigned[i]?.method ?? null, attr, assigned[i]?.method ?? null)));
      this.globals.set(assigned as unknown as readonly Binding[], av);
      return av;
    }
    for (const base of this.ev.bases(cls)) {
      const found = this.selfAttr(base, attr, seen);
      if (found) return found;
    }
    return null;
  }

  /** What calling an instance of `cls` returns: its forward's value where every return agrees. */
  private forward(cls: ClassInfo): AV | null {
    const hit = this.forwards.get(cls);
    if (hit === 'busy') return null;
    if (hit !== undefined) return hit;
    const fn = forwardOf(this.ev, cls);
    if (!fn || !this.envOf(fn)) return null;
    this.forwards.set(cls, 'busy');
    const returns: (AV | null)[] = [];
    this.block(fn.def.body.stmts, fn.chunk, { fn, env: new Env(), returns, record: false, body: fn.def.body.stmts });
    const av = this.agree(returns);
    const out: AV | null = av?.k === 'tensor' ? { k: 'tensor', origin: { ...av.origin, how: 'network', name: cls.name, pre: null }, exact: false } : null;
    this.forwards.set(cls, out);
    return out;
  }
}
