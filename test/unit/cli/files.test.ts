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

/** Empty files, by path. */
function empty(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, '']));
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

  it('leaves out what .gitignore files ignore, nested ones included', async () => {
    const root = tree({
      '.gitignore': 'build/\n*_generated.py\n!keep_generated.py\n',
      'exp/.gitignore': '/runs\n',
      ...empty('train.py', 'build/lib/model.py', 'a_generated.py', 'keep_generated.py', 'exp/runs/r1.py', 'exp/sub/runs/r2.py'),
    });
    const { files } = await collectFiles(['.'], root);
    expect(files.map((f) => path.relative(root, f))).toEqual(['exp/sub/runs/r2.py', 'keep_generated.py', 'train.py']);
  });

  it('reads the .gitignore files above a folder up to the top of its repository, and .git/info/exclude', async () => {
    const root = tree({
      '.git/info/exclude': 'scratch.py\n',
      '.gitignore': 'src/gen/\n',
      'src/.gitignore': 'old.py\n',
      ...empty('src/train.py', 'src/old.py', 'src/scratch.py', 'src/gen/out.py'),
    });
    const { files } = await collectFiles(['src'], root);
    expect(files.map((f) => path.relative(root, f))).toEqual(['src/train.py']);
  });

  it('outside a repository, only the walked folders’ .gitignore files count', async () => {
    const root = tree({ '.gitignore': 'src/\n', 'src/train.py': '' });
    expect((await collectFiles(['src'], root)).files.map((f) => path.relative(root, f))).toEqual(['src/train.py']);
    expect((await collectFiles(['.'], root)).files).toEqual([]);
  });

  it('checks a file named on the command line even when it is ignored', async () => {
    const root = tree({ '.gitignore': '*.py\n', 'train.py': '' });
    expect((await collectFiles(['.'], root)).files).toEqual([]);
    expect((await collectFiles(['train.py'], root)).files).toEqual([path.join(root, 'train.py')]);
  });
});
