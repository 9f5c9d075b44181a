/**
 * The training-loop model of one source: which functions run where (roots and the calls followed
 * from them), every loop's iteration flattened into events (see model/flatten.ts), and the
 * optimizer/scheduler constructions. Rules read only this.
 *
 * Each root (the module body, or a function nothing in the file calls) is flattened on its own and
 * its result cached with what it read; after an edit, roots that read only unchanged chunks and
 * get the same module-level bindings are reused as they are.
 */
import type { Block, Stmt } from '../syntax/ir';
import type { Chunk, Source } from '../syntax/source';
import { Flattener, type OptimizerConstruction, type RootResult, type SchedulerBinding } from './flatten';
import { HorizonClassifier } from './horizon';
import { Deps, ModelCache, ModuleIndex } from './module';
import type { FuncInfo } from './scope';
import type { Unit } from './units';
import { Activation, Evaluator, type Val } from './values';
import { findLossFeeds, type LossFeed } from './losses';
import { projectImportNames } from '../project/imports';
import { lightningSchedules, type LightningSchedule } from './lightning';
import { Link, type ProjectContext } from '../project/link';


export interface Model {
  readonly source: Source;
  readonly units: readonly Unit[];
  readonly ev: Evaluator;
  readonly horizons: HorizonClassifier;
  readonly schedulerBindings: readonly SchedulerBinding[];
  readonly optimizers: readonly OptimizerConstruction[];
  /** Module-level import statements, for fixes that edit imports. */
  readonly imports: readonly { readonly stmt: Extract<Stmt, { k: 'import' }>; readonly chunk: Chunk }[];
  /** Schedulers returned to Lightning from `configure_optimizers`, with their interval (read on first use). */
  readonly lightning: readonly LightningSchedule[];
  /** The classification-loss calls fed an activation's or a linear layer's output (read on first use). */
  readonly lossFeeds: readonly LossFeed[];
}

interface CachedRoot {
  readonly result: RootResult;
  readonly deps: Deps;
  /** For the module body: the chunks whose statements it ran, in order. */
  readonly moduleChunks: readonly Chunk[] | null;
  /** The file's function names when flattened (they decide which calls are followed). */
  readonly callable: string;
}

