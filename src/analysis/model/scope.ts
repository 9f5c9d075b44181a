/**
 * Scopes and bindings: which statements give a name its value, per module, function and class.
 * Flow-insensitive on purpose (every assignment of a name in a function is a candidate value):
 * rules that need one value insist that all candidates agree, which keeps them quiet when unsure.
 */
import type { Chunk } from '../syntax/source';
import type { Block, ClassStmt, DefStmt, Expr, ImportItem, Param, Stmt } from '../syntax/ir';

export type Binding =
  | { readonly kind: 'assign'; readonly value: Expr; readonly path: readonly number[]; readonly chunk: Chunk; readonly target: Expr }
  /** An augmented assignment or a target we cannot follow (`x += 1`, `*rest = …`). */
  | { readonly kind: 'opaque'; readonly chunk: Chunk }
  | { readonly kind: 'param'; readonly param: Param; readonly index: number }
  | { readonly kind: 'for'; readonly iter: Expr; readonly path: readonly number[]; readonly chunk: Chunk }
  | { readonly kind: 'with'; readonly value: Expr; readonly chunk: Chunk }
  | { readonly kind: 'import'; readonly item: ImportItem }
  | { readonly kind: 'def'; readonly fn: FuncInfo }
  | { readonly kind: 'class'; readonly cls: ClassInfo }
  /**
   * A module-level function or class in a statement without training vocabulary: it cannot step,
   * clear or schedule anything, so it is not parsed unless something needs its body.
   */
  | { readonly kind: 'inert'; readonly chunk: Chunk; readonly name: string };

export class Scope {
  readonly bindings = new Map<string, Binding[]>();
  /** Names declared `global` here. */
  readonly globals = new Set<string>();

  constructor(
    readonly kind: 'module' | 'function' | 'class',
    /** Lexically enclosing function or module scope (class scopes are skipped, as in Python). */
    readonly parent: Scope | null,
    readonly fn: FuncInfo | null = null,
  ) {}

  add(name: string, binding: Binding): void {
    const list = this.bindings.get(name);
    if (list) list.push(binding);
    else this.bindings.set(name, [binding]);
  }
}

let nextId = 1;

export class FuncInfo {
  readonly id = nextId++;
  readonly scope: Scope;
  private collected = false;

  constructor(
    readonly def: DefStmt,
    readonly chunk: Chunk,
    /** The scope the def statement is in (module or enclosing function). */
    readonly outer: Scope,
    readonly cls: ClassInfo | null,
  ) {
    this.scope = new Scope('function', outer, this);
  }

  get name(): string {
    return this.def.name;
  }

  /** Instance methods receive `self` as their first parameter. */
  get bindsSelf(): boolean {
    if (!this.cls) return false;
    return !this.def.decorators.some((d) => d.k === 'name' && (d.id === 'staticmethod' || d.id === 'classmethod'));
  }

  get selfName(): string | null {
    return this.bindsSelf ? (this.def.params[0]?.name ?? null) : null;
  }

  /** Fills the scope on first use (most functions are never looked into). */
  ensureCollected(): void {
    if (this.collected) return;
    this.collected = true;
    this.def.params.forEach((param, index) => this.scope.add(param.name, { kind: 'param', param, index }));
    collectBindings(this.def.body, this.scope, this.chunk, this.cls && this.selfName ? { cls: this.cls, self: this.selfName } : null);
  }
}

export class ClassInfo {
  readonly id = nextId++;
  readonly methods = new Map<string, FuncInfo>();
  /** `self.<attr> = value` assignments in the methods, by attribute. */
  readonly attrs = new Map<string, { binding: Binding; method: FuncInfo }[]>();
  private attrsCollected = false;

  constructor(
    readonly stmt: ClassStmt,
    readonly chunk: Chunk,
    readonly outer: Scope,
  ) {
    for (const s of stmt.body.stmts) {
      if (s.k === 'def') this.methods.set(s.name, new FuncInfo(s, chunk, outer, this));
    }
  }

  get name(): string {
    return this.stmt.name;
  }

  ensureAttrs(): void {
    if (this.attrsCollected) return;
    this.attrsCollected = true;
    for (const m of this.methods.values()) m.ensureCollected();
  }

  private fields: Map<string, Extract<Binding, { kind: 'assign' }> | null> | null = null;

  /**
   * The class-body assignment of `name` (`epochs = 90`, `epochs: int = 90`) when the body makes
   * exactly one, plainly; null otherwise. What `Config.epochs` is, and an instance's attribute
   * when nothing assigns it on the instance.
   */
  field(name: string): Extract<Binding, { kind: 'assign' }> | null {
    if (!this.fields) {
      const fields = new Map<string, Extract<Binding, { kind: 'assign' }> | null>();
      for (const s of this.stmt.body.stmts) {
        if (s.k !== 'assign') continue;
        for (const t of s.targets) {
          if (t.k !== 'name') continue;
          const plain = !fields.has(t.id) && s.value !== null && s.op === null && s.targets.length === 1;
          fields.set(t.id, plain && s.value ? { kind: 'assign', value: s.value, path: [], chunk: this.chunk, target: t } : null);
        }
      }
      this.fields = fields;
    }
    return this.fields.get(name) ?? null;
  }

