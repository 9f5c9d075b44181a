/**
 * The pre-commit hook as pre-commit reads it: `.pre-commit-hooks.yaml` (checked as text: the
 * project has no YAML parser, and the file is a handful of `key: value` lines), the `optim-lens`
 * command it runs (package.json's bin), and the tarball pre-commit installs (`npm pack`), which
 * must carry the built CLI and what it reads. `pre-commit try-repo` itself runs outside the tests
 * (it installs every dependency from the registry); see the README.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../lsp/client';

const root = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };

/** The hook's `key: value` lines (one hook in the file, so no nesting to follow). */
function hookFields(): Record<string, string> {
  const text = readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8');
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^[-\s]\s(\w+):\s*(.+)$/.exec(line);
    if (m) fields[m[1]!] = m[2]!.trim();
  }
  return fields;
}

describe('.pre-commit-hooks.yaml', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('runs optim-lens check as a node hook on Python files and notebooks', () => {
    const hook = hookFields();
    expect(hook).toMatchObject({ id: 'optim-lens', entry: 'optim-lens check', language: 'node', types_or: '[python, jupyter]', require_serial: 'true' });
    expect(Object.keys(manifest.bin)).toContain(hook.entry!.split(' ')[0]);
  });

  it('installs from a tarball that carries the built CLI, its parser, translations and rule pages', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { files: { path: string }[] }[];
    const files = pack!.files.map((f) => f.path).sort();
    for (const file of ['dist/cli.js', 'dist/workspaceWorker.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'l10n/bundle.l10n.zh-cn.json', 'docs/rules/OL001.md', 'package.json']) {
      expect(files).toContain(file);
    }
    // The postinstall script runs in the installed package too, where it must exist (and does nothing).
    expect(manifest.scripts.postinstall).toBe('node scripts/build-if-missing.mjs');
    expect(files).toContain('scripts/build-if-missing.mjs');
    expect(files.filter((f) => /^(src|test|node_modules|webview)\//.test(f) || f.endsWith('.map'))).toEqual([]);
  });
});
