/**
 * What the evaluator (values.ts) says an expression may be: the values, where they were made, the
 * function execution they belong to, and the identity that tells optimizers and schedulers apart.
 */
import type { CallExpr, Expr, ExprOf } from '../syntax/ir';
import type { Chunk, ForeignFile } from '../syntax/source';
import type { Binding, ClassInfo, FuncInfo, Scope } from './scope';
import type { ModuleEnv } from './values';

/** A place in the source: a node of a chunk's IR. */
export interface Site {
  readonly chunk: Chunk;
  readonly s: number;
  readonly e: number;
  /**
   * For an event inside a function of another project file: where it really is (that file's
   * chunk). The site itself is then the call in the analysed file that led there.
   */
  readonly origin?: Site;
}

export type SchedulerFamily = 'torch' | 'steps';

export type Val =
  | { readonly k: 'optimizer'; readonly key: string; readonly cls: string; readonly call: CallExpr; readonly site: Site; readonly models: readonly string[] }
  | {
      readonly k: 'scheduler';
      readonly key: string;
      readonly cls: string;
      readonly family: SchedulerFamily;
      readonly call: CallExpr;
      readonly site: Site;
      /** Where the constructor call is evaluated (for its arguments). */
      readonly act: Activation;
    }
  | { readonly k: 'loader' }
  | { readonly k: 'engine' }
  /**
   * An ignite engine (model/ignite.ts): its process function, or for ignite's own supervised
   * trainer the optimizer expression it steps.
   */
  | {
      readonly k: 'ignite';
      readonly key: string;
      readonly process: readonly Val[];
      readonly optimizer: { readonly expr: Expr; readonly chunk: Chunk; readonly act: Activation } | null;
    }
  /** `bare`: made with no arguments, so a dataclass's fields still hold their class defaults. */
  | { readonly k: 'instance'; readonly key: string; readonly cls: ClassInfo; readonly bare?: true }
  | { readonly k: 'func'; readonly fn: FuncInfo; readonly self: readonly Val[] | null; readonly act: Activation | null }
  | { readonly k: 'lambda'; readonly expr: ExprOf<'lambda'>; readonly chunk: Chunk; readonly act: Activation }
  | { readonly k: 'class'; readonly cls: ClassInfo }
  /** An imported (or unbound, hence global) dotted name: `torch.optim.Adam`. */
  /**
   * `base`: with a project, the folder of the importing file, against which `path` is resolved
   * to another project file (relative paths keep their leading dots).
   */
  | { readonly k: 'module'; readonly path: string; readonly base?: string }
  /** `cli`: a configurable default (`args.lr` from argparse, `Config.lr` of a configuration class), which the user may override at each run. */
  | { readonly k: 'num'; readonly v: number; readonly cli?: true }
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'none' }
  /**
   * A tuple or list display; `many`: a collection of unknown length whose every element is one of
   * `items[0]` (a list comprehension building optimizers, `[Adam(d.parameters()) for d in discs]`).
   */
  | { readonly k: 'tuple'; readonly items: readonly (readonly Val[])[]; readonly many?: true }
  /** `parser.parse_args()`: its attributes are the defaults `env`'s file declares (model/argparse.ts). */
  | { readonly k: 'argns'; readonly key: string; readonly env: ModuleEnv }
  /** Something unknown with a stable identity (a parameter, an unknown call's result). */
  | { readonly k: 'symbol'; readonly key: string; readonly name: string | null };

export type SchedulerVal = Extract<Val, { k: 'scheduler' }>;

/** A call and where it is evaluated. */
export interface CallSite {
  readonly call: CallExpr;
  readonly chunk: Chunk;
  readonly act: Activation;
}

/** One execution of a function body: its parameters' values and what `self` is. */
export class Activation {
  constructor(
    /** null for module-level code. */
    readonly fn: FuncInfo | null,
    readonly env: ReadonlyMap<string, readonly Val[]> | null,
    /** The activation of the lexically enclosing function, when known. */
    readonly parent: Activation | null,
    readonly self: readonly Val[] | null,
    /** The call this execution was inlined from, and where it is evaluated: its arguments are the parameters' sources. */
    readonly call: CallSite | null = null,
  ) {}

  get scope(): Scope | null {
    return this.fn?.scope ?? null;
  }
}

export function siteOf(chunk: Chunk, node: { s: number; e: number }): Site {
  return { chunk, s: node.s, e: node.e };
}

export function siteKey(chunk: Chunk, node: { s: number }): string {
  return `${chunk.uid}:${node.s}`;
}

/** The identity of a value, for telling optimizers apart; null for values without one. */
export function identity(v: Val): string | null {
  switch (v.k) {
    case 'optimizer':
    case 'scheduler':
    case 'instance':
    case 'symbol':
      return v.key;
    default:
      return null;
  }
}

/** Another project file's module level, as the evaluator reads it (analysis/project). */
export interface ForeignHome {
  readonly env: ModuleEnv;
  /** Its module-level activation (memoised values of its globals are kept apart from ours). */
  readonly act: Activation;
  /** Module-level lookup in that file (always parsing: the prefilter must not change verdicts). */
  readonly find: (name: string) => readonly Binding[] | undefined;
  /** The file's folder, for its imports. */
  readonly dir: string;
}

/** The other files of the project (analysis/project/link.ts); absent, calls stay in the file. */
/** A module-level name of another project file: a function, a class, or its other bindings in that file. */
export type Resolution =
  | { readonly kind: 'def'; readonly fn: FuncInfo }
  | { readonly kind: 'class'; readonly cls: ClassInfo }
  | { readonly kind: 'value'; readonly name: string; readonly bindings: readonly Binding[]; readonly home: ForeignHome };

export interface ProjectLink {
  /** The folder of the analysed file. */
  readonly dir: string;
  /** The module level of a foreign chunk's file. */
  home(file: ForeignFile): ForeignHome | null;
  /** The foreign file whose module-level activation `act` is, if any. */
  homeOfAct(act: Activation): ForeignHome | null;
  /**
   * What an import path names in another project file (`engine.train_one_epoch`,
   * `configs.train_config`, `settings.EPOCHS`), if the file is in the project.
   */
  resolve(path: string, base: string): Resolution | null;
}
