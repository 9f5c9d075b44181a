/**
 * `.gitignore` semantics (git's `gitignore(5)`), pure, for paths relative to one root (the
 * repository's top, or the checked folder when it is in no repository), with `/` separators.
 *
 * Rules of a file apply below its folder; a later rule beats an earlier one, and a deeper file beats
 * a shallower one. A path inside an ignored folder is ignored whatever a rule says about it, as in
 * git ("it is not possible to re-include a file if a parent directory of that file is excluded").
 * Not read: git's global `core.excludesFile`.
 */
import { globPieces, type PathMatcher } from './glob';
import { Automaton } from './globAutomaton';

interface Rule {
  readonly matcher: PathMatcher;
  readonly negated: boolean;
  readonly dirOnly: boolean;
}

/** The rules of one ignore file, in order; blank lines and comments dropped. */
export function parseGitignore(text: string): Rule[] {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line.endsWith('\\ ')) line = line.slice(0, -2) + ' ';
    if (line === '' || line.startsWith('#')) continue;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.slice(0, -1);
    if (line === '') continue;
    // A slash at the start or in the middle anchors the pattern to the file's folder; otherwise it
    // matches a name at any depth.
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = globPieces(line, { braces: false });
    rules.push({ matcher: new Automaton(anchored ? body : [{ k: 'folders' }, ...body]), negated, dirOnly });
  }
  return rules;
}

/** One ignore file: its folder relative to the root (`''` for the root itself) and its text. */
export interface IgnoreFile {
  readonly dir: string;
  readonly text: string;
}

export class GitignoreMatcher {
  private readonly files: { readonly dir: string; readonly rules: readonly Rule[] }[] = [];
  private readonly dirVerdicts = new Map<string, boolean>();

  /** Files in any order; ones added for the same folder apply in the order given. */
  constructor(files: readonly IgnoreFile[] = []) {
    for (const file of files) this.add(file);
  }

  add(file: IgnoreFile): void {
    const dir = file.dir.replace(/^\/+|\/+$/g, '');
    const rules = parseGitignore(file.text);
    if (rules.length === 0) return;
    this.files.push({ dir, rules });
    // Shallow folders first, so that deeper files, read later, override them.
    this.files.sort((a, b) => depth(a.dir) - depth(b.dir));
    this.dirVerdicts.clear();
  }

  get empty(): boolean {
    return this.files.length === 0;
  }

  /**
   * The verdict on `path` alone, not looking at its folders: for a walk that does not enter ignored
   * folders anyway.
   */
  matches(path: string, isDir: boolean): boolean {
    let ignored = false;
    for (const file of this.files) {
      if (file.dir !== '' && !path.startsWith(file.dir + '/')) continue;
      const relative = file.dir === '' ? path : path.slice(file.dir.length + 1);
      for (const rule of file.rules) {
        if (rule.dirOnly && !isDir) continue;
        if (rule.matcher.test(relative)) ignored = !rule.negated;
      }
    }
    return ignored;
  }

  /** Whether `path` is ignored, itself or through one of its folders. */
  ignores(path: string, isDir = false): boolean {
    const parts = path.split('/').filter((p) => p !== '');
    let prefix = '';
    for (let i = 0; i < parts.length - 1; i++) {
      prefix = prefix === '' ? parts[i]! : `${prefix}/${parts[i]}`;
      let verdict = this.dirVerdicts.get(prefix);
      if (verdict === undefined) {
        verdict = this.matches(prefix, true);
        this.dirVerdicts.set(prefix, verdict);
      }
      if (verdict) return true;
    }
    return parts.length > 0 && this.matches(parts.join('/'), isDir);
  }
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
