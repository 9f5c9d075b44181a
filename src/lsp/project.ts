/**
 * The project a language client's open file belongs to, for the analyser to follow calls into other
 * files: the workspace folders (or the file's own folder), each file read from the client's open
 * document when there is one (unsaved edits count), else from disk — as the extension does
 * (src/features/projectFiles.ts). Only `file:` URIs have a project: the analyser reads synchronously.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ProjectFiles, TextOptions } from '../analysis';

/** The analyser's spelling of a path (`/` separators). */
export const slashed = (p: string) => p.replace(/\\/g, '/');

/** A `file:` URI's path, or undefined for any other scheme. */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

export function openThenDisk(roots: readonly string[], openText: (path: string) => string | undefined): ProjectFiles {
  return {
    roots,
    read(file) {
      const open = openText(file);
      if (open !== undefined) return open;
      try {
        return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      } catch {
        return null;
      }
    },
  };
}

/**
 * @param folders the workspace folders' paths
 * @param openText an open document's text by its (slashed) path
 */
export function projectOptions(uri: string, folders: readonly string[], openText: (path: string) => string | undefined): TextOptions | undefined {
  const file = filePath(uri);
  if (file === undefined) return undefined;
  return { path: file, project: openThenDisk(folders.length > 0 ? folders : [path.dirname(file)], openText) };
}

/** The workspace folder holding `file`, and the path relative to it (for `optimLens.exclude`). */
export function relativeToFolders(file: string, folders: readonly string[]): string | undefined {
  const target = slashed(file);
  for (const folder of folders) {
    const prefix = slashed(folder).replace(/\/$/, '') + '/';
    if (target.startsWith(prefix)) return target.slice(prefix.length);
  }
  return undefined;
}
