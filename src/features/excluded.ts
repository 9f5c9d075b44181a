import * as vscode from 'vscode';
import { compileGlob, matchesAnyGlob, type PathMatcher } from '../workspace/glob';

const compiled = new Map<string, PathMatcher>();

function glob(pattern: string): PathMatcher {
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = compileGlob(pattern);
    compiled.set(pattern, matcher);
  }
  return matcher;
}

/**
 * Whether `optimLens.exclude` patterns leave `uri` out: the same test for an open document and for a
 * file a workspace check finds. A notebook is judged by the notebook's URI (a cell's has its path).
 */
export function isExcluded(patterns: readonly string[], uri: vscode.Uri): boolean {
  if (patterns.length === 0) return false;
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const prefix = folder ? folder.uri.path.replace(/\/$/, '') + '/' : undefined;
  const relative = prefix && uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
  return matchesAnyGlob(patterns.map(glob), uri.fsPath, relative);
}
