import * as vscode from 'vscode';
import { compileGlob, matchesAnyGlob } from '../workspace/glob';

const compiled = new Map<string, RegExp>();

function glob(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = compileGlob(pattern);
    compiled.set(pattern, regex);
  }
  return regex;
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
