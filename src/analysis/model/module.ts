/**
 * Module-level names and what each chunk contributes, kept across analyses of a document: a chunk
 * whose text did not change keeps its bindings, functions and classes (the same objects), so
 * analyses after an edit can reuse whatever only depended on unchanged chunks.
 */
import type { Expr, Stmt } from '../syntax/ir';
import { forEachExpr, forEachStmt, forEachStmtExpr, lastName } from '../syntax/ir';
import type { Chunk, ForeignFile, Source } from '../syntax/source';
import { collectBindings, FuncInfo, Scope, type Binding, type ClassInfo } from './scope';
import { argumentDefaults, declaringChunks, type ArgumentDefaults } from './argparse';

/** What one chunk defines and calls, computed once per chunk object. */
export class ChunkModel {
  /** The chunk's module-level bindings (a module-kind scope of its own). */
  readonly scope = new Scope('module', null);
  /** Every function and method defined in the chunk, outer ones first. */
  readonly functions: FuncInfo[] = [];
  /** Names called as `f(…)` or passed as a closure to `.step(f)`. */
  readonly bare = new Set<string>();
  /** Names called as `self.f(…)`, `cls.f(…)`, `super().f(…)`. */
  readonly onSelf = new Set<string>();
  /** The chunk has module-level statements that run (not only def, class and import). */
  readonly executable: boolean;

  constructor(
    readonly chunk: Chunk,
    readonly stmts: readonly Stmt[],
  ) {
    collectBindings({ stmts, s: 0 }, this.scope, chunk, null);
    this.executable = stmts.some((s) => s.k !== 'def' && s.k !== 'class' && s.k !== 'import');
  }

  private enumerated = false;

  /** Fills functions and called names (only needed for chunks that are analysed). */
  enumerate(): this {
    if (this.enumerated) return this;
    this.enumerated = true;
    const visitScope = (scope: Scope) => {
      for (const bindings of scope.bindings.values()) {
        for (const b of bindings) {
          if (b.kind === 'def') visitFn(b.fn);
          else if (b.kind === 'class') visitClass(b.cls);
        }
      }
    };
    const visitClass = (cls: ClassInfo) => {
      for (const m of cls.methods.values()) visitFn(m);
    };
    const visitFn = (fn: FuncInfo) => {
      if (this.functions.includes(fn)) return;
      this.functions.push(fn);
      fn.ensureCollected();
      visitScope(fn.scope);
    };
    visitScope(this.scope);
    const visitCall = (x: Expr) => {
      if (x.k !== 'call') return;
      if (x.fn.k === 'name') this.bare.add(x.fn.id);
      else if (x.fn.k === 'attr') {
        const obj = x.fn.obj;
        if ((obj.k === 'name' && (obj.id === 'self' || obj.id === 'cls')) || (obj.k === 'call' && lastName(obj.fn) === 'super')) this.onSelf.add(x.fn.attr);
        if (x.fn.attr === 'step') {
          for (const a of x.args) if (a.k === 'name') this.bare.add(a.id);
          for (const k of x.kw) if (k.value.k === 'name') this.bare.add(k.value.id);
        }
      }
    };
    const visitTree = (x: Expr) => forEachExpr(x, visitCall);
    forEachStmt(this.stmts, (s) => forEachStmtExpr(s, visitTree));
    return this;
  }
}

/**
 * What a piece of analysis read: chunks and module-level lookups. A cached result stays valid while
 * every chunk it read is still in the document and every lookup still returns the same bindings.
 */
export class Deps {
  readonly chunks = new Set<Chunk>();
  readonly lookups = new Map<string, readonly Binding[]>();
  /** Other project files looked at (analysis/project), and what they were then (null: none). */
  readonly files = new Map<string, ForeignFile | null>();
}

/** The chunk models of one document, kept across its analyses. */
export class ModelCache {
  private readonly models = new WeakMap<Chunk, ChunkModel>();

