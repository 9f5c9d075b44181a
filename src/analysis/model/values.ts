/**
 * A tiny abstract interpreter: what an expression may evaluate to, as far as the rules care
 * (an optimizer and where it was made, a scheduler, a data loader, a same-file function, a number
 * for constant propagation, or an opaque symbol with a stable identity).
 *
 * The values are declared in valueTypes.ts and the operations on lists of them are in valueOps.ts;
 * both are re-exported here.
 */
import type { CallExpr, Expr, ExprOf } from '../syntax/ir';
import { dotted, lastName } from '../syntax/ir';
import type { Chunk } from '../syntax/source';
import { ClassInfo, FuncInfo, lookup, type Binding, type Scope } from './scope';
import {
  ENGINE_MODULES, OPTIMIZER_MODULES, OPTIMIZERS, PASSTHROUGH_WRAPPERS, SCHEDULER_MODULES, SCHEDULERS, torchBaseKind,
  STEP_SCHEDULE_FACTORIES, STEP_SCHEDULE_MODULES, LEGACY_WARMUP, LEGACY_WARMUP_MODULES,
} from './torch';
import { parseArgsKind } from './argparse';
import { IGNITE_ENGINE, IGNITE_SUPERVISED_TRAINER } from './ignite';
import { append, bindArguments, fold, limit, modelRoots, named, pick, returnExprs } from './valueOps';
import { Activation, siteKey, siteOf, type ForeignHome, type ProjectLink, type Val } from './valueTypes';

export { bindArguments } from './valueOps';
export {
  Activation, identity, siteKey, siteOf, type CallSite, type ForeignHome, type ProjectLink, type SchedulerFamily, type SchedulerVal, type Site, type Val,
} from './valueTypes';

const MAX_DEPTH = 12;
/** Expression evaluations per root; past it everything is unknown (bounds pathological input). */
const BUDGET = 300_000;

export interface ModuleEnv {
  readonly scope: Scope;
  /** Module-level bindings of `name`; `parse` also parses inert definitions (for base classes). */
  lookup(name: string, parse?: boolean): readonly Binding[] | undefined;
  /** The command-line default the file declares for `dest` (undefined: not declared). */
  argumentDefault(dest: string): number | null | undefined;
  /** Whether the file assigns an attribute named `attr` anywhere (or calls `setattr`). */
  attributeAssigned(attr: string): boolean;
  /** Whether the file changes the layers of a container module named `name` after building it. */
  containerMutated(name: string): boolean;
  /** Module-level bindings of `name` in every chunk, whatever the prefilter read. */
  lookupAll(name: string): readonly Binding[] | undefined;
  /** Whether every module-level binding of `name` (as `lookupAll` finds them) is an import. */
  onlyImported(name: string): boolean;
  /** What rebinds `name` where scope lookups do not look (empty: nothing), model/module.ts. */
  rebinding(name: string, moduleLevel: boolean): readonly Binding[];
  /** Where the chunks read are recorded, when a result is to be cached. */
  readonly deps: { readonly chunks: Set<Chunk> } | null;
}


export class Evaluator {
  private depth = 0;
  private budget = BUDGET;
  /**
   * What is being evaluated, innermost last (bindings, functions whose returns are read, and names
   * with the activation owning them): re-entering one is a cycle. Stacks, not sets: they stay a few
   * entries deep (MAX_DEPTH) and are pushed and popped for every name read.
   */
  private readonly active: unknown[] = [];
  private readonly activeNames: string[] = [];
  private readonly activeOwners: Activation[] = [];
  /** Values of names per activation (an activation's parameters never change). */
  private readonly memo = new Map<Activation, Map<string, readonly Val[]>>();
  /**
   * What `name` gave per activation and name, so a name read again skips the scope walk. Only
   * values that are in `memo` (or unbound names) are kept, and it is reset with it.
   */
  private readonly resolved = new Map<Activation, Map<string, readonly Val[] | null>>();
  /** One parameter-less activation per function, so their evaluations share the memo. */
  private readonly bare = new Map<FuncInfo, Activation>();
  readonly moduleAct = new Activation(null, null, null, null);

  constructor(
    readonly module: ModuleEnv,
    readonly project: ProjectLink | null = null,
  ) {}

