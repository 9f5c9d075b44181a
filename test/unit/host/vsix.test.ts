import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RULE_CODES } from '../../../src/analysis';

const root = path.resolve(__dirname, '../../..');

/** The files `vsce package` would put in the VSIX, as it lists them. */
function packagedFiles(): string[] {
  const out = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  return out.split('\n').filter((line) => line.trim() !== '');
}

describe('the VSIX', () => {
  let files: string[] = [];
  beforeAll(() => {
    if (!['extension.js', 'analyzer.js'].every((f) => existsSync(path.join(root, 'dist', f)))) execFileSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'ignore' });
    files = packagedFiles();
  }, 60_000);

  it('holds only what runs and what the user reads', () => {
    const allowed = /^(dist\/[^/]+\.(js|wasm)|dist\/webview\/[^/]+\.(js|css)|media\/[^/]+|l10n\/bundle\.l10n\.[\w-]+\.json|docs\/rules\/OL\d{3}\.md|package(\.nls(\.[\w-]+)?)?\.json|README\.md|LICENSE)$/;
    expect(files.filter((file) => !allowed.test(file))).toEqual([]);
    expect(files.some((file) => /^(src|test|node_modules|webview|scripts)\//.test(file) || file.endsWith('.map'))).toBe(false);
  });

  it('carries the bundles, the parser, the translations and every rule page', () => {
    for (const file of ['dist/extension.js', 'dist/analyzer.js', 'dist/cli.js', 'dist/tree-sitter.wasm', 'dist/tree-sitter-python.wasm', 'package.nls.zh-cn.json', 'l10n/bundle.l10n.zh-cn.json']) {
      expect(files).toContain(file);
    }
    for (const code of RULE_CODES) expect(files).toContain(`docs/rules/${code}.md`);
  });
});
