/**
 * The other files of a project, as the host gives them, and what the analyser keeps of them
 * between analyses: each file's statements and module-level names, by path, reused while its text
 * is the same (the text is kept and compared, so nothing is re-parsed for an unchanged file).
 */
import type { SafeParser } from '../syntax/treeSitter';
import { ModelCache, ModuleIndex } from '../model/module';
import { Activation, type ForeignHome } from '../model/values';
import { Source, type ForeignFile } from '../syntax/source';

/** How the analyser reads the project around the analysed file; pure, so the host does the I/O. */
export interface ProjectFiles {
  /** Folders holding the project's modules (imports are also resolved next to the importing file). */
  readonly roots: readonly string[];
  /** A file's text, or null when there is none. Paths are absolute, with `/` separators. */
  read(path: string): string | null;
}

/** `C:\a\b\` → `C:/a/b`: one spelling, so paths compare equal. */
export function normalizePath(path: string): string {
  const slashed = path.replace(/\\/g, '/');
  return slashed.length > 1 ? slashed.replace(/\/+$/, '') : slashed;
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? (slash === 0 ? '/' : '.') : path.slice(0, slash);
}

export function joinPath(dir: string, rest: string): string {
  return dir.endsWith('/') ? `${dir}${rest}` : `${dir}/${rest}`;
}

/** One file of the project as last read. */
export class ProjectFile {
  readonly file: ForeignFile;
  readonly source: Source;
  readonly index: ModuleIndex;
  readonly home: ForeignHome;

  constructor(parser: SafeParser, path: string, text: string) {
    this.file = { path, text };
    // Always prefiltered: what is read of another file must not depend on the caller's setting
    // (module-level lookups there parse whatever they need, see ForeignHome.find).
    this.source = new Source(parser, text);
    for (const c of this.source.chunks) c.file = this.file;
    const cache = new ModelCache();
    const index = new ModuleIndex(this.source, cache, new Set(this.source.relevant()));
    this.index = index;
    this.home = { env: index, act: new Activation(null, null, null, null), find: (name) => index.lookup(name, true), dir: dirname(path) };
  }
}

/** Files read so far, by path; at most `limit`, the least recently used dropped first. */
export class ProjectIndex {
  private readonly files = new Map<string, ProjectFile>();
  private readonly byFile = new WeakMap<ForeignFile, ProjectFile>();
  private readonly byAct = new WeakMap<Activation, ProjectFile>();

  constructor(
    private readonly parser: SafeParser,
    private readonly limit = 256,
  ) {}

  /** The file at `path` with `text`: the kept one when its text is the same. */
  file(path: string, text: string): ProjectFile {
    const kept = this.files.get(path);
    if (kept) {
      this.files.delete(path);
      if (kept.file.text === text) {
        this.files.set(path, kept);
        return kept;
      }
    }
    const fresh = new ProjectFile(this.parser, path, text);
    this.files.set(path, fresh);
    this.byFile.set(fresh.file, fresh);
    this.byAct.set(fresh.home.act, fresh);
    for (const [old] of this.files) {
      if (this.files.size <= this.limit) break;
      this.files.delete(old);
    }
    return fresh;
  }

  ofFile(file: ForeignFile): ProjectFile | null {
    return this.byFile.get(file) ?? null;
  }

  ofAct(act: Activation): ProjectFile | null {
    return this.byAct.get(act) ?? null;
  }
}