  /** The foreign file `act` runs in, or null for the analysed file. */
  private homeOf(act: Activation): ForeignHome | null {
    const project = this.project;
    if (!project) return null;
    const file = act.fn?.chunk.file;
    if (file) return project.home(file);
    return act.fn ? null : project.homeOfAct(act);
  }

  /** The folder imports in `act`'s file are resolved against. */
  private dirOf(act: Activation): string | null {
    if (!this.project) return null;
    return this.homeOf(act)?.dir ?? this.project.dir;
  }

  /**
   * Forgets memoised values. Called before each root is flattened, so every root records all it
   * reads (a value memoised for another root would hide that root's dependencies).
   */
  resetMemo(): void {
    this.memo.clear();
    this.resolved.clear();
    this.bare.clear();
    this.torchKinds.clear();
    this.budget = BUDGET;
  }

  expr(x: Expr, chunk: Chunk, act: Activation): readonly Val[] {
    this.module.deps?.chunks.add(chunk);
    if (this.depth > MAX_DEPTH || --this.budget < 0) return [this.symbol(chunk, x)];
    this.depth++;
    try {
      return this.exprInner(x, chunk, act);
    } finally {
      this.depth--;
    }
  }

  private symbol(chunk: Chunk, x: { s: number }, name: string | null = null): Val {
    return { k: 'symbol', key: `site:${siteKey(chunk, x)}`, name };
  }

  private exprInner(x: Expr, chunk: Chunk, act: Activation): readonly Val[] {
    switch (x.k) {
      case 'name':
        return this.name(x.id, act) ?? this.global(x.id);
      case 'attr': {
        const out: Val[] = [];
        for (const v of this.expr(x.obj, chunk, act)) append(out, this.attribute(v, x.attr));
        return out.length > 0 ? limit(out, () => this.symbol(chunk, x, x.attr)) : [this.symbol(chunk, x, x.attr)];
      }
      case 'call':
        return this.call(x, chunk, act);
      case 'num':
        return [{ k: 'num', v: x.v }];
      case 'str':
        return [{ k: 'str', v: x.v }];
      case 'const':
        return x.v === 'None' ? [{ k: 'none' }] : [{ k: 'num', v: x.v === 'True' ? 1 : 0 }];
      case 'seq':
        return [{ k: 'tuple', items: x.items.map((i) => this.expr(i, chunk, act)) }];
      case 'sub': {
        const index = x.index[0];
        if (x.index.length === 1 && index && index.k !== 'other') {
          const picked: Val[] = [];
          for (const v of this.expr(x.obj, chunk, act)) {
            if (v.k !== 'tuple') continue;
            if (v.many) append(picked, v.items[0] ?? []);
            else if (index.k === 'num') append(picked, v.items[index.v] ?? []);
          }
          if (picked.length > 0) return limit(picked, () => this.symbol(chunk, x));
        }
        return [this.symbol(chunk, x)];
      }
      case 'comp':
        return this.comprehension(x, chunk, act);
      case 'bin': {
        const l = this.expr(x.l, chunk, act);
        const r = this.expr(x.r, chunk, act);
        const a = l.length === 1 && l[0]?.k === 'num' ? l[0].v : null;
        const b = r.length === 1 && r[0]?.k === 'num' ? r[0].v : null;
        if (a !== null && b !== null) {
          const v = fold(x.op, a, b);
          if (v !== null) return [{ k: 'num', v }];
        }
        return [this.symbol(chunk, x)];
      }
      case 'unary': {
        const v = this.expr(x.x, chunk, act);
        if (v.length === 1 && v[0]?.k === 'num') return [{ k: 'num', v: x.op === '-' ? -v[0].v : v[0].v }];
        return [this.symbol(chunk, x)];
      }
      case 'lambda':
        return [{ k: 'lambda', expr: x, chunk, act }];
      case 'ifexp': {
        const out: Val[] = [];
        append(out, this.expr(x.body, chunk, act));
        append(out, this.expr(x.orelse, chunk, act));
        return limit(out, () => this.symbol(chunk, x));
      }
      default:
        return [this.symbol(chunk, x)];
    }
  }