  model(source: Source, chunk: Chunk): ChunkModel {
    let m = this.models.get(chunk);
    if (!m) {
      m = new ChunkModel(chunk, source.statements(chunk));
      this.models.set(chunk, m);
    }
    return m;
  }

  /** Results of earlier analyses, by root (a function, or the module body). */
  readonly roots = new Map<FuncInfo | 'module', unknown>();
}

const NONE: readonly Binding[] = [];
/** The lookup key under which reading the command-line defaults is recorded (not a Python name). */
const DECLARATIONS = '\u0001argparse';
/** The lookup key prefix under which "which chunks assign `.attr`" is recorded (not a Python name). */
const ASSIGNS = '\u0001assigns:';
/** The lookup key prefix under which "what rebinds `name` where lookups do not look" is recorded (not a Python name). */
const REBINDS = '\u0001rebinds:';
/** The same for module-level names, for which a star import may also rebind. */
const REBINDS_GLOBAL = '\u0001rebinds-global:';
/** The lookup key prefix under which "which chunks change the layers of `name`" is recorded (not a Python name). */
const MUTATES = '\u0001mutates:';

/** A module-level compound statement (its assignments bind module-level names below column 0). */
const IMPORT = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:import|from)\b/;
const COMPOUND = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*(?:if|for|while|with|try|async|match)\b/;

/** Module-level name lookup for one analysis, recording reads into `deps` when set. */
export class ModuleIndex {
  readonly scope = new Scope('module', null);
  /** Where reads are recorded (the root being flattened), or null. */
  deps: Deps | null = null;
  private readonly results = new Map<string, readonly Binding[]>();
  /** Relevant chunks by the names they bind anywhere at module level (a def inside a loop too). */
  private readonly binders = new Map<string, Chunk[]>();

  constructor(
    private readonly source: Source,
    private readonly cache: ModelCache,
    private readonly relevant: ReadonlySet<Chunk>,
  ) {
    for (const c of relevant) {
      for (const name of cache.model(source, c).scope.bindings.keys()) {
        const list = this.binders.get(name);
        if (list) list.push(c);
        else this.binders.set(name, [c]);
      }
    }
  }

  private defaults: ArgumentDefaults | null = null;

  /** The file's command-line default for `dest` (model/argparse.ts): a number, null, or undefined when undeclared. */
  argumentDefault(dest: string): number | null | undefined {
    // Recorded like a lookup, so a cached root is redone when a declaring chunk changes.
    const chunks = this.lookupDeclarations();
    this.defaults ??= argumentDefaults(this.source, chunks.map((b) => b.chunk));
    return this.defaults.get(dest);
  }

  private lookupDeclarations(): readonly Extract<Binding, { kind: 'inert' }>[] {
    let result = this.results.get(DECLARATIONS);
    if (!result) this.results.set(DECLARATIONS, (result = declaringChunks(this.source).map((c) => inertBinding(c, DECLARATIONS))));
    if (this.deps) this.deps.lookups.set(DECLARATIONS, result);
    return result as readonly Extract<Binding, { kind: 'inert' }>[];
  }

  /**
   * Whether some statement of the file assigns an attribute named `attr` (`cfg.epochs = 1`,
   * `self.epochs += 1`) or calls `setattr`: a configuration class's default is then not what runs.
   */
  attributeAssigned(attr: string): boolean {
    return this.textual(ASSIGNS + attr).length > 0;
  }

  /**
   * Whether some statement of the file changes the layers of a container module named `name`
   * after it is built (`self.model.add_module("act", nn.Sigmoid())`, `layers.append(...)`,
   * `net[-1] = ...`): its last layer is then not the constructor's.
   */
  containerMutated(name: string): boolean {
    return this.textual(MUTATES + name).length > 0;
  }

