import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../../../src/cli/files';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-files-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe('collectFiles', () => {
  it('walks folders for .py and .ipynb, skipping VCS, dependencies and virtualenvs', async () => {
    const root = tree({
      'train.py': '',
      'nb/explore.ipynb': '{}',
      'nb/notes.md': '',
      'pkg/sub/model.PY': '',
      '.git/hooks/x.py': '',
      'node_modules/a/b.py': '',
      '.venv/lib/c.py': '',
      'myenv/pyvenv.cfg': '',
      'myenv/lib/d.py': '',
      'env/rl_env.py': '',
    });
    const { files, errors } = await collectFiles(['.'], root);
    expect(errors).toEqual([]);
    expect(files.map((f) => path.relative(root, f)).sort()).toEqual(['env/rl_env.py', 'nb/explore.ipynb', 'pkg/sub/model.PY', 'train.py']);
  });

  it('takes a named file whatever its extension, and reports missing paths', async () => {
    const root = tree({ 'script.txt': '' });
    const { files, errors } = await collectFiles(['script.txt', 'missing.py'], root);
    expect(files).toEqual([path.join(root, 'script.txt')]);
    expect(errors).toEqual(['missing.py: no such file or directory']);
  });

  it('lists a file named twice once', async () => {
    const root = tree({ 'a.py': '' });
    const { files } = await collectFiles(['a.py', '.', './a.py'], root);
    expect(files).toEqual([path.join(root, 'a.py')]);
  });
});