  /**
   * A list (set, generator) comprehension of optimizers is a collection of them: each element is
   * a distinct optimizer from every other construction (`optimizer_t[i].zero_grad()` does not
   * clear `optimizer_g`). Only optimizers: the element is evaluated outside the comprehension's own
   * scope, so values that depend on its variable (a scheduler's arguments) would be wrong.
   */
  private comprehension(x: ExprOf<'comp'>, chunk: Chunk, act: Activation): readonly Val[] {
    const element = x.dict ? undefined : x.subs[0];
    const vals = element ? this.expr(element, chunk, act) : [];
    if (vals.length === 0 || vals.some((v) => v.k !== 'optimizer')) return [this.symbol(chunk, x)];
    return [{ k: 'tuple', items: [vals], many: true }];
  }

  /** A name bound nowhere in the file: a builtin or a global from elsewhere (values are immutable, so shared). */
  private global(name: string): readonly Val[] {
    let vals = this.globals.get(name);
    if (!vals) this.globals.set(name, (vals = [{ k: 'module', path: name }]));
    return vals;
  }

  private readonly globals = new Map<string, readonly Val[]>();
  /**
   * Always parsing what binds the name (a function or class the prefilter did not read): a call
   * into it is followed, its returns and instances read, exactly as with every chunk read. An
   * unread definition taken for an unknown value would be handed the optimizer (and may clear its
   * gradients) where the same definition read does nothing with it.
   */
  private readonly moduleLookup = (n: string) => this.module.lookup(n, true);

  /** The values a name may have in `act`, or null when it is bound nowhere (a global or builtin). */
  name(name: string, act: Activation): readonly Val[] | null {
    if (act.fn && act.self && name === act.fn.selfName) return act.self;
    let known = this.resolved.get(act);
    const hit = known?.get(name);
    if (hit !== undefined) return hit;
    const home = this.project ? this.homeOf(act) : null;
    const scope = act.scope ?? (home ? home.env.scope : this.module.scope);
    const found = lookup(name, scope, home ? home.find : this.moduleLookup);
    if (!found) {
      if (!known) this.resolved.set(act, (known = new Map()));
      known.set(name, null);
      return null;
    }
    const owner = this.activationFor(found.scope, act);
    let memo = this.memo.get(owner);
    const memoised = memo?.get(name);
    if (memoised) {
      if (!known) this.resolved.set(act, (known = new Map()));
      known.set(name, memoised);
      return memoised;
    }
    // Not remembered: once the cycle is left, the name has its real value.
    if (this.isActiveName(name, owner)) return [{ k: 'symbol', key: `cycle:${name}`, name }];
    this.activeNames.push(name);
    this.activeOwners.push(owner);
    try {
      const out: Val[] = [];
      for (const b of found.bindings) append(out, this.binding(b, name, owner));
      const result = limit(out, () => ({ k: 'symbol', key: `many:${name}`, name }));
      if (!memo) this.memo.set(owner, (memo = new Map()));
      memo.set(name, result);
      return result;
    } finally {
      this.activeNames.pop();
      this.activeOwners.pop();
    }
  }

  private isActiveName(name: string, owner: Activation): boolean {
    for (let i = 0; i < this.activeNames.length; i++) if (this.activeNames[i] === name && this.activeOwners[i] === owner) return true;
    return false;
  }

  private activationFor(scope: Scope, act: Activation): Activation {
    if (scope.kind === 'module') return (this.project ? this.homeOf(act)?.act : null) ?? this.moduleAct;
    for (let a: Activation | null = act; a; a = a.parent) if (a.fn?.scope === scope) return a;
    return scope.fn ? this.bareActivation(scope.fn) : this.moduleAct;
  }

  bareActivation(fn: FuncInfo): Activation {
    let act = this.bare.get(fn);
    if (!act) this.bare.set(fn, (act = new Activation(fn, null, null, null)));
    return act;
  }

  binding(b: Binding, name: string, act: Activation): readonly Val[] {
    if (b.kind === 'param') {
      const bound = act.env?.get(name);
      if (bound) return bound;
      if (act.fn && act.self && b.index === 0 && act.fn.bindsSelf) return act.self;
      return [{ k: 'symbol', key: `param:${act.fn?.id ?? 0}:${name}`, name }];
    }
    if (this.active.includes(b)) return [{ k: 'symbol', key: `cycle:${name}`, name }];
    this.active.push(b);
    try {
      return this.bindingInner(b, name, act);
    } finally {
      this.active.pop();
    }
  }

