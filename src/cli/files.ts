import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Folders never worth walking: version control, dependencies, caches and virtual environments. */
const SKIPPED_DIRS = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.venv', 'venv', '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ipynb_checkpoints', 'site-packages', '.eggs']);

export const CHECKED_EXTENSIONS = ['.py', '.ipynb'];

export interface FileList {
  readonly files: string[];
  /** One line each: a path that does not exist or cannot be read. */
  readonly errors: string[];
}

/**
 * The files `check` reads: each file argument as given (whatever its extension), and every `.py` /
 * `.ipynb` below each folder argument, in a stable order. A folder holding `pyvenv.cfg` is a
 * virtual environment and is skipped whatever its name.
 */
export async function collectFiles(paths: readonly string[], cwd: string): Promise<FileList> {
  const files: string[] = [];
  const errors: string[] = [];
  for (const given of paths) {
    const full = path.resolve(cwd, given);
    try {
      const info = await stat(full);
      if (info.isDirectory()) await walk(full, files, errors);
      else files.push(full);
    } catch (error) {
      errors.push(`${given}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
    }
  }
  return { files: [...new Set(files)], errors };
}

async function walk(dir: string, files: string[], errors: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    errors.push(`${dir}: ${(error as Error).message}`);
    return;
  }
  if (entries.some((e) => e.isFile() && e.name === 'pyvenv.cfg')) return;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) await walk(full, files, errors);
    } else if (entry.isFile() && CHECKED_EXTENSIONS.includes(path.extname(entry.name).toLowerCase())) {
      files.push(full);
    }
  }
}
