/**
 * The gitignore matcher against git itself: the same trees and ignore files, every path asked of
 * both `git check-ignore` and GitignoreMatcher.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GitignoreMatcher, parseGitignore } from '../../../src/workspace/gitignore';

const HAS_GIT = spawnSync('git', ['--version']).status === 0;

interface Scenario {
  /** Ignore files by folder ('' is the top); `info` is .git/info/exclude. */
  readonly ignoreFiles: Record<string, string>;
  readonly info?: string;
  /** Files (folders are the ones they lie in). */
  readonly files: readonly string[];
}

/** Every file and every folder of the scenario, folders marked with `/`. */
function allPaths(files: readonly string[]): string[] {
  const paths = new Set<string>();
  for (const file of files) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) paths.add(parts.slice(0, i).join('/') + '/');
    paths.add(file);
  }
  return [...paths].sort();
}

/** What git says: the set of ignored paths among the scenario's files and folders. */
function gitVerdicts(scenario: Scenario): string[] {
  const root = mkdtempSync(path.join(os.tmpdir(), 'optim-lens-gitignore-'));
  try {
    execFileSync('git', ['init', '-q'], { cwd: root });
    for (const file of scenario.files) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), '');
    }
    for (const [dir, text] of Object.entries(scenario.ignoreFiles)) {
      mkdirSync(path.join(root, dir), { recursive: true });
      writeFileSync(path.join(root, dir, '.gitignore'), text);
    }
    if (scenario.info !== undefined) writeFileSync(path.join(root, '.git', 'info', 'exclude'), scenario.info);
    const asked = allPaths(scenario.files).map((p) => p.replace(/\/$/, ''));
    const result = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], { cwd: root, input: asked.join('\n') + '\n', encoding: 'utf8' });
    if (result.status !== 0 && result.status !== 1) throw new Error(result.stderr);
    const ignored = new Set(result.stdout.split('\n').filter((l) => l !== ''));
    return allPaths(scenario.files).filter((p) => ignored.has(p.replace(/\/$/, '')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function ourVerdicts(scenario: Scenario): string[] {
  const files = Object.entries(scenario.ignoreFiles).map(([dir, text]) => ({ dir, text }));
  const matcher = new GitignoreMatcher(scenario.info === undefined ? files : [{ dir: '', text: scenario.info }, ...files]);
  return allPaths(scenario.files).filter((p) => (p.endsWith('/') ? matcher.ignores(p.slice(0, -1), true) : matcher.ignores(p)));
}

const TREE = [
  'train.py',
  'build/lib/model.py',
  'build/keep.py',
  'data/raw/load.py',
  'data/cache.py',
  'logs/run.py',
  'src/app/train.py',
  'src/app/gen/out.py',
  'src/app/notes.ipynb',
  'src/vendor/pkg/mod.py',
  'src/vendor/readme.py',
  'exp/a1/run.py',
  'exp/b2/run.py',
  'exp/[x]/run.py',
  'deep/a/b/c/gen/x.py',
  '#hash.py',
  '!bang.py',
  'space .py',
  'tmp1.py',
  'tmpA.py',
  'node/a.log',
  'a.log',
];

describe.skipIf(!HAS_GIT)('GitignoreMatcher agrees with git check-ignore', () => {
  it.each<[string, Scenario]>([
    ['names at any depth, folders only, anchors', { ignoreFiles: { '': 'build/\n/logs\ncache.py\n*.log\n' }, files: TREE }],
    ['negation, and no re-including below an ignored folder', { ignoreFiles: { '': 'build/\n!build/keep.py\n*.log\n!a.log\nexp/*\n!exp/b2\n' }, files: TREE }],
    ['** at the start, in the middle and at the end', { ignoreFiles: { '': '**/gen\nsrc/**/pkg\ndata/**\n!data/cache.py\ndeep/**/x.py\n' }, files: TREE }],
    ['?, classes, escapes, comments and trailing spaces', { ignoreFiles: { '': '# a comment\n\\#hash.py\n\\!bang.py\ntmp?.py   \nexp/[ab][0-9]/\nexp/\\[x\\]/\nspace\\ .py\n' }, files: TREE }],
    ['a nested file overrides its parent and anchors to its own folder', { ignoreFiles: { '': '*.py\n!*/\n!src/**\n', src: '/app/gen/\nvendor/*\n!vendor/readme.py\n', 'src/app': '!gen/\nnotes.ipynb\n' }, files: TREE }],
    ['.git/info/exclude yields to .gitignore', { info: 'train.py\n*.ipynb\nlogs/\n', ignoreFiles: { '': '!train.py\n' }, files: TREE }],
    ['a pattern with a slash in the middle is anchored', { ignoreFiles: { '': 'app/train.py\nsrc/app/train.py\nlib/model.py\n' }, files: TREE }],
    // gitignore(5)'s own examples: `foo/` a folder only, `/foo` and `doc/frotz` anchored, `**/foo`
    // anywhere, `abc/**` what is inside, `a/**/b` zero or more folders, `!` re-including a file.
    ['gitignore(5)’s examples', { ignoreFiles: { '': 'run.py/\n/a.log\nsrc/app\n**/pkg\nexp/**\ndeep/**/gen\n*.log\n!node/a.log\n' }, files: [...TREE, 'deep/gen/y.py', 'x/run.py/z.py'] }],
  ])('%s', (_name, scenario) => {
    expect(ourVerdicts(scenario)).toEqual(gitVerdicts(scenario));
  });

  it('on random patterns over a small tree', () => {
    const piece = fc.constantFrom('*', '**', '?', 'a', 'b', 'x.py', 'a*', '*.py', '[ab]', '[!a]', 'run.py', 'exp');
    const pattern = fc
      .tuple(fc.boolean(), fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 3 }), fc.boolean())
      .map(([negated, leading, parts, trailing]) => `${negated ? '!' : ''}${leading ? '/' : ''}${parts.join('/')}${trailing ? '/' : ''}`);
    const files = ['a/x.py', 'a/b/x.py', 'b/a/run.py', 'exp/a/b/run.py', 'exp/run.py', 'x.py', 'ab/x.py', 'b/b.py'];
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 4 }), fc.array(pattern, { maxLength: 2 }), (top, nested) => {
        const scenario = { ignoreFiles: { '': top.join('\n') + '\n', a: nested.join('\n') + '\n' }, files };
        expect(ourVerdicts(scenario)).toEqual(gitVerdicts(scenario));
      }),
      { numRuns: 30, seed: 8 },
    );
  }, 60_000);
});