  private bindingInner(b: Binding, name: string, act: Activation): readonly Val[] {
    switch (b.kind) {
      case 'assign':
        return named(pick(this.expr(b.value, b.chunk, act), b.path), name);
      case 'for': {
        const items: Val[] = [];
        for (const v of this.expr(b.iter, b.chunk, act)) if (v.k === 'tuple') for (const item of v.items) append(items, item);
        const picked = items.length > 0 ? pick(limit(items, () => ({ k: 'symbol', key: `many:${name}`, name })), b.path) : [];
        return picked.length > 0 ? picked : [{ k: 'symbol', key: `for:${siteKey(b.chunk, b.iter)}:${name}`, name }];
      }
      case 'import': {
        const { module, name: imported } = b.item;
        const base = this.dirOf(act);
        if (base !== null && imported !== null && imported !== '*') {
          // `from . import engine` is `.engine`, not `..engine`.
          const path = /^\.+$/.test(module) ? `${module}${imported}` : `${module}.${imported}`;
          return this.projectValue(path, base);
        }
        const path = imported === null ? (b.item.alias === module.split('.')[0] ? b.item.alias : module) : `${module}.${imported}`;
        return [base === null ? { k: 'module', path } : { k: 'module', path, base }];
      }
      case 'def':
        return [{ k: 'func', fn: b.fn, self: null, act: b.fn.outer.kind === 'module' ? null : act }];
      case 'class':
        return [{ k: 'class', cls: b.cls }];
      case 'with':
        return [{ k: 'symbol', key: `with:${siteKey(b.chunk, b.value)}:${name}`, name }];
      case 'opaque':
        return [{ k: 'symbol', key: `opaque:${b.chunk.uid}:${name}`, name }];
      case 'inert':
        return [{ k: 'symbol', key: `inert:${b.chunk.uid}:${name}`, name }];
      default:
        return [];
    }
  }

  /** An imported dotted name: a function, class or value of another project file, or a module path. */
  private projectValue(path: string, base: string): readonly Val[] {
    const found = this.project?.resolve(path, base);
    if (!found) return [{ k: 'module', path, base }];
    if (found.kind === 'def') return [{ k: 'func', fn: found.fn, self: null, act: null }];
    if (found.kind === 'class') return [{ k: 'class', cls: found.cls }];
    const out: Val[] = [];
    for (const b of found.bindings) append(out, this.binding(b, found.name, found.home.act));
    return limit(out, () => ({ k: 'symbol', key: `many:${path}`, name: found.name }));
  }

  /** `v.attr` */
  attribute(v: Val, attr: string): readonly Val[] {
    switch (v.k) {
      case 'module':
        return v.base === undefined ? [{ k: 'module', path: `${v.path}.${attr}` }] : this.projectValue(`${v.path}.${attr}`, v.base);
      case 'instance':
        return this.classAttr(v.cls, attr, [v]);
      case 'class':
        return this.classField(v.cls, attr) ?? [];
      case 'symbol':
        return [{ k: 'symbol', key: `${v.key}.${attr}`, name: attr }];
      case 'argns': {
        const given = v.env.argumentDefault(attr);
        return typeof given === 'number' ? [{ k: 'num', v: given, cli: true }] : [{ k: 'symbol', key: `${v.key}.${attr}`, name: attr }];
      }
      default:
        return [];
    }
  }

  /** An attribute of an instance of a same-file class: a method, or what `self.attr = …` assigned. */
  classAttr(cls: ClassInfo, attr: string, self: readonly Val[], seen = new Set<ClassInfo>()): readonly Val[] {
    if (seen.has(cls)) return [];
    seen.add(cls);
    const method = cls.methods.get(attr);
    if (method) return [{ k: 'func', fn: method, self, act: null }];
    cls.ensureAttrs();
    const assigned = cls.attrs.get(attr);
    if (assigned) {
      const out: Val[] = [];
      for (const { binding, method: m } of assigned) append(out, this.binding(binding, attr, new Activation(m, null, null, self)));
      return limit(out, () => ({ k: 'symbol', key: `attr:${cls.id}:${attr}`, name: attr }));
    }
    const field = this.constructedPlainly(cls, self) ? this.classField(cls, attr) : null;
    if (field) return field;
    for (const base of this.bases(cls)) {
      const found = this.classAttr(base, attr, self, seen);
      if (found.length > 0) return found;
    }
    return [{ k: 'symbol', key: `attr:${cls.id}:${attr}`, name: attr }];
  }