  /**
   * The chunks whose text answers a textual query (`ASSIGNS` or `MUTATES` and a name), read from
   * every chunk whatever the prefilter chose, and recorded like a lookup.
   */
  private textual(key: string): readonly Binding[] {
    let result = this.results.get(key);
    if (!result) this.results.set(key, (result = this.textualChunks(key)));
    if (this.deps) this.deps.lookups.set(key, result);
    return result;
  }

  private textualChunks(key: string): readonly Binding[] {
    const assigns = key.startsWith(ASSIGNS);
    const name = key.slice((assigns ? ASSIGNS : MUTATES).length);
    const chunks = this.source.chunks.filter((c) => assigns
      ? (c.text.includes(name) || c.text.includes('setattr')) && attributeAssignment(c.text, name)
      : c.text.includes(name) && containerMutation(c.text, name));
    return chunks.length > 0 ? chunks.map((c) => inertBinding(c, key)) : NONE;
  }

  /**
   * What may rebind `name` that scope lookups do not see: a `global` or `nonlocal` declaration of
   * it (a function assigning a module-level or enclosing name), an assignment expression
   * (`name := …`), and for a module-level name (`moduleLevel`) a star import or a module-level
   * compound statement binding it in a chunk the prefilter did not read. Read from the text of
   * every chunk and recorded like a lookup. Empty: the bindings lookups find are all there are.
   */
  rebinding(name: string, moduleLevel: boolean): readonly Binding[] {
    const key = (moduleLevel ? REBINDS_GLOBAL : REBINDS) + name;
    let result = this.results.get(key);
    if (!result) this.results.set(key, (result = this.rebinders(name, moduleLevel)));
    if (this.deps) this.deps.lookups.set(key, result);
    return result;
  }

  private rebinders(name: string, moduleLevel: boolean): readonly Binding[] {
    const key = (moduleLevel ? REBINDS_GLOBAL : REBINDS) + name;
    const word = new RegExp(`\\b${name}\\b`);
    const declared = new RegExp(`\\b(?:global|nonlocal)\\b[^\\n#;]*\\b${name}\\b|\\b${name}\\s*:=`);
    const out: Binding[] = [];
    for (const c of this.source.chunks) {
      if (word.test(c.text) && declared.test(c.text)) out.push(inertBinding(c, key));
      else if (moduleLevel && /\bimport\s+\*/.test(c.text)) out.push(inertBinding(c, key));
      else if (moduleLevel && !this.relevant.has(c) && COMPOUND.test(c.text) && word.test(c.text) && this.cache.model(this.source, c).scope.bindings.has(name)) {
        out.push(inertBinding(c, key));
      }
    }
    return out.length > 0 ? out : NONE;
  }

  lookup(name: string, parse = false): readonly Binding[] | undefined {
    const key = parse ? `${name}\u0000` : name;
    let result = this.results.get(key);
    if (!result) {
      result = this.compute(name, parse);
      this.results.set(key, result);
    }
    if (this.deps) this.deps.lookups.set(key, result);
    return result.length > 0 ? result : undefined;
  }

  /**
   * Module-level bindings of `name` wherever they are, read or not by the prefilter: those `lookup`
   * finds (it parses whatever binds the name at column 0) and those nested in a module-level `if`,
   * `for`, `with`… (`if __name__ == "__main__": net = Net()`), which only read statements show it.
   * For analyses whose answer must not depend on the chunks the prefilter chose.
   */
  lookupAll(name: string): readonly Binding[] | undefined {
    let result = this.everywhere.get(name);
    if (!result) {
      this.compound ??= this.source.chunks.filter((c) => COMPOUND.test(c.text));
      const found = new Set<Binding>(this.lookup(name, true) ?? NONE);
      const word = new RegExp(`\\b${name}\\b`);
      for (const c of this.compound) {
        if (!word.test(c.text)) continue;
        for (const b of this.cache.model(this.source, c).scope.bindings.get(name) ?? NONE) found.add(b);
      }
      result = found.size > 0 ? [...found] : NONE;
      this.everywhere.set(name, result);
    }
    return result.length > 0 ? result : undefined;
  }