describe('lines that make a backtracking matcher take seconds per file', () => {
  // No timing assertion: a matcher that backtracks does not finish within the test's timeout.
  it.each<[string, string, boolean]>([
    ['*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(300), false],
    ['*a*a*a*a*a*a*a*a*a*a*b', `x/${'a'.repeat(300)}b`, true],
    ['**/'.repeat(16) + 'x.py', `${'d/'.repeat(60)}y.py`, false],
    ['**/'.repeat(16) + 'x.py', `${'d/'.repeat(60)}x.py`, true],
    ['/' + '*/'.repeat(12) + '*b', 'a/'.repeat(12) + 'c', false],
  ])('%s against a %#th path', (line, path, expected) => {
    expect(new GitignoreMatcher([{ dir: '', text: `${line}\n` }]).ignores(path)).toBe(expected);
  });
});

describe('parseGitignore', () => {
  it('keeps rules in order and drops comments and blank lines', () => {
    const rules = parseGitignore('# build output\n\nbuild/\n!build/keep.py\r\n  \n');
    expect(rules.map((r) => [r.negated, r.dirOnly])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it('a file in an ignored folder stays ignored though a rule re-includes it', () => {
    const matcher = new GitignoreMatcher([{ dir: '', text: 'build/\n!build/keep.py\n' }]);
    expect(matcher.ignores('build/keep.py')).toBe(true);
    // Alone, the file's own verdict is "not ignored": a walk never gets there.
    expect(matcher.matches('build/keep.py', false)).toBe(false);
  });
});