  /**
   * An instance keeps its class's field values when nothing could have set them at construction:
   * it was made with no arguments (`cfg = Config()`), or the class defines its own `__init__`
   * (which, as no `self.attr = …` was found, leaves the attribute alone). A dataclass, NamedTuple
   * or pydantic model made with arguments may have any value.
   */
  private readonly torchKinds = new Map<ClassInfo, 'optimizer' | 'scheduler' | null>();

  /**
   * Whether a project class derives, directly or through other project classes, from a torch
   * optimizer or scheduler (model/torch.ts torchBaseKind): `class Lion(Optimizer)`,
   * `class WarmupCosine(_LRScheduler)`.
   */
  private torchKind(cls: ClassInfo, seen: Set<ClassInfo> = new Set()): 'optimizer' | 'scheduler' | null {
    const known = this.torchKinds.get(cls);
    if (known !== undefined) return known;
    if (seen.has(cls)) return null;
    seen.add(cls);
    const file = cls.chunk.file;
    const act = (file ? this.project?.home(file)?.act : null) ?? this.moduleAct;
    let kind: 'optimizer' | 'scheduler' | null = null;
    for (const b of cls.outer.kind === 'module' ? cls.stmt.bases : []) {
      for (const v of this.expr(b, cls.chunk, act)) {
        if (kind) break;
        if (v.k === 'module') kind = torchBaseKind(v.path);
        if (v.k === 'class') kind = this.torchKind(v.cls, seen);
      }
    }
    this.torchKinds.set(cls, kind);
    return kind;
  }

  private constructedPlainly(cls: ClassInfo, self: readonly Val[]): boolean {
    if (self.length > 0 && self.every((v) => v.k === 'instance' && v.bare === true)) return true;
    return cls.methods.has('__init__');
  }

  /**
   * A configuration class's field (`class Config: epochs = 90`) read as `Config.epochs` or on a
   * plainly made instance: its values, numbers marked as configurable defaults (`cli`) like an
   * argparse default, since configuration classes are overridden from the command line. Null when
   * the class does not set it once in its body, or a file involved assigns such an attribute.
   */
  classField(cls: ClassInfo, attr: string): readonly Val[] | null {
    if (cls.outer.kind !== 'module' || cls.methods.has(attr)) return null;
    const binding = cls.field(attr);
    if (!binding) return null;
    const file = cls.chunk.file;
    const home = file ? this.project?.home(file) : null;
    if (file && !home) return null;
    if (this.module.attributeAssigned(attr) || home?.env.attributeAssigned(attr)) return null;
    const vals = this.binding(binding, attr, home?.act ?? this.moduleAct);
    return vals.map((v) => (v.k === 'num' ? { ...v, cli: true } : v));
  }

  /** Same-file base classes of `cls`. */
  bases(cls: ClassInfo): ClassInfo[] {
    const out: ClassInfo[] = [];
    for (const b of cls.stmt.bases) {
      const name = dotted(b);
      if (!name || name.includes('.')) continue;
      const home = cls.chunk.file ? this.project?.home(cls.chunk.file) : null;
      const found = lookup(name, cls.outer, home ? home.find : (n) => this.module.lookup(n, true));
      for (const binding of found?.bindings ?? []) if (binding.kind === 'class') out.push(binding.cls);
    }
    return out;
  }

