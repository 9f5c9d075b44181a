/**
 * Which files of a folder tree are checked, the same for `optim-lens check DIR` and "Check
 * Workspace": `.py` and `.ipynb` files, outside version-control folders, dependencies, caches and
 * virtual environments (a folder holding `pyvenv.cfg` is one, whatever its name).
 */

/** Folders never worth walking. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ipynb_checkpoints',
  'site-packages',
  '.eggs',
]);

export const CHECKED_EXTENSIONS: readonly string[] = ['.py', '.ipynb'];

/** The file that marks a folder as a virtual environment. */
export const VENV_MARKER = 'pyvenv.cfg';

export function isCheckedName(name: string): boolean {
  const lower = name.toLowerCase();
  return CHECKED_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length);
}

/** Whether a `/`-separated relative path lies in a folder that is never walked. */
export function inSkippedDir(relativePath: string): boolean {
  const parts = relativePath.split('/');
  return parts.slice(0, -1).some((part) => SKIPPED_DIRS.has(part));
}