  addAttr(attr: string, binding: Binding, method: FuncInfo): void {
    const list = this.attrs.get(attr);
    if (list) list.push({ binding, method });
    else this.attrs.set(attr, [{ binding, method }]);
  }
}

interface SelfContext {
  readonly cls: ClassInfo;
  readonly self: string;
}

/** Registers the bindings made by `block` (not entering nested functions and classes). */
export function collectBindings(block: Block, scope: Scope, chunk: Chunk, self: SelfContext | null): void {
  for (const s of block.stmts) collectStmt(s, scope, chunk, self);
}

function collectStmt(s: Stmt, scope: Scope, chunk: Chunk, self: SelfContext | null): void {
  switch (s.k) {
    case 'assign':
      for (const t of s.targets) {
        if (s.op !== null || !s.value) bindTarget(t, null, [], scope, chunk, self);
        else bindTarget(t, s.value, [], scope, chunk, self);
      }
      return;
    case 'for':
      bindFor(s.target, s.iter, [], scope, chunk);
      collectBindings(s.body, scope, chunk, self);
      if (s.orelse) collectBindings(s.orelse, scope, chunk, self);
      return;
    case 'while':
      collectBindings(s.body, scope, chunk, self);
      if (s.orelse) collectBindings(s.orelse, scope, chunk, self);
      return;
    case 'if':
      for (const b of s.branches) collectBindings(b.body, scope, chunk, self);
      return;
    case 'try':
      collectBindings(s.body, scope, chunk, self);
      for (const h of s.handlers) collectBindings(h.body, scope, chunk, self);
      if (s.orelse) collectBindings(s.orelse, scope, chunk, self);
      if (s.final) collectBindings(s.final, scope, chunk, self);
      return;
    case 'with':
      for (const item of s.items) {
        if (item.as?.k === 'name') scope.add(item.as.id, { kind: 'with', value: item.ctx, chunk });
        else if (item.as) bindTarget(item.as, null, [], scope, chunk, self);
      }
      collectBindings(s.body, scope, chunk, self);
      return;
    case 'match':
      for (const c of s.cases) collectBindings(c.body, scope, chunk, self);
      return;
    case 'import':
      for (const item of s.items) if (item.alias !== '*') scope.add(item.alias, { kind: 'import', item });
      return;
    case 'global':
      for (const n of s.names) scope.globals.add(n);
      return;
    case 'def': {
      const fn = new FuncInfo(s, chunk, scope, null);
      scope.add(s.name, { kind: 'def', fn });
      return;
    }
    case 'class': {
      const cls = new ClassInfo(s, chunk, scope);
      scope.add(s.name, { kind: 'class', cls });
      return;
    }
    default:
      return;
  }
}

function bindTarget(t: Expr, value: Expr | null, path: number[], scope: Scope, chunk: Chunk, self: SelfContext | null): void {
  if (t.k === 'name') {
    scope.add(t.id, value ? { kind: 'assign', value, path, chunk, target: t } : { kind: 'opaque', chunk });
  } else if (t.k === 'seq') {
    t.items.forEach((item, i) => bindTarget(item, value, [...path, i], scope, chunk, self));
  } else if (t.k === 'star') {
    bindTarget(t.x, null, path, scope, chunk, self);
  } else if (t.k === 'attr' && self && t.obj.k === 'name' && t.obj.id === self.self && scope.fn) {
    self.cls.addAttr(t.attr, value ? { kind: 'assign', value, path, chunk, target: t } : { kind: 'opaque', chunk }, scope.fn);
  }
}

function bindFor(t: Expr, iter: Expr, path: number[], scope: Scope, chunk: Chunk): void {
  if (t.k === 'name') scope.add(t.id, { kind: 'for', iter, path, chunk });
  else if (t.k === 'seq') t.items.forEach((item, i) => bindFor(item, iter, [...path, i], scope, chunk));
  else if (t.k === 'star') bindFor(t.x, iter, path, scope, chunk);
}

/** Resolves a name lexically: the scope holding its bindings, or null when it is unbound. */
export function lookup(name: string, scope: Scope, moduleLookup: (name: string) => readonly Binding[] | undefined): { scope: Scope; bindings: readonly Binding[] } | null {
  let cur: Scope | null = scope;
  while (cur) {
    if (cur.kind === 'module') {
      const found = moduleLookup(name);
      return found && found.length > 0 ? { scope: cur, bindings: found } : null;
    }
    if (cur.globals.has(name)) {
      cur = rootOf(cur);
      continue;
    }
    cur.fn?.ensureCollected();
    const found = cur.bindings.get(name);
    if (found && found.length > 0) return { scope: cur, bindings: found };
    cur = cur.parent;
  }
  return null;
}

function rootOf(scope: Scope): Scope {
  let cur = scope;
  while (cur.parent) cur = cur.parent;
  return cur;
}