  private call(x: CallExpr, chunk: Chunk, act: Activation): readonly Val[] {
    const fnVals = this.expr(x.fn, chunk, act);
    const out: Val[] = [];
    for (const f of fnVals) {
      const made = this.construct(f, x, chunk, act);
      if (made) append(out, made);
    }
    if (out.length > 0) return limit(out, () => ({ k: 'symbol', key: `call:${siteKey(chunk, x)}`, name: lastName(x.fn) }));
    const parsed = parseArgsKind(x.fn);
    if (parsed) {
      const ns: Val = { k: 'argns', key: `call:${siteKey(chunk, x)}`, env: this.homeOf(act)?.env ?? this.module };
      return parsed === 'namespace' ? [ns] : [{ k: 'tuple', items: [[ns], [this.symbol(chunk, x)]] }];
    }
    const name = lastName(x.fn);
    if (x.fn.k === 'attr' && name && PASSTHROUGH_WRAPPERS.has(name) && !fnVals.some((v) => v.k === 'module' && ENGINE_MODULES.test(v.path))) {
      const args = x.args.filter((a) => a.k !== 'star');
      if (args.length === 1 && args[0]) return this.expr(args[0], chunk, act);
      if (args.length > 1) return [{ k: 'tuple', items: args.map((a) => this.expr(a, chunk, act)) }];
    }
    if (name && /(?:Optimizer|^Lookahead|^LookAhead)$/.test(name) && x.args[0]) {
      const inner = this.expr(x.args[0], chunk, act);
      if (inner.some((v) => v.k === 'optimizer')) return inner;
    }
    return [{ k: 'symbol', key: `call:${siteKey(chunk, x)}`, name }];
  }

  private construct(f: Val, x: CallExpr, chunk: Chunk, act: Activation): readonly Val[] | null {
    const site = siteOf(chunk, x);
    const key = siteKey(chunk, x);
    if (f.k === 'module') {
      const dot = f.path.lastIndexOf('.');
      const module = dot < 0 ? '' : f.path.slice(0, dot);
      const cls = f.path.slice(dot + 1);
      if (IGNITE_ENGINE.test(f.path)) {
        const process = x.args[0] ?? x.kw.find((k) => k.name === 'process_function')?.value;
        return [{ k: 'ignite', key, process: process ? this.expr(process, chunk, act) : [], optimizer: null }];
      }
      if (IGNITE_SUPERVISED_TRAINER.test(f.path)) {
        const optimizer = x.args[1] ?? x.kw.find((k) => k.name === 'optimizer')?.value;
        return [{ k: 'ignite', key, process: [], optimizer: optimizer ? { expr: optimizer, chunk, act } : null }];
      }
      if (ENGINE_MODULES.test(f.path) || f.path.endsWith('distributed.optim.DistributedOptimizer')) return [{ k: 'engine' }];
      if (OPTIMIZERS.has(cls) && OPTIMIZER_MODULES.has(module)) {
        return [{ k: 'optimizer', key, cls, call: x, site, models: modelRoots(x) }];
      }
      if (SCHEDULERS.has(cls) && SCHEDULER_MODULES.has(module)) {
        return [{ k: 'scheduler', key, cls, family: 'torch', call: x, site, act }];
      }
      if ((STEP_SCHEDULE_FACTORIES.has(cls) && (module === '' || STEP_SCHEDULE_MODULES.has(module))) || (LEGACY_WARMUP.has(cls) && (module === '' || LEGACY_WARMUP_MODULES.has(module)))) {
        return [{ k: 'scheduler', key, cls, family: 'steps', call: x, site, act }];
      }
      if (cls === 'DataLoader') return [{ k: 'loader' }];
      return null;
    }
    if (f.k === 'class') {
      const { cls } = f;
      // A project's own optimizer or scheduler class: its step() is an optimizer or scheduler step.
      const kind = this.torchKind(cls);
      if (kind === 'optimizer') return [{ k: 'optimizer', key, cls: cls.name, call: x, site, models: modelRoots(x) }];
      if (kind === 'scheduler') return [{ k: 'scheduler', key, cls: cls.name, family: 'torch', call: x, site, act }];
      return [x.args.length === 0 && x.kw.length === 0 ? { k: 'instance', key, cls, bare: true } : { k: 'instance', key, cls }];
    }
    if (f.k === 'func') return this.returns(f, x, chunk, act);
    return null;
  }

  /** What a same-file function returns, with its parameters bound to the call's arguments. */
  private returns(f: Extract<Val, { k: 'func' }>, x: CallExpr, chunk: Chunk, act: Activation): readonly Val[] | null {
    if (this.active.includes(f.fn) || this.depth > MAX_DEPTH - 4) return null;
    this.active.push(f.fn);
    try {
      const callee = new Activation(f.fn, bindArguments(this, f.fn, x, chunk, act, f.self !== null), f.act, f.self);
      const out: Val[] = [];
      for (const r of returnExprs(f.fn.def.body.stmts)) append(out, this.expr(r, f.fn.chunk, callee));
      return out.length > 0 ? out : null;
    } finally {
      this.active.pop();
    }
  }
}