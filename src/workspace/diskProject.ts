/**
 * A project read from disk, for `optim-lens check` and the worker threads: the analyser follows
 * calls into the other files under `roots`. Files are read once per checker (a check is one moment
 * of the tree; a later check makes a new one), and a missing file is remembered as missing.
 */
import { readFileSync } from 'node:fs';
import type { ProjectFiles } from '../analysis';

export function diskProject(roots: readonly string[]): ProjectFiles {
  const texts = new Map<string, string | null>();
  return {
    roots,
    read(path) {
      let text = texts.get(path);
      if (text === undefined) {
        try {
          text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
        } catch {
          text = null;
        }
        texts.set(path, text);
      }
      return text;
    },
  };
}
