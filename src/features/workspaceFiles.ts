import * as vscode from 'vscode';
import { readSettings } from './config';
import { isExcluded } from './excluded';
import { GitignoreMatcher } from '../workspace/gitignore';
import { inSkippedDir, SKIPPED_DIRS, VENV_MARKER } from '../workspace/tree';

/** Only folders this far above a workspace folder are searched for the top of its repository. */
const MAX_PARENTS = 32;

/**
 * The files a workspace check reads, in a stable order: `.py` and `.ipynb` files of every workspace
 * folder where Optim Lens is enabled, minus what `files.exclude` (applied by findFiles),
 * `optimLens.exclude`, `.gitignore` files and the never-walked folders of workspace/tree.ts leave out.
 */
export async function findWorkspaceFiles(token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const seen = new Set<string>();
  const found: vscode.Uri[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const uri of await folderFiles(folder, token)) {
      if (token.isCancellationRequested) return found;
      if (!seen.has(uri.toString())) {
        seen.add(uri.toString());
        found.push(uri);
      }
    }
  }
  return found;
}

async function folderFiles(folder: vscode.WorkspaceFolder, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const settings = readSettings(folder.uri);
  if (!settings.enable) return [];
  // Passing an exclude keeps files.exclude in force (only `null` turns it off).
  const skipped = `**/{${[...SKIPPED_DIRS].join(',')}}/**`;
  const find = (glob: string) => vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), skipped, undefined, token);
  const [candidates, ignoreFiles, venvMarkers] = await Promise.all([find('**/*.{py,ipynb}'), find('**/.gitignore'), find(`**/${VENV_MARKER}`)]);
  const ignores = await gitignores(folder.uri, ignoreFiles);
  const venvs = venvMarkers.map((marker) => parentPath(relativeTo(folder.uri, marker)));
  return candidates
    .filter((uri) => {
      const relative = relativeTo(folder.uri, uri);
      if (inSkippedDir(relative) || venvs.some((venv) => venv === '' || relative.startsWith(venv + '/'))) return false;
      if (ignores.matcher.ignores(relativeTo(ignores.root, uri))) return false;
      return !isExcluded(settings.exclude, uri);
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The `.gitignore` files that apply in `folder`: its own and those below it, and, when it lies in a
 * git repository, those of the folders above it up to the repository's top and `.git/info/exclude`.
 * Paths are matched relative to `root`, the repository's top (or the folder outside a repository).
 */
async function gitignores(folder: vscode.Uri, inside: readonly vscode.Uri[]): Promise<{ root: vscode.Uri; matcher: GitignoreMatcher }> {
  const top = await repositoryTop(folder);
  const root = top ?? folder;
  const files: vscode.Uri[] = [];
  if (top) {
    files.push(vscode.Uri.joinPath(top, '.git', 'info', 'exclude'));
    for (let dir = folder; dir.path !== top.path; ) {
      dir = vscode.Uri.joinPath(dir, '..');
      files.push(vscode.Uri.joinPath(dir, '.gitignore'));
    }
  }
  files.push(...inside);
  const texts = await Promise.all(files.map((uri) => readText(uri)));
  const matcher = new GitignoreMatcher();
  files.forEach((uri, i) => {
    const text = texts[i];
    const isInfo = top !== undefined && i === 0;
    if (text !== undefined) matcher.add({ dir: isInfo ? '' : parentPath(relativeTo(root, uri)), text });
  });
  return { root, matcher };
}

async function repositoryTop(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
  let dir = folder;
  for (let i = 0; i < MAX_PARENTS; i++) {
    // A worktree or submodule has a `.git` file instead of a folder.
    if (await exists(vscode.Uri.joinPath(dir, '.git'))) return dir;
    const parent = vscode.Uri.joinPath(dir, '..');
    if (parent.path === dir.path) return undefined;
    dir = parent;
  }
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then(
    () => true,
    () => false,
  );
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  return Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
    (bytes) => new TextDecoder().decode(bytes),
    () => undefined,
  );
}

/** `uri`'s path below `base` with `/` separators ('' for `base` itself). */
function relativeTo(base: vscode.Uri, uri: vscode.Uri): string {
  const prefix = base.path.replace(/\/$/, '');
  return uri.path === prefix ? '' : uri.path.startsWith(prefix + '/') ? uri.path.slice(prefix.length + 1) : uri.path;
}

function parentPath(relative: string): string {
  const slash = relative.lastIndexOf('/');
  return slash < 0 ? '' : relative.slice(0, slash);
}
