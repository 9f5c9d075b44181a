/**
 * One analysis's view of the project: resolves import paths to functions of other project files
 * (`engine.train_one_epoch`, `.engine.train`, a package's `__init__` re-export), reading each file
 * at most once per analysis and recording every file it looked at in the root being flattened, so
 * a cached root is dropped when one of those files changes, appears or disappears.
 */
import type { Deps } from '../model/module';
import type { Binding } from '../model/scope';
import type { Activation, ForeignHome, ProjectLink, Resolution } from '../model/valueTypes';
import type { ForeignFile } from '../syntax/source';
import { dirname, joinPath, normalizePath, type ProjectFile, type ProjectFiles, type ProjectIndex } from './files';

/** Re-exports followed from one name at most (`a/__init__` → `a/b/__init__` → `a/b/c`). */
const MAX_REEXPORTS = 4;

/** What the host passes for one analysis: the project and the analysed file's path. */
export interface ProjectContext {
  readonly index: ProjectIndex;
  readonly files: ProjectFiles;
  readonly path: string;
}

interface Resolved {
  readonly found: Resolution | null;
  /** Files looked at, to record again when the answer is reused in another root. */
  readonly probed: readonly string[];
}

export class Link implements ProjectLink {
  readonly dir: string;
  readonly path: string;
  private readonly roots: readonly string[];
  private readonly reads = new Map<string, ProjectFile | null>();
  private readonly resolved = new Map<string, Resolved>();
  private probing: string[] | null = null;

  constructor(
    private readonly context: ProjectContext,
    /** Where the root being flattened records what it read (null between roots). */
    private readonly deps: () => Deps | null,
  ) {
    this.path = normalizePath(context.path);
    this.dir = dirname(this.path);
    this.roots = context.files.roots.map(normalizePath);
  }

  /**
   * The project file at `path`. The analysed file itself may be one too (another file calls back
   * into it, a cycle of imports): it is then read as the project has it, as a file of its own.
   */
  probe(path: string): ProjectFile | null {
    let file = this.reads.get(path);
    if (file === undefined) {
      const text = this.context.files.read(path);
      file = text === null ? null : this.context.index.file(path, text);
      this.reads.set(path, file);
    }
    this.deps()?.files.set(path, file?.file ?? null);
    this.probing?.push(path);
    return file;
  }

  home(file: ForeignFile): ForeignHome | null {
    return this.context.index.ofFile(file)?.home ?? null;
  }

  homeOfAct(act: Activation): ForeignHome | null {
    return this.context.index.ofAct(act)?.home ?? null;
  }

  resolve(path: string, base: string): Resolution | null {
    const key = `${base}\u0000${path}`;
    const hit = this.resolved.get(key);
    if (hit) {
      const deps = this.deps();
      for (const p of hit.probed) deps?.files.set(p, this.reads.get(p)?.file ?? null);
      return hit.found;
    }
    const outer = this.probing;
    const probed: string[] = [];
    this.probing = probed;
    try {
      const found = this.definition(path, base, 0);
      this.resolved.set(key, { found, probed });
      return found;
    } finally {
      this.probing = outer;
      outer?.push(...probed);
    }
  }

  /** The module file a dotted path names (`a.b` → `a/b.py` or `a/b/__init__.py`), if in the project. */
  module(path: string, base: string): ProjectFile | null {
    const { dirs, parts } = this.split(path, base);
    if (parts.length === 0) return dirs[0] ? this.probe(joinPath(dirs[0], '__init__.py')) : null;
    const rel = parts.join('/');
    for (const dir of dirs) {
      const found = this.probe(joinPath(dir, `${rel}.py`)) ?? this.probe(joinPath(dir, `${rel}/__init__.py`));
      if (found) return found;
    }
    return null;
  }

  /** Folders to look in and the dotted parts: `..a.b` from `/p/q` → [`/p`], [a, b]. */
  private split(path: string, base: string): { dirs: string[]; parts: string[] } {
    const dots = /^\.*/.exec(path)?.[0].length ?? 0;
    const rest = path.slice(dots);
    const parts = rest === '' ? [] : rest.split('.');
    if (dots > 0) {
      let dir = base;
      for (let i = 1; i < dots; i++) dir = dirname(dir);
      return { dirs: [dir], parts };
    }
    return { dirs: [...new Set([base, ...this.roots])], parts };
  }

  private definition(path: string, base: string, depth: number): Resolution | null {
    if (depth > MAX_REEXPORTS) return null;
    const dots = /^\.*/.exec(path)?.[0].length ?? 0;
    const dot = path.lastIndexOf('.');
    if (dot < 0 || path.endsWith('.')) return null;
    const name = path.slice(dot + 1);
    // `..x` is `x` of the package above: the module keeps all its leading dots.
    const file = this.module(dot < dots ? path.slice(0, dots) : path.slice(0, dot), base);
    if (!file) return null;
    const others: Binding[] = [];
    for (const b of file.home.find(name) ?? []) {
      if (b.kind === 'def') return { kind: 'def', fn: b.fn };
      if (b.kind === 'class') return { kind: 'class', cls: b.cls };
      if (b.kind === 'import' && b.item.name !== null && b.item.name !== '*') {
        // A re-export (`from .engine import train_one_epoch` in a package's __init__).
        const m = b.item.module;
        const next = /^\.+$/.test(m) ? `${m}${b.item.name}` : `${m}.${b.item.name}`;
        const found = this.definition(next, file.home.dir, depth + 1);
        if (found) return found;
      }
      others.push(b);
    }
    // A constant, an instance, an import from outside the project: evaluated in that file.
    return others.length > 0 ? { kind: 'value', name, bindings: others, home: file.home } : null;
  }
}