  private readonly everywhere = new Map<string, readonly Binding[]>();

  /**
   * Whether every module-level binding of `name` is an import (or there is none), as `lookupAll`
   * would say, without parsing the statements that bind it at column 0 (their text says).
   */
  onlyImported(name: string): boolean {
    let answer = this.imported.get(name);
    if (answer === undefined) {
      answer = this.source.chunksBinding(name).every((c) => IMPORT.test(c.text));
      if (answer) {
        this.compound ??= this.source.chunks.filter((c) => COMPOUND.test(c.text));
        const word = new RegExp(`\\b${name}\\b`);
        answer = this.compound.every((c) => !word.test(c.text) || (this.cache.model(this.source, c).scope.bindings.get(name) ?? NONE).every((b) => b.kind === 'import'));
      }
      this.imported.set(name, answer);
    }
    return answer;
  }

  private readonly imported = new Map<string, boolean>();
  private compound: readonly Chunk[] | null = null;

  /** The current answer to a recorded lookup, to check a cached result. */
  current(key: string): readonly Binding[] {
    if (key === DECLARATIONS) return this.lookupDeclarations();
    if (key.startsWith(ASSIGNS) || key.startsWith(MUTATES)) return this.textualChunks(key);
    if (key.startsWith(REBINDS)) return this.rebinders(key.slice(REBINDS.length), false);
    if (key.startsWith(REBINDS_GLOBAL)) return this.rebinders(key.slice(REBINDS_GLOBAL.length), true);
    const parse = key.endsWith('\u0000');
    return this.results.get(key) ?? this.lookup(parse ? key.slice(0, -1) : key, parse) ?? NONE;
  }

  private compute(name: string, parse: boolean): readonly Binding[] {
    const out: Binding[] = [];
    // Relevant chunks are parsed anyway and may bind the name anywhere (a def inside a loop);
    // the others are found by the cheap textual index of module-level bindings.
    const textual = this.source.chunksBinding(name);
    const parsed = this.binders.get(name);
    const chunks = parsed ? [...new Set([...parsed, ...textual])].sort((a, b) => a.start - b.start) : textual;
    for (const c of chunks) {
      if (!parse && !this.relevant.has(c) && c.definesAtTop(name)) {
        // A function or class without training vocabulary: known to exist, not worth parsing.
        out.push(inertBinding(c, name));
        continue;
      }
      for (const b of this.cache.model(this.source, c).scope.bindings.get(name) ?? NONE) out.push(b);
    }
    return out.length > 0 ? out : NONE;
  }
}

/** `x.attr = …`, `x.attr += …` (not `==`), or any `setattr(` in `text`. */
export function attributeAssignment(text: string, attr: string): boolean {
  if (/\bsetattr\s*\(/.test(text)) return true;
  const escaped = attr.replace(/[^\w]/g, '');
  return new RegExp(`\\.${escaped}\\s*(?:[-+*/%]|//|\\*\\*)?=(?!=)`).test(text);
}

/**
 * `name.add_module(`, `.append(`, `.extend(`, `.insert(`, `.register_module(` or `name[…] = …` in
 * `text`, with `name` a whole word (`self.model.append(` counts for `model`).
 */
export function containerMutation(text: string, name: string): boolean {
  const escaped = name.replace(/[^\w]/g, '');
  return new RegExp(`(?<![\\w])${escaped}\\s*(?:\\.\\s*(?:add_module|append|extend|insert|register_module)\\s*\\(|\\[[^\\]\\n]*\\]\\s*=(?!=))`).test(text);
}

const inertBindings = new WeakMap<Chunk, Map<string, Binding>>();

function inertBinding(c: Chunk, name: string): Binding {
  let byName = inertBindings.get(c);
  if (!byName) inertBindings.set(c, (byName = new Map()));
  let b = byName.get(name);
  if (!b) byName.set(name, (b = { kind: 'inert', chunk: c, name }));
  return b;
}
