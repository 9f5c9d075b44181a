import { describe, expect, it } from 'vitest';
import { compileGlob, matchesAnyGlob } from '../../../src/workspace/glob';

describe('VS Code globs', () => {
  it.each<[string, string, boolean]>([
    ['**/vendor/**', '/home/me/proj/vendor/lib/a.py', true],
    ['**/vendor/**', 'vendor/a.py', true],
    ['**/vendor/**', '/home/me/proj/vendored/a.py', false],
    ['**/train_buggy.py', '/tmp/ws/train_buggy.py', true],
    ['**/train_buggy.py', '/tmp/ws/old_train_buggy.py', false],
    ['*.py', 'a.py', true],
    ['*.py', 'sub/a.py', false],
    ['**/*.{py,ipynb}', 'nb/explore.ipynb', true],
    ['**/*.{py,ipynb}', 'nb/explore.md', false],
    ['**/{gen,build/{a,b}}/*.py', 'x/build/b/m.py', true],
    ['**/{gen,build/{a,b}}/*.py', 'x/build/c/m.py', false],
    ['exp?/*.py', 'exp1/run.py', true],
    ['exp?/*.py', 'exp12/run.py', false],
    ['exp[!0-9]/*.py', 'expa/run.py', true],
    ['exp[!0-9]/*.py', 'exp1/run.py', false],
    ['data/**/cache.py', 'data/cache.py', true],
    ['data/**/cache.py', 'data/a/b/cache.py', true],
    ['data/**/cache.py', 'other/data/cache.py', false],
    ['a.b(c)+.py', 'a.b(c)+.py', true],
    ['a.b(c)+.py', 'axb(c)+.py', false],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).test(path)).toBe(expected);
  });

  it('an exclude matches the absolute path or the path in the workspace folder', () => {
    const patterns = ['vendor/**', '/abs/only/*.py'].map(compileGlob);
    expect(matchesAnyGlob(patterns, '/home/me/proj/vendor/a.py', 'vendor/a.py')).toBe(true);
    expect(matchesAnyGlob(patterns, '/home/me/proj/vendor/a.py')).toBe(false);
    expect(matchesAnyGlob(patterns, '/abs/only/x.py', 'x.py')).toBe(true);
    expect(matchesAnyGlob(patterns, 'C:\\abs\\only\\x.py')).toBe(false);
    expect(matchesAnyGlob([compileGlob('**/only/*.py')], 'C:\\abs\\only\\x.py')).toBe(true);
  });
});