export function buildModel(source: Source, cache = new ModelCache(), project: ProjectContext | null = null): Model {
  // Set before the prefilter runs: statements using names imported from project files are read.
  let link: Link | null = null;
  let projectNames: string[] = [];
  let module: ModuleIndex | null = null;
  if (project) {
    link = new Link(project, () => module?.deps ?? null);
    projectNames = projectImportNames(source.text, link);
  }
  source.setProjectNames(projectNames);
  const relevantChunks = source.relevant();
  const relevant = new Set(relevantChunks);
  const live = new Set(source.chunks);
  module = new ModuleIndex(source, cache, relevant);
  // Importing nothing of the project, the file is modelled exactly as without one.
  const ev = new Evaluator(module, projectNames.length > 0 ? link : null);
  const horizons = new HorizonClassifier(ev);
  const chunkModels = relevantChunks.map((c) => cache.model(source, c).enumerate());
  const functions = chunkModels.flatMap((m) => m.functions);
  // Every function and method name of the file, read or not: a method call is followed into an
  // unread class's code as into a read one's (the evaluator reads the class when it is called).
  const callable = new Set(source.chunks.flatMap((c) => c.defined));
  // Which project names are imported also decides what is followed (a file appearing changes it).
  const callableKey = `${[...callable].sort().join(' ')}\u0000${projectNames.join(' ')}`;
  const flattener = new Flattener(ev, horizons, callable);
  flattener.projectNames = new Set(projectNames);

  const results: RootResult[] = [];
  const previous = new Map(cache.roots as Map<FuncInfo | 'module', CachedRoot>);
  cache.roots.clear();

  /** Reuses the cached result for `key` when still valid, or flattens afresh and caches. */
  const run = (key: FuncInfo | 'module', moduleChunks: readonly Chunk[] | null, flatten: () => RootResult): RootResult => {
    const old = previous.get(key);
    if (old && old.callable === callableKey && valid(old, moduleChunks, live, module, link)) {
      cache.roots.set(key, old);
      return old.result;
    }
    const deps = new Deps();
    module.deps = deps;
    try {
      const result = flatten();
      cache.roots.set(key, { result, deps, moduleChunks, callable: callableKey });
      return result;
    } finally {
      module.deps = null;
    }
  };

  // The module body: the statements of relevant chunks that run (definitions only define).
  const moduleStmts: { stmt: Stmt; chunk: Chunk; block: Block }[] = [];
  const imports: { stmt: Extract<Stmt, { k: 'import' }>; chunk: Chunk }[] = [];
  const moduleChunks: Chunk[] = [];
  for (const m of chunkModels) {
    const block: Block = { stmts: m.stmts, s: 0 };
    if (m.executable) moduleChunks.push(m.chunk);
    for (const stmt of m.stmts) {
      if (stmt.k === 'import') imports.push({ stmt, chunk: m.chunk });
      else if (stmt.k !== 'def' && stmt.k !== 'class') moduleStmts.push({ stmt, chunk: m.chunk, block });
    }
  }
  results.push(run('module', moduleChunks, () => flattener.root(moduleStmts, ev.moduleAct)));

  const calledBare = new Set<string>();
  const calledOnSelf = new Set<string>();
  for (const m of chunkModels) {
    for (const n of m.bare) calledBare.add(n);
    for (const n of m.onSelf) calledOnSelf.add(n);
  }
  const called = (fn: FuncInfo) => (fn.cls ? calledOnSelf : calledBare).has(fn.name);
  const roots = new Map<FuncInfo, Activation>();
  for (const fn of functions) roots.set(fn, rootActivation(fn, roots));
  for (const fn of functions) {
    if (!called(fn)) results.push(run(fn, null, () => flattener.rootFunction(fn, roots.get(fn) ?? ev.bareActivation(fn))));
  }
  // Called only from places never reached (another class's override, dead code): on their own.
  const inlined = new Set(results.flatMap((r) => [...r.inlined]));
  for (const fn of functions) {
    if (called(fn) && !inlined.has(fn)) results.push(run(fn, null, () => flattener.rootFunction(fn, roots.get(fn) ?? ev.bareActivation(fn))));
  }

  let lossFeeds: readonly LossFeed[] | null = null;
  let lightning: readonly LightningSchedule[] | null = null;
  return {
    get lightning() {
      return (lightning ??= lightningSchedules(ev, functions, (fn) => roots.get(fn) ?? ev.bareActivation(fn)));
    },
    get lossFeeds() {
      return (lossFeeds ??= findLossFeeds(ev, source, cache));
    },
    source,
    units: results.flatMap((r) => r.units),
    ev,
    horizons,
    schedulerBindings: results.flatMap((r) => r.schedulers),
    optimizers: results.flatMap((r) => r.optimizers),
    imports,
  };
}

/** A cached root still holds when everything it read is unchanged. */
function valid(old: CachedRoot, moduleChunks: readonly Chunk[] | null, live: ReadonlySet<Chunk>, module: ModuleIndex, link: Link | null): boolean {
  if (moduleChunks && (!old.moduleChunks || old.moduleChunks.length !== moduleChunks.length || old.moduleChunks.some((c, i) => c !== moduleChunks[i]))) return false;
  // Another file's chunks stay while that file's text does (checked with its files below).
  for (const c of old.deps.chunks) if (!live.has(c) && !c.file) return false;
  for (const [path, file] of old.deps.files) if ((link?.probe(path)?.file ?? null) !== file) return false;
  for (const [key, bindings] of old.deps.lookups) {
    const now = module.current(key);
    if (now.length !== bindings.length || now.some((b, i) => b !== bindings[i])) return false;
  }
  return true;
}

/** Root executions use unknown parameters; methods get an instance of their class as `self`. */
function rootActivation(fn: FuncInfo, roots: ReadonlyMap<FuncInfo, Activation>): Activation {
  const outerFn = fn.outer.fn;
  const parent = outerFn ? (roots.get(outerFn) ?? null) : null;
  const self: Val[] | null = fn.cls && fn.bindsSelf ? [{ k: 'instance', key: `self:${fn.cls.id}`, cls: fn.cls }] : null;
  return new Activation(fn, null, parent, self ?? parent?.self ?? null);
}
