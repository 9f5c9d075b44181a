import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { GitignoreMatcher } from '../workspace/gitignore';
import { isCheckedName, SKIPPED_DIRS, VENV_MARKER } from '../workspace/tree';

export interface FileList {
  readonly files: string[];
  /** One line each: a path that does not exist or cannot be read. */
  readonly errors: string[];
}

/**
 * The files `check` reads: each file argument as given (whatever its extension, ignored or not),
 * and every `.py` / `.ipynb` below each folder argument, in a stable order, leaving out what
 * `.gitignore` files ignore (see Ignores) and the folders of workspace/tree.ts.
 *
 * Only regular files are read: a FIFO waits for a writer forever and `/dev/zero` never ends. One
 * named on the command line is an error line (the user asked for it); one met while walking a
 * folder is left out silently, like any file that is not `.py` or `.ipynb`.
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<FileList> {
  const files: string[] = [];
  const errors: string[] = [];
  const ignores = new Ignores();
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    try {
      const info = await stat(full);
      if (info.isDirectory()) await walk(full, await ignores.forFolder(full), files, errors);
      else if (info.isFile()) files.push(full);
      else errors.push(`${given}: ${l10n.t('not a regular file, skipped')}`);
    } catch (error) {
      errors.push(`${given}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
    }
  }
  return { files: [...new Set(files)], errors };
}

/** What a walk below one root knows: the matcher and the folders whose `.gitignore` it holds. */
interface WalkIgnores {
  readonly root: string;
  readonly matcher: GitignoreMatcher;
  readonly read: Set<string>;
}

/**
 * `.gitignore` files as git reads them: those of the walked folders, and of the folders above a
 * folder argument up to the top of its repository (the nearest folder holding `.git`), plus the
 * repository's `.git/info/exclude`. Outside a repository, only the walked folders' files count.
 */
class Ignores {
  private readonly byRoot = new Map<string, WalkIgnores>();

  async forFolder(folder: string): Promise<WalkIgnores> {
    const top = await repositoryTop(folder);
    const root = top ?? folder;
    let ignores = this.byRoot.get(root);
    if (!ignores) {
      ignores = { root, matcher: new GitignoreMatcher(), read: new Set() };
      this.byRoot.set(root, ignores);
      if (top) {
        const exclude = await readText(path.join(top, '.git', 'info', 'exclude'));
        if (exclude !== undefined) ignores.matcher.add({ dir: '', text: exclude });
      }
    }
    for (let dir = root; ; ) {
      await loadGitignore(ignores, dir);
      if (dir === folder) break;
      const next = path.relative(dir, folder).split(path.sep)[0]!;
      dir = path.join(dir, next);
    }
    return ignores;
  }
}

async function repositoryTop(folder: string): Promise<string | undefined> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    // A worktree or submodule has a `.git` file instead of a folder.
    if (await stat(path.join(dir, '.git')).then(() => true, () => false)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** A regular file's text; nothing for anything else (a FIFO named `.gitignore` would block the walk). */
async function readText(file: string): Promise<string | undefined> {
  const info = await stat(file).catch(() => undefined);
  return info?.isFile() ? readFile(file, 'utf8').catch(() => undefined) : undefined;
}

async function loadGitignore(ignores: WalkIgnores, dir: string): Promise<void> {
  if (ignores.read.has(dir)) return;
  ignores.read.add(dir);
  const text = await readText(path.join(dir, '.gitignore'));
  if (text !== undefined) ignores.matcher.add({ dir: toPosix(path.relative(ignores.root, dir)), text });
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

async function walk(dir: string, ignores: WalkIgnores, files: string[], errors: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(`${dir}: ${(error as Error).message}`);
    return;
  }
  if (entries.some((e) => e.isFile() && e.name === VENV_MARKER)) return;
  if (entries.some((e) => e.isFile() && e.name === '.gitignore')) await loadGitignore(ignores, dir);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const relativeDir = toPosix(path.relative(ignores.root, dir));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const relative = relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name) && !ignores.matcher.matches(relative, true)) await walk(full, ignores, files, errors);
    } else if (entry.isFile() && isCheckedName(entry.name) && !ignores.matcher.matches(relative, false)) {
      files.push(full);
    }
  }
}
