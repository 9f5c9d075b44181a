/**
 * The project an open Python file belongs to, for the analyser to follow calls into other files:
 * the workspace folders (or the file's own folder), each file read from its open editor when there
 * is one (unsaved edits count), else from disk. The analyser reads synchronously, so this is for
 * `file:` documents only (desktop and remote extension hosts, where the files are local to the
 * host); other schemes are analysed on their own, as before.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ProjectFiles, TextOptions } from '../analysis';

/** The analyser's spelling of a path (`/` separators). */
const slashed = (p: string) => p.replace(/\\/g, '/');

export function projectOptions(document: vscode.TextDocument): TextOptions | undefined {
  if (document.uri.scheme !== 'file') return undefined;
  const file = document.uri.fsPath;
  const folders = localFolders();
  return { path: file, project: editorsThenDisk(folders.length > 0 ? folders : [path.dirname(file)]) };
}

/** The workspace folders on this host's disk (the project roots of Check Workspace and open files). */
export function localFolders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

export function editorsThenDisk(roots: readonly string[]): ProjectFiles {
  return {
    roots,
    read(file) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && slashed(d.uri.fsPath) === file);
      if (open) return open.getText();
      try {
        return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        return null;
      }
    },
  };
}
