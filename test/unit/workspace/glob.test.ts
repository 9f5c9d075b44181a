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
    // The literal start and end overlap in the path, not in a match.
    ['ab*ba', 'aba', false],
    ['ab*ba', 'abba', true],
    ['a*a', 'a', false],
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

describe('patterns that make a backtracking matcher take seconds per path', () => {
  // No timing assertion: a matcher that backtracks does not finish within the test's timeout.
  const deep = 'a/'.repeat(40);
  it.each<[string, string, boolean]>([
    ['**/'.repeat(16) + 'x.py', `${deep}y.py`, false],
    ['**/'.repeat(16) + 'x.py', `${deep}x.py`, true],
    ['**/'.repeat(16) + '*.py', `${'a'.repeat(200)}/b.pyc`, false],
    ['*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(200), false],
    ['*a*a*a*a*a*a*a*a*a*a*b', `${'a'.repeat(200)}b`, true],
    ['{a,a}'.repeat(30) + 'b', 'a'.repeat(30) + 'c', false],
    ['{a,a}'.repeat(30) + 'b', 'a'.repeat(30) + 'b', true],
    ['**/*.{py,ipynb}'.repeat(8), `${deep}x.py`.repeat(2), false],
  ])('%s against a %#th path', (pattern, path, expected) => {
    expect(compileGlob(pattern).test(path)).toBe(expected);
  });

  it('a path of a hundred thousand characters', () => {
    expect(compileGlob('**/vendor/**/*.py').test(`${'x/'.repeat(50_000)}vendor/a.py`)).toBe(true);
    expect(compileGlob('**/vendor/**/*.py').test(`${'x/'.repeat(50_000)}vendor/a.pyc`)).toBe(false);
  });
});

describe('classes, as git and VS Code read them', () => {
  it.each<[string, string, boolean]>([
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[]a]x', ']x', true],
    ['[!]a]x', 'bx', true],
    ['[!]a]x', ']x', false],
    ['[a-]x', '-x', true],
    ['[z-a]x', 'mx', false],
    ['[a/b]x', '/x', false],
    ['[!a]x', '/x', false],
    ['[abc', '[abc', true],
    ['a{b,c', 'a{b,c', true],
    ['{,x}a.py', 'a.py', true],
  ])('%s against %s: %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).test(path)).toBe(expected);
  });
});
